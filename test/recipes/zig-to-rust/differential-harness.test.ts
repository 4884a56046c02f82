/**
 * Differential checking against the real Zig 0.11 compiler (the devDependency) and cargo: a small Zig file and a
 * hand-written Rust port with one planted deviation, both harnesses generated, built, run, and compared.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexProject } from '../../../src/index.js';
import { checkFiles, prepareFiles } from '../../../recipes/zig-to-rust/differential-check.js';
import { describeInput } from '../../../recipes/zig-to-rust/differential-inputs.js';
import { buildLayout, binFileOf } from '../../../recipes/zig-to-rust/layout.js';
import { writeNumProject, ZIG } from '../../helpers/zig-compiler.js';


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

test "literals" {
    try std.testing.expectEqual(@as(i32, 5), add(2, 3));
    try std.testing.expectEqual(@as(?usize, 2), find("hello", 'l'));
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
`;

const work = mkdtempSync(join(tmpdir(), 'z2r-differential-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(ZIG))('differential checking with Zig 0.11 and cargo', () => {
  it('checks every checkable pub fn, skips and counts the rest, finds the planted deviation and only it', { timeout: 240_000 }, async () => {
    const { input, out } = writeNumProject(work, ZIG_SOURCE, RUST_SOURCE);
    const { index, items } = await indexProject(input);
    const layout = buildLayout(index.files, 'num', binFileOf(items));
    const prepared = await prepareFiles({ items, out, layout, cap: 120 });
    const names = prepared.files.flatMap((f) => f.fns.map((x) => x.fn.zigName));
    expect(names, JSON.stringify(prepared.skippedFns)).toEqual(['add', 'half', 'checked', 'find', 'scale', 'isEven', 'upper', 'first', 'clampNeg', 'turn', 'step', 'sum', 'sorted', 'maxOf', 'parity']);
    expect(prepared.skippedFns).toEqual([
      { file: 'num.zig', fn: 'tokens', reason: 'unsupported result: slice of []const u8' },
      { file: 'num.zig', fn: 'Point.norm', reason: 'method or function of a container' },
    ]);
    expect(prepared.skipped).toEqual({ 'unsupported result': 1, 'method or function of a container': 1 });
    expect(prepared.files[0]!.fns.find((f) => f.fn.zigName === 'turn')!.fn.params[0]!.zig).toMatchObject({ k: 'enum', rustPath: 'crate::num::Dir', rustVariants: ['Up', 'Down', 'LeftTurn'] });
    // upper takes &str: the non-UTF-8 inputs are not generated for it, and counted.
    expect(prepared.rejected).toBeGreaterThan(0);

    const ctx = { signal: new AbortController().signal, sandbox: undefined, log: () => undefined } as never;
    const started = Date.now();
    const [result] = await checkFiles({ ctx, zig: ZIG, input, out, targetDir: join(work, 'target'), work: join(work, 'diff'), files: prepared.files });
    const ms = Date.now() - started;
    // parity's harness call does not compile (its error type has no Debug): it alone is not run, and said so.
    expect(result!.error).toMatch(/^the Rust harness did not compile for parity \(.*trait bounds were not satisfied\): not run$/);
    const by = new Map(result!.fns.map((f) => [f.fn, f]));
    for (const f of result!.fns) if (f.fn !== 'parity') expect(f.notRun, f.fn).toBe(0);
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
    const inputs = result!.fns.reduce((n, f) => n + f.inputs, 0);
    console.log(`differential harness test: ${result!.fns.length} functions, ${inputs} inputs each side in ${(ms / 1000).toFixed(1)} s`);
  });
});
