/**
 * Differential checking against the real Zig 0.11 compiler (the devDependency) and cargo: a small Zig file and a
 * hand-written Rust port with one planted deviation, both harnesses generated, built, run, and compared.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { indexProject } from '../../../src/index.js';
import { checkFiles, prepareFiles } from '../../../recipes/zig-to-rust/differential-check.js';
import { findDataFiles } from '../../../recipes/zig-to-rust/differential-data.js';
import { describeInput } from '../../../recipes/zig-to-rust/differential-inputs.js';
import { buildLayout, binFileOf } from '../../../recipes/zig-to-rust/layout.js';
import { writeNumProject, ZIG } from '../../helpers/zig-compiler.js';
import { FIXTURES } from '../../helpers/zig-to-rust.js';


const ZIG_SOURCE = `const std = @import("std");
pub const E = error{ Negative, TooBig };

pub fn add(a: i32, b: i32) i32 {
    return a + b;
}
pub fn half(x: u8) u8 {
    return x / 2;
}
pub fn checked(x: i64) E!i64 {
    if (x < 0) return error.Negative;
    if (x > 1000) return error.TooBig;
    return x * 2;
}
pub fn find(s: []const u8, c: u8) ?usize {
    return std.mem.indexOfScalar(u8, s, c);
}
pub fn scale(x: f64) f64 {
    return x * 1.5;
}
pub fn isEven(x: u10) bool {
    return x % 2 == 0;
}
pub fn upper(allocator: std.mem.Allocator, s: []const u8) ![]u8 {
    const out = try allocator.alloc(u8, s.len);
    for (s, 0..) |c, i| out[i] = std.ascii.toUpper(c);
    return out;
}
pub fn first(s: []const u8) u8 {
    return s[0];
}
pub fn clampNeg(x: i32) i32 {
    return if (x < 0) 0 else x;
}
pub fn tokens(allocator: std.mem.Allocator, s: []const u8) ![][]const u8 {
    _ = allocator;
    _ = s;
    return &.{};
}
pub const Dir = enum { up, down, left_turn };
pub fn turn(d: Dir) Dir {
    return switch (d) {
        .up => .left_turn,
        .down => .up,
        .left_turn => .down,
    };
}
pub fn step(d: Dir, x: i32) ?i32 {
    return switch (d) {
        .up => x + 1,
        .down => x - 1,
        .left_turn => null,
    };
}
pub fn sum(xs: []const i32) i64 {
    var total: i64 = 0;
    for (xs) |x| total += x;
    return total;
}
pub fn sorted(allocator: std.mem.Allocator, xs: []const i32) ![]i32 {
    const out = try allocator.dupe(i32, xs);
    std.mem.sort(i32, out, {}, std.sort.asc(i32));
    return out;
}
pub fn maxOf(xs: []const f64) ?f64 {
    if (xs.len == 0) return null;
    var m = xs[0];
    for (xs[1..]) |x| m = @max(m, x);
    return m;
}
pub fn parity(x: u8) error{Odd}!u8 {
    if (x % 2 == 1) return error.Odd;
    return x;
}
pub const Point = struct {
    x: i32,
    pub fn norm(self: Point) i32 {
        return self.x;
    }
};
pub const Counter = struct {
    total: i64,
    hits: u32,
    pub fn init(start: i64) Counter {
        return .{ .total = start, .hits = 0 };
    }
    pub fn deinit(self: *Counter) void {
        _ = self;
    }
    pub fn add(self: *Counter, x: i32) void {
        self.total += x;
        self.hits += 1;
    }
    pub fn mean(self: *const Counter) ?i64 {
        if (self.hits == 0) return null;
        return @divTrunc(self.total, @as(i64, self.hits));
    }
    pub fn reset(self: *Counter) void {
        self.total = 0;
        self.hits = 0;
    }
};
pub fn Pair(comptime T: type) type {
    return struct {
        const Self = @This();
        a: T,
        b: T,
        pub fn init(a: T, b: T) Self {
            return .{ .a = a, .b = b };
        }
        pub fn swap(self: *Self) void {
            const t = self.a;
            self.a = self.b;
            self.b = t;
        }
        pub fn first(self: *const Self) T {
            return self.a;
        }
        pub fn larger(self: Self) T {
            return @max(self.a, self.b);
        }
    };
}
pub const Turn = enum {
    left,
    right,
    pub fn fromName(s: []const u8) ?Turn {
        if (std.mem.eql(u8, s, "left")) return .left;
        if (std.mem.eql(u8, s, "right")) return .right;
        return null;
    }
    pub fn opposite(self: Turn) Turn {
        return if (self == .left) .right else .left;
    }
};
pub fn clampTo(comptime T: type, x: T, lo: T, hi: T) T {
    return @max(lo, @min(x, hi));
}
pub fn encode(allocator: std.mem.Allocator, s: []const u8) ![]u8 {
    const out = try allocator.alloc(u8, s.len * 2);
    for (s, 0..) |c, i| {
        out[2 * i] = "0123456789abcdef"[c >> 4];
        out[2 * i + 1] = "0123456789abcdef"[c & 15];
    }
    return out;
}
pub fn decode(allocator: std.mem.Allocator, s: []const u8) ![]u8 {
    if (s.len % 2 != 0) return error.OddLength;
    const out = try allocator.alloc(u8, s.len / 2);
    for (out, 0..) |*b, i| b.* = (try std.fmt.charToDigit(s[2 * i], 16)) * 16 + try std.fmt.charToDigit(s[2 * i + 1], 16);
    return out;
}
pub const Span = struct { start: usize, text: []const u8 };
pub fn firstWord(s: []const u8, sep: u8) ?Span {
    const i = std.mem.indexOfScalar(u8, s, sep) orelse return null;
    return .{ .start = i, .text = s[0..i] };
}
/// A reader parameter (duck-typed): both sides read the same bytes, the data file's among them.
pub fn checksum(reader: anytype) u32 {
    var total: u32 = 0;
    while (true) {
        const b = reader.readByte() catch return total;
        total +%= b;
    }
}
pub const Facing = enum { north, south };
pub fn facing(x: u8) Facing {
    return if (x % 2 == 0) .north else .south;
}
/// Never called by the project's own code or tests, so its error went unseen (Zig compiles lazily): only the harness calls it.
pub fn broken(x: u8) u8 {
    const wide: u16 = 1000;
    return x + wide;
}

test "literals" {
    try std.testing.expectEqual(@as(i32, 5), add(2, 3));
    try std.testing.expectEqual(@as(?usize, 2), find("hello", 'l'));
    var p = Pair(u8).init(1, 2);
    p.swap();
    try std.testing.expectEqual(@as(u8, 2), p.first());
    try std.testing.expectEqual(@as(i64, 1), Pair(i64).init(-1, 1).larger());
    try std.testing.expectEqual(@as(i16, 3), clampTo(i16, 5, 0, 3));
    try std.testing.expectEqual(@as(?Turn, .left), Turn.fromName("left"));
}
`;

const RUST_SOURCE = `#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum E {
    Negative,
    TooBig,
}

pub fn add(a: i32, b: i32) -> i32 {
    a + b
}
pub fn half(x: u8) -> u8 {
    x / 2
}
pub fn checked(x: i64) -> Result<i64, E> {
    if x < 0 {
        return Err(E::Negative);
    }
    if x > 1000 {
        return Err(E::TooBig);
    }
    Ok(x * 2)
}
pub fn find(s: &[u8], c: u8) -> Option<usize> {
    s.iter().position(|&b| b == c)
}
pub fn scale(x: f64) -> f64 {
    x * 1.5
}
pub fn is_even(x: u16) -> bool {
    x % 2 == 0
}
pub fn upper(s: &str) -> String {
    s.to_ascii_uppercase()
}
pub fn first(s: &[u8]) -> u8 {
    s[0]
}
/// The planted deviation: negative inputs come back negated instead of clamped to 0.
pub fn clamp_neg(x: i32) -> i32 {
    if x < 0 { x.wrapping_neg() } else { x }
}
pub fn tokens(s: &str) -> Vec<String> {
    vec![s.to_string()]
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
    LeftTurn,
}
pub fn turn(d: Dir) -> Dir {
    match d {
        Dir::Up => Dir::LeftTurn,
        Dir::Down => Dir::Up,
        Dir::LeftTurn => Dir::Down,
    }
}
pub fn step(d: Dir, x: i32) -> Option<i32> {
    match d {
        Dir::Up => Some(x + 1),
        Dir::Down => Some(x - 1),
        Dir::LeftTurn => None,
    }
}
pub fn sum(xs: &[i32]) -> i64 {
    xs.iter().map(|&x| x as i64).sum()
}
pub fn sorted(xs: &[i32]) -> Vec<i32> {
    let mut out = xs.to_vec();
    out.sort();
    out
}
pub fn max_of(xs: &[f64]) -> Option<f64> {
    let mut it = xs.iter().copied();
    let first = it.next()?;
    Some(it.fold(first, f64::max))
}
/// No Debug: the harness cannot print its errors, so parity's call does not compile and parity alone is dropped.
pub struct Odd;
pub fn parity(x: u8) -> Result<u8, Odd> {
    if x % 2 == 1 { Err(Odd) } else { Ok(x) }
}
pub struct Point {
    pub x: i32,
}
impl Point {
    pub fn norm(&self) -> i32 {
        self.x
    }
}
pub struct Counter {
    total: i64,
    hits: u32,
}
impl Counter {
    pub fn init(start: i64) -> Self {
        Counter { total: start, hits: 0 }
    }
    pub fn add(&mut self, x: i32) {
        self.total += x as i64;
        self.hits += 1;
    }
    pub fn mean(&self) -> Option<i64> {
        if self.hits == 0 { None } else { Some(self.total / self.hits as i64) }
    }
    /// The planted deviation of a method: the count of hits is not reset.
    pub fn reset(&mut self) {
        self.total = 0;
    }
}
pub struct Pair<T> {
    a: T,
    b: T,
}
impl<U: Copy + PartialOrd> Pair<U> {
    pub fn init(a: U, b: U) -> Self {
        Pair { a, b }
    }
    pub fn swap(&mut self) {
        std::mem::swap(&mut self.a, &mut self.b);
    }
    pub fn first(&self) -> U {
        self.a
    }
    pub fn larger(&self) -> U {
        if self.a > self.b { self.a } else { self.b }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    Left,
    Right,
}
impl Turn {
    pub fn from_name(s: &str) -> Option<Turn> {
        match s {
            "left" => Some(Turn::Left),
            "right" => Some(Turn::Right),
            _ => None,
        }
    }
    pub fn opposite(&self) -> Turn {
        if *self == Turn::Left { Turn::Right } else { Turn::Left }
    }
}
pub fn clamp_to<T: PartialOrd + Copy>(x: T, lo: T, hi: T) -> T {
    let m = if x < hi { x } else { hi };
    if lo > m { lo } else { m }
}
/// The planted deviation of a data file: input beyond 2048 bytes is dropped (no test or edge value is that long).
pub fn encode(s: &[u8]) -> Vec<u8> {
    let digits = b"0123456789abcdef";
    s.iter().take(2048).flat_map(|&c| [digits[(c >> 4) as usize], digits[(c & 15) as usize]]).collect()
}
#[derive(Debug)]
pub enum HexError {
    OddLength,
    InvalidCharacter,
}
pub fn decode(s: &[u8]) -> Result<Vec<u8>, HexError> {
    if s.len() % 2 != 0 {
        return Err(HexError::OddLength);
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8).ok_or(HexError::InvalidCharacter);
    s.chunks(2).map(|p| Ok(digit(p[0])? * 16 + digit(p[1])?)).collect()
}
/// A struct result (its fields printed by name) borrowing the input; a byte parameter taken as a char.
pub struct Span<'a> {
    pub start: usize,
    pub text: &'a str,
}
pub fn first_word(s: &str, sep: char) -> Option<Span<'_>> {
    let i = s.find(sep)?;
    Some(Span { start: i, text: &s[..i] })
}
pub fn checksum<R: std::io::Read>(reader: &mut R) -> u32 {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).unwrap();
    bytes.iter().fold(0u32, |t, &b| t.wrapping_add(b as u32))
}
/// No Debug: a Facing result cannot be printed, so facing is skipped (and not counted as checked).
pub enum Facing {
    North,
    South,
}
pub fn facing(x: u8) -> Facing {
    if x % 2 == 0 { Facing::North } else { Facing::South }
}
pub fn broken(x: u8) -> u8 {
    x
}
`;

const work = mkdtempSync(join(tmpdir(), 'z2r-differential-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(ZIG))('differential checking with Zig 0.11 and cargo', () => {
  it('checks every checkable pub fn (structs through their constructor, generics as the tests instantiate them, round trips, the data files), skips and counts the rest, finds the planted deviations and only them', { timeout: 240_000 }, async () => {
    const { input, out } = writeNumProject(work, ZIG_SOURCE, RUST_SOURCE);
    // The project's data: 3,000 bytes, longer than any generated input.
    mkdirSync(join(input, 'testdata'));
    writeFileSync(join(input, 'testdata', 'blob.bin'), Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 255));
    const { index, items } = await indexProject(input);
    const layout = buildLayout(index.files, 'num', binFileOf(items));
    const data = await findDataFiles(input, items);
    expect(data.map((d) => [d.path, d.bytes.length])).toEqual([['testdata/blob.bin', 3000]]);
    const prepared = await prepareFiles({ items, out, layout, cap: 120, dataFiles: data.map((d) => d.bytes) });
    const names = prepared.files.flatMap((f) => f.fns.map((x) => x.fn.zigName));
    expect(names, JSON.stringify(prepared.skippedFns)).toEqual(['add', 'half', 'checked', 'find', 'scale', 'isEven', 'upper', 'first', 'clampNeg', 'turn', 'step', 'sum', 'sorted', 'maxOf', 'parity', 'Counter', 'Pair(u8)', 'Pair(i64)', 'Turn.fromName', 'Turn.opposite', 'clampTo(i16)', 'encode', 'decode', 'firstWord', 'checksum', 'broken', 'decode(encode)']);
    expect(prepared.skippedFns).toEqual([
      { file: 'num.zig', fn: 'tokens', reason: 'unsupported result: slice of []const u8' },
      { file: 'num.zig', fn: 'Point.norm', reason: 'method: no constructor the harness can build from checkable values' },
      { file: 'num.zig', fn: 'Counter.deinit', reason: 'destructor (deinit): the port frees on drop' },
      { file: 'num.zig', fn: 'facing', reason: 'unsupported enum: enum Facing: the port does not derive Debug' },
    ]);
    expect(prepared.skipped).toEqual({ 'unsupported result': 1, method: 1, destructor: 1, 'unsupported enum': 1 });
    // The 15 plain fns, Counter's constructor and 3 methods, Pair's (both instantiations the test uses), Turn's 2, clampTo, encode and decode, firstWord, checksum, and broken (checkable, though its Zig does not compile).
    expect(prepared.checked).toBe(15 + 4 + 4 + 2 + 1 + 2 + 1 + 1 + 1);
    expect(prepared.files[0]!.fns.find((f) => f.fn.zigName === 'turn')!.fn.params[0]!.zig).toMatchObject({ k: 'enum', rustPath: 'crate::num::Dir', rustVariants: ['Up', 'Down', 'LeftTurn'] });
    // upper takes &str: the non-UTF-8 inputs are not generated for it, and counted.
    expect(prepared.rejected).toBeGreaterThan(0);

    const ctx = { signal: new AbortController().signal, sandbox: undefined, log: () => undefined } as never;
    const started = Date.now();
    const [result] = await checkFiles({ ctx, zig: ZIG, input, out, targetDir: join(work, 'target'), work: join(work, 'diff'), files: prepared.files });
    const ms = Date.now() - started;
    // broken's Zig does not compile, and parity's Rust call does not (its error type has no Debug): each alone is
    // not run, and said so.
    expect(result!.error).toMatch(/^the Zig harness did not build for broken \(expected type 'u8', found 'u16'\): not run; the Rust harness did not compile for parity \(.*trait bounds were not satisfied\): not run$/);
    const by = new Map(result!.fns.map((f) => [f.fn, f]));
    expect(by.get('broken')).toMatchObject({ inputs: 0, same: 0 });
    expect(by.get('broken')!.notRun).toBeGreaterThan(0);
    for (const f of result!.fns) if (f.fn !== 'parity' && f.fn !== 'broken') expect(f.notRun, f.fn).toBe(0);
    expect(by.get('parity')).toMatchObject({ inputs: 0, notRun: prepared.files[0]!.fns.find((f) => f.fn.zigName === 'parity')!.inputs.length });
    // Both sides trap on overflow (add) and on an empty slice (first): classified, not deviations.
    expect(by.get('add')!.bothTrap).toBeGreaterThan(0);
    expect(by.get('first')!.bothTrap).toBe(1);
    for (const name of ['add', 'half', 'checked', 'find', 'scale', 'isEven', 'upper', 'first', 'turn', 'step', 'sum', 'sorted']) expect(by.get(name)!.deviations, name).toEqual([]);
    // Slices of numbers in and out (Zig's @max and Rust's f64::max both ignore a NaN operand).
    expect(by.get('sorted')!.same).toBe(by.get('sorted')!.inputs);
    expect(by.get('maxOf')!.deviations).toEqual([]);
    expect(by.get('maxOf')!.same).toBe(by.get('maxOf')!.inputs);
    expect(prepared.files[0]!.fns.find((f) => f.fn.zigName === 'sum')!.inputs.map((i) => describeInput(i))).toEqual(expect.arrayContaining(['([])', '([0])', '([-2147483648])']));
    // Enums: every variant in, variants out compared by name (Zig left_turn, Rust LeftTurn); edges and variants paired.
    expect(by.get('turn')!).toMatchObject({ inputs: 3, same: 3 });
    expect(by.get('step')!.bothTrap).toBeGreaterThan(0); // up on i32 max: both overflow
    expect(by.get('checked')!.same).toBe(by.get('checked')!.inputs);
    const clamp = by.get('clampNeg')!;
    expect(clamp.deviations).toHaveLength(1);
    // The smallest input that shows it; the trap where Rust's wrapping_neg returns i32::MIN is the same group.
    expect(clamp.deviations[0]).toMatchObject({ fn: 'clampNeg', input: '(-1)', zig: '0', rust: '1' });
    expect(clamp.deviations[0]!.count).toBeGreaterThan(5);
    // A struct through its constructor: the sequence that shows reset() forgetting the hits, smallest first.
    for (const name of ['Pair(u8)', 'Pair(i64)', 'Turn.fromName', 'Turn.opposite', 'clampTo(i16)', 'decode', 'firstWord', 'checksum']) {
      expect(by.get(name)!.deviations, name).toEqual([]);
      expect(by.get(name)!.same, name).toBeGreaterThan(0);
    }
    expect(by.get('Turn.opposite')).toMatchObject({ inputs: 2, same: 2 });
    // A char parameter gets ASCII bytes only (the others are left out and counted); the struct compares field by field.
    expect(by.get('firstWord')!.same).toBe(by.get('firstWord')!.inputs);
    // A reader: a fixed buffer stream on the Zig side, a Cursor on the port's, over the same bytes (the data file too).
    expect(by.get('checksum')!.same).toBe(by.get('checksum')!.inputs);
    expect(prepared.files[0]!.fns.find((f) => f.fn.zigName === 'checksum')!.inputs.some(([a]) => a!.k === 'bytes' && a!.v.length === 3000)).toBe(true);
    expect(prepared.files[0]!.fns.find((f) => f.fn.zigName === 'firstWord')!.inputs.every(([, sep]) => sep!.k === 'int' && sep!.v < 128n)).toBe(true);
    const counter = by.get('Counter')!;
    expect(counter.deviations).toHaveLength(1);
    expect(counter.deviations[0]!.input).toMatch(/^init\(-?\d+\)(; \w+\(-?\d*\))*; reset\(\)(; \w+\(-?\d*\))*; mean\(\)/);
    expect(counter.deviations[0]!.zig).toMatch(/null$/);
    expect(counter.deviations[0]!.rust).toMatch(/; 0$/);
    // The data file (and its truncated and bit-flipped variants) shows what no generated input does: the port
    // drops input beyond 2,048 bytes; the round trip through decode shows it too.
    for (const name of ['encode', 'decode(encode)']) {
      const f = by.get(name)!;
      expect(f.deviations, name).toHaveLength(1);
      expect(f.deviations[0]!.input, name).toBe('(bytes of 2999 bytes starting 0x00070e151c232a31383f464d545b6269)');
      expect(f.deviations[0]!.count, name).toBe(5); // the file, its 2,999-byte cut and its 3 bit flips; its 1,500-byte half passes
    }
    expect(by.get('encode')!.deviations[0]!.rust).toBe('4096 bytes of text starting 0x30303037306531353163323332613331 (first differs at byte 4096)');
    // Across the sides: the Zig's own decoder reads the port's encodings back short, on exactly the inputs whose
    // encodings differ.
    const cross = by.get('decode(encode of the port)')!;
    expect(cross).toMatchObject({ inputs: 5, notRun: 0 });
    expect(cross.deviations).toHaveLength(1);
    expect(cross.deviations[0]).toMatchObject({ input: '(bytes of 2999 bytes starting 0x00070e151c232a31383f464d545b6269)', zig: '2999 bytes starting 0x00070e151c232a31383f464d545b6269', count: 5 });
    expect(cross.deviations[0]!.rust).toBe('2048 bytes starting 0x00070e151c232a31383f464d545b6269 (first differs at byte 2048)');
    const inputs = result!.fns.reduce((n, f) => n + f.inputs, 0);
    console.log(`differential harness test: ${result!.fns.length} functions, ${inputs} inputs each side in ${(ms / 1000).toFixed(1)} s`);
  });
});

describe.skipIf(!existsSync(ZIG))('differential checking of a fixture\'s golden port', () => {
  it('shows no deviation on minihttp: its structs through their constructors, enum functions, plain fns and a struct result', { timeout: 240_000 }, async () => {
    const input = join(FIXTURES, 'minihttp/src');
    const out = join(work, 'minihttp-golden');
    cpSync(join(FIXTURES, 'minihttp/golden'), out, { recursive: true });
    cpSync(fileURLToPath(new URL('../../../recipes/zig-to-rust/zig_std', import.meta.url)), join(out, 'zig_std'), { recursive: true });
    const { index, items } = await indexProject(input);
    const layout = buildLayout(index.files, 'minihttp', binFileOf(items));
    const prepared = await prepareFiles({ items, out, layout, cap: 80 });
    expect(prepared.files.flatMap((f) => f.fns.map((x) => x.fn.zigName))).toEqual(['Headers', 'Method.parse', 'keyFromPath', 'Store', 'trimSpaces', 'eqlIgnoreCase', 'splitOnce', 'parseDecimal']);
    expect(prepared.checked).toBe(16);
    const ctx = { signal: new AbortController().signal, sandbox: undefined, log: () => undefined } as never;
    const results = await checkFiles({ ctx, zig: ZIG, input, out, targetDir: join(work, 'target-minihttp'), work: join(work, 'diff-minihttp'), files: prepared.files });
    for (const r of results) {
      expect(r.error, r.zig).toBeUndefined();
      for (const f of r.fns) {
        expect(f.deviations, `${r.zig} ${f.fn}`).toEqual([]);
        expect(f.notRun, `${r.zig} ${f.fn}`).toBe(0);
        expect(f.same + f.bothTrap, `${r.zig} ${f.fn}`).toBe(f.inputs);
      }
    }
  });
});

describe.skipIf(!existsSync(ZIG))('differential checking of several files in one Zig build', () => {
  it('builds every file\'s checks at once; when a file breaks that build in a way no check is to blame for, the others are built on their own', { timeout: 240_000 }, async () => {
    const input = join(work, 'two', 'src');
    const out = join(work, 'two', 'out');
    mkdirSync(input, { recursive: true });
    mkdirSync(join(out, 'src'), { recursive: true });
    writeFileSync(join(input, 'a.zig'), 'pub fn twice(x: i32) i32 {\n    return x *% 2;\n}\n');
    // The error is in a constant outside any checked fn: only the whole file can be left out.
    writeFileSync(join(input, 'b.zig'), 'const limit: u8 = 300;\npub fn cap(x: u8) u8 {\n    return @min(x, limit);\n}\n');
    writeFileSync(join(out, 'Cargo.toml'), '[package]\nname = "two"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n');
    writeFileSync(join(out, 'src/lib.rs'), 'pub mod a;\npub mod b;\n');
    writeFileSync(join(out, 'src/a.rs'), 'pub fn twice(x: i32) -> i32 {\n    x.wrapping_mul(2)\n}\n');
    writeFileSync(join(out, 'src/b.rs'), 'pub fn cap(x: u8) -> u8 {\n    x.min(255)\n}\n');
    const { index, items } = await indexProject(input);
    const prepared = await prepareFiles({ items, out, layout: buildLayout(index.files, 'two', binFileOf(items)), cap: 40 });
    expect(prepared.files.map((f) => f.zig)).toEqual(['a.zig', 'b.zig']);
    const ctx = { signal: new AbortController().signal, sandbox: undefined, log: () => undefined } as never;
    const [a, b] = await checkFiles({ ctx, zig: ZIG, input, out, targetDir: join(work, 'target-two'), work: join(work, 'diff-two'), files: prepared.files });
    expect(a!.error).toBeUndefined();
    expect(a!.fns[0]).toMatchObject({ fn: 'twice', inputs: 40, same: 40, deviations: [] });
    expect(b!.error).toMatch(/^the Zig harness did not build: b\.zig:1:19: error: type 'u8' cannot represent integer value '300'/);
    expect(b!.fns[0]).toMatchObject({ fn: 'cap', inputs: 0, notRun: 40 });
  });
});
