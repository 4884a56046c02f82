import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cargoTest } from '../../src/toolchain/index.js';
import type { TestRunResult } from '../../src/toolchain/index.js';
import { makeCrate, makeScratch } from './helpers.js';

const scratch = makeScratch('test');
afterAll(() => scratch.remove());
const targetDir = scratch.targetDir;

const LIB = `pub mod a;
pub mod helpers;

/// Adds.
///
/// \`\`\`
/// assert_eq!(tc_tests::add(1, 2), 3);
/// \`\`\`
///
/// \`\`\`
/// assert_eq!(tc_tests::add(1, 2), 4);
/// \`\`\`
pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes() {
        assert_eq!(add(1, 2), 3);
    }

    #[test]
    fn fails() {
        assert_eq!(add(1, 1), 3, "one plus one");
    }

    #[test]
    fn panics() {
        let v: Vec<i32> = Vec::new();
        let _ = v[3];
    }

    #[test]
    #[ignore = "slow"]
    fn ignored() {}

    #[test]
    #[should_panic]
    fn should_panic() {
        panic!("expected");
    }

    #[test]
    fn returns_err() -> Result<(), String> {
        Err("bad".into())
    }
}
`;

const FILES: Record<string, string> = {
  'src/lib.rs': LIB,
  'src/helpers.rs': 'pub fn check(x: u32) {\n    if x != 2 {\n        panic!("check failed: {x}");\n    }\n}\n',
  'src/a.rs': 'pub mod b;\npub mod c;\n',
  'src/a/b.rs': [
    'pub fn two() -> u32 { 2 }',
    '#[cfg(test)]',
    'mod tests {',
    '    #[test]',
    '    fn good() { crate::helpers::check(super::two()); }',
    '    #[test]',
    '    fn bad() { crate::helpers::check(3); }',
    '}',
    '',
  ].join('\n'),
  'src/a/c/mod.rs': '#[cfg(test)]\nmod tests {\n    #[test]\n    fn fails_here() {\n        assert!(1 > 2, "math");\n    }\n}\n',
  'src/main.rs': 'fn main() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn main_fails() { assert_eq!(1, 2); }\n    #[test]\n    fn main_ok() {}\n}\n',
  'tests/it.rs': '#[test]\nfn it_ok() { assert_eq!(tc_tests::add(2, 2), 4); }\n#[test]\nfn it_bad() { assert_eq!(tc_tests::add(2, 2), 5); }\n',
  'tests/crash.rs': [
    'fn deep(n: u64) -> u64 { let pad = [n; 64]; std::hint::black_box(&pad); if n == 0 { 0 } else { 1 + deep(n - 1) } }',
    '#[test]',
    'fn overflows() { assert!(deep(u64::MAX) > 0); }',
    '',
  ].join('\n'),
};

describe('cargoTest on a crate with passing, failing, panicking and crashing tests', () => {
  let result: TestRunResult;
  beforeAll(async () => {
    const crate = makeCrate(scratch.root, 'tc_tests', FILES);
    result = await cargoTest(crate, { targetDir });
  });

  const binary = (kind: string, name?: string) =>
    result.binaries.find((b) => b.kind === kind && (name === undefined || b.name === name));

  it('runs every binary: lib, main, integration tests, doc-tests', () => {
    expect(result.compiled).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.timedOut).toBe(false);
    expect(result.step.args).toEqual(['test', '--offline', '--message-format=json', '--no-fail-fast']);
    const kinds = result.binaries.map((b) => `${b.kind}:${b.name}:${b.srcPath ?? ''}`).sort();
    expect(kinds).toEqual(['bin:tc_tests:src/main.rs', 'doc:tc_tests:', 'lib:tc_tests:src/lib.rs', 'test:crash:tests/crash.rs', 'test:it:tests/it.rs']);
  });

  it('counts per binary and in total', () => {
    expect(binary('lib')?.summary).toMatchObject({ ok: false, passed: 3, failed: 5, ignored: 1 });
    expect(binary('lib')?.tests.find((t) => t.name === 'tests::ignored')).toMatchObject({ outcome: 'ignored', ignoreReason: 'slow' });
    expect(binary('lib')?.tests.find((t) => t.name === 'tests::should_panic')).toMatchObject({ outcome: 'passed', shouldPanic: true });
    expect(binary('bin')?.summary).toMatchObject({ passed: 1, failed: 1 });
    expect(binary('test', 'it')?.summary).toMatchObject({ passed: 1, failed: 1 });
    expect(binary('doc')?.summary).toMatchObject({ passed: 1, failed: 1 });
    expect(binary('test', 'crash')).toMatchObject({ crashed: true, announced: 1 });
    expect(binary('test', 'crash')?.summary).toBeUndefined();
    // 3+1+1+1 passed; 5+1+1+1 failed plus the crashed test
    expect(result.totals).toEqual({ passed: 6, failed: 9, ignored: 1, total: 15 });
  });

  it('reads failure sections: panic messages and locations', () => {
    const lib = binary('lib');
    const fails = lib?.failures.find((f) => f.name === 'tests::fails');
    expect(fails?.message).toMatch(/^assertion `left == right` failed: one plus one\n\s+left: 2\n\s+right: 3$/);
    expect(fails?.location).toEqual({ file: 'src/lib.rs', line: 28, column: 9 });
    expect(lib?.failures.find((f) => f.name === 'tests::panics')?.message).toBe('index out of bounds: the len is 0 but the index is 3');
    expect(lib?.failures.find((f) => f.name === 'tests::returns_err')).toMatchObject({ message: 'Error: "bad"' });
    expect(lib?.failures.find((f) => f.name === 'tests::returns_err')?.location).toBeUndefined();
    expect(lib?.failures.map((f) => f.name).sort()).toEqual([
      'a::b::tests::bad',
      'a::c::tests::fails_here',
      'tests::fails',
      'tests::panics',
      'tests::returns_err',
    ]);
  });

  it('attributes failures to the declaring module file and the panic location', () => {
    const by = (test: string) => result.failures.find((f) => f.test === test);
    expect(by('tests::fails')).toMatchObject({ file: 'src/lib.rs', files: ['src/lib.rs'], binary: { kind: 'lib' } });
    expect(by('a::b::tests::bad')).toMatchObject({
      file: 'src/a/b.rs',
      location: { file: 'src/helpers.rs', line: 3, inCrate: true },
      files: ['src/a/b.rs', 'src/helpers.rs'],
    });
    expect(by('a::c::tests::fails_here')).toMatchObject({ file: 'src/a/c/mod.rs', files: ['src/a/c/mod.rs'] });
    expect(by('tests::main_fails')).toMatchObject({ file: 'src/main.rs', binary: { kind: 'bin' } });
    expect(by('it_bad')).toMatchObject({ file: 'tests/it.rs', location: { file: 'tests/it.rs', line: 4 } });
    expect(by('src/lib.rs - add (line 10)')).toMatchObject({ file: 'src/lib.rs', line: 10, binary: { kind: 'doc' } });
    expect(by('overflows')).toMatchObject({ file: 'tests/crash.rs', failure: { crashed: true } });
    expect(by('overflows')?.failure.message).toMatch(/overflowed its stack/);
    expect([...result.failuresByFile.keys()].sort()).toEqual([
      'src/a/b.rs',
      'src/a/c/mod.rs',
      'src/helpers.rs',
      'src/lib.rs',
      'src/main.rs',
      'tests/crash.rs',
      'tests/it.rs',
    ]);
  });
});

describe('cargoTest when the test code does not compile', () => {
  it('returns the compile errors as diagnostics and runs nothing', async () => {
    const crate = makeCrate(scratch.root, 'tc_broken', {
      'src/lib.rs': 'pub fn one() -> u8 { let mut k = 1; k }\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { let x: u8 = super::one() + "1"; }\n}\n',
    });
    const result = await cargoTest(crate, { targetDir });
    expect(result).toMatchObject({ ok: false, compiled: false, binaries: [], failures: [] });
    expect(result.diagnostics.errors.length).toBeGreaterThan(0);
    expect(result.diagnostics.errors[0]).toMatchObject({ file: 'src/lib.rs', primary: { line: 5 }, sources: ['test'] });
    expect(result.diagnostics.warnings.map((d) => d.code)).toContain('unused_mut');
    expect(result.diagnostics.byFile.get('src/lib.rs')).toHaveLength(result.diagnostics.all.length);
  });

  it('passes a filter and runs only matching tests', async () => {
    const crate = makeCrate(scratch.root, 'tc_filter', {
      'src/lib.rs': '#[cfg(test)]\nmod tests {\n    #[test]\n    fn alpha() {}\n    #[test]\n    fn beta() { panic!() }\n}\n',
    });
    const result = await cargoTest(crate, { targetDir, filter: 'alpha', extraArgs: ['--lib'] });
    expect(result.ok).toBe(true);
    expect(result.totals).toEqual({ passed: 1, failed: 0, ignored: 0, total: 1 });
    expect(result.binaries[0]?.summary?.filteredOut).toBe(1);
  });
});
