/** Differential checking without compilers: types and adaptations, inputs, canonical records, comparison, restarts. */
import { describe, expect, it } from 'vitest';
import { classifyTrap, compareFunction, compareOutcomes, describeOutcome, errorName, parseOutcome, parseRecords } from '../../../recipes/zig-to-rust/differential-compare.js';
import { describeInput, extractLiterals, fileVariants, generateInputs, intRange, mutations, Rng, zigStringBytes, type InputValue } from '../../../recipes/zig-to-rust/differential-inputs.js';
import { withRestarts } from '../../../recipes/zig-to-rust/differential-run.js';
import { instances, rustEnum, rustImpls } from '../../../recipes/zig-to-rust/differential-check.js';
import { generateSequences } from '../../../recipes/zig-to-rust/differential-sequences.js';
import { checkable, rustType, zigType, type CheckableFn, type SequenceSpec } from '../../../recipes/zig-to-rust/differential-types.js';

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

describe('methods and generics', () => {
  it('instantiate a generic fn with the types its tests use, on both sides', () => {
    const fn = checkable('pub fn clampTo(comptime T: type, x: T, lo: T, hi: T) T', 'pub fn clamp_to<U: PartialOrd>(x: U, lo: U, hi: U) -> U', undefined, { typeArgs: ['i16'] });
    expect(fn).toMatchObject({ zigName: 'clampTo(i16)', zigCallee: 'target.clampTo', rustCallee: 'clamp_to::<i16>', zigParams: [{ comptime: 'i16' }, {}, {}, {}], zigTypes: ['i16', 'i16', 'i16'], result: { rust: { k: 'int', bits: 16, name: 'i16' } } });
    // A port that is not generic is called as it is.
    expect(checkable('pub fn id(comptime T: type, x: T) T', 'pub fn id(x: u8) -> u8', undefined, { typeArgs: ['u8'] })).toMatchObject({ zigName: 'id(u8)', rustCallee: 'id' });
    expect(instances('clampTo', [0], 'pub fn clampTo(comptime T: type, x: T) T {}\ntest { _ = clampTo(i16, 5); _ = clampTo(u10, 1); _ = clampTo(Point, p); _ = clampTo(i16, 7); _ = x.clampTo(u8, 1); }')).toEqual([['i16']]);
    expect(instances('Stack', [0], 'var a = Stack(i32).init(x); var b = Stack(u8).init(x); var c = Stack(Point).init(x);')).toEqual([['i32'], ['u8']]);
  });

  it('take an enum\'s receiver as its first parameter, by value or by reference', () => {
    const turn = { k: 'enum' as const, name: 'Turn', variants: ['left', 'right'], rustPath: 'crate::num::Turn', rustFile: 'src/num.rs' };
    const enumOf = (t: string) => (t === 'Self' || t === 'Turn' ? turn : undefined);
    expect(checkable('pub fn opposite(self: Turn) Turn', 'pub fn opposite(&self) -> Turn', enumOf, { receiver: 'value', receiverTypes: ['Turn'] })).toMatchObject({ refFirst: true, params: [{ zig: turn, rust: { k: 'enum', name: 'Turn' } }] });
    expect(checkable('pub fn opposite(self: Self) Self', 'pub fn opposite(self) -> Self', enumOf, { receiver: 'value' })).toMatchObject({ params: [{ zig: turn }], result: { rust: { k: 'enum', name: 'Turn' } } });
    expect(checkable('pub fn opposite(self: Turn) Turn', 'pub fn opposite(&self) -> Turn', enumOf)).toBe('method');
  });

  it('take an anytype parameter the port reads (impl Read, &mut dyn Read, &mut R with R: Read) as bytes for both', () => {
    expect(checkable('pub fn sum(r: anytype) u32', 'pub fn sum(r: impl std::io::Read) -> u32')).toMatchObject({ params: [{ zig: { k: 'reader' }, rust: { k: 'reader' } }] });
    expect(checkable('pub fn sum(r: anytype) u32', 'pub fn sum(r: &mut dyn Read) -> u32')).toMatchObject({ params: [{ zig: { k: 'reader' } }] });
    const generic = checkable('pub fn sum(r: anytype) u32', 'pub fn sum<R>(r: &mut R) -> u32 where R: BufRead');
    expect(generic).toMatchObject({ params: [{ zig: { k: 'reader' } }] });
    expect((generic as { rustCallee?: string }).rustCallee).toBeUndefined();
    expect(checkable('pub fn put(w: anytype, x: u8) !void', 'pub fn put<W: std::io::Write>(w: &mut W, x: u8) -> std::io::Result<()>')).toBe('generic in the port');
    expect(checkable('pub fn put(w: anytype, x: u8) !void', 'pub fn put(w: &mut impl std::io::Write, x: u8) -> std::io::Result<()>')).toBe('generic (comptime or anytype parameters)');
  });

  it('drop a struct\'s receiver for a sequence; a port that consumes self is not called', () => {
    expect(checkable('pub fn push(self: *Self, value: i32) !void', 'pub fn push(&mut self, value: i32)', undefined, { receiver: 'drop' })).toMatchObject({ zigParams: [{ type: { k: 'int' } }], params: [{ rust: { k: 'int' } }] });
    expect(checkable('pub fn take(self: *Self) i32', 'pub fn take(self) -> i32', undefined, { receiver: 'drop' })).toBe('takes self by value in the port');
    expect(checkable('pub fn take(self: *Self) i32', 'pub fn take() -> i32', undefined, { receiver: 'drop' })).toBe("the port's fn takes no self");
  });

  it('read the port\'s inherent impls with the names they give the type\'s parameters', () => {
    const impls = rustImpls('pub struct S<T>(T);\nimpl<U: Copy> S<U> {\n    pub fn get(&self) -> U { self.0 }\n    fn private(&self) {}\n}\nimpl std::fmt::Debug for S<u8> { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) } }\nimpl Plain {\n    pub fn new() -> Self { Plain }\n}\n');
    expect([...impls.keys()]).toEqual(['S', 'Plain']);
    expect(impls.get('S')!.get('get')).toEqual({ header: '    pub fn get(&self) -> U ', typeArgs: ['U'] });
    expect(impls.get('S')!.has('private')).toBe(false);
    expect(impls.get('Plain')!.get('new')).toEqual({ header: '    pub fn new() -> Self ', typeArgs: [] });
  });

  it('make a struct\'s inputs sequences: the constructor, each method on a fresh value, then seeded random sequences', () => {
    const int32 = { k: 'int' as const, signed: true, bits: 32 };
    const rustInt = { k: 'int' as const, signed: true, bits: 32, name: 'i32' };
    const fn = (zigName: string, params: CheckableFn['params']): CheckableFn => ({ zigName, rustName: zigName, zigParams: params.map((p) => ({ type: p.zig })), params, result: { zig: { k: 'void' }, rust: { k: 'unit' } } });
    const spec: SequenceSpec = { zigType: 'target.Stack(i32)', rustType: 'Stack::<i32>', ctor: fn('init', []), fails: false, methods: [fn('push', [{ zig: int32, rust: rustInt }]), fn('pop', []), fn('count', [])] };
    const { inputs } = generateSequences(spec, { ints: [42n], floats: [], strings: [] }, 'seed', 60, () => true);
    expect(inputs).toHaveLength(60);
    expect(describeInput(inputs[0]!)).toBe('init()');
    expect(describeInput(inputs[1]!)).toBe('init(); pop(); count()');
    expect(inputs.slice(2, 8).map(describeInput)).toEqual(['init(); push(0); pop(); count()', 'init(); push(1); pop(); count()', 'init(); push(-1); pop(); count()', 'init(); push(-2147483648); pop(); count()', 'init(); push(2147483647); pop(); count()', 'init(); push(-2147483647); pop(); count()']);
    expect(inputs.every((i) => i[0]!.k === 'call' && i[0]!.m === -1)).toBe(true);
    expect(inputs.some((i) => i.length > 6)).toBe(true);
    expect(generateSequences(spec, { ints: [42n], floats: [], strings: [] }, 'seed', 60, () => true).inputs).toEqual(inputs);
  });
});

describe('project enums', () => {
  it('resolve through the caller, correspond by name, and read the port\'s variants and Debug', () => {
    const op = { k: 'enum' as const, name: 'Op', variants: ['add', 'div'], rustPath: 'crate::token::Op', rustFile: 'src/token.rs' };
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

  it('adds the project\'s data files, truncated and with single bits flipped', () => {
    const data = Uint8Array.from({ length: 90 }, (_, i) => i);
    const variants = fileVariants(data, new Rng('f'));
    expect(variants.map((v) => v.length)).toEqual([90, 45, 89, 90, 90, 90]);
    const flips = variants.slice(3).map((v) => v.findIndex((b, i) => b !== data[i]));
    // One bit in each third: a header, a body, a trailer.
    expect(flips.map((i) => Math.floor(i / 30))).toEqual([0, 1, 2]);
    for (const [k, v] of variants.slice(3).entries()) expect(v[flips[k]!]! ^ data[flips[k]!]!).toSatisfy((x: number) => [1, 2, 4, 8, 16, 32, 64, 128].includes(x));
    const { inputs } = generateInputs([{ k: 'bytes' }], { ints: [], floats: [], strings: [], files: [data] }, 's', 200);
    expect(inputs.filter(([a]) => a!.k === 'bytes' && a!.v.length >= 45 && a!.v.length <= 90).length).toBe(6);
    expect(describeInput([{ k: 'bytes', v: new Uint8Array(2000).fill(255) }])).toBe('(bytes of 2000 bytes starting 0xffffffffffffffffffffffffffffffff)');
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

describe('sequences and long values', () => {
  it('compare a sequence call by call and group its deviations by the first call that differs', () => {
    const call = (m: number, name: string, ...args: InputValue[]): InputValue => ({ k: 'call', m, name, args });
    const inputs = [[call(-1, 'init'), call(0, 'add', int(1)), call(1, 'reset'), call(2, 'mean')], [call(-1, 'init'), call(1, 'reset'), call(2, 'mean')], [call(-1, 'init'), call(0, 'add', int(-4))]];
    const zig = ['seq:void;void;void;null', 'seq:void;void;null', 'seq:void;error.Overflow'];
    const rust = ['seq:void;void;void;0', 'seq:void;void;null', 'seq:void;error.overflow'];
    const cmp = compareFunction('Counter', inputs, zig, rust);
    expect(cmp).toMatchObject({ inputs: 3, same: 2 });
    expect(cmp.deviations).toEqual([{ fn: 'Counter', input: 'init(); add(1); reset(); mean()', zig: 'void; void; void; null', rust: 'void; void; void; 0', count: 1 }]);
  });

  it('compare a struct field by field, by the Zig\'s field names', () => {
    expect(parseOutcome('{start=1,text=x:6162,n=f64:7ff8000000000001}')).toEqual(parseOutcome('{start=1,text=x:6162,n=f64:fff8000000000000}'));
    expect(describeOutcome(parseOutcome('{start=1,text=x:6162,inner={xs=[1,2],e=enum.Left_Turn}}'))).toBe('{ start: 1, text: "ab", inner: { xs: [1, 2], e: .leftturn } }');
    const cmp = compareFunction('firstWord', [[text('a b')]], ['{start=1,text=x:61}'], ['{start=1,text=x:6120}']);
    expect(cmp.deviations).toEqual([{ fn: 'firstWord', input: '("a b")', zig: '{ start: 1, text: "a" }', rust: '{ start: 1, text: "a " }', count: 1 }]);
  });

  it('describe long byte strings by their length and where the two sides part', () => {
    const a = 'x:' + '61'.repeat(400);
    const b = 'x:' + '61'.repeat(300) + '62'.repeat(100);
    const cmp = compareFunction('encode', [[text('x')]], [a], [b]);
    expect(cmp.deviations[0]).toMatchObject({ zig: '400 bytes of text starting 0x61616161616161616161616161616161', rust: '400 bytes of text starting 0x61616161616161616161616161616161 (first differs at byte 300)' });
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
