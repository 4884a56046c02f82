import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeHollowTest, hollowTests } from '../../src/source/index.js';

const ZIG = `const std = @import("std");
const expect = std.testing.expect;

fn check(a: u8) !void {
    try std.testing.expect(a > 0);
}

test "adds numbers" {
    try std.testing.expectEqual(@as(u8, 3), 1 + 2);
    try expect(true);
    try std.testing.expectEqualStrings("a", "a");
}

test "six checks" {
    try expect(1 == 1);
    try expect(2 == 2);
    try expect(3 == 3);
    try expect(4 == 4);
    try expect(5 == 5);
    try expect(6 == 6);
}

test "reads a fixture" {
    const data = try std.fs.cwd().readFileAlloc(std.testing.allocator, "fixtures/a.bin", 1024);
    defer std.testing.allocator.free(data);
    try expect(data.len > 0);
}

test "skips without fixture" {
    const f = std.fs.cwd().openFile("fixtures/b.bin", .{}) catch return error.SkipZigTest;
    defer f.close();
    try expect(true);
}

test "through a helper" {
    try check(1);
    try check(2);
}

test "no checks" {
    _ = std;
}
`;

const GOOD = `
fn check(a: u8) { assert!(a > 0); }

macro_rules! check_all { ($($e:expr),*) => { $( assert!($e); )* }; }

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_numbers() {
        assert_eq!(1 + 2, 3u8);
        assert!(true);
        assert_eq!("a", "a");
    }

    #[test]
    fn six_checks() {
        for (a, b) in [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6)] {
            assert_eq!(a, b);
        }
    }

    #[test]
    fn reads_a_fixture() {
        let data = std::fs::read("fixtures/a.bin").unwrap();
        assert!(!data.is_empty());
    }

    #[test]
    fn skips_without_fixture() {
        let Ok(_f) = std::fs::File::open("fixtures/b.bin") else { zig_skip!("fixtures/b.bin missing"); };
        assert!(true);
    }

    #[test]
    fn through_a_helper() {
        check(1);
        check_all!(2 > 0);
    }

    #[test]
    fn no_checks() {}
}
`;

describe('hollowTests', () => {
  it('lets a faithful port through: loops, helpers, macros, a skip the Zig has too', () => {
    expect(hollowTests(ZIG, GOOD)).toEqual([]);
  });

  it('finds a Rust test with no assertion where the Zig test had three', () => {
    const rust = GOOD.replace(/fn adds_numbers\(\) \{[\s\S]*?\n {4}\}/, 'fn adds_numbers() {\n        // checked by the other tests\n        let _ = 1 + 2;\n    }');
    const found = hollowTests(ZIG, rust);
    expect(found).toEqual([expect.objectContaining({ reason: 'no-assertions', zigName: 'adds numbers', rustName: 'adds_numbers', zigAssertions: 3, rustAssertions: 0 })]);
    expect(describeHollowTest(found[0]!)).toMatch(/^Zig test "adds numbers" \(line 8\) checks 3 assertions, but its Rust test `adds_numbers` \(line \d+\) asserts nothing$/);
  });

  it('finds a Rust test with far fewer assertions (fewer than half, from 4 on), unless they sit in a loop', () => {
    const rust = GOOD.replace(/for \(a, b\) in[\s\S]*?assert_eq!\(a, b\);\n\s*\}/, 'assert_eq!(1, 1);\n        assert_eq!(2, 2);');
    expect(hollowTests(ZIG, rust)).toEqual([expect.objectContaining({ reason: 'fewer-assertions', rustName: 'six_checks', zigAssertions: 6, rustAssertions: 2 })]);
    const three = GOOD.replace(/for \(a, b\) in[\s\S]*?assert_eq!\(a, b\);\n\s*\}/, 'assert_eq!(1, 1);\n        assert_eq!(2, 2);\n        assert_eq!(3, 3);');
    expect(hollowTests(ZIG, three)).toEqual([]);
  });

  it('finds a Rust test that returns before its first assertion where the Zig fails on a missing fixture', () => {
    const rust = GOOD.replace('let data = std::fs::read("fixtures/a.bin").unwrap();', 'if !std::path::Path::new("fixtures/a.bin").exists() {\n            return;\n        }\n        let data = std::fs::read("fixtures/a.bin").unwrap();');
    const found = hollowTests(ZIG, rust);
    expect(found).toEqual([expect.objectContaining({ reason: 'early-return', rustName: 'reads_a_fixture', returnLine: 27 })]);
    expect(describeHollowTest(found[0]!)).toMatch(/can return at line 27 before its first assertion, where Zig test "reads a fixture" \(line 23\) cannot/);
    const letElse = GOOD.replace('let data = std::fs::read("fixtures/a.bin").unwrap();', 'let Ok(data) = std::fs::read("fixtures/a.bin") else { return };');
    expect(hollowTests(ZIG, letElse).map((h) => h.reason)).toEqual(['early-return']);
  });

  it('finds a bare return where the Zig skips (error.SkipZigTest), and a zig_skip! where the Zig fails', () => {
    const silent = GOOD.replace('zig_skip!("fixtures/b.bin missing");', 'return;');
    const found = hollowTests(ZIG, silent);
    expect(found).toEqual([expect.objectContaining({ reason: 'silent-skip', rustName: 'skips_without_fixture' })]);
    expect(describeHollowTest(found[0]!)).toMatch(/where Zig test "skips without fixture" \(line 29\) skips \(`error.SkipZigTest`\): a bare return counts as a pass; skip with `zig_skip!\("reason"\)`/);
    const skipped = GOOD.replace('let data = std::fs::read("fixtures/a.bin").unwrap();', 'let Ok(data) = std::fs::read("fixtures/a.bin") else { zig_skip!("no fixture") };');
    expect(hollowTests(ZIG, skipped).map((h) => h.reason)).toEqual(['early-return']);
  });

  it('finds a skip on any error where the Zig skips only on a missing file', () => {
    const zig = 'const std = @import("std");\ntest "fixture" {\n    const f = std.fs.cwd().openFile("x.bin", .{}) catch |err| switch (err) {\n        error.FileNotFound => return error.SkipZigTest,\n        else => return err,\n    };\n    defer f.close();\n    try std.testing.expect(true);\n}\n';
    const broad = '#[test]\nfn fixture() {\n    let Ok(_f) = std::fs::File::open("x.bin") else { zig_skip!("x.bin missing") };\n    assert!(true);\n}\n';
    const found = hollowTests(zig, broad);
    expect(found).toEqual([expect.objectContaining({ reason: 'broad-skip', rustName: 'fixture', returnLine: 3, skipsOn: ['FileNotFound'] })]);
    expect(describeHollowTest(found[0]!)).toBe('Rust test `fixture` (line 2) skips on any error at line 3, where Zig test "fixture" (line 2) skips only on `error.FileNotFound` and fails on the others');
    const narrow = '#[test]\nfn fixture() {\n    let _f = match std::fs::File::open("x.bin") {\n        Ok(f) => f,\n        Err(e) if e.kind() == std::io::ErrorKind::NotFound => zig_skip!("x.bin missing"),\n        Err(e) => panic!("{e}"),\n    };\n    assert!(true);\n}\n';
    expect(hollowTests(zig, narrow)).toEqual([]);
    const exists = '#[test]\nfn fixture() {\n    if !std::path::Path::new("x.bin").exists() { zig_skip!("x.bin missing"); }\n    let _f = std::fs::File::open("x.bin").unwrap();\n    assert!(true);\n}\n';
    expect(hollowTests(zig, exists)).toEqual([]);
    // A Zig test that skips on any error may be ported as a skip on any error.
    expect(hollowTests(zig.replace(/catch \|err\| switch \(err\) \{[\s\S]*?\};/, 'catch return error.SkipZigTest;'), broad)).toEqual([]);
  });

  it('counts panicking checks: should_panic, unwrap_err, matches! in an assert, panic! in a match arm', () => {
    const zig = 'const std = @import("std");\ntest "errors" {\n    try std.testing.expectError(error.A, f());\n    try std.testing.expectError(error.B, g());\n}\ntest "panics" {\n    try std.testing.expect(h());\n}\n';
    const rust = '#[test]\nfn errors() {\n    f().unwrap_err();\n    match g() { Err(E::B) => {}, _ => panic!("expected B") }\n}\n#[test]\n#[should_panic]\nfn panics() { h(); }\n';
    expect(hollowTests(zig, rust)).toEqual([]);
    expect(hollowTests(zig, '#[test]\nfn errors() { assert!(matches!(f(), Err(E::A))); }\n#[test]\nfn panics() { let _ = h(); }\n').map((h) => `${h.rustName}:${h.reason}`)).toEqual(['panics:no-assertions']);
  });

  it('error returns fail a test on both sides: they are not early returns', () => {
    const zig = 'const std = @import("std");\ntest "opens" {\n    const f = std.fs.cwd().openFile("x", .{}) catch |err| return err;\n    defer f.close();\n    try std.testing.expect(true);\n}\n';
    const failing = '#[test]\nfn opens() -> Result<(), std::io::Error> {\n    let _f = match std::fs::File::open("x") { Ok(f) => f, Err(e) => return Err(e) };\n    assert!(true);\n    Ok(())\n}\n';
    expect(hollowTests(zig, failing)).toEqual([]);
    const passing = failing.replace('Err(e) => return Err(e)', 'Err(_) => return Ok(())');
    expect(hollowTests(zig, passing).map((h) => h.reason)).toEqual(['early-return']);
  });

  it('returns inside closures and after the first assertion are not early returns', () => {
    const rust = GOOD.replace('let data = std::fs::read("fixtures/a.bin").unwrap();', 'let f = |x: u8| { if x == 0 { return 0; } x };\n        let data = std::fs::read("fixtures/a.bin").unwrap();\n        assert!(f(1) == 1);\n        if data.is_empty() { return; }');
    expect(hollowTests(ZIG, rust)).toEqual([]);
  });

  it("counts zig_std::testing checks as assertions, but not Option's .expect", () => {
    const zig = 'const std = @import("std");\ntest "six checks" {\n    try std.testing.expect(true);\n    try std.testing.expectEqual(1, 1);\n    try std.testing.expectEqualStrings("a", "a");\n    try std.testing.expectError(error.A, f());\n    try std.testing.expectApproxEqAbs(1.0, 1.0, 0.1);\n    try std.testing.expectEqualSlices(u8, "a", "a");\n}\n';
    const port = (body: string, head = 'use zig_std::testing::{self, expect_equal};\n') => `${head}#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn six_checks() {\n${body}\n    }\n}\n`;
    const checks = [
      '        testing::expect(true);',
      '        expect_equal(1, 1);',
      '        zig_std::testing::expect_equal_strings("a", "a");',
      '        testing::expect_error(E::A, f());',
      '        testing::try_expect_approx_eq_abs(1.0, 1.0, 0.1).unwrap();',
      '        testing::expect_equal_slices(b"a", b"a");',
    ].join('\n');
    expect(hollowTests(zig, port(checks))).toEqual([]);
    // Without zig_std::testing in the file, the same names are the port's own fns: not assertions.
    expect(hollowTests(zig, port(checks.replace(/testing::|zig_std::/g, ''), '')).map((h) => h.reason)).toEqual(['no-assertions']);
    // `.expect("…")` unwraps an Option; it is not the check.
    expect(hollowTests(zig, port('        let _ = Some(1).expect("x");\n        let _ = Some(2).expect("y");')).map((h) => h.reason)).toEqual(['no-assertions']);
  });

  it('does not flag the golden ports of the fixtures', () => {
    const root = join(import.meta.dirname, '../../fixtures/zig-to-rust');
    let compared = 0;
    for (const name of ['calc', 'minihttp']) {
      for (const file of readdirSync(join(root, name, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.zig'))) {
        const rel = file.replace(/\.zig$/, '');
        const golden = [join(root, name, 'golden/src', `${rel}.rs`), join(root, name, 'golden/src', rel.replace(/(^|\/)main$/, '$1main'), 'mod.rs')];
        const rust = golden.map((p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } }).find((t) => t !== undefined);
        if (rust === undefined) continue;
        compared++;
        expect(hollowTests(readFileSync(join(root, name, 'src', file), 'utf8'), rust), `${name}/${file}`).toEqual([]);
      }
    }
    expect(compared).toBeGreaterThan(5);
  });
});
