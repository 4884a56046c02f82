/**
 * The verdict of a run (`outcome: { ok, summary }`): ok only when the crate builds, `cargo test` passes at
 * least as many tests as the Zig files in the crate have with none failing, and every file of the slice is
 * approved, and no deviation from the Zig that differential checking found remains. The summary is one short line
 * that never claims a build or tests that did not happen.
 *
 * Skipped tests (`zig_skip!`, the port of `error.SkipZigTest`: a test that returned early, usually for a
 * missing fixture) are not passes: `tests.passed` excludes them, so a test that skips does not count toward
 * "at least as many passing tests as the Zig has", and the summary names them (`40/44 tests pass, 4 skipped`).
 */
import type { BuildSummary, RecipeOutcome, TestSummary } from 'migrate-kit';
import type { PortResult } from './port.js';

export interface OutcomeInput {
  /** This run's files (the slice): ported, failed or skipped. */
  results: readonly Pick<PortResult, 'path' | 'outcome' | 'error'>[];
  /** Files in the crate: this run's ports and earlier runs'. */
  inCrate: number;
  /** The build loop's summary; undefined when cargo did not run (nothing in the crate). */
  build?: BuildSummary;
  /** Files with build errors when the build loop stopped. */
  buildErrorFiles?: number;
  /** The test loop's summary; undefined when the tests did not run (the crate or its tests do not build). */
  tests?: TestSummary;
  /** Compile errors of the tests when they did not build. */
  testErrors?: number;
  /** Test blocks of the Zig files in the crate. */
  zigTests: number;
  /**
   * Deviations differential checking left (the port behaves differently from the Zig on an input). Any makes the
   * run not ok: the crate is not a faithful port where it was shown not to be. Undefined: not checked.
   */
  deviations?: number;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `CODE: message`, cut to a length that keeps the summary on one line. */
function short(text: string, max = 100): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Why the slice's files are not all approved: `2 of 5 files not approved (1 failed: MODEL_AUTH: …)`. */
function notApproved(results: OutcomeInput['results']): string | undefined {
  const rest = results.filter((r) => r.outcome !== 'approved');
  if (rest.length === 0) return undefined;
  const failed = rest.filter((r) => r.outcome === 'failed');
  const skipped = rest.filter((r) => r.outcome === 'skipped');
  const detail = [
    ...(failed.length > 0 ? [`${failed.length} failed${failed[0]!.error !== undefined ? `: ${short(failed[0]!.error, 80)}` : ''}`] : []),
    ...(skipped.length > 0 ? [`${skipped.length} skipped`] : []),
  ];
  const unapproved = rest.length - failed.length - skipped.length;
  const head = `${rest.length} of ${plural(results.length, 'file')} not approved`;
  return detail.length === 0 ? head : `${head} (${[...(unapproved > 0 ? [`${unapproved} unapproved`] : []), ...detail].join(', ')})`;
}

/** Why nothing is in the crate: every port of the slice failed, or its files were skipped. */
function nothingPorted(results: OutcomeInput['results']): string {
  if (results.length === 0) return 'nothing ported: the slice holds no file';
  const failed = results.filter((r) => r.outcome === 'failed');
  const skipped = results.filter((r) => r.outcome === 'skipped');
  const firstError = (list: OutcomeInput['results']): string => {
    const error = list.find((r) => r.error !== undefined)?.error;
    return error !== undefined ? ` (${short(error)})` : '';
  };
  if (failed.length === results.length) return `nothing ported: ${results.length === 1 ? 'the port' : 'every port'} failed${firstError(failed)}`;
  if (skipped.length === results.length) return `nothing ported: ${results.length === 1 ? 'the file was' : 'every file was'} skipped${firstError(skipped)}`;
  return `nothing ported: ${plural(failed.length, 'port')} failed, ${plural(skipped.length, 'file')} skipped${firstError(failed)}`;
}

export function portOutcome(input: OutcomeInput): RecipeOutcome {
  const { build, tests, zigTests } = input;
  if (input.inCrate === 0 || build === undefined) return { ok: false, summary: nothingPorted(input.results) };

  let state: string;
  let crateOk = false;
  if (!build.ok) {
    const files = input.buildErrorFiles ?? 0;
    const pending = build.pending > 0 ? ` (${build.pending === build.errors ? 'all' : build.pending} pending on files not ported yet)` : '';
    state = build.errors > 0 ? `build fails: ${plural(build.errors, 'error')}${files > 0 ? ` in ${plural(files, 'file')}` : ''}${pending}` : 'build fails (cargo could not build the crate)';
  } else if (tests === undefined) {
    state = `builds, but the tests do not compile${input.testErrors !== undefined && input.testErrors > 0 ? ` (${plural(input.testErrors, 'error')})` : ''}`;
  } else {
    // Skipped tests are in `total` but never in `passed`: they do not count toward the Zig's number.
    const counted = tests.failed === 0 && tests.passed >= zigTests;
    const skipped = tests.skipped !== undefined && tests.skipped > 0 ? `, ${tests.skipped} skipped` : '';
    crateOk = counted && tests.stoppedBy === 'clean';
    if (crateOk) state = tests.total === 0 ? 'builds, no tests (the Zig has none)' : `builds, ${tests.passed}/${plural(tests.total, 'test')}${skipped}`;
    else if (counted) state = `builds, ${tests.passed}/${tests.total} tests pass${skipped}, but cargo test fails (stopped: ${tests.stoppedBy})`;
    else state = `builds, ${tests.passed}/${tests.total} tests pass${skipped} (the Zig has ${zigTests})`;
  }
  const approval = notApproved(input.results);
  const deviating = input.deviations !== undefined && input.deviations > 0 ? `${plural(input.deviations, 'deviation')} from the Zig ${input.deviations === 1 ? 'remains' : 'remain'} (differential check)` : undefined;
  const parts = crateOk ? [approval, deviating, state] : [state, approval, deviating];
  return { ok: crateOk && approval === undefined && deviating === undefined, summary: parts.filter((p): p is string => p !== undefined).join('; ') };
}
