/** Differential checking without compilers: types and adaptations, inputs, canonical records, comparison, restarts. */
import { describe, expect, it } from 'vitest';
import { classifyTrap, compareFunction, compareOutcomes, describeOutcome, errorName, parseOutcome, parseRecords } from '../../../recipes/zig-to-rust/differential-compare.js';
import { describeInput, extractLiterals, generateInputs, intRange, mutations, Rng, zigStringBytes, type InputValue } from '../../../recipes/zig-to-rust/differential-inputs.js';
import { withRestarts } from '../../../recipes/zig-to-rust/differential-run.js';
import { rustEnum } from '../../../recipes/zig-to-rust/differential-check.js';
import { checkable, rustType, zigType } from '../../../recipes/zig-to-rust/differential-types.js';

const int = (v: bigint | number): InputValue => ({ k: 'int', v: BigInt(v) });
const text = (s: string): InputValue => ({ k: 'bytes', v: Uint8Array.from(Buffer.from(s)) });

describe('checkable signatures', () => {
  it('maps Zig types to checkable ones and says why the others are not', () => {
    expect(zigType('u10')).toEqual({ k: 'int', signed: false, bits: 10 });
    expect(zigType('usize')).toEqual({ k: 'int', signed: false, bits: 64 });
    expect(zigType('(A || B)!?f32')).toEqual({ k: 'err', inner: { k: 'opt', inner: { k: 'float', bits: 32 } } });
    expect(zigType('[]const u8')).toEqual({ k: 'bytes' });
    expect(zigType('u128')).toBe('integer wider than 64 bits (u128)');
    expect(zigType('[]const Token')).toBe('slice of Token');
    expect(rustType("Result<Option<&'a str>, Error>")).toEqual({ k: 'result', inner: { k: 'opt', inner: { k: 'bytes', form: 'str' } } });
  });

  it('adapts by the porting guide: allocators dropped, []const u8 as &str or &[u8], !T as Result or T, ints at least as wide', () => {
    const fn = checkable('pub fn evaluate(allocator: std.mem.Allocator, src: []const u8) Error!f64', 'pub fn evaluate(src: &str) -> Result<f64, Error>');
    expect(fn).toMatchObject({ zigName: 'evaluate', rustName: 'evaluate', zigParams: [{ type: 'allocator' }, { type: { k: 'bytes' } }], params: [{ rust: { k: 'bytes', form: 'str' } }], result: { zig: { k: 'err' }, rust: { k: 'result' } } });
    expect(checkable('pub fn isEven(x: u10) bool', 'pub fn is_even(x: u16) -> bool')).toMatchObject({ rustName: 'is_even' });
    expect(checkable('pub fn upper(a: Allocator, s: []const u8) ![]u8', 'pub fn upper(s: &str) -> String')).toMatchObject({ result: { rust: { k: 'bytes', form: 'string' } } });
    expect(checkable('pub fn f(x: i32) i32', 'pub fn f(x: u32) -> u32')).toBe('parameter x: Zig i32 and Rust u32 do not correspond');
    expect(checkable('pub fn f(x: i32) i32', 'pub fn f(x: i16) -> i32')).toBe('parameter x: Zig i32 and Rust i16 do not correspond');
    expect(checkable('pub fn f(comptime T: type, x: T) T', 'pub fn f<T>(x: T) -> T')).toBe('generic (comptime or anytype parameters)');
    expect(checkable('pub fn f(x: i32) i32', undefined)).toBe('no pub fn of that name in the port');
    expect(checkable('pub fn f(buf: []u8, x: i32) ![]const u8', 'pub fn f(x: i32) -> String')).toBe('parameters differ (2 in Zig without allocators, 1 in Rust)');
  });
});

describe('project enums', () => {
  it('resolve through the caller, correspond by name, and read the port\'s variants and Debug', () => {
    const op = { k: 'enum' as const, name: 'Op', variants: ['add', 'div'], rustPath: 'crate::token::Op' };
    const fn = checkable('pub fn applyOp(op: token.Op, a: f64, b: f64) EvalError!f64', 'pub fn apply_op(op: Op, a: f64, b: f64) -> Result<f64, EvalError>', (t) => (t === 'token.Op' ? op : undefined));
    expect(fn).toMatchObject({ params: [{ zig: op, rust: { k: 'enum', name: 'Op' } }, {}, {}] });
    expect(checkable('pub fn f(x: u8) ?Op', 'pub fn f(x: u8) -> Option<crate::token::Op>', (t) => (t === 'Op' ? op : undefined))).toMatchObject({ result: { zig: { k: 'opt', inner: op } } });
    expect(checkable('pub fn f(op: token.Op) u8', 'pub fn f(op: Kind) -> u8', () => op)).toBe('parameter op: Zig token.Op and Rust Kind do not correspond');
    expect(checkable('pub fn f(op: token.Op) u8', 'pub fn f(op: Op) -> u8')).toBe('unsupported parameter: type token.Op');
    expect(rustEnum('#[derive(Debug, Clone)]\npub enum Op {\n    Add, // plus\n    #[allow(dead_code)]\n    Div = 4,\n}', 'Op')).toEqual({ variants: ['Add', 'Div'], debug: true });
    expect(rustEnum('pub enum Op { Add }', 'Op')).toEqual({ variants: ['Add'], debug: false });
    expect(rustEnum('enum Op { Add }', 'Op')).toBeUndefined();
  });
});

describe('inputs', () => {
  it('puts the edge values of the width first, then the test literals and their mutations, then seeded random values, capped', () => {
    const { inputs } = generateInputs([{ k: 'int', signed: true, bits: 8 }], { ints: [42n], floats: [], strings: [] }, 'seed', 50);
    const values = inputs.map((i) => (i[0] as { v: bigint }).v);
    expect(values.slice(0, 7)).toEqual([0n, 1n, -1n, -128n, 127n, -127n, 126n]);
    expect(values).toEqual(expect.arrayContaining([42n, 43n, 41n, -42n]));
    expect(values.every((v) => v >= -128n && v <= 127n)).toBe(true);
    expect(inputs).toHaveLength(50);
    expect(new Set(values.map(String)).size).toBe(50);
    // Same seed, same inputs (both harnesses embed them; a re-check sees the same ones).
    expect(generateInputs([{ k: 'int', signed: true, bits: 8 }], { ints: [42n], floats: [], strings: [] }, 'seed', 50).inputs).toEqual(inputs);
    expect(intRange({ signed: false, bits: 10 })).toEqual([0n, 1023n]);
  });

  it('covers NaN, ±inf and -0.0 for floats, and empty, long, non-ASCII and non-UTF-8 strings', () => {
    const floats = generateInputs([{ k: 'float', bits: 64 }], { ints: [], floats: [], strings: [] }, 's', 40).inputs.map((i) => describeInput(i));
    expect(floats).toEqual(expect.arrayContaining(['(nan)', '(inf)', '(-inf)', '(-0.0)', '(0)']));
    const strings = generateInputs([{ k: 'bytes' }], { ints: [], floats: [], strings: [] }, 's', 40).inputs.map((i) => describeInput(i));
    expect(strings).toEqual(expect.arrayContaining(['("")', `("${'a'.repeat(300)}")`, '("héllo wörld ✓")', '(bytes 0xfffe00)']));
  });

  it('takes the literals of the tests, and mutates them: digits ±1, a character dropped, changed or added', () => {
    const lits = extractLiterals('test "x" {\n  try expectEqual(@as(f64, 7), try evaluate(a, "1 / (2 - 2)"));\n  _ = "a\\x41\\n"; // "comment"\n  _ = 0x10 + 2.5;\n}');
    expect(lits.strings.map((s) => Buffer.from(s).toString())).toEqual(['1 / (2 - 2)', 'aA\n']);
    expect(lits.ints).toEqual([7n, 16n]); // not the 64 of f64
    expect(lits.floats).toEqual([2.5]);
    const muts = mutations(Uint8Array.from(Buffer.from('1 / (2 - 2)')), new Rng(1)).map((m) => Buffer.from(m).toString());
    expect(muts).toEqual(expect.arrayContaining(['1 / (2 - 3)', '1 / (2 - 1)', '2 / (2 - 2)', ' / (2 - 2)', '1 / (2 - 2)1 / (2 - 2)']));
    expect(zigStringBytes('\\u{e9}')).toEqual(Uint8Array.from([0xc3, 0xa9]));
  });

  it('leaves out (and counts) inputs a side cannot take', () => {
    const { inputs, rejected } = generateInputs([{ k: 'bytes' }], { ints: [], floats: [], strings: [] }, 's', 60, ([a]) => a!.k === 'bytes' && Buffer.from(Buffer.from(a!.v).toString('utf8')).equals(Buffer.from(a!.v)));
    expect(rejected).toBeGreaterThan(0);
    expect(inputs.some((i) => describeInput(i).includes('bytes 0x'))).toBe(false);
  });
});

describe('canonical records and comparison', () => {
  it('parses records, floats by their bits (every NaN the same), error names across languages, trap classes', () => {
    expect(parseRecords('0\t3\t42\nnoise\n1.2\t0\terror.X\n')).toEqual(new Map([['0:3', '42'], ['1.2:0', 'error.X']]));
    expect(parseOutcome('f64:7ff8000000000001')).toEqual({ kind: 'value', text: 'nan' });
    expect(parseOutcome('f64:7ff8000000000000')).toEqual(parseOutcome('f64:fff8000000000000'));
    expect(describeOutcome(parseOutcome('f64:bff0000000000000'))).toBe('-1');
    expect(describeOutcome(parseOutcome('f64:8000000000000000'))).toBe('-0.0');
    expect(describeOutcome(parseOutcome('x:68c3a9'))).toBe('"hé"');
    expect(parseOutcome('[f64:7ff8000000000001,f64:3ff0000000000000]')).toEqual(parseOutcome('[f64:fff8000000000000,f64:3ff0000000000000]'));
    expect(describeOutcome(parseOutcome('[1,-2]'))).toBe('[1, -2]');
    expect(describeOutcome(parseOutcome('[]'))).toBe('[]');
    expect(zigType('[]const i32')).toEqual({ k: 'slice', elem: { k: 'int', signed: true, bits: 32 }, mutable: false });
    expect(checkable('pub fn f(xs: []i32) void', 'pub fn f(xs: &mut [i32])')).toBe('unsupported parameter: mutable slice []i32');
    expect(checkable('pub fn f(a: Allocator, xs: []const u16) ![]u16', 'pub fn f(xs: &[u16]) -> Vec<u16>')).toMatchObject({ result: { rust: { k: 'slice', form: 'vec' } } });
    expect(errorName('Tokenize(InvalidCharacter)')).toBe('InvalidCharacter');
    expect(errorName('Io { kind: NotFound }')).toBe('Io');
    expect(compareOutcomes(parseOutcome('error.DivisionByZero'), parseOutcome('error.Division_By_Zero'))).toBe('same');
    expect(compareOutcomes(parseOutcome('error.divisionByZero'), parseOutcome('error.DivisionByZero'))).toBe('same');
    expect(compareOutcomes(parseOutcome('f64:8000000000000000'), parseOutcome('f64:0'))).toBe('deviation');
    expect(classifyTrap('integer overflow')).toBe('overflow');
    expect(classifyTrap('attempt to add with overflow')).toBe('overflow');
    expect(classifyTrap('index out of bounds: index 5, len 3')).toBe('out-of-bounds');
    expect(classifyTrap('index out of bounds: the len is 3 but the index is 5')).toBe('out-of-bounds');
    expect(classifyTrap('reached unreachable code')).toBe('unreachable');
    expect(classifyTrap('internal error: entered unreachable code: to_rpn never emits parentheses')).toBe('unreachable');
    expect(classifyTrap('attempt to use null value')).toBe('null-unwrap');
    expect(classifyTrap('called `Option::unwrap()` on a `None` value')).toBe('null-unwrap');
    expect(classifyTrap('division by zero')).toBe('division-by-zero');
    expect(classifyTrap('boom')).toBe('panic');
  });

  it('counts both-trap inputs apart, and groups deviations by kind with the smallest input that shows each', () => {
    const inputs = [[text('10 / (2 - 3)')], [text('1 / (2 - 3)')], [text('1 + 1')], [text('9999999')], [text('')], [text('x')]];
    const zig = ['f64:c024000000000000', 'f64:bff0000000000000', 'f64:4000000000000000', 'trap:integer overflow', 'error.EmptyExpression', 'error.InvalidCharacter'];
    const rust = ['error.DivisionByZero', 'error.DivisionByZero', 'f64:4000000000000000', 'trap:attempt to multiply with overflow', 'error.EmptyExpression', 'trap:boom'];
    const cmp = compareFunction('evaluate', inputs, zig, rust);
    expect(cmp).toMatchObject({ inputs: 6, same: 2, bothTrap: 1 });
    expect(cmp.deviations).toEqual([
      { fn: 'evaluate', input: '("1 / (2 - 3)")', zig: '-1', rust: 'error.DivisionByZero', count: 2 },
      { fn: 'evaluate', input: '("x")', zig: 'error.InvalidCharacter', rust: 'trap (panic: boom)', count: 1 },
    ]);
  });
});

describe('restarts after a trap or a crash', () => {
  it('restarts from the input after the one that stopped the process, so one trap loses nothing else', async () => {
    // Inputs 1 and 3 of fn 0 kill the process: 1 with a printed trap, 3 without a word (a crash).
    const starts: string[] = [];
    const records = await withRestarts([5, 2], async (f, i) => {
      starts.push(`${f}:${i}`);
      const out = new Map<string, string>();
      for (let fn = f, k = i; fn < 2; fn++, k = 0) {
        for (; k < (fn === 0 ? 5 : 2); k++) {
          if (fn === 0 && k === 1) return { records: out.set('0:1', 'trap:integer overflow'), timedOut: false };
          if (fn === 0 && k === 3) return { records: out, timedOut: false };
          out.set(`${fn}:${k}`, `v${fn}${k}`);
        }
      }
      return { records: out, timedOut: false };
    }, 10);
    expect(starts).toEqual(['0:0', '0:2', '0:4']);
    expect(records).toEqual([['v00', 'trap:integer overflow', 'v02', 'trap:crash', 'v04'], ['v10', 'v11']]);
  });
});
