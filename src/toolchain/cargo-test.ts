/**
 * Runs `cargo test --offline --no-fail-fast --message-format=json` once: compile errors of
 * the test code arrive as JSON diagnostics; the libtest text that follows the build is
 * parsed per binary (lib, main, integration tests, doc-tests); failures are attributed to
 * files.
 */
import { CratePaths } from './crate-paths.js';
import type { CargoMessage } from './cargo-messages.js';
import { runCargoJson } from './cargo-options.js';
import type { CargoOptions, CargoStep } from './cargo-options.js';
import { groupDiagnostics } from './diagnostics.js';
import type { DiagnosticSet } from './diagnostic-types.js';
import { attributeFailures, failuresByFile } from './attribution.js';
import type { FailureAttribution } from './attribution.js';
import { parseTestOutput } from './test-output.js';
import type { ArtifactInfo } from './test-output.js';
import type { TestBinary, TestBinaryKind, TestTotals } from './test-types.js';

export interface CargoTestOptions extends CargoOptions {
  /** Keep running the other test binaries after one fails. Default true. */
  noFailFast?: boolean;
  /** Only tests whose name contains this (libtest filter). Default: all. */
  filter?: string;
  /** Extra cargo arguments before `--`, e.g. `['--lib']`. Default none. */
  extraArgs?: readonly string[];
  /** Arguments for the test binaries after `--`, e.g. `['--test-threads=1']`. Default none. */
  testArgs?: readonly string[];
  /** Set `RUST_BACKTRACE=1` (long failure sections). Default false (`RUST_BACKTRACE=0`). */
  backtrace?: boolean;
}

export interface TestRunResult {
  /** It compiled, every binary ran to its summary, and nothing failed. */
  ok: boolean;
  /** The test code compiled (`build-finished` success). */
  compiled: boolean;
  /** Diagnostics of compiling the tests: errors here mean no test ran. */
  diagnostics: DiagnosticSet;
  binaries: TestBinary[];
  totals: TestTotals;
  /** Every failure attributed to crate files. */
  failures: FailureAttribution[];
  /** Failures by every file they involve. */
  failuresByFile: Map<string, FailureAttribution[]>;
  /** Killed by the timeout; `hung` names the tests still running, when libtest said. */
  timedOut: boolean;
  hung: string[];
  cargoErrors: string[];
  step: CargoStep;
  durationMs: number;
}

function artifactKind(kinds: readonly string[]): TestBinaryKind {
  const kind = kinds[0] ?? '';
  if (kind === 'lib' || kind === 'rlib' || kind === 'dylib' || kind === 'cdylib' || kind === 'staticlib' || kind === 'proc-macro') return 'lib';
  if (kind === 'bin' || kind === 'test' || kind === 'bench' || kind === 'example') return kind;
  return 'unknown';
}

/** Test executables cargo built, by path, with their target kind, name and root file. */
function testArtifacts(messages: readonly CargoMessage[], paths: CratePaths): Map<string, ArtifactInfo> {
  const map = new Map<string, ArtifactInfo>();
  for (const m of messages) {
    if (m.reason !== 'compiler-artifact' || typeof m.executable !== 'string') continue;
    const src = paths.resolve(m.target.src_path);
    map.set(m.executable, {
      kind: artifactKind(m.target.kind),
      name: m.target.name,
      ...(src.inCrate ? { srcPath: src.file } : {}),
    });
  }
  return map;
}

/** Totals over the binaries: libtest's counts, with the tests that printed a skip marker moved from passed to skipped. */
function testTotals(binaries: readonly TestBinary[]): TestTotals {
  let passed = 0;
  let failed = 0;
  let ignored = 0;
  let skipped = 0;
  for (const b of binaries) {
    const skips = b.tests.filter((t) => t.outcome === 'skipped').length;
    skipped += skips;
    if (b.summary !== undefined) {
      passed += Math.max(0, b.summary.passed - skips);
      failed += b.summary.failed;
      ignored += b.summary.ignored;
    } else {
      for (const t of b.tests) {
        if (t.outcome === 'passed') passed++;
        else if (t.outcome === 'failed') failed++;
        else if (t.outcome === 'ignored') ignored++;
      }
    }
  }
  return { passed, failed, ignored, ...(skipped > 0 ? { skipped } : {}), total: passed + failed + skipped };
}

/** Runs the crate's tests. Never throws for failing tests or compile errors; rejects on abort or when cargo cannot start. */
export async function cargoTest(crateDir: string, options: CargoTestOptions = {}): Promise<TestRunResult> {
  const paths = new CratePaths(crateDir, options.workspaceRoot);
  const rest: string[] = [];
  if (options.noFailFast !== false) rest.push('--no-fail-fast');
  rest.push(...(options.extraArgs ?? []));
  const binaryArgs = [...(options.filter !== undefined ? [options.filter] : []), ...(options.testArgs ?? [])];
  if (binaryArgs.length > 0) rest.push('--', ...binaryArgs);

  const run = await runCargoJson(crateDir, ['test'], rest, options, paths, 'test', { RUST_BACKTRACE: options.backtrace === true ? '1' : '0' });
  const { result, step, stream, errors } = run;
  const compiled = stream.buildSuccess === true;
  const binaries = compiled ? parseTestOutput(stream.rest, result.stderr, testArtifacts(stream.messages, paths)) : [];
  const failures = attributeFailures(crateDir, binaries, paths);
  const totals = testTotals(binaries);
  return {
    ok: compiled && !result.timedOut && result.code === 0 && totals.failed === 0 && binaries.every((b) => !b.crashed),
    compiled,
    diagnostics: groupDiagnostics(run.diagnostics),
    binaries,
    totals,
    failures,
    failuresByFile: failuresByFile(failures),
    timedOut: result.timedOut,
    hung: binaries.flatMap((b) => b.slow),
    cargoErrors: errors,
    step,
    durationMs: result.durationMs,
  };
}
