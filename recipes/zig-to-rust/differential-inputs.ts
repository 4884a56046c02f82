/**
 * Differential checking, the inputs: generated once in TypeScript and embedded in both harnesses, so the Zig
 * and the Rust see exactly the same values. Edge values first (0, ±1, min, max of the width, NaN, ±inf, -0.0,
 * empty, long, non-ASCII and non-UTF-8 bytes), then the literals of the file's own Zig tests and mutations of
 * them (±1; a character added, dropped or changed), then the project's data files with truncated and bit-flipped
 * variants (for byte strings), then seeded random values, at most `cap` per function. A struct's inputs are
 * sequences: its constructor, then method calls with arguments drawn the same way (differential-sequences.ts).
 */
import type { CheckType } from './differential-types.js';

/**
 * One argument: integers as bigint, floats by their bit pattern, byte strings as bytes; `call` is one call of a
 * sequence (`m` the method's index, -1 for the constructor).
 */
export type InputValue =
  | { k: 'int'; v: bigint }
  | { k: 'float'; bits: bigint; width: 32 | 64 }
  | { k: 'bool'; v: boolean }
  | { k: 'bytes'; v: Uint8Array }
  | { k: 'enum'; v: string; index: number }
  | { k: 'list'; v: InputValue[] }
  | { k: 'call'; m: number; name: string; args: InputValue[] };

/** Integer, float and string literals found in a file's test blocks, and the project's data files. */
export interface Literals {
  ints: bigint[];
  floats: number[];
  strings: Uint8Array[];
  /** Data files of the project (test fixtures), for byte-string parameters. */
  files?: Uint8Array[];
}

/**
 * The variants of a data file: itself, truncated (to half, and by one byte) and with single bits flipped
 * (seeded positions in the first, middle and last part: a header, a body, a checksum).
 */
export function fileVariants(data: Uint8Array, rng: Rng): Uint8Array[] {
  const out = [data];
  if (data.length === 0) return out;
  out.push(data.slice(0, data.length >> 1), data.slice(0, data.length - 1));
  for (const part of [0, 1, 2]) {
    const from = Math.floor((data.length * part) / 3);
    const span = Math.max(1, Math.floor(data.length / 3));
    const at = Math.min(data.length - 1, from + rng.below(span));
    const flipped = Uint8Array.from(data);
    flipped[at] = flipped[at]! ^ (1 << rng.below(8));
    out.push(flipped);
  }
  return out;
}

/** Decodes a Zig string literal's body (between the quotes) to bytes; undefined for escapes it does not know. */
export function zigStringBytes(body: string): Uint8Array | undefined {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const e = body[++i];
    if (e === 'n') out.push(10);
    else if (e === 't') out.push(9);
    else if (e === 'r') out.push(13);
    else if (e === '\\' || e === '"' || e === "'") out.push(e.charCodeAt(0));
    else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === 'u' && body[i + 1] === '{') {
      const end = body.indexOf('}', i);
      if (end < 0) return undefined;
      out.push(...Buffer.from(String.fromCodePoint(parseInt(body.slice(i + 2, end), 16)), 'utf8'));
      i = end;
    } else return undefined;
  }
  return Uint8Array.from(out);
}

/** The literals of the given Zig source (the text of a file's test blocks). */
export function extractLiterals(zig: string): Literals {
  const strings: Uint8Array[] = [];
  const ints: bigint[] = [];
  const floats: number[] = [];
  // Strings first, then numbers outside them.
  const rest = zig.replace(/\/\/[^\n]*/g, '').replace(/^\s*test\s+"(?:[^"\\\n]|\\.)*"/gm, ' ').replace(/"((?:[^"\\\n]|\\.)*)"/g, (_, body: string) => {
    const bytes = zigStringBytes(body);
    if (bytes !== undefined) strings.push(bytes);
    return ' ';
  });
  for (const m of rest.matchAll(/(?<![\w.])(-?)(0x[0-9a-fA-F_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][-+]?\d+)?)(?![\w.])/g)) {
    const text = m[2]!.replace(/_/g, '');
    const neg = m[1] === '-';
    if (/^0x/i.test(text) || /^\d+$/.test(text)) ints.push(neg ? -BigInt(text) : BigInt(text));
    else floats.push(neg ? -Number(text) : Number(text));
  }
  const uniq = <T>(list: T[], key: (v: T) => string): T[] => [...new Map(list.map((v) => [key(v), v])).values()];
  return { ints: uniq(ints, String), floats: uniq(floats, String), strings: uniq(strings, (s) => Buffer.from(s).toString('hex')) };
}

/** A small seeded generator (xorshift128+ over BigInt-free 32-bit halves): same seed, same inputs. */
export class Rng {
  private s: number;
  constructor(seed: string | number) {
    let h = 2166136261;
    for (const c of String(seed)) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    this.s = h >>> 0 || 1;
  }
  /** 32 random bits. */
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  below(n: number): number {
    return this.next() % n;
  }
  big(bits: number): bigint {
    let v = 0n;
    for (let have = 0; have < bits; have += 32) v = (v << 32n) | BigInt(this.next());
    return v & ((1n << BigInt(bits)) - 1n);
  }
}

export function intRange(t: { signed: boolean; bits: number }): [bigint, bigint] {
  const b = BigInt(t.bits);
  return t.signed ? [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n] : [0n, (1n << b) - 1n];
}

const f64Bits = (x: number): bigint => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0);
};
const f32Bits = (x: number): bigint => {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  return BigInt(view.getUint32(0));
};

/** A float's value from its bit pattern. */
export function floatOf(bits: bigint, width: 32 | 64): number {
  const view = new DataView(new ArrayBuffer(8));
  if (width === 64) {
    view.setBigUint64(0, bits);
    return view.getFloat64(0);
  }
  view.setUint32(0, Number(bits));
  return view.getFloat32(0);
}

const floatValue = (x: number, width: 32 | 64): InputValue => ({ k: 'float', bits: width === 64 ? f64Bits(x) : f32Bits(x), width });
const bytes = (s: string | number[]): InputValue => ({ k: 'bytes', v: typeof s === 'string' ? Uint8Array.from(Buffer.from(s, 'utf8')) : Uint8Array.from(s) });

/** The mutations of a byte string: digits ±1, a character changed, dropped or added, at a few positions. */
export function mutations(s: Uint8Array, rng: Rng): Uint8Array[] {
  const out: Uint8Array[] = [];
  const at = (i: number, replace: number[], drop = 1): Uint8Array => Uint8Array.from([...s.slice(0, i), ...replace, ...s.slice(i + drop)]);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c >= 0x30 && c <= 0x39) {
      out.push(at(i, [c === 0x39 ? 0x30 : c + 1]));
      out.push(at(i, [c === 0x30 ? 0x39 : c - 1]));
    }
  }
  const positions = [0, s.length - 1, rng.below(Math.max(1, s.length))].filter((i, k, all) => i >= 0 && i < s.length && all.indexOf(i) === k);
  const alphabet = [...' 0123456789+-*/().aZ_\n\t', 'é', '\u0000'].map((ch) => [...Buffer.from(ch, 'utf8')]);
  for (const i of positions) {
    out.push(at(i, [], 1));
    out.push(at(i, alphabet[rng.below(alphabet.length)]!));
  }
  out.push(Uint8Array.from([...s, ...alphabet[rng.below(alphabet.length)]!]));
  out.push(Uint8Array.from([...alphabet[rng.below(alphabet.length)]!, ...s]));
  out.push(Uint8Array.from([...s, ...s]));
  return out;
}

/** Candidate values for one parameter type, most interesting first. */
export function pool(t: CheckType, literals: Literals, rng: Rng, randoms: number): InputValue[] {
  const list: InputValue[] = [];
  switch (t.k) {
    case 'int': {
      const [min, max] = intRange(t);
      const inRange = (v: bigint): boolean => v >= min && v <= max;
      const edges = [0n, 1n, -1n, min, max, min + 1n, max - 1n, 2n, 10n, 100n, 127n, 128n, 255n, 256n, -128n, -129n, 65535n, 65536n];
      const lits = literals.ints.flatMap((v) => [v, v + 1n, v - 1n, -v]);
      for (const v of [...edges, ...lits]) if (inRange(v)) list.push({ k: 'int', v });
      for (let i = 0; i < randoms; i++) {
        // Half small values (within ±1000, inside the width), half over the whole width.
        const lo = min > -1000n ? min : -1000n;
        const hi = max < 1000n ? max : 1000n;
        const v = i % 2 === 0 ? lo + BigInt(rng.below(Number(hi - lo) + 1)) : rng.big(t.bits) + min;
        list.push({ k: 'int', v });
      }
      break;
    }
    case 'float': {
      const w = t.bits;
      const edges = [0, -0, 1, -1, 0.5, -0.5, 2, -2, 10, 0.1, NaN, Infinity, -Infinity, w === 64 ? Number.MAX_VALUE : 3.4028234663852886e38, w === 64 ? Number.MIN_VALUE : 1.401298464324817e-45, w === 64 ? 2.2250738585072014e-308 : 1.1754943508222875e-38, 1e10, -1e10, 3.141592653589793];
      const lits = [...literals.floats, ...literals.ints.map(Number)].flatMap((v) => [v, -v, v + 1, v - 1]);
      for (const v of [...edges, ...lits]) list.push(floatValue(v, w));
      for (let i = 0; i < randoms; i++) {
        const x = i % 2 === 0 ? (rng.below(2_000_001) - 1_000_000) / 1000 : (rng.next() / 2 ** 32 - 0.5) * 10 ** (rng.below(40) - 20);
        list.push(floatValue(x, w));
      }
      break;
    }
    case 'bool':
      list.push({ k: 'bool', v: false }, { k: 'bool', v: true });
      break;
    case 'enum':
      t.variants.forEach((v, index) => list.push({ k: 'enum', v, index }));
      break;
    case 'slice': {
      const fixedElems = pool(t.elem, literals, new Rng('elems'), 0);
      const elems = pool(t.elem, literals, rng, 20);
      list.push({ k: 'list', v: [] });
      for (const e of fixedElems.slice(0, 8)) list.push({ k: 'list', v: [e] });
      list.push({ k: 'list', v: fixedElems.slice(0, 6) }, { k: 'list', v: fixedElems.slice(0, 6).reverse() }, { k: 'list', v: Array.from({ length: 300 }, (_, i) => fixedElems[i % fixedElems.length]!) });
      // Test literals as one list (a test's `&[_]i32{ 3, 1, 2 }` literally, when that is all it holds).
      if (t.elem.k === 'int') {
        const [min, max] = intRange(t.elem);
        const lits = literals.ints.filter((v) => v >= min && v <= max).slice(0, 16);
        if (lits.length > 1) list.push({ k: 'list', v: lits.map((v) => ({ k: 'int', v })) });
      }
      for (let i = 0; i < randoms; i++) list.push({ k: 'list', v: Array.from({ length: rng.below(17) }, () => elems[rng.below(elems.length)]!) });
      break;
    }
    case 'bytes':
    case 'reader': {
      list.push(bytes(''), bytes('a'), bytes('0'), bytes(' '), bytes('a'.repeat(300)), bytes('héllo wörld ✓'), bytes([0xff, 0xfe, 0x00]), bytes([0]), bytes('\n'));
      for (const s of literals.strings) list.push({ k: 'bytes', v: s });
      for (const s of literals.strings) for (const m of mutations(s, rng)) list.push({ k: 'bytes', v: m });
      for (const f of literals.files ?? []) for (const v of fileVariants(f, new Rng(`file:${f.length}`))) list.push({ k: 'bytes', v });
      const chars = [...new Set(literals.strings.flatMap((s) => [...s]))];
      for (let i = 0; i < randoms; i++) {
        const len = rng.below(24);
        const ascii = i % 3 !== 2;
        const v = Array.from({ length: len }, () => (ascii && chars.length > 0 && rng.below(4) > 0 ? chars[rng.below(chars.length)]! : ascii ? 0x20 + rng.below(95) : rng.below(256)));
        list.push(bytes(v));
      }
      break;
    }
    default:
      throw new Error(`differential: no inputs for a ${t.k} parameter`);
  }
  return list;
}

export function valueKey(v: InputValue): string {
  switch (v.k) {
    case 'int':
      return `i${v.v}`;
    case 'float':
      return `f${v.bits.toString(16)}`;
    case 'bool':
      return `b${v.v}`;
    case 'bytes':
      return `s${Buffer.from(v.v).toString('hex')}`;
    case 'enum':
      return `e${v.v}`;
    case 'list':
      return `l[${v.v.map(valueKey).join(',')}]`;
    case 'call':
      return `c${v.m}(${v.args.map(valueKey).join(',')})`;
  }
}

/**
 * At most `cap` argument tuples for parameters of these types: each parameter's edge values and literals in turn
 * with the others at their first value, then pairs of edge values, then each parameter's random values, then
 * random picks; duplicates dropped.
 * `accept` filters tuples a side cannot take (non-UTF-8 bytes for a `&str` parameter); rejected tuples are counted.
 */
export function generateInputs(types: readonly CheckType[], literals: Literals, seed: string, cap = 200, accept: (args: InputValue[]) => boolean = () => true): { inputs: InputValue[][]; rejected: number } {
  const rng = new Rng(seed);
  const randoms = Math.ceil(cap / Math.max(1, types.length));
  const fixed = types.map((t) => pool(t, literals, new Rng(`${seed}:fixed`), 0).length);
  const pools = types.map((t) => pool(t, literals, rng, randoms));
  const seen = new Set<string>();
  const inputs: InputValue[][] = [];
  let rejected = 0;
  const add = (args: InputValue[]): void => {
    if (inputs.length >= cap) return;
    const key = args.map(valueKey).join(',');
    if (seen.has(key)) return;
    seen.add(key);
    if (!accept(args)) {
      rejected++;
      return;
    }
    inputs.push(args);
  };
  if (types.length === 0) return { inputs: [[]], rejected: 0 };
  const vary = (p: number, values: readonly InputValue[]): void => {
    for (const v of values) add(pools.map((other, q) => (q === p ? v : other[0]!)));
  };
  // Each parameter's edge values and literals (the others at their first value), pairs of edge values, then
  // each parameter's random values, then random picks.
  for (let p = 0; p < pools.length; p++) vary(p, pools[p]!.slice(0, fixed[p]));
  // Pairs of edge values for every pair of parameters (the others at their first value).
  const edges = pools.map((p, i) => p.slice(0, Math.min(fixed[i]!, types.length === 2 ? 8 : 5)));
  for (let p = 0; p < pools.length; p++) {
    for (let q = p + 1; q < pools.length; q++) {
      for (const a of edges[p]!) for (const b of edges[q]!) add(pools.map((other, r) => (r === p ? a : r === q ? b : other[0]!)));
    }
  }
  for (let p = 0; p < pools.length; p++) vary(p, pools[p]!.slice(fixed[p]));
  for (let tries = 0; inputs.length < cap && tries < cap * 4; tries++) add(pools.map((p) => p[rng.below(p.length)]!));
  return { inputs, rejected };
}

/** Size of an input, for choosing the smallest that shows a deviation: bytes by length, numbers by magnitude. */
export function inputSize(args: readonly InputValue[]): number {
  let n = 0;
  for (const a of args) {
    if (a.k === 'bytes') n += a.v.length * 1000;
    else if (a.k === 'list') n += a.v.length * 1000 + inputSize(a.v);
    else if (a.k === 'call') n += 500 + inputSize(a.args);
    else if (a.k === 'int') n += Math.log2(Number(a.v < 0n ? -a.v : a.v) + 1);
    else if (a.k === 'float') {
      const x = Math.abs(floatOf(a.bits, a.width));
      n += Number.isFinite(x) ? Math.log2(x + 1) : 2000;
    }
  }
  return n;
}

/** An input as people read it: `("1 / (2 - 3)", 5, -0.5)`; a sequence as `Stack(i32).init(); push(1); pop()`. */
export function describeInput(args: readonly InputValue[]): string {
  const one = (a: InputValue): string => {
    if (a.k === 'call') return `${a.name}${describeInput(a.args)}`;
    switch (a.k) {
      case 'int':
        return a.v.toString();
      case 'float':
        return formatFloat(floatOf(a.bits, a.width));
      case 'bool':
        return String(a.v);
      case 'enum':
        return `.${a.v}`;
      case 'list':
        return `[${a.v.map(one).join(', ')}]`;
      case 'bytes': {
        const text = Buffer.from(a.v).toString('utf8');
        const valid = Buffer.from(text, 'utf8').equals(Buffer.from(a.v));
        if (a.v.length > 1024) return `${valid ? 'text' : 'bytes'} of ${a.v.length} bytes starting 0x${Buffer.from(a.v.slice(0, 16)).toString('hex')}`;
        return valid ? JSON.stringify(text) : `bytes 0x${Buffer.from(a.v).toString('hex')}`;
      }
    }
  };
  if (args.length > 0 && args.every((a) => a.k === 'call')) return args.map(one).join('; ');
  return `(${args.map(one).join(', ')})`;
}

export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (Object.is(x, -0)) return '-0.0';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(x);
}
