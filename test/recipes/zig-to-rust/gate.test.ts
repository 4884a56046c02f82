import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkItem, indexProject } from '../../../src/source/index.js';
import { expectedNames, gate } from '../../../recipes/zig-to-rust/gate.js';
import { binFileOf, buildLayout } from '../../../recipes/zig-to-rust/layout.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/zig-to-rust');

const zig = (text: string) => buildWorkItem('/tmp', 'm.zig', Buffer.from(text));
const ITEM = zig('pub fn parseThing(a: u8) u8 { return a; }\npub const Kind = enum { a };\nfn private() void {}\ntest "parses a thing" {}\n');
const GOOD = 'pub fn parse_thing(a: u8) -> u8 { a }\npub enum Kind { A }\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn parses_a_thing() {}\n}\n';
const lib = { crate: 'demo', bin: false };

describe('the port gate', () => {
  it('passes every golden file and every fault file of the fixtures', async () => {
    for (const name of ['calc', 'minihttp']) {
      const { index, items } = await indexProject(join(FIXTURES, name, 'src'));
      const layout = buildLayout(index.files, name, binFileOf(items));
      const modules = [...layout.root.files.keys(), ...layout.root.dirs.keys()];
      for (const item of items) {
        const entry = layout.entries.get(item.path)!;
        const rel = entry.rust.replace(/^src\//, '').replace(/\.rs$/, '');
        const candidates = [join(FIXTURES, name, 'golden', entry.rust), ...readdirSync(join(FIXTURES, name, 'faults'), { recursive: true, encoding: 'utf8' }).filter((f) => f.startsWith(`${rel}.`) && f.endsWith('.rs')).map((f) => join(FIXTURES, name, 'faults', f))];
        for (const file of candidates) {
          const zigSource = readFileSync(item.absPath, 'utf8');
          const result = gate(item, readFileSync(file, 'utf8'), [], { crate: name, bin: entry.bin, modules, zigSource });
          expect(result, file).toEqual({ ok: true, findings: [] });
        }
      }
    }
  });

  it('passes a faithful port and lists the names it checks', () => {
    expect(gate(ITEM, GOOD, [], lib)).toEqual({ ok: true, findings: [] });
    const names = expectedNames(ITEM);
    expect(names).toContain('fn `parseThing` (line 1) → `parse_thing`');
    expect(names).toContain('test "parses a thing" (line 4) → `#[test] fn parses_a_thing`');
    expect(names).not.toContain('private');
  });

  it('finds missing and private counterparts, syntax errors and an empty answer', () => {
    const findings = gate(ITEM, 'fn parse_thing(a: u8) -> u8 { a }\npub enum Kind { A }\nfn oops( {\n', [], lib).findings.join('\n');
    expect(findings).toMatch(/pub fn parseThing \(line 1\) is pub, but its Rust counterpart `parse_thing` is not/);
    expect(findings).toMatch(/test "parses a thing" \(line 4\) has no Rust counterpart: expected a #\[test\] fn named `parses_a_thing`/);
    expect(findings).toMatch(/Rust syntax error at line 3/);
    expect(gate(ITEM, '  \n', [], lib)).toEqual({ ok: false, findings: ['The Rust source is empty: port the whole file.'] });
  });

  it('allows a todo!() stub only when todos names it', () => {
    const stub = GOOD.replace('pub fn parse_thing(a: u8) -> u8 { a }', 'pub fn parse_thing(a: u8) -> u8 { todo!() }');
    expect(gate(ITEM, stub, [], lib).findings).toEqual([expect.stringMatching(/fn `parse_thing` \(line 1\) is only todo!\(\)\/unimplemented!\(\) but `todos` does not name it/)]);
    expect(gate(ITEM, stub, ['parse_thing: needs the platform API (TODO(port))'], lib).ok).toBe(true);
  });

  it('refuses other crates and file modules; the binary must use the crate name', () => {
    const extra = `use regex::Regex;\nextern crate libc;\nmod helpers;\nuse std::fmt;\nuse self::Kind::*;\nuse crate::other::X;\n${GOOD}`;
    const findings = gate(ITEM, extra, [], lib).findings;
    expect(findings).toEqual([
      expect.stringMatching(/^Line 1 uses `regex`, which is not std, zig_std or this crate/),
      expect.stringMatching(/^Line 3 declares the file module `mod helpers;`/),
      expect.stringMatching(/^Line 2 declares `extern crate libc`/),
    ]);
    const bin = `use demo::eval::Calculator;\nuse crate::eval::Error;\n${GOOD}`;
    expect(gate(ITEM, bin, [], { crate: 'demo', bin: true, modules: ['eval'] }).findings).toEqual([expect.stringMatching(/^Line 2 reaches the library as `crate::eval`.*write `demo::eval`/)]);
    expect(gate(ITEM, `use demo::eval::Calculator;\n${GOOD}`, [], lib).findings).toEqual([expect.stringMatching(/uses `demo`/)]);
  });
});

describe('the port gate: item kinds, files that are structs, re-exports, tests with teeth', () => {
  const at = (path: string, text: string) => buildWorkItem('/tmp', path, Buffer.from(text));

  it('accepts `pub type AutoHashMap<K, V> = …` for a type-returning fn, and names the kinds that count', () => {
    const source = 'const std = @import("std");\npub fn AutoHashMap(comptime K: type, comptime V: type) type {\n    return std.HashMap(K, V, void, 80);\n}\n';
    const item = at('map.zig', source);
    expect(gate(item, 'pub type AutoHashMap<K, V> = std::collections::HashMap<K, V>;\n', [], { ...lib, zigSource: source })).toEqual({ ok: true, findings: [] });
    expect(gate(item, 'pub const AUTO_HASH_MAP: u8 = 0;\n', [], lib).findings).toEqual([
      'Zig pub fn AutoHashMap (line 2) has no Rust counterpart: expected a fn, type alias, struct, enum, union, trait or macro named `AutoHashMap` or `auto_hash_map` (a `pub use` of one counts too).',
    ]);
    expect(expectedNames(item)).toContain('fn `AutoHashMap` (line 2) → `AutoHashMap` (or `auto_hash_map`) (returns a type: a fn, type alias, struct, enum, union, trait or macro counts)');
    // A plain fn says fn.
    expect(gate(ITEM, GOOD.replace('pub fn parse_thing', 'pub fn parse'), [], lib).findings).toEqual([
      'Zig pub fn parseThing (line 1) has no Rust counterpart: expected a fn or macro named `parse_thing` (a `pub use` of one counts too).',
    ]);
  });

  it('takes a struct of the file\'s name with methods for a file with top-level fields', () => {
    const source = 'const Image = @This();\nwidth: u32,\npub fn init(w: u32) Image {\n    return .{ .width = w };\n}\ntest "init" {\n    try @import("std").testing.expectEqual(@as(u32, 2), init(2).width);\n}\n';
    const item = at('src/Image.zig', source);
    const rust = 'pub struct Image { pub width: u32 }\nimpl Image {\n    pub fn init(w: u32) -> Image { Image { width: w } }\n}\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn init() { assert_eq!(Image::init(2).width, 2); }\n}\n';
    expect(gate(item, rust, [], { ...lib, zigSource: source })).toEqual({ ok: true, findings: [] });
    const findings = gate(item, 'pub fn init() {}\n#[test]\nfn init_test() {}\n', [], lib).findings;
    expect(findings[0]).toBe('The Zig file has top-level fields (line 2), so it is a struct: expected `pub struct Image` (a struct, enum, union or type alias named `Image`) holding those fields, with the file\'s pub fns as its methods.');
    expect(gate(item, 'pub struct Image;\n#[test]\nfn init() { assert!(true); }\n', [], lib).findings).toEqual([
      'Zig pub fn init (line 3) has no Rust counterpart: expected a fn or macro named `init`, or a pub method `init` in `impl Image` (the file is a struct) (a `pub use` of one counts too).',
    ]);
    expect(expectedNames(item)).toMatch(/the file itself \(top-level fields from line 2\) is a struct → `pub struct Image`; its pub fns may be its methods/);
  });

  it('needs no item for `pub const x = @import("x.zig")`: the module tree provides it', () => {
    const item = at('clap.zig', 'pub const args = @import("clap/args.zig");\n');
    expect(gate(item, '// re-exports only\n', [], lib)).toEqual({ ok: true, findings: [] });
    expect(expectedNames(item)).toContain('const `args` (line 1) re-exports `@import("clap/args.zig")` → nothing to write: the module tree the recipe writes provides that module');
  });

  it('finds hollow tests, fewer assertions and early returns; todos may justify one', () => {
    const source = 'const std = @import("std");\nconst expect = std.testing.expect;\ntest "three" {\n    try expect(1 == 1);\n    try expect(2 == 2);\n    try expect(3 == 3);\n}\ntest "five" {\n    try expect(true);\n    try expect(true);\n    try expect(true);\n    try expect(true);\n    try expect(true);\n}\ntest "fixture" {\n    const data = try std.fs.cwd().readFileAlloc(std.testing.allocator, "f.bin", 99);\n    try expect(data.len == 3);\n}\n';
    const item = at('t.zig', source);
    const rust = '#[cfg(test)]\nmod tests {\n    #[test]\n    fn three() {\n        // the four checks are covered elsewhere\n    }\n    #[test]\n    fn five() {\n        assert!(true);\n    }\n    #[test]\n    fn fixture() {\n        let Ok(data) = std::fs::read("f.bin") else { return };\n        assert_eq!(data.len(), 3);\n    }\n}\n';
    const result = gate(item, rust, [], { ...lib, zigSource: source });
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      expect.stringMatching(/^Zig test "three" \(line 3\) checks 3 assertions, but its Rust test `three` \(line 4\) asserts nothing\. Port each Zig `expect…` as an assertion/),
      expect.stringMatching(/^Zig test "five" \(line 8\) checks 5 assertions, but its Rust test `five` \(line 8\) only 1 assertion \(fewer than half\)/),
      expect.stringMatching(/^Rust test `fixture` \(line 12\) can return at line 13 before its first assertion, where Zig test "fixture" \(line 15\) cannot .*Let the test fail there instead/),
    ]);
    expect(gate(item, rust, ['three: the Zig checks need the allocator leak detector; TODO(port)', 'five: one struct comparison', 'fixture: optional fixture'], { ...lib, zigSource: source }).ok).toBe(true);
    expect(expectedNames(item, source)).toContain('- test "three" (line 3) → `#[test] fn three` (3 `expect` calls: keep them as assertions)');
    expect(expectedNames(item)).toContain('- test "three" (line 3) → `#[test] fn three`\n');
    // Without the Zig source the gate cannot compare tests.
    expect(gate(item, rust, [], lib).ok).toBe(true);
  });
});
