/**
 * Differential checking, the type side: which Zig `pub fn` signatures are checkable values, how the port's Rust
 * signature corresponds to them (the porting guide's adaptations), and why a function is skipped when it does not.
 *
 * Checkable: integers of any width up to 64 bits (`u8`, `i32`, `u10`, `usize`), `f32`/`f64`, `bool`,
 * `[]const u8`, project enums, slices of integers, floats and bools, and optionals and error unions of those
 * (`?T`, `E!T`, `!T`), `void` results, project structs of checkable fields as results, and `anytype` parameters
 * the port reads. Adaptations:
 * `[]const u8` ↔ `&[u8]` or `&str` (inputs that are not UTF-8 are skipped and counted for `&str`), a returned
 * `[]const u8`/`[]u8` ↔ `Vec<u8>`, `&[u8]`, `String` or `&str`, allocator parameters dropped, `!T` ↔
 * `Result<T, E>` (or `T` when the port drops the error union: Zig errors then show as deviations), `?T` ↔
 * `Option<T>`, a Zig integer ↔ a Rust integer of the same signedness at least as wide, `u8` ↔ `char` (ASCII),
 * `anytype` ↔ `impl Read`/`&mut R` with `R: Read`. Receivers (an enum's, a struct's in a sequence) and
 * `comptime T: type` parameters (instantiated) are handled by `checkable`'s options.
 */

export type CheckType =
  | { k: 'int'; signed: boolean; bits: number }
  | { k: 'float'; bits: 32 | 64 }
  | { k: 'bool' }
  | { k: 'bytes' }
  | { k: 'void' }
  | { k: 'opt'; inner: CheckType }
  | { k: 'err'; inner: CheckType }
  | { k: 'slice'; elem: CheckType; mutable: boolean }
  /** An `anytype` parameter the port takes as a `std::io::Read`: both sides read the same bytes. */
  | { k: 'reader' }
  | ZigEnum
  | ZigStruct;

/** A project struct whose fields are all checkable (results only), and its port. */
export interface ZigStruct {
  k: 'struct';
  name: string;
  /** Zig field names and types, in declaration order (printed in this order on both sides). */
  fields: Array<{ name: string; type: CheckType }>;
  /** `crate::util::Pair`: the port's struct. */
  rustPath: string;
  /** The port's file, and its lifetime parameters (`Pair<'a>` → 1: the harness writes `Pair<'_>`). */
  rustFile: string;
  lifetimes?: number;
}

/** A project type a Zig type name resolves to: an enum, or a struct of checkable fields. */
export type ZigNamed = ZigEnum | ZigStruct;

/** A project enum (exhaustive, declared at the top level of a ported library file), and its port. */
export interface ZigEnum {
  k: 'enum';
  /** The enum's name (`Op`). */
  name: string;
  /** Zig field names in order. */
  variants: string[];
  /** `crate::token::Op`: the port's enum, and its file. */
  rustPath: string;
  rustFile: string;
  /** The port's variant for each Zig field (filled when the port's enum is read). */
  rustVariants?: string[];
}

/** Rust types the harness can call with or print. */
export type RustType =
  | { k: 'int'; signed: boolean; bits: number; name: string }
  | { k: 'float'; bits: 32 | 64 }
  | { k: 'bool' }
  | { k: 'bytes'; form: 'slice' | 'str' | 'vec' | 'string' }
  | { k: 'unit' }
  | { k: 'opt'; inner: RustType }
  | { k: 'result'; inner: RustType }
  /** A named type of the crate: an enum or a struct (`name` without path or generics). */
  | { k: 'enum'; name: string }
  | { k: 'char' }
  | { k: 'reader' }
  | { k: 'slice'; elem: RustType; form: 'slice' | 'vec' };

/** Splits `a, b<c, d>, e` at top-level commas. */
export function splitTop(text: string, sep = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c) && !(c === '>' && text[i - 1] === '-')) depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** A Zig type as written → a checkable type, or the reason it is not one. */
export function zigType(text: string): CheckType | string {
  const t = text.trim();
  if (t === 'void') return { k: 'void' };
  if (t === 'bool') return { k: 'bool' };
  if (t === 'f32' || t === 'f64') return { k: 'float', bits: t === 'f32' ? 32 : 64 };
  if (t === 'usize' || t === 'isize') return { k: 'int', signed: t === 'isize', bits: 64 };
  const int = /^([ui])(\d+)$/.exec(t);
  if (int !== null) {
    const bits = Number(int[2]);
    return bits >= 1 && bits <= 64 ? { k: 'int', signed: int[1] === 'i', bits } : `integer wider than 64 bits (${t})`;
  }
  if (/^\[\](const\s+)?u8$/.test(t)) return { k: 'bytes' };
  if (t.startsWith('?')) {
    const inner = zigType(t.slice(1));
    return typeof inner === 'string' ? inner : inner.k === 'void' ? 'optional void' : { k: 'opt', inner };
  }
  // `E!T`, `(A || B)!T`, `!T`: the error set is whatever the function returns; names are compared.
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '!' && depth === 0) {
      const inner = zigType(t.slice(i + 1));
      return typeof inner === 'string' ? inner : inner.k === 'err' ? 'nested error union' : { k: 'err', inner };
    }
  }
  const slice = /^\[\](const\s+)?(.+)$/.exec(t);
  if (slice !== null) {
    const elem = zigType(slice[2]!);
    if (typeof elem !== 'string' && (elem.k === 'int' || elem.k === 'float' || elem.k === 'bool')) return { k: 'slice', elem, mutable: slice[1] === undefined };
    return `slice of ${slice[2]}`;
  }
  if (t.startsWith('*')) return 'pointer';
  if (t === 'anytype' || t === 'type') return t;
  return `type ${t}`;
}

/** A Rust type as written → a type the harness handles, or the reason it is not one. */
export function rustType(text: string): RustType | string {
  const t = text.replace(/'[A-Za-z_]\w*\s*/g, '').replace(/<\s*,\s*/g, '<').replace(/<\s*>/g, '').replace(/\s+/g, ' ').trim();
  if (t === '()' || t === '') return { k: 'unit' };
  if (t === 'char') return { k: 'char' };
  if (t === 'bool') return { k: 'bool' };
  if (t === 'f32' || t === 'f64') return { k: 'float', bits: t === 'f32' ? 32 : 64 };
  if (t === 'usize' || t === 'isize') return { k: 'int', signed: t === 'isize', bits: 64, name: t };
  const int = /^([ui])(8|16|32|64|128)$/.exec(t);
  if (int !== null) return { k: 'int', signed: int[1] === 'i', bits: Number(int[2]), name: t };
  if (/^&\s*\[u8\]$/.test(t)) return { k: 'bytes', form: 'slice' };
  if (/^&\s*str$/.test(t)) return { k: 'bytes', form: 'str' };
  if (/^(std::vec::)?Vec<u8>$/.test(t)) return { k: 'bytes', form: 'vec' };
  if (/^(std::string::)?String$/.test(t)) return { k: 'bytes', form: 'string' };
  const list = /^(?:&\s*\[(.+)\]|(?:std::vec::)?Vec<(.+)>)$/.exec(t);
  if (list !== null) {
    const elem = rustType(list[1] ?? list[2]!);
    if (typeof elem !== 'string' && (elem.k === 'int' || elem.k === 'float' || elem.k === 'bool')) return { k: 'slice', elem, form: list[1] !== undefined ? 'slice' : 'vec' };
    return `Rust type ${t}`;
  }
  const named = /^(?:&\s*)?(?:(?:crate|super|self|[a-z_]\w*)::)*([A-Z]\w*)$/.exec(t);
  if (named !== null && named[1] !== 'String') return { k: 'enum', name: named[1]! };
  const generic = /^(?:std::option::|std::result::)?(Option|Result)<(.*)>$/.exec(t);
  if (generic !== null) {
    const args = splitTop(generic[2]!);
    const inner = rustType(args[0] ?? '');
    if (typeof inner === 'string') return inner;
    return generic[1] === 'Option' ? { k: 'opt', inner } : { k: 'result', inner };
  }
  return `Rust type ${t}`;
}

export interface ZigParam {
  name: string;
  type: string;
}

/** `pub fn name(a: T, b: U) R` → its name, parameters and result type, or undefined when not a plain fn. */
export function zigSignature(signature: string): { name: string; params: ZigParam[]; result: string } | undefined {
  const m = /^\s*pub\s+(?:inline\s+)?fn\s+([A-Za-z_]\w*)\s*\(/.exec(signature);
  if (m === null) return undefined;
  let depth = 1;
  let i = m[0].length;
  for (; i < signature.length && depth > 0; i++) {
    if (signature[i] === '(') depth++;
    else if (signature[i] === ')') depth--;
  }
  const params = splitTop(signature.slice(m[0].length, i - 1)).map((p) => {
    const colon = p.indexOf(':');
    return { name: p.slice(0, colon).trim(), type: p.slice(colon + 1).trim() };
  });
  return { name: m[1]!, params, result: signature.slice(i).replace(/\bcallconv\(.*?\)/, '').trim() };
}

/** The header of a Rust fn (up to its body) → parameters, result type and type parameters, or undefined. */
export function rustSignature(header: string): { params: Array<{ name: string; type: string }>; result: string; generic: boolean; typeParams: string[] } | undefined {
  const m = /\bfn\s+(?:r#)?[A-Za-z_]\w*\s*(<[^(]*>)?\s*\(/.exec(header);
  if (m === null) return undefined;
  let depth = 1;
  let i = m.index + m[0].length;
  for (; i < header.length && depth > 0; i++) {
    if (header[i] === '(') depth++;
    else if (header[i] === ')') depth--;
  }
  const params = splitTop(header.slice(m.index + m[0].length, i - 1)).map((p) => {
    const colon = p.indexOf(':');
    return colon < 0 ? { name: p, type: '' } : { name: p.slice(0, colon).trim(), type: p.slice(colon + 1).trim() };
  });
  const rest = header.slice(i).replace(/\bwhere\b[\s\S]*$/, '').replace(/\{[\s\S]*$/, '').trim();
  const typeParams = m[1] === undefined ? [] : typeParamNames(m[1]);
  return { params, result: rest.startsWith('->') ? rest.slice(2).trim() : '()', generic: typeParams.length > 0, typeParams };
}

/** `<'a, T: Ord, const N: usize>` → the type parameters' names (`T`); lifetimes and consts are not types. */
function typeParamNames(generics: string): string[] {
  return splitTop(generics.replace(/^<|>$/g, ''))
    .filter((p) => !p.startsWith("'") && !p.startsWith('const '))
    .map((p) => /^[A-Za-z_]\w*/.exec(p)?.[0] ?? '')
    .filter((n) => n !== '');
}

/** Replaces whole-word names in a type or signature text (`T` → `i32`). */
export function substitute(text: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return text;
  return text.replace(/(?<![\w.@])[A-Za-z_]\w*(?!\w)/g, (w) => names.get(w) ?? w);
}

const ALLOCATOR = /^(std\.mem\.)?Allocator$/;

/** Zig `camelCase` → Rust `snake_case` (how the porting guide names functions). */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export interface CheckableFn {
  /** The name shown and compared (`add`, `Op.precedence`, `max(i32)`, `Stack(i32)`, `decode(encode)`). */
  zigName: string;
  rustName: string;
  /** The Zig callee from the harness (`target.Op.fromChar`); default `target.<zigName>`. */
  zigCallee?: string;
  /** The Rust callee relative to the file's module (`Op::from_char`, `max::<i32>`); default `<rustName>`. */
  rustCallee?: string;
  /**
   * Zig parameters in order: `allocator` ones are passed an arena by the Zig harness and dropped on the Rust side;
   * `comptime` ones are the type a generic function is instantiated with.
   */
  zigParams: Array<{ type: CheckType | 'allocator' } | { comptime: string }>;
  /** The checked parameters (allocators dropped), with their Rust type. */
  params: Array<{ zig: CheckType; rust: RustType }>;
  result: { zig: CheckType; rust: RustType };
  /** The port takes its first parameter by reference (an enum method's `&self`). */
  refFirst?: boolean;
  /** A generic function's parameter types as instantiated (`[]const i32`): the harness writes them out. */
  zigTypes?: string[];
  /** Lines of the Zig file holding the functions this check calls (a compile error there drops the check alone). */
  lines?: Array<[number, number]>;
  /** The pub fns this check exercises (default: `zigName`); a sequence covers its constructor and methods. */
  covers?: string[];
  /** A round trip: this function's result is passed to `then` (`decode(encode(x))`) and `then`'s result printed. */
  then?: CheckableFn;
  /** A struct exercised through its constructor: each input is a constructor call and a sequence of method calls. */
  seq?: SequenceSpec;
}

/**
 * A struct (or an instance of a generic one) checked through the constructor its file provides: each input is
 * `ctor(args)` followed by method calls on the value it built; the record is every call's result in turn.
 */
export interface SequenceSpec {
  /** The type from the harness: `target.Store`, `target.Stack(i32)`. */
  zigType: string;
  /** The port's type relative to the file's module: `Store`, `Stack::<i32>`. */
  rustType: string;
  /** The constructor (its result is the value; `fails`: a Zig error union, a Rust `Result`). */
  ctor: CheckableFn;
  fails: boolean;
  /** The methods called on the value (receiver not among `params`). */
  methods: CheckableFn[];
}

export interface CheckableOptions {
  /** Type names the Zig receiver may be written as (`Self`, `@This()`, the container's name). */
  receiverTypes?: readonly string[];
  /**
   * `drop`: a method of a sequence: the receiver is the value built, not a parameter (the port must take
   * `&self` or `&mut self`). `value`: an enum's method: the receiver is its first parameter.
   */
  receiver?: 'drop' | 'value';
  /** Zig `comptime T: type` parameters → the type to instantiate with (`T` → `i32`), in order. */
  typeArgs?: readonly string[];
}

/** Whether a Zig type and the port's Rust type correspond by the porting guide's rules. */
function matches(zig: CheckType, rust: RustType, result: boolean): boolean {
  switch (zig.k) {
    case 'int':
      // A byte the port takes or gives as a `char` (inputs are ASCII: see the harness's accept rule).
      if (rust.k === 'char') return !zig.signed && zig.bits === 8;
      return rust.k === 'int' && rust.signed === zig.signed && rust.bits >= zig.bits && rust.bits <= 64;
    case 'float':
      return rust.k === 'float' && rust.bits === zig.bits;
    case 'bool':
      return rust.k === 'bool';
    case 'void':
      return rust.k === 'unit';
    case 'bytes':
      return rust.k === 'bytes' && (result || rust.form === 'slice' || rust.form === 'str');
    case 'opt':
      return rust.k === 'opt' && matches(zig.inner, rust.inner, result);
    case 'enum':
    case 'struct':
      return rust.k === 'enum' && rust.name === zig.name;
    case 'reader':
      return rust.k === 'reader';
    case 'slice':
      // Elements of exactly the same type: the harness embeds them typed for each side.
      return rust.k === 'slice' && (result || rust.form === 'slice') && (zig.elem.k !== 'int' || (rust.elem.k === 'int' && rust.elem.bits === zig.elem.bits)) && matches(zig.elem, rust.elem, result);
    case 'err':
      // A Zig error union whose port returns the bare value (allocation failure aborts in Rust): any error the
      // Zig returns then shows as a deviation.
      return rust.k === 'result' ? matches(zig.inner, rust.inner, result) : result && matches(zig.inner, rust, result);
  }
}

/** Zig type names that are also Rust's (a generic instantiated with them has the same argument on both sides). */
const SHARED_PRIMITIVES = new Set(['u8', 'u16', 'u32', 'u64', 'usize', 'i8', 'i16', 'i32', 'i64', 'isize', 'f32', 'f64', 'bool']);

/** The Rust type for a Zig type argument, when the two languages spell it the same. */
export const rustTypeArg = (zig: string): string | undefined => (SHARED_PRIMITIVES.has(zig) ? zig : undefined);

const RUST_RECEIVER = /^(&\s*(mut\s+)?|mut\s+)?self$/;

/**
 * The checkable pair for one Zig `pub fn` signature and the port's Rust fn header (undefined when the port has
 * no such fn), or the reason it is skipped.
 */
export function checkable(zigSig: string, rustHeader: string | undefined, enumOf: (zigType: string) => ZigNamed | undefined = () => undefined, options: CheckableOptions = {}): CheckableFn | string {
  const typeOf = (text: string): CheckType | string => {
    const t = text.trim();
    const inner = /^(\?|[^!]*!)(.*)$/.exec(t);
    if (inner !== null && (inner[1] === '?' || /^(\(.*\)|[\w.]*)!$/.test(inner[1]!))) {
      const e = enumOf(inner[2]!.trim());
      if (e !== undefined) return inner[1] === '?' ? { k: 'opt', inner: e } : { k: 'err', inner: e };
    }
    return enumOf(t) ?? zigType(t);
  };
  const zig = zigSignature(zigSig);
  if (zig === undefined) return 'not a plain pub fn';
  // Generic functions: `comptime T: type` parameters instantiated with the given types.
  const comptime = zig.params.filter((p) => /^comptime\b/.test(p.name));
  const typeArgs = new Map<string, string>();
  if (comptime.length > 0) {
    if (options.typeArgs === undefined || options.typeArgs.length !== comptime.length || comptime.some((p) => p.type !== 'type')) return 'generic (comptime or anytype parameters)';
    comptime.forEach((p, i) => typeArgs.set(p.name.replace(/^comptime\s+/, ''), options.typeArgs![i]!));
    for (const p of zig.params) p.type = substitute(p.type, typeArgs);
    zig.result = substitute(zig.result, typeArgs);
  }
  if (zig.params.some((p) => !/^comptime\b/.test(p.name) && p.type === 'type')) return 'generic (comptime or anytype parameters)';
  const receiverType = (type: string): boolean => {
    const bare = type.replace(/^\*\s*(const\s+)?/, '').trim();
    return bare === 'Self' || bare === '@This()' || (options.receiverTypes ?? []).includes(bare);
  };
  const zr = zig.params[0];
  const zigReceiver = zr !== undefined && !/^comptime\b/.test(zr.name) && (zr.name === 'self' || receiverType(zr.type));
  if (zigReceiver && options.receiver === undefined) return 'method';
  if (rustHeader === undefined) return 'no pub fn of that name in the port';
  const rust = rustSignature(rustHeader);
  if (rust === undefined) return 'no pub fn of that name in the port';
  const rustReceiver = rust.params[0] !== undefined && RUST_RECEIVER.test(rust.params[0].name.replace(/\s+/g, ' ')) ? rust.params[0] : undefined;
  let refFirst = false;
  if (zigReceiver && options.receiver === 'drop') {
    if (rustReceiver === undefined) return 'the port\'s fn takes no self';
    if (!rustReceiver.name.startsWith('&') && !/^&/.test(rustReceiver.type)) return 'takes self by value in the port';
    zig.params.shift();
    rust.params.shift();
  } else if (zigReceiver) {
    // An enum's method: the receiver is a value of the enum, passed by value or by reference.
    if (zr!.type.startsWith('*')) return 'method taking a pointer to the enum';
    zr!.type = 'Self';
    if (rustReceiver !== undefined) {
      refFirst = rustReceiver.name.startsWith('&') || rustReceiver.type.startsWith('&');
      rust.params[0] = { name: 'self', type: 'Self' };
    }
  } else if (rustReceiver !== undefined) return 'method in the port';
  // In an enum's own functions, `Self` is the enum on both sides.
  const selfEnum = enumOf('Self');
  if (selfEnum?.k === 'enum') {
    const self = new Map([['Self', selfEnum.name]]);
    for (const p of rust.params) p.type = substitute(p.type, self);
    rust.result = substitute(rust.result, self);
  }
  // The Rust side: generic in the port is instantiated with the same types (when the languages spell them alike).
  let turbofish = '';
  // A port generic only over its readers (`<R: Read>(r: &mut R)`) is called without a turbofish.
  const readerBound = (name: string): boolean => new RegExp(`(?:<|,|\\bwhere)\\s*${name}\\s*:[^,>{]*\\b(?:BufRead|Read)\\b`).test(rustHeader);
  const isReader = (type: string): boolean => /\b(?:impl|dyn)\s+(?:std::io::)?(?:BufRead|Read)\b/.test(type) || rust.typeParams.some((t) => readerBound(t) && new RegExp(`^(?:&\\s*mut\\s+)?${t}$`).test(type.trim()));
  if (rust.generic && comptime.length === 0 && rust.typeParams.every(readerBound)) {
    // inferred from the argument
  } else if (rust.generic) {
    const args = comptime.map((p) => rustTypeArg(typeArgs.get(p.name.replace(/^comptime\s+/, ''))!));
    if (args.length !== rust.typeParams.length || args.some((a) => a === undefined)) return 'generic in the port';
    const names = new Map(rust.typeParams.map((n, i) => [n, args[i]!]));
    for (const p of rust.params) p.type = substitute(p.type, names);
    rust.result = substitute(rust.result, names);
    turbofish = `::<${args.join(', ')}>`;
  }
  const zigParams: CheckableFn['zigParams'] = [];
  const params: CheckableFn['params'] = [];
  const checked = zig.params.filter((p) => !ALLOCATOR.test(p.type) && !/^comptime\b/.test(p.name));
  if (checked.length !== rust.params.length) return `parameters differ (${checked.length} in Zig without allocators, ${rust.params.length} in Rust)`;
  let r = 0;
  for (const p of zig.params) {
    if (/^comptime\b/.test(p.name)) {
      zigParams.push({ comptime: typeArgs.get(p.name.replace(/^comptime\s+/, ''))! });
      continue;
    }
    if (ALLOCATOR.test(p.type)) {
      zigParams.push({ type: 'allocator' });
      continue;
    }
    if (p.type === 'anytype') {
      // Duck-typed: checked when the port reads it (`impl Read`, `&mut R` with `R: Read`), as the same bytes.
      if (!isReader(rust.params[r]!.type)) return 'generic (comptime or anytype parameters)';
      r++;
      zigParams.push({ type: { k: 'reader' } });
      params.push({ zig: { k: 'reader' }, rust: { k: 'reader' } });
      continue;
    }
    const zt = typeOf(p.type);
    if (typeof zt === 'string') return `unsupported parameter: ${zt}`;
    if (typeArgs.size > 0 && zt.k === 'enum') return `unsupported parameter: enum ${p.type} of a generic function`;
    if (zt.k === 'struct') return `unsupported parameter: struct ${p.type}`;
    if (zt.k === 'void' || zt.k === 'err' || zt.k === 'opt') return `unsupported parameter: ${p.type}`;
    if (zt.k === 'slice' && zt.mutable) return `unsupported parameter: mutable slice ${p.type}`;
    const rt = rustType(rust.params[r]!.type);
    r++;
    if (typeof rt === 'string') return `unsupported parameter: ${rt}`;
    if (!matches(zt, rt, false)) return `parameter ${p.name}: Zig ${p.type} and Rust ${rust.params[r - 1]!.type} do not correspond`;
    zigParams.push({ type: zt });
    params.push({ zig: zt, rust: rt });
  }
  const zres = typeOf(zig.result);
  if (typeof zres === 'string') return `unsupported result: ${zres}`;
  const rres = rustType(rust.result);
  if (typeof rres === 'string') return `unsupported result: ${rres}`;
  if (!matches(zres, rres, true)) return `result: Zig ${zig.result} and Rust ${rust.result} do not correspond`;
  const rustName = snakeCase(zig.name);
  return {
    zigName: typeArgs.size > 0 ? `${zig.name}(${[...typeArgs.values()].join(', ')})` : zig.name,
    rustName,
    ...(typeArgs.size > 0 ? { zigCallee: `target.${zig.name}`, rustCallee: `${rustName}${turbofish}`, zigTypes: checked.map((p) => p.type) } : {}),
    zigParams,
    params,
    result: { zig: zres, rust: rres },
    ...(refFirst ? { refFirst } : {}),
  };
}
