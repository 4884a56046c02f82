/**
 * Differential checking, one pass: which pub fns of the ported files are checkable (and why the others are not),
 * their inputs, both harnesses run, and the per-function comparison.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRust } from 'migrate-kit';
import type { Declaration, RecipeContext, WorkItem } from 'migrate-kit';
import { compareFunction, type Deviation } from './differential-compare.js';
import { extractLiterals, generateInputs, type InputValue } from './differential-inputs.js';
import { compareCross, crossChecks, type CrossCheck } from './differential-cross.js';
import { runRustSide, runZigSide, type DiffFile, type SideRecords } from './differential-run.js';
import { generateSequences } from './differential-sequences.js';
import { checkable, rustSignature, rustTypeArg, snakeCase, splitTop, substitute, zigSignature, zigType, type CheckableFn, type ZigNamed, type ZigStruct } from './differential-types.js';
import type { Layout } from './layout.js';

/** Inputs per function at most. */
export const DIFFERENTIAL_CAP = 200;

/** Instantiations of one generic type or function at most. */
const MAX_INSTANCES = 3;

export interface PreparedFile extends DiffFile {
  rust: string;
}

export interface Prepared {
  files: PreparedFile[];
  /** pub fns checked (a struct's constructor and methods each count). */
  checked: number;
  /** pub fns not checked, by reason. */
  skipped: Record<string, number>;
  /** The skipped functions themselves (file, fn, reason), for the report. */
  skippedFns: Array<{ file: string; fn: string; reason: string }>;
  /** Generated inputs the port cannot take (not UTF-8 for a `&str` parameter, not ASCII for a `char`). */
  rejected: number;
}

/** The text of a Rust fn item up to its body. */
function headerOf(lines: readonly string[], item: { startLine: number; endLine: number }): string {
  const text = lines.slice(item.startLine - 1, item.endLine).join('\n');
  const body = text.search(/\)\s*(->[^{]*)?(where[^{]*)?\{/);
  return body < 0 ? text : text.slice(0, text.indexOf('{', body));
}

/** The top-level pub fns of a Rust file → their headers (up to the body). */
export function rustHeaders(source: string): Map<string, string> {
  const lines = source.split('\n');
  const headers = new Map<string, string>();
  for (const item of parseRust(source).items) if (item.kind === 'fn' && item.pub && item.test !== true) headers.set(item.name, headerOf(lines, item));
  return headers;
}

/** A pub fn of an inherent impl: its header and the names the impl gives the type's parameters (`impl<U> Stack<U>` → `U`). */
export interface ImplFn {
  header: string;
  typeArgs: string[];
}

/** The pub fns of a Rust file's inherent impls, by type name and fn name. */
export function rustImpls(source: string): Map<string, Map<string, ImplFn>> {
  const lines = source.split('\n');
  const impls = new Map<string, Map<string, ImplFn>>();
  for (const item of parseRust(source).items) {
    if (item.kind !== 'impl' || item.trait !== undefined) continue;
    const head = lines.slice(item.startLine - 1, item.endLine).join('\n').split('{')[0]!;
    const m = /\bimpl\s*(?:<.*?>)?\s*(?:[\w]+::)*[A-Za-z_]\w*\s*(?:<(.*)>)?\s*(?:where\b|$)/s.exec(head.trim());
    const typeArgs = m?.[1] === undefined ? [] : splitTop(m[1]).filter((a) => !a.startsWith("'"));
    const fns = impls.get(item.name) ?? new Map<string, ImplFn>();
    for (const method of item.methods ?? []) if (method.kind === 'fn' && method.pub) fns.set(method.name, { header: headerOf(lines, method), typeArgs });
    impls.set(item.name, fns);
  }
  return impls;
}

function testText(item: WorkItem, source: string): string {
  const lines = source.split('\n');
  return item.tests.map((t) => lines.slice(t.startLine - 1, t.endLine).join('\n')).join('\n');
}

/**
 * The types a generic (`Stack`, `max`) is instantiated with in the file: `Stack(i32)`, `max(u8, …)`; only
 * instantiations whose type arguments are plain numbers or bools (spelled alike in Rust), at most a few.
 */
export function instances(name: string, comptimeAt: readonly number[], source: string): string[][] {
  const found = new Map<string, string[]>();
  for (const m of source.matchAll(new RegExp(`(?<![\\w.])${name}\\(([^()]*)\\)`, 'g'))) {
    const args = splitTop(m[1]!);
    const types = comptimeAt.map((i) => args[i]);
    if (types.some((t) => t === undefined || rustTypeArg(t) === undefined)) continue;
    found.set(types.join(','), types as string[]);
  }
  return [...found.values()].slice(0, MAX_INSTANCES);
}

/** PascalCase-insensitive key of a variant name: Zig's `lparen`/`foo_bar` and Rust's `Lparen`/`FooBar` agree. */
const variantKey = (name: string): string => name.replace(/^@"|"$/g, '').replace(/_/g, '').toLowerCase();

/** The variants of `enum Name { … }` in a Rust file, and whether it derives Debug; undefined when not found. */
export function rustEnum(source: string, name: string): { variants: string[]; debug: boolean } | undefined {
  const m = new RegExp(`((?:#\\[[^\\]]*\\]\\s*)*)pub\\s+enum\\s+${name}\\s*\\{([^}]*)\\}`).exec(source);
  if (m === null) return undefined;
  const body = m[2]!.replace(/\/\/[^\n]*/g, '').replace(/#\[[^\]]*\]/g, '');
  const variants = body.split(',').map((v) => /^\s*([A-Za-z_]\w*)\s*(=.*)?$/s.exec(v)?.[1]).filter((v): v is string => v !== undefined);
  return { variants, debug: /derive\([^)]*\bDebug\b/.test(m[1]!) };
}

/**
 * The fields of `pub struct Name { … }` in a Rust file (name → visible outside its module: `pub`/`pub(crate)`),
 * its lifetime parameters, and whether it has type parameters; undefined when not found.
 */
function rustStruct(source: string, name: string): { fields: Map<string, boolean>; lifetimes: number; generic: boolean } | undefined {
  const m = new RegExp(`pub\\s+struct\\s+${name}\\s*(<[^{]*>)?\\s*(?:where[^{]*)?\\{([^}]*)\\}`).exec(source);
  if (m === null) return undefined;
  const params = m[1] === undefined ? [] : splitTop(m[1].slice(1, -1));
  const fields = new Map<string, boolean>();
  const body = m[2]!.replace(/\/\/[^\n]*/g, '').replace(/#\[[^\]]*\]/g, '');
  for (const f of splitTop(body)) {
    const field = /^(pub(?:\s*\((?:crate|super)\))?\s+)?(?:r#)?([A-Za-z_]\w*)\s*:/.exec(f);
    if (field !== null) fields.set(field[2]!, field[1] !== undefined);
  }
  return { fields, lifetimes: params.filter((p) => p.startsWith("'")).length, generic: params.some((p) => !p.startsWith("'")) };
}

/**
 * Resolves a Zig type written in `item` (`Op`, `token.Op`) to a project type declared at the top level of a ported
 * library file (pub when in another file), with its port's path (`crate::token::Op`): an exhaustive enum, or a
 * non-generic struct whose fields are all checkable (resolved the same way from its own file, two levels deep).
 * Undefined otherwise.
 */
function namedResolver(item: WorkItem, byPath: ReadonlyMap<string, WorkItem>, layout: Layout, depth = 0): (type: string) => ZigNamed | undefined {
  return (type) => {
    let file: WorkItem | undefined = item;
    let name = type;
    const dotted = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(type);
    if (dotted !== null) {
      const binding = item.declarations.find((d) => d.name === dotted[1] && d.importSpec !== undefined);
      const target = item.imports.find((i) => i.kind === 'file' && i.spec === binding?.importSpec)?.path;
      file = target === undefined ? undefined : byPath.get(target);
      name = dotted[2]!;
    } else if (!/^[A-Za-z_]\w*$/.test(type)) return undefined;
    const decl = file?.declarations.find((d) => (d.kind === 'enum' || d.kind === 'struct') && d.name === name && d.generic === undefined);
    const entry = file === undefined ? undefined : layout.entries.get(file.path);
    if (decl === undefined || entry === undefined || entry.bin || (file !== item && !decl.pub)) return undefined;
    if (decl.kind === 'struct') {
      if (depth >= 2 || (decl.fields ?? []).length === 0) return undefined;
      const inner = namedResolver(file!, byPath, layout, depth + 1);
      const fields: ZigStruct['fields'] = [];
      for (const f of decl.fields ?? []) {
        const t = f.type === undefined ? undefined : (inner(f.type) ?? zigType(f.type));
        if (t === undefined || typeof t === 'string' || t.k === 'err' || t.k === 'void') return undefined;
        fields.push({ name: f.name, type: t });
      }
      return { k: 'struct', name, fields, rustPath: ['crate', ...entry.modulePath, name].join('::'), rustFile: entry.rust };
    }
    const variants = (decl.fields ?? []).map((f) => f.name);
    if (variants.length === 0 || variants.includes('_')) return undefined; // non-exhaustive: any integer is a value
    return { k: 'enum', name, variants, rustPath: ['crate', ...entry.modulePath, name].join('::'), rustFile: entry.rust };
  };
}

/** The project types a check's types use, fields of structs included (with whether they are printed, i.e. in a result). */
function namedOf(fn: CheckableFn): Array<{ e: ZigNamed; result: boolean }> {
  const out: Array<{ e: ZigNamed; result: boolean }> = [];
  const walk = (t: CheckableFn['result']['zig'], result: boolean): void => {
    if (t.k === 'enum') out.push({ e: t, result });
    else if (t.k === 'struct') {
      out.push({ e: t, result });
      for (const f of t.fields) walk(f.type, result);
    } else if (t.k === 'opt' || t.k === 'err') walk(t.inner, result);
  };
  for (const f of [fn, ...(fn.then !== undefined ? [fn.then] : []), ...(fn.seq !== undefined ? [fn.seq.ctor, ...fn.seq.methods] : [])]) {
    for (const p of f.params) walk(p.zig, false);
    walk(f.result.zig, true);
  }
  return out;
}

/** Name pairs whose functions undo each other: a file with both gets round trips. */
const ROUND_TRIPS: ReadonlyArray<[string, string]> = [
  ['encode', 'decode'],
  ['compress', 'decompress'],
  ['serialize', 'deserialize'],
  ['deflate', 'inflate'],
  ['pack', 'unpack'],
  ['escape', 'unescape'],
  ['marshal', 'unmarshal'],
];

/** Whether the first function's result (unwrapped) can be passed as the second's only parameter, on both sides. */
function passes(from: CheckableFn, to: CheckableFn): boolean {
  if (to.params.length !== 1) return false;
  const unwrap = <T extends { k: string; inner?: T }>(t: T): T => (t.k === 'err' || t.k === 'opt' || t.k === 'result' ? (t.inner as T) : t);
  const zig = unwrap(from.result.zig);
  const rust = unwrap(from.result.rust);
  const param = to.params[0]!;
  if (zig.k === 'bytes' && param.zig.k === 'bytes' && rust.k === 'bytes' && param.rust.k === 'bytes') return (rust.form === 'str' || rust.form === 'string') === (param.rust.form === 'str');
  return zig.k === 'slice' && param.zig.k === 'slice' && JSON.stringify(zig.elem) === JSON.stringify(param.zig.elem) && rust.k === 'slice' && param.rust.k === 'slice';
}

/** The round trips among a file's checks: `decode(encode(x))` with the encoder's inputs. */
function roundTrips(checks: ReadonlyArray<{ fn: CheckableFn; inputs: InputValue[][] }>): Array<{ fn: CheckableFn; inputs: InputValue[][] }> {
  const out: Array<{ fn: CheckableFn; inputs: InputValue[][] }> = [];
  for (const { fn, inputs } of checks) {
    if (fn.seq !== undefined || fn.then !== undefined) continue;
    for (const [there, back] of ROUND_TRIPS) {
      const m = new RegExp(there, 'i').exec(fn.zigName);
      if (m === null || new RegExp(back, 'i').test(fn.zigName)) continue;
      const word = m[0]!;
      const partner = fn.zigName.replace(word, word[0] === word[0]!.toUpperCase() ? back[0]!.toUpperCase() + back.slice(1) : back);
      const inverse = checks.find((c) => c.fn.zigName === partner && c.fn.seq === undefined && c.fn.then === undefined)?.fn;
      if (inverse !== undefined && passes(fn, inverse)) out.push({ fn: { ...fn, zigName: `${partner}(${fn.zigName})`, zigCallee: fn.zigCallee ?? `target.${fn.zigName}`, then: inverse, covers: [], lines: [...(fn.lines ?? []), ...(inverse.lines ?? [])] }, inputs });
    }
  }
  return out;
}

/** `pub fn init(…) !Self` → its result without the value (`!void`), so a constructor is checked like a fn. */
function voidResult(zigSig: string, rustHeader: string | undefined, names: readonly string[]): { zig: string; rust: string | undefined } | undefined {
  const zig = zigSignature(zigSig);
  if (zig === undefined) return undefined;
  const self = (t: string): boolean => names.includes(t.trim());
  const zm = /^(.*!)?\s*(.+)$/.exec(zig.result);
  if (zm === null || !self(zm[2]!)) return undefined;
  const zigText = `pub fn ${zig.name}(${zig.params.map((p) => `${p.name}: ${p.type}`).join(', ')}) ${zm[1] ?? ''}void`;
  if (rustHeader === undefined) return { zig: zigText, rust: undefined };
  const rust = rustSignature(rustHeader);
  if (rust === undefined) return { zig: zigText, rust: undefined };
  const rustSelf = (t: string): boolean => /^(Self|[A-Z]\w*(<.*>)?)$/.test(t.trim());
  const rr = /^(?:std::result::)?Result<(.*)>$/.exec(rust.result);
  const value = rr !== null ? splitTop(rr[1]!)[0] ?? '' : rust.result;
  if (!rustSelf(value)) return { zig: zigText, rust: `fn ${zig.name}() -> ${rust.result}` };
  const result = rr !== null ? `Result<(), ${splitTop(rr[1]!).slice(1).join(', ')}>` : '()';
  return { zig: zigText, rust: `fn x(${rust.params.map((p) => (p.type === '' ? p.name : `${p.name}: ${p.type}`)).join(', ')}) -> ${result}` };
}

type Note = (fn: string, result: true | string) => void;

const span = (d: Declaration): [number, number] => [d.startLine, d.endLine];
type Check = { fn: CheckableFn; inputs: InputValue[][] };

interface FileContext {
  item: WorkItem;
  zigSource: string;
  impls: Map<string, Map<string, ImplFn>>;
  enumOf: (type: string) => ZigNamed | undefined;
  note: Note;
}

/** An enum's functions: the receiver (or none) and `Self` are the enum; each is checked like a plain fn. */
function enumChecks(ctx: FileContext, decl: Declaration): CheckableFn[] {
  const found = ctx.enumOf(decl.name);
  const self = found?.k === 'enum' ? found : undefined;
  const out: CheckableFn[] = [];
  for (const m of decl.methods ?? []) {
    if (!m.pub || m.kind !== 'fn') continue;
    const label = `${decl.name}.${m.name}`;
    if (self === undefined) {
      ctx.note(label, 'function of a non-exhaustive or nested enum');
      continue;
    }
    const rustName = snakeCase(m.name);
    const impl = ctx.impls.get(decl.name);
    const header = impl?.get(rustName)?.header ?? impl?.get(m.name)?.header;
    const enumOf = (t: string): ZigNamed | undefined => (t === 'Self' || t === '@This()' || t === decl.name ? self : ctx.enumOf(t));
    const fn = checkable(m.signature, header, enumOf, { receiver: 'value', receiverTypes: [decl.name] });
    if (typeof fn === 'string') {
      ctx.note(label, fn === 'no pub fn of that name in the port' ? `no pub fn ${decl.name}::${rustName} in the port` : fn);
      continue;
    }
    const rust = impl?.has(rustName) === true ? rustName : m.name;
    out.push({ ...fn, zigName: label, rustName: rust, zigCallee: `target.${decl.name}.${m.name}`, rustCallee: `${decl.name}::${rust}`, lines: [span(m)] });
    ctx.note(label, true);
  }
  return out;
}

/**
 * A struct's functions (of each instantiation the tests use, when generic): the methods through a constructor
 * the file provides, as sequences; functions that are neither, like plain fns.
 */
function structChecks(ctx: FileContext, decl: Declaration): CheckableFn[] {
  const fns = (decl.methods ?? []).filter((m) => m.pub && m.kind === 'fn');
  const comptimeAt = (decl.generic?.params ?? []).map((p, i) => (/^comptime\s+\w+\s*:\s*type$/.test(p.trim()) ? i : -1));
  const typeParams = (decl.generic?.params ?? []).map((p) => /^comptime\s+(\w+)/.exec(p.trim())?.[1] ?? '');
  let insts: string[][] = [[]];
  if (decl.generic !== undefined) {
    insts = comptimeAt.every((i) => i >= 0) ? instances(decl.name, comptimeAt, ctx.zigSource) : [];
    if (insts.length === 0) {
      const why = comptimeAt.every((i) => i >= 0) ? 'generic: the tests instantiate it with no number or bool type' : 'generic with comptime value parameters';
      for (const m of fns) ctx.note(`${decl.name}.${m.name}`, why);
      return [];
    }
  }
  const impl = ctx.impls.get(decl.name);
  const out: CheckableFn[] = [];
  for (const args of insts) {
    const zigSubst = new Map(typeParams.map((t, i) => [t, args[i]!]));
    const label = args.length > 0 ? `${decl.name}(${args.join(', ')})` : decl.name;
    const zigType = `target.${label}`;
    const rustArgs = args.map((a) => rustTypeArg(a)!);
    const rustType = args.length > 0 ? `${decl.name}::<${rustArgs.join(', ')}>` : decl.name;
    const selfNames = ['Self', '@This()', decl.name, label];
    const rustOf = (name: string): { name: string; header: string } | undefined => {
      const found = impl?.get(snakeCase(name)) !== undefined ? snakeCase(name) : impl?.has(name) === true ? name : undefined;
      if (found === undefined) return undefined;
      const f = impl!.get(found)!;
      return { name: found, header: substitute(f.header, new Map(f.typeArgs.map((t, i) => [t, rustArgs[i] ?? t]))) };
    };
    const ctors: Array<{ m: Declaration; fn: CheckableFn; fails: boolean }> = [];
    const methods: CheckableFn[] = [];
    for (const m of fns) {
      const name = `${decl.name}.${m.name}`;
      const sig = substitute(m.signature, zigSubst);
      const first = zigSignature(sig)?.params[0];
      const receiver = first !== undefined && (first.name === 'self' || selfNames.includes(first.type.replace(/^\*\s*(const\s+)?/, '').trim()));
      const rust = rustOf(m.name);
      if (m.name === 'deinit') {
        ctx.note(name, 'destructor (deinit): the port frees on drop');
      } else if (receiver) {
        const fn = checkable(sig, rust?.header, ctx.enumOf, { receiver: 'drop', receiverTypes: selfNames });
        if (typeof fn === 'string') ctx.note(name, fn === 'no pub fn of that name in the port' ? `no pub fn ${decl.name}::${snakeCase(m.name)} in the port` : fn);
        else if (fn.params.some((p) => p.zig.k === 'reader')) ctx.note(name, 'unsupported parameter: a reader in a method');
        else methods.push({ ...fn, rustName: rust!.name, lines: [span(m)] });
      } else {
        const ctor = voidResult(sig, rust?.header, selfNames);
        const fn = ctor !== undefined ? checkable(ctor.zig, ctor.rust, ctx.enumOf) : checkable(sig, rust?.header, ctx.enumOf);
        if (typeof fn === 'string') ctx.note(name, ctor !== undefined ? `constructor: ${fn}` : fn);
        else if (ctor !== undefined && fn.params.some((p) => p.zig.k === 'reader')) ctx.note(name, 'constructor: unsupported parameter: a reader');
        else if (ctor !== undefined) ctors.push({ m, fn: { ...fn, zigName: m.name, rustName: rust!.name }, fails: fn.result.zig.k === 'err' });
        else {
          // A function in the struct's namespace, called like a plain fn.
          out.push({ ...fn, zigName: `${label}.${m.name}`, rustName: rust!.name, zigCallee: `${zigType}.${m.name}`, rustCallee: `${rustType}::${rust!.name}`, lines: [span(m)], covers: [name] });
          ctx.note(name, true);
        }
      }
    }
    ctors.sort((a, b) => Number(b.m.name === 'init') - Number(a.m.name === 'init') || a.fn.params.length - b.fn.params.length);
    const ctor = ctors[0];
    if (ctor === undefined || methods.length === 0) {
      const why = ctor === undefined ? 'method: no constructor the harness can build from checkable values' : 'constructor: no method of the struct can be checked';
      for (const m of ctor === undefined ? methods : ctors.map((c) => c.fn)) ctx.note(`${decl.name}.${m.zigName}`, why);
      continue;
    }
    const covers = [ctor.m.name, ...methods.map((m) => m.zigName)].map((n) => `${decl.name}.${n}`);
    for (const name of covers) ctx.note(name, true);
    for (const other of ctors.slice(1)) ctx.note(`${decl.name}.${other.m.name}`, 'constructor: another one builds the value');
    const lines = [span(ctor.m), ...methods.flatMap((m) => m.lines ?? [])];
    out.push({ zigName: label, rustName: decl.name, zigParams: [], params: [], result: { zig: { k: 'void' }, rust: { k: 'unit' } }, covers, lines, seq: { zigType, rustType, ctor: ctor.fn, fails: ctor.fails, methods } });
  }
  return out;
}

/** Reads each ported file's Zig and Rust and builds the checkable functions with their inputs. */
export async function prepareFiles(options: { items: readonly WorkItem[]; out: string; layout: Layout; cap?: number; only?: ReadonlySet<string>; dataFiles?: readonly Uint8Array[] }): Promise<Prepared> {
  const prepared: Prepared = { files: [], checked: 0, skipped: {}, skippedFns: [], rejected: 0 };
  const byPath = new Map(options.items.map((i) => [i.path, i]));
  const rustSources = new Map<string, string>();
  const rustOf = async (rel: string): Promise<string> => {
    if (!rustSources.has(rel)) rustSources.set(rel, await readFile(join(options.out, rel), 'utf8').catch(() => ''));
    return rustSources.get(rel)!;
  };
  const cap = options.cap ?? DIFFERENTIAL_CAP;
  for (const item of options.items) {
    if (options.only !== undefined && !options.only.has(item.path)) continue;
    const entry = options.layout.entries.get(item.path);
    if (entry === undefined || item.error !== undefined) continue;
    const rustSource = await readFile(join(options.out, entry.rust), 'utf8').catch(() => undefined);
    const zigSource = await readFile(item.absPath, 'utf8').catch(() => undefined);
    if (rustSource === undefined || zigSource === undefined) continue;
    // Per pub fn: checked (by any check or instantiation), else the first reason it was not.
    const outcomes = new Map<string, true | string>();
    const note: Note = (fn, result) => {
      const before = outcomes.get(fn);
      if (before !== true && (result === true || before === undefined)) outcomes.set(fn, result);
    };
    const headers = rustHeaders(rustSource);
    const ctx: FileContext = { item, zigSource, impls: rustImpls(rustSource), enumOf: namedResolver(item, byPath, options.layout), note };
    const literals = { ...extractLiterals(testText(item, zigSource)), files: [...(options.dataFiles ?? [])] };
    const fns: CheckableFn[] = [];
    for (const decl of item.declarations) {
      if (decl.kind !== 'fn') {
        if (!decl.pub) continue;
        const members = (decl.methods ?? []).filter((m) => m.pub && m.kind === 'fn');
        if (entry.bin) {
          for (const m of members) note(`${decl.name}.${m.name}`, 'in the binary (main.rs), not the library');
        } else if (decl.kind === 'enum' && decl.generic === undefined) fns.push(...enumChecks(ctx, decl));
        else if (decl.kind === 'struct') fns.push(...structChecks(ctx, decl));
        else for (const m of members) note(`${decl.name}.${m.name}`, `function of a ${decl.kind}`);
        for (const n of decl.nested ?? []) for (const m of n.methods ?? []) if (m.pub && m.kind === 'fn') note(`${decl.name}.${n.name}.${m.name}`, 'function of a nested container');
        continue;
      }
      if (!decl.pub) continue;
      if (decl.name === 'main') note(decl.name, 'entry point (main)');
      else if (entry.bin) note(decl.name, 'in the binary (main.rs), not the library');
      else for (const fn of plainChecks(decl, headers, ctx)) fns.push(fn);
    }
    const checks: Check[] = [];
    // A check refused for its enums or structs leaves its fns skipped, unless another check (an instantiation) covers them.
    const accepted = new Set<string>();
    const refused = new Map<string, string>();
    for (const fn of fns) {
      // Enums: the port's enum must have a variant for every Zig field (and derive Debug to be printed).
      // Structs: the port's struct must have every Zig field, visible to the harness.
      let problem: string | undefined;
      for (const { e, result } of namedOf(fn)) {
        const source = await rustOf(e.rustFile);
        if (e.k === 'struct') {
          const port = rustStruct(source, e.name);
          const missing = e.fields.find((f) => port?.fields.get(f.name) === undefined);
          if (port === undefined) problem = `unsupported struct: struct ${e.name} not found in the port`;
          else if (missing !== undefined) problem = `unsupported struct: struct ${e.name}: no field ${missing.name} in the port`;
          else if (e.fields.some((f) => port.fields.get(f.name) === false)) problem = `unsupported struct: struct ${e.name}: fields not pub in the port`;
          else if (port.generic) problem = `unsupported struct: struct ${e.name} is generic in the port`;
          else e.lifetimes = port.lifetimes;
          continue;
        }
        const port = rustEnum(source, e.name);
        const variants = e.variants.map((v) => port?.variants.find((r) => variantKey(r) === variantKey(v)));
        if (port === undefined) problem = `unsupported enum: enum ${e.name} not found in the port`;
        else if (variants.some((v) => v === undefined)) problem = `unsupported enum: enum ${e.name}: variants do not correspond`;
        else if (result && !port.debug) problem = `unsupported enum: enum ${e.name}: the port does not derive Debug`;
        else e.rustVariants = variants as string[];
      }
      if (problem !== undefined) {
        for (const name of fn.covers ?? [fn.zigName]) refused.set(name, problem);
        continue;
      }
      for (const name of fn.covers ?? [fn.zigName]) accepted.add(name);
      const seed = `${item.path}:${fn.zigName}`;
      const got = fn.seq !== undefined ? generateSequences(fn.seq, literals, seed, cap, portTakes) : generateInputs(fn.params.map((p) => p.zig), literals, seed, cap, (args) => portTakes(fn, args));
      prepared.rejected += got.rejected;
      if (got.inputs.length > 0) checks.push({ fn, inputs: got.inputs });
    }
    checks.push(...roundTrips(checks));
    for (const [name, reason] of refused) if (!accepted.has(name)) outcomes.set(name, reason);
    for (const [fn, result] of outcomes) {
      if (result === true) prepared.checked++;
      else skip(prepared, item.path, fn, result);
    }
    if (checks.length > 0) prepared.files.push({ zig: item.path, rust: entry.rust, module: ['crate', ...entry.modulePath].join('::'), fns: checks });
  }
  return prepared;
}

/** A skipped fn, counted by kind (`unsupported parameter`, `method in the port`…); the detail stays with the fn. */
function skip(prepared: Prepared, file: string, fn: string, reason: string): void {
  const kind = reason.split(':')[0]!.replace(/ \(.*$/, '').replace(/^parameter \w+$/, 'parameter types do not correspond').replace(/^result$/, 'result types do not correspond').replace(/^no pub fn .* in the port$/, 'no pub fn of that name in the port');
  prepared.skipped[kind] = (prepared.skipped[kind] ?? 0) + 1;
  prepared.skippedFns.push({ file, fn, reason });
}

/**
 * Inputs the port cannot take are left out: bytes that are not UTF-8 for a `&str` parameter, and bytes beyond
 * ASCII for a `char` one (the Zig's byte 0xE9 is not the port's `'é'`).
 */
function portTakes(fn: CheckableFn, args: readonly InputValue[]): boolean {
  return args.every((a, i) => {
    const p = fn.params[i]?.rust;
    if (p?.k === 'char') return a.k !== 'int' || a.v < 128n;
    return p?.k !== 'bytes' || p.form !== 'str' || a.k !== 'bytes' || Buffer.from(Buffer.from(a.v).toString('utf8'), 'utf8').equals(Buffer.from(a.v));
  });
}

/**
 * A top-level fn: found in the port by the porting guide's name (`camelCase` → `snake_case`), else the same
 * name; a generic one once per instantiation its file uses.
 */
function plainChecks(decl: Declaration, headers: ReadonlyMap<string, string>, ctx: FileContext): CheckableFn[] {
  const name = /fn\s+([A-Za-z_]\w*)/.exec(decl.signature)?.[1] ?? decl.name;
  const rustName = headers.has(snakeCase(name)) ? snakeCase(name) : name;
  const params = zigSignature(decl.signature)?.params ?? [];
  const comptimeAt = params.flatMap((p, i) => (/^comptime\b/.test(p.name) && p.type === 'type' ? [i] : []));
  const insts = comptimeAt.length > 0 ? instances(name, comptimeAt, ctx.zigSource) : [undefined];
  if (insts.length === 0) ctx.note(decl.name, 'generic: the tests instantiate it with no number or bool type');
  const out: CheckableFn[] = [];
  for (const typeArgs of insts) {
    const fn = checkable(decl.signature, headers.get(rustName), ctx.enumOf, typeArgs !== undefined ? { typeArgs } : {});
    if (typeof fn === 'string') {
      ctx.note(decl.name, fn);
      continue;
    }
    ctx.note(decl.name, true);
    out.push({ ...fn, rustName, ...(fn.rustCallee !== undefined ? { rustCallee: fn.rustCallee.replace(/^[^:]+/, rustName) } : {}), lines: [span(decl)], covers: [decl.name] });
  }
  return out;
}

export interface FnResult {
  fn: string;
  inputs: number;
  same: number;
  bothTrap: number;
  notRun: number;
  deviations: Deviation[];
}

export interface FileResult {
  zig: string;
  rust: string;
  fns: FnResult[];
  /** A harness that did not build: its functions are not checked. */
  error?: string;
}

/** Runs both sides on the prepared files and compares them. */
/** Milliseconds spent building and running the Zig harnesses, and building and running the Rust one (cargo test). */
export interface CheckTiming {
  zigBuildMs: number;
  zigRunMs: number;
  rustMs: number;
}

export async function checkFiles(options: { ctx: RecipeContext<any>; zig: string; input: string; out: string; targetDir: string; work: string; files: readonly PreparedFile[]; timing?: CheckTiming }): Promise<FileResult[]> {
  if (options.files.length === 0) return [];
  const zigSide = await runZigSide({ zig: options.zig, input: options.input, work: options.work, files: options.files, signal: options.ctx.signal });
  const t1 = Date.now();
  const rustSide = await runRustSide({ ctx: options.ctx, out: options.out, targetDir: options.targetDir, files: options.files });
  options.ctx.log(`differential: Zig harnesses built in ${((zigSide.buildMs ?? 0) / 1000).toFixed(1)} s and run in ${((zigSide.runMs ?? 0) / 1000).toFixed(1)} s, the Rust harness built and run in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  if (options.timing !== undefined) {
    options.timing.zigBuildMs += zigSide.buildMs ?? 0;
    options.timing.zigRunMs += zigSide.runMs ?? 0;
    options.timing.rustMs += Date.now() - t1;
  }
  // Round trips across the sides: the Zig's decoder on the port's encodings where they differ from the Zig's.
  const cross = new Map<string, CrossCheck[]>();
  for (const c of crossChecks(options.files, zigSide, rustSide)) cross.set(c.file, [...(cross.get(c.file) ?? []), c]);
  const crossSide: SideRecords = cross.size === 0 ? new Map() : await runZigSide({ zig: options.zig, input: options.input, work: join(options.work, 'cross'), files: [...cross].map(([zig, list]) => ({ zig, module: '', fns: list.map((c) => c.check) })), signal: options.ctx.signal });
  if (options.timing !== undefined) {
    options.timing.zigBuildMs += crossSide.buildMs ?? 0;
    options.timing.zigRunMs += crossSide.runMs ?? 0;
  }
  return options.files.map((file) => {
    const z = zigSide.get(file.zig)!;
    const r = rustSide.get(file.zig)!;
    const c = crossSide.get(file.zig);
    const error = [z.error, r.error, c?.error].filter((e) => e !== undefined).join('; ') || undefined;
    const fns = file.fns.map(({ fn, inputs }, f) => {
      const zr = z.records[f] ?? [];
      const rr = r.records[f] ?? [];
      const ran = inputs.map((_, i) => zr[i] !== undefined && rr[i] !== undefined);
      const kept = inputs.filter((_, i) => ran[i]);
      const cmp = compareFunction(fn.zigName, kept, zr.filter((_, i) => ran[i]), rr.filter((_, i) => ran[i]));
      return { fn: fn.zigName, inputs: cmp.inputs, same: cmp.same, bothTrap: cmp.bothTrap, notRun: inputs.length - kept.length, deviations: cmp.deviations };
    });
    for (const [k, check] of (cross.get(file.zig) ?? []).entries()) {
      const cmp = compareCross(check, c?.records[k] ?? []);
      fns.push({ fn: check.name, inputs: cmp.inputs, same: cmp.same, bothTrap: cmp.bothTrap, notRun: cmp.notRun, deviations: cmp.deviations });
    }
    return { zig: file.zig, rust: file.rust, fns, ...(error !== undefined ? { error } : {}) };
  });
}
