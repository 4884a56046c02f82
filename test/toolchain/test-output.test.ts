import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attributeFailures, moduleFileFor, parseDocTestName, parseFailure, parseTestOutput } from '../../src/toolchain/index.js';
import { makeScratch } from './helpers.js';

const scratch = makeScratch('output');
afterAll(() => scratch.remove());

describe('parseTestOutput (libtest human output)', () => {
  it('understands the old panic format and single-threaded runs that stop mid-test', () => {
    const stdout = [
      '',
      'running 3 tests',
      'test a::tests::one ... ok',
      'test a::tests::two ... FAILED',
      'test a::tests::three ... ',
      'test a::tests::four has been running for over 60 seconds',
    ].join('\n');
    const stderr = [
      '    Finished test [unoptimized + debuginfo] target(s) in 0.2s',
      '     Running unittests (target/debug/deps/x-123)',
    ].join('\n');
    const [binary] = parseTestOutput(stdout, stderr);
    expect(binary).toMatchObject({ kind: 'test', crashed: true, announced: 3 });
    expect(binary?.tests.map((t) => `${t.name}=${t.outcome}`)).toEqual(['a::tests::one=passed', 'a::tests::two=failed']);
    expect(binary?.slow.sort()).toEqual(['a::tests::four', 'a::tests::three']);
    const old = parseFailure('t', ["thread 't' panicked at 'called `Option::unwrap()` on a `None` value', src/x.rs:10:5"]);
    expect(old).toMatchObject({ message: 'called `Option::unwrap()` on a `None` value', location: { file: 'src/x.rs', line: 10, column: 5 } });
  });

  it('pairs blocks with headers in order and takes kinds from artifacts when given', () => {
    const block = (n: number) => `\nrunning ${n} tests\n\ntest result: ok. ${n} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n`;
    const stderr = [
      '     Running unittests src/lib.rs (/t/debug/deps/k-1)',
      '     Running unittests src/bin/tool.rs (/t/debug/deps/tool-2)',
      '     Running tests/x.rs (/t/debug/deps/x-3)',
      '   Doc-tests k',
    ].join('\n');
    const binaries = parseTestOutput(block(0) + block(0) + block(2) + block(1), stderr, new Map([['/t/debug/deps/x-3', { kind: 'bench' as const, name: 'x', srcPath: 'benches/x.rs' }]]));
    expect(binaries.map((b) => `${b.kind}:${b.name}:${b.srcPath ?? ''}`)).toEqual([
      'lib:lib:src/lib.rs',
      'bin:tool:src/bin/tool.rs',
      'bench:x:benches/x.rs',
      'doc:k:',
    ]);
    expect(binaries.map((b) => b.summary?.passed)).toEqual([0, 0, 2, 1]);
  });

  it('counts a passed test that printed a skip marker (on stderr) as skipped; a failed one stays failed', () => {
    const stdout = ['', 'running 3 tests', 'test t::a ... ok', 'test t::b ... ok', 'test t::c ... FAILED', '', 'test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s', ''].join('\n');
    const stderr = [
      '     Running unittests src/lib.rs (target/debug/deps/k-1)',
      'MIGRATE_SKIP: t::a testdata/a.bin missing',
      'MIGRATE_SKIP: t::c printed, then panicked',
      'error: test failed, to rerun pass `--lib`',
    ].join('\n');
    const [binary] = parseTestOutput(stdout, stderr);
    expect(binary!.tests.map((t) => `${t.name}=${t.outcome}${t.skipReason !== undefined ? ` (${t.skipReason})` : ''}`)).toEqual(['t::a=skipped (testdata/a.bin missing)', 't::b=passed', 't::c=failed']);
    expect(binary!.summary).toMatchObject({ passed: 2, failed: 1 }); // libtest's own line, as printed
    expect(binary!.notes).toEqual(['error: test failed, to rerun pass `--lib`']);
  });

  it('reads a doc-test that does not compile', () => {
    const failure = parseFailure('src/lib.rs - f (line 8)', [
      'error[E0308]: mismatched types',
      '  --> src/lib.rs:10:13',
      '   |',
      'Couldn\'t compile the test.',
    ]);
    expect(failure).toMatchObject({ message: 'error[E0308]: mismatched types', location: { file: 'src/lib.rs', line: 10, column: 13 } });
    expect(parseDocTestName('src/a/b.rs - a::b::S::new (line 12) - compile fail')).toEqual({ file: 'src/a/b.rs', item: 'a::b::S::new', line: 12 });
  });
});

describe('attribution', () => {
  const crate = join(scratch.root, 'attr');
  for (const file of ['src/lib.rs', 'src/a.rs', 'src/a/b.rs', 'src/x/mod.rs', 'src/x/y/mod.rs', 'src/bin/tool.rs', 'src/bin/helper.rs', 'src/r#type.rs']) {
    mkdirSync(join(crate, file, '..'), { recursive: true });
    writeFileSync(join(crate, file.replace('r#', '')), '');
  }

  it('follows module paths through flat and mod.rs files, stopping at inline modules', () => {
    expect(moduleFileFor(crate, 'src/lib.rs', ['a', 'b', 'tests'])).toBe('src/a/b.rs');
    expect(moduleFileFor(crate, 'src/lib.rs', ['a', 'tests'])).toBe('src/a.rs');
    expect(moduleFileFor(crate, 'src/lib.rs', ['x', 'y', 'inner', 'tests'])).toBe('src/x/y/mod.rs');
    expect(moduleFileFor(crate, 'src/lib.rs', ['tests'])).toBe('src/lib.rs');
    expect(moduleFileFor(crate, 'src/lib.rs', ['r#type', 'tests'])).toBe('src/type.rs');
    // a crate root under src/bin/ declares its modules beside it
    expect(moduleFileFor(crate, 'src/bin/tool.rs', ['helper', 'tests'])).toBe('src/bin/helper.rs');
  });

  it('adds the panic location file when it is a crate file, and ignores std locations', () => {
    const lib = { kind: 'lib' as const, name: 'attr', srcPath: 'src/lib.rs', announced: 2, crashed: false, notes: [], slow: [], tests: [] };
    const [inCrate, inStd] = attributeFailures(crate, [
      {
        ...lib,
        failures: [
          { name: 'a::b::tests::foo', output: '', location: { file: 'src/x/mod.rs', line: 3, column: 1 } },
          { name: 'tests::bar', output: '', location: { file: '/rustc/abc/library/core/src/option.rs', line: 1, column: 1 } },
        ],
      },
    ]);
    expect(inCrate?.files).toEqual(['src/a/b.rs', 'src/x/mod.rs']);
    expect(inStd?.files).toEqual(['src/lib.rs']);
    expect(inStd?.location?.inCrate).toBe(false);
  });
});
