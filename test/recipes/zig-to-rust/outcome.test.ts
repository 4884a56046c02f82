/** The run's verdict: ok only for a crate that builds, passes the Zig's tests, and whose slice is approved. */
import { describe, expect, it } from 'vitest';
import type { BuildSummary, TestSummary } from '../../../src/index.js';
import { portOutcome, type OutcomeInput } from '../../../recipes/zig-to-rust/outcome.js';

const approved = (path: string) => ({ path, outcome: 'approved' as const });
const clean: BuildSummary = { ok: true, errors: 0, warnings: 0, rounds: 1, pending: 0, suggestionsApplied: 0, stoppedBy: 'clean' };
const passing = (passed: number, total = passed, failed = total - passed, stoppedBy = failed > 0 ? 'rounds' : 'clean'): TestSummary => ({ passed, failed, total, zigTests: 0, rounds: 1, stoppedBy });
const five = ['a.zig', 'b.zig', 'c.zig', 'd.zig', 'e.zig'].map(approved);
const outcome = (input: Partial<OutcomeInput>) => portOutcome({ results: five, inCrate: 5, build: clean, tests: passing(23), zigTests: 23, ...input });

describe('the outcome of a port', () => {
  it('is ok when the crate builds, passes as many tests as the Zig has, and every file is approved', () => {
    expect(outcome({})).toEqual({ ok: true, summary: 'builds, 23/23 tests' });
    expect(outcome({ tests: passing(25), zigTests: 23 })).toEqual({ ok: true, summary: 'builds, 25/25 tests' });
    expect(outcome({ tests: passing(0), zigTests: 0 })).toEqual({ ok: true, summary: 'builds, no tests (the Zig has none)' });
  });

  it('says the build fails, with its errors and files, and never claims tests', () => {
    const build: BuildSummary = { ...clean, ok: false, errors: 12, rounds: 8, stoppedBy: 'rounds' };
    expect(outcome({ build, buildErrorFiles: 3, tests: undefined })).toEqual({ ok: false, summary: 'build fails: 12 errors in 3 files' });
    expect(outcome({ build: { ...build, errors: 1, pending: 1, stoppedBy: 'pending' }, buildErrorFiles: 1, tests: undefined })).toEqual({ ok: false, summary: 'build fails: 1 error in 1 file (all pending on files not ported yet)' });
    expect(outcome({ build: { ...build, errors: 0 }, tests: undefined }).summary).toBe('build fails (cargo could not build the crate)');
    expect(outcome({ build: { ...build, errors: 2 }, buildErrorFiles: 1, tests: undefined, results: [...five.slice(1), { path: 'a.zig', outcome: 'unapproved' }] })).toEqual({ ok: false, summary: 'build fails: 2 errors in 1 file; 1 of 5 files not approved' });
  });

  it('is not ok when tests fail, are fewer than the Zig has, do not compile, or cargo test fails anyway', () => {
    expect(outcome({ tests: passing(40, 44), zigTests: 44 })).toEqual({ ok: false, summary: 'builds, 40/44 tests pass (the Zig has 44)' });
    expect(outcome({ tests: passing(20), zigTests: 23 })).toEqual({ ok: false, summary: 'builds, 20/20 tests pass (the Zig has 23)' });
    expect(outcome({ tests: undefined, testErrors: 3 })).toEqual({ ok: false, summary: 'builds, but the tests do not compile (3 errors)' });
    expect(outcome({ tests: passing(23, 23, 0, 'stuck') })).toEqual({ ok: false, summary: 'builds, 23/23 tests pass, but cargo test fails (stopped: stuck)' });
  });

  it('never counts a skipped test as passed: skips do not reach the Zig\'s number, and the summary names them', () => {
    const skipping = (passed: number, skipped: number): TestSummary => ({ passed, failed: 0, skipped, total: passed + skipped, zigTests: 0, rounds: 0, stoppedBy: 'clean' });
    // cargo test is clean (libtest says 23 passed), but 3 of them only printed the skip marker.
    expect(outcome({ tests: skipping(20, 3), zigTests: 23 })).toEqual({ ok: false, summary: 'builds, 20/23 tests pass, 3 skipped (the Zig has 23)' });
    expect(outcome({ tests: skipping(0, 23), zigTests: 23 })).toEqual({ ok: false, summary: 'builds, 0/23 tests pass, 23 skipped (the Zig has 23)' });
    // Skips beyond the Zig's count (tests the port added) leave the verdict ok, and are still shown.
    expect(outcome({ tests: skipping(23, 2), zigTests: 23 })).toEqual({ ok: true, summary: 'builds, 23/25 tests, 2 skipped' });
    expect(outcome({ tests: { ...skipping(23, 1), stoppedBy: 'stuck' }, zigTests: 23 }).summary).toBe('builds, 23/24 tests pass, 1 skipped, but cargo test fails (stopped: stuck)');
  });

  it('is not ok when a file of the slice is not approved, and says why first', () => {
    const results = [...five.slice(0, 3), { path: 'd.zig', outcome: 'unapproved' as const }, { path: 'e.zig', outcome: 'unapproved' as const }];
    expect(outcome({ results })).toEqual({ ok: false, summary: '2 of 5 files not approved; builds, 23/23 tests' });
    const mixed = [...five.slice(0, 2), { path: 'c.zig', outcome: 'unapproved' as const }, { path: 'd.zig', outcome: 'failed' as const, error: 'MODEL_TIMEOUT: no answer' }, { path: 'e.zig', outcome: 'skipped' as const, error: 'SOURCE_ENCODING: not UTF-8' }];
    expect(outcome({ results: mixed, inCrate: 3 })).toEqual({ ok: false, summary: '3 of 5 files not approved (1 unapproved, 1 failed: MODEL_TIMEOUT: no answer, 1 skipped); builds, 23/23 tests' });
  });

  it('says nothing was ported when the crate is empty, with the first error', () => {
    const failed = five.map((r) => ({ ...r, outcome: 'failed' as const, error: 'MODEL_AUTH: invalid x-api-key' }));
    expect(outcome({ results: failed, inCrate: 0, build: undefined, tests: undefined })).toEqual({ ok: false, summary: 'nothing ported: every port failed (MODEL_AUTH: invalid x-api-key)' });
    const skipped = [{ path: 'a.zig', outcome: 'skipped' as const, error: 'SOURCE_EMPTY: empty' }];
    expect(outcome({ results: skipped, inCrate: 0, build: undefined, tests: undefined }).summary).toBe('nothing ported: the file was skipped (SOURCE_EMPTY: empty)');
    expect(outcome({ results: [failed[0]!, skipped[0]!], inCrate: 0, build: undefined, tests: undefined }).summary).toBe('nothing ported: 1 port failed, 1 file skipped (MODEL_AUTH: invalid x-api-key)');
    expect(outcome({ results: failed, inCrate: 0, build: undefined }).ok).toBe(false);
    expect(outcome({ results: [{ path: 'a.zig', outcome: 'failed', error: `X: ${'y'.repeat(300)}` }], inCrate: 0, build: undefined }).summary.length).toBeLessThan(150);
  });
});

describe('the outcome with differential checking', () => {
  it('is not ok while deviations from the Zig remain, and says how many; none left (or not checked) changes nothing', () => {
    expect(outcome({ deviations: 2 })).toEqual({ ok: false, summary: '2 deviations from the Zig remain (differential check); builds, 23/23 tests' });
    expect(outcome({ deviations: 1 })).toEqual({ ok: false, summary: '1 deviation from the Zig remains (differential check); builds, 23/23 tests' });
    expect(outcome({ deviations: 0 })).toEqual({ ok: true, summary: 'builds, 23/23 tests' });
    expect(outcome({})).toEqual({ ok: true, summary: 'builds, 23/23 tests' });
  });
});
