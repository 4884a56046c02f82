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
          const result = gate(item, readFileSync(file, 'utf8'), [], { crate: name, bin: entry.bin, modules });
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
      expect.stringMatching(/^Line 1 uses `regex`, which is not std or this crate/),
      expect.stringMatching(/^Line 3 declares the file module `mod helpers;`/),
      expect.stringMatching(/^Line 2 declares `extern crate libc`/),
    ]);
    const bin = `use demo::eval::Calculator;\nuse crate::eval::Error;\n${GOOD}`;
    expect(gate(ITEM, bin, [], { crate: 'demo', bin: true, modules: ['eval'] }).findings).toEqual([expect.stringMatching(/^Line 2 reaches the library as `crate::eval`.*write `demo::eval`/)]);
    expect(gate(ITEM, `use demo::eval::Calculator;\n${GOOD}`, [], lib).findings).toEqual([expect.stringMatching(/uses `demo`/)]);
  });
});
