/** Results of `cargo test` as the toolchain reports them. */

/**
 * `skipped`: the test passed for libtest but printed a skip marker (`MIGRATE_SKIP: <test> <reason>`, see
 * `SKIP_MARKER`): it returned early without checking anything, so it is not counted as passed.
 */
type TestOutcome = 'passed' | 'failed' | 'ignored' | 'bench' | 'skipped';

/** `lib`, `bin`, `test` (integration), `bench`, `example`, `doc` (doc-tests), or `unknown`. */
export type TestBinaryKind = 'lib' | 'bin' | 'test' | 'bench' | 'example' | 'doc' | 'unknown';

export interface TestCase {
  /** The name libtest prints: `a::b::tests::foo`, or `src/lib.rs - add (line 4)` for a doc-test. */
  name: string;
  outcome: TestOutcome;
  /** The test is `#[should_panic]`. */
  shouldPanic?: boolean;
  /** `#[ignore = "why"]`. */
  ignoreReason?: string;
  /** The reason its skip marker gave. */
  skipReason?: string;
}

/** A `file:line:column` as printed (file relative to the workspace root, usually the crate). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface TestFailure {
  name: string;
  /** The failure section libtest printed (captured output, panic message), trimmed. */
  output: string;
  /** The panic message (or `Error: …` of a test returning `Err`, or the compile error of a doc-test). */
  message?: string;
  /** Where it panicked, or the `-->` location of a doc-test's compile error. */
  location?: SourceLocation;
  /** The test took its binary down (stack overflow, abort): no section, only cargo's stderr. */
  crashed?: boolean;
}

/** A `test result:` line. */
export interface TestSummary {
  ok: boolean;
  passed: number;
  failed: number;
  ignored: number;
  measured: number;
  filteredOut: number;
  /** `finished in 0.15s`. */
  seconds?: number;
}

/** One test binary's run (the lib's unit tests, `src/main.rs`, `tests/it.rs`, the doc-tests). */
export interface TestBinary {
  kind: TestBinaryKind;
  /** Target name (`it`, the crate name for lib and doc-tests). */
  name: string;
  /** Crate root of the binary, relative to the crate (`src/lib.rs`, `tests/it.rs`); undefined for doc-tests. */
  srcPath?: string;
  executable?: string;
  /** `running N tests`. */
  announced: number;
  tests: TestCase[];
  failures: TestFailure[];
  summary?: TestSummary;
  /** The binary ended without a `test result:` line (crash, or killed by the timeout). */
  crashed: boolean;
  /** What cargo printed on stderr for this binary (rerun hints, crash reasons, uncaptured output). */
  notes: string[];
  /** Tests libtest said had been running for over 60 seconds, or started and never finished. */
  slow: string[];
}

/** Totals over all binaries. */
export interface TestTotals {
  /** Tests that passed, skipped ones excluded. */
  passed: number;
  failed: number;
  ignored: number;
  /** Tests that passed for libtest but printed a skip marker; present only when there are any. */
  skipped?: number;
  /** passed + failed + skipped: the tests that ran (ignored excluded). */
  total: number;
}
