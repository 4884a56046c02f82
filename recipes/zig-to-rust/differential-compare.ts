/**
 * Differential checking, the verdicts: both harnesses print one canonical record per call — `<fn>\t<input>\t<value>`
 * where the value is an integer in decimal, a float as `f32:`/`f64:` and its bit pattern in hex, `true`/`false`,
 * bytes as `x:` and hex, an enum as `enum.` and its variant, `null`, `void`, `error.<Name>`, or `trap:<panic message>`. Here they are parsed,
 * traps classified, error names normalised (case and underscores: Zig's `@errorName`, Rust's `{:?}` of the error
 * value), and the two sides compared: both trapping is Zig's safety checks meeting Rust's (not a port defect);
 * a trap on one side only, a different value or a different error is a deviation.
 */
import { describeInput, floatOf, formatFloat, inputSize, type InputValue } from './differential-inputs.js';

export type TrapClass = 'overflow' | 'out-of-bounds' | 'unreachable' | 'division-by-zero' | 'null-unwrap' | 'panic' | 'crash' | 'timeout';

export type Outcome = { kind: 'value'; text: string } | { kind: 'error'; name: string } | { kind: 'trap'; cls: TrapClass; message: string };

/** The trap class of a Zig or Rust panic message. */
export function classifyTrap(message: string): TrapClass {
  const m = message.toLowerCase();
  if (m === 'crash' || m.startsWith('crash:')) return 'crash';
  if (m === 'timeout' || m.startsWith('timeout:')) return 'timeout';
  if (/overflow|cast truncated bits|negative value to unsigned|out of bounds for|cannot fit|integer part of floating point value out of bounds/.test(m)) return 'overflow';
  if (/index out of bounds|out of range for slice|is out of bounds|slice index starts|start index .* is larger than end index|index .* out of bounds|sentinel mismatch/.test(m)) return 'out-of-bounds';
  if (/unreachable/.test(m)) return 'unreachable';
  if (/divi(de|sion) by zero|remainder with a divisor of zero|exact division produced remainder/.test(m)) return 'division-by-zero';
  if (/null value|on a `none` value|unwrap error|on an `err` value/.test(m)) return 'null-unwrap';
  return 'panic';
}

/** Rust's `{:?}` of an error value or Zig's error name → a name compared across languages. */
export function errorName(debug: string): string {
  const head = debug.split('{')[0]!;
  const ids = [...head.matchAll(/[A-Za-z_]\w*/g)].map((m) => m[0]);
  return ids[ids.length - 1] ?? debug;
}

export const normalName = (name: string): string => name.replace(/_/g, '').toLowerCase();

/** One record's value → an outcome. */
export function parseOutcome(text: string): Outcome {
  if (text.startsWith('trap:')) return { kind: 'trap', cls: classifyTrap(text.slice(5)), message: text.slice(5) };
  // A sequence: each call's result in turn (`error.X` normalised like a single error).
  if (text.startsWith('seq:')) return { kind: 'value', text: `seq:${seqParts(text).map((p) => outcomeText(parseOutcome(p))).join(';')}` };
  // A struct: `{name=value,…}` in the Zig's field order, each value normalised.
  if (text.startsWith('{') && text.endsWith('}')) return { kind: 'value', text: `{${structFields(text).map(([name, value]) => `${name}=${outcomeText(parseOutcome(value))}`).join(',')}}` };
  if (text.startsWith('error.')) return { kind: 'error', name: errorName(text.slice(6)) };
  // Lists: each element as a value of its own (so NaNs compare equal inside them too).
  if (text.startsWith('[') && text.endsWith(']')) return { kind: 'value', text: `[${text.slice(1, -1).split(',').filter((e) => e !== '').map((e) => (parseOutcome(e) as { text: string }).text).join(',')}]` };
  // Zig's `@tagName` and Rust's `{:?}` of the variant (`lparen` / `Lparen`): compared like error names.
  if (text.startsWith('enum.')) return { kind: 'value', text: `enum.${normalName(text.slice(5))}` };
  const float = /^f(32|64):([0-9a-f]+)$/.exec(text);
  if (float !== null) {
    const width = float[1] === '32' ? 32 : 64;
    const bits = BigInt(`0x${float[2]}`);
    const x = floatOf(bits, width);
    // Every NaN is the same value to compare (payloads differ between the languages' operations).
    return { kind: 'value', text: Number.isNaN(x) ? 'nan' : `f${width}:${bits.toString(16)}` };
  }
  return { kind: 'value', text };
}

const seqParts = (text: string): string[] => (text === 'seq:' ? [] : text.slice(4).split(';'));

/** `{a=1,b=[2,3]}` → `[['a', '1'], ['b', '[2,3]']]` (commas inside brackets are a value's own). */
function structFields(text: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  let depth = 0;
  let start = 1;
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === ',' && depth === 0) || i === text.length - 1) {
      const field = text.slice(start, i);
      const eq = field.indexOf('=');
      if (eq > 0) fields.push([field.slice(0, eq), field.slice(eq + 1)]);
      start = i + 1;
    }
  }
  return fields;
}
const outcomeText = (o: Outcome): string => (o.kind === 'value' ? o.text : o.kind === 'error' ? `error.${normalName(o.name)}` : `trap:${o.message}`);

/** An outcome as people read it: floats as numbers, bytes as a string when they are UTF-8; a sequence's results joined by `; `. */
export function describeOutcome(o: Outcome): string {
  if (o.kind === 'error') return `error.${o.name}`;
  if (o.kind === 'value' && o.text.startsWith('seq:')) return seqParts(o.text).map((p) => describeOutcome(p.startsWith('error.') ? { kind: 'error', name: p.slice(6) } : { kind: 'value', text: p })).join('; ');
  if (o.kind === 'value' && o.text.startsWith('{') && o.text.endsWith('}')) return `{ ${structFields(o.text).map(([name, value]) => `${name}: ${describeOutcome({ kind: 'value', text: value })}`).join(', ')} }`;
  if (o.kind === 'trap') return `trap (${o.cls}${o.message !== '' && o.message !== o.cls ? `: ${o.message.slice(0, 120)}` : ''})`;
  const float = /^f(32|64):([0-9a-f]+)$/.exec(o.text);
  if (float !== null) return formatFloat(floatOf(BigInt(`0x${float[2]}`), float[1] === '32' ? 32 : 64));
  if (o.text.startsWith('enum.')) return `.${o.text.slice(5)}`;
  if (o.text.startsWith('[') && o.text.endsWith(']')) return `[${o.text.slice(1, -1).split(',').filter((e) => e !== '').map((e) => describeOutcome({ kind: 'value', text: e })).join(', ')}]`;
  if (o.text.startsWith('x:')) {
    const buf = Buffer.from(o.text.slice(2), 'hex');
    const s = buf.toString('utf8');
    const text = Buffer.from(s, 'utf8').equals(buf);
    if (buf.length > LONG_BYTES) return `${buf.length} bytes${text ? ' of text' : ''} starting 0x${buf.subarray(0, 16).toString('hex')}`;
    return text ? JSON.stringify(s) : `bytes 0x${o.text.slice(2)}`;
  }
  return o.text;
}

/** Byte strings longer than this are described by their length and where the two sides part. */
const LONG_BYTES = 256;

/** Both outcomes as people read them; two long byte strings also say where they first differ. */
function describePair(zig: Outcome, rust: Outcome): [string, string] {
  const z = describeOutcome(zig);
  const r = describeOutcome(rust);
  if (zig.kind !== 'value' || rust.kind !== 'value' || !zig.text.startsWith('x:') || !rust.text.startsWith('x:')) return [z, r];
  const a = Buffer.from(zig.text.slice(2), 'hex');
  const b = Buffer.from(rust.text.slice(2), 'hex');
  if (a.length <= LONG_BYTES && b.length <= LONG_BYTES) return [z, r];
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  return [z, `${r} (first differs at byte ${at})`];
}

export type Verdict = 'same' | 'both-trap' | 'deviation';

export function compareOutcomes(zig: Outcome, rust: Outcome): Verdict {
  if (zig.kind === 'trap' && rust.kind === 'trap') return 'both-trap';
  if (zig.kind !== rust.kind) return 'deviation';
  if (zig.kind === 'error' && rust.kind === 'error') return normalName(zig.name) === normalName(rust.name) ? 'same' : 'deviation';
  if (zig.kind === 'value' && rust.kind === 'value') return zig.text === rust.text ? 'same' : 'deviation';
  return 'deviation';
}

/** Parses harness output: `check\tinput\tvalue` lines → `check:input` → value; other lines are ignored. */
export function parseRecords(stdout: string): Map<string, string> {
  const records = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^(\d+(?:\.\d+)?)\t(\d+)\t(.*)$/.exec(line);
    if (m !== null) records.set(`${m[1]}:${m[2]}`, m[3]!);
  }
  return records;
}

export interface Deviation {
  fn: string;
  input: string;
  zig: string;
  rust: string;
  /** How many inputs show the same kind of deviation (this one is the smallest). */
  count: number;
}

export interface FnComparison {
  inputs: number;
  same: number;
  bothTrap: number;
  deviations: Deviation[];
}

/** The kind of an outcome for grouping deviations: `value`, `error.X`, `trap`. */
function kindOf(o: Outcome): string {
  return o.kind === 'value' ? 'value' : o.kind === 'error' ? `error.${normalName(o.name)}` : 'trap';
}

/** Two sequences' results: grouped by the method of the first call whose result differs. */
function sequenceKind(zig: Outcome, rust: Outcome, input: readonly InputValue[]): string | undefined {
  if (zig.kind !== 'value' || rust.kind !== 'value' || !zig.text.startsWith('seq:') || !rust.text.startsWith('seq:')) return undefined;
  const z = seqParts(zig.text);
  const r = seqParts(rust.text);
  let k = 0;
  while (k < z.length && z[k] === r[k]) k++;
  // Part k is the result of call k (the constructor's is `void` or its error).
  const call = input[k];
  return `call ${call?.k === 'call' ? call.name : 'after the last'}`;
}

/**
 * Compares one function's records; deviations are grouped by the kinds of the two outcomes (value vs error,
 * error A vs error B, trap vs value…), each group shown by its smallest input.
 */
export function compareFunction(fn: string, inputs: readonly InputValue[][], zig: ReadonlyArray<string | undefined>, rust: ReadonlyArray<string | undefined>): FnComparison {
  const result: FnComparison = { inputs: inputs.length, same: 0, bothTrap: 0, deviations: [] };
  const groups = new Map<string, { size: number; deviation: Deviation }>();
  inputs.forEach((input, i) => {
    const z = parseOutcome(zig[i] ?? 'trap:crash');
    const r = parseOutcome(rust[i] ?? 'trap:crash');
    const verdict = compareOutcomes(z, r);
    if (verdict === 'same') result.same++;
    else if (verdict === 'both-trap') result.bothTrap++;
    else {
      const key = sequenceKind(z, r, input) ?? `${kindOf(z)} → ${kindOf(r)}`;
      const size = inputSize(input);
      const group = groups.get(key);
      const [zigText, rustText] = describePair(z, r);
      const deviation = { fn, input: describeInput(input), zig: zigText, rust: rustText, count: (group?.deviation.count ?? 0) + 1 };
      if (group === undefined || size < group.size) groups.set(key, { size, deviation });
      else group.deviation.count++;
    }
  });
  result.deviations = [...groups.values()].map((g) => g.deviation);
  return result;
}
