/**
 * The run report a migration recipe writes (`report.json` beside its output, rendered as Markdown
 * too): per item and in total. `migrate pr` builds pull requests from it; tests compare it with the
 * fake server's request log. Plain JSON.
 */

/** How one item (file) of a migration ended. */
export type ItemOutcome = 'approved' | 'unapproved' | 'failed' | 'skipped' | 'ok' | 'unchanged';

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface ReportItem {
  /** The input file, relative to the input root (posix). */
  path: string;
  /** The output file, relative to the output root (posix), when one was written. */
  output?: string;
  outcome: ItemOutcome;
  /** The last review round's verdicts, one per reviewer angle; a reviewer that did not run is `skipped`, with the reason. */
  reviewers?: Array<{ angle: string; verdict: 'approve' | 'revise' | 'skipped'; findings: number; reason?: string }>;
  /** Review rounds held (1 = approved or not at the first review). */
  reviewRounds?: number;
  /** Fix-loop rounds in which this file was edited. */
  fixRounds?: number;
  /** `TODO(port)` markers left in the output file. */
  todos?: Array<{ line: number; text: string }>;
  tokens: TokenCounts;
  costUsd: number;
  /** Agent calls made for this item (answers replayed from the journal included). */
  agents?: number;
  /** Test blocks in the item's source (Zig `test` blocks for zig-to-rust). */
  tests?: number;
  /** Why the item failed or was skipped. */
  error?: string;
  /**
   * The run whose port gave this outcome. A report that keeps the items of earlier runs into the same output
   * (zig-to-rust's crate-wide report) sets it on every item; those items' tokens and cost are that run's.
   */
  runId?: string;
  warnings?: string[];
  /**
   * Tests of the output that lost the teeth of their source tests (for zig-to-rust, the gate's rule: no
   * assertion where the Zig test has some, fewer than half as many from 4 on, a `return` before the first
   * assertion where the Zig test cannot return, or a bare `return` where it skips), as the output stands
   * when the report is written.
   */
  hollowTests?: HollowTestEntry[];
  /**
   * Differential checking: where the output still behaves differently from the source on the same input, per
   * function, each kind of deviation shown by its smallest input. Absent when the file was not checked.
   */
  deviations?: DeviationEntry[];
  /** Differential checking: the file's pub fns it did not check, and why (`unsupported result: slice of Token`). */
  unchecked?: Array<{ fn: string; reason: string }>;
}

/** One deviation of {@link ReportItem.deviations}: the function, the input, and what each side did. */
export interface DeviationEntry {
  fn: string;
  input: string;
  /** The source's result (`-1`, `error.DivisionByZero`, `trap (overflow: …)`). */
  zig: string;
  /** The output's result on the same input. */
  rust: string;
  /** Inputs showing the same kind of deviation (this is the smallest). */
  count: number;
}

/**
 * Differential checking of a run: the source and the output run on the same inputs and compared. `ran: false`
 * says why it did not run (no compiler, turned off, the crate does not build); nothing is claimed then.
 */
export interface DifferentialSummary {
  ran: boolean;
  /** Why it did not run, or ran only in part. */
  note?: string;
  /** The source compiler used (`/usr/bin/zig 0.11.0`). */
  compiler?: string;
  /** pub fns: checked, and skipped by reason. */
  functions: { checked: number; skipped: number; total: number };
  /** How they were checked beyond single calls: structs through their constructor (sequences of method calls), round trips (`decode(encode(x))`), and the project's data files used as inputs. */
  kinds?: { structs: number; roundTrips: number; dataFiles: number };
  skipped: Record<string, number>;
  /** Inputs run on both sides (over every function and every check), and generated inputs one side cannot take. */
  inputs: number;
  rejectedInputs: number;
  /** Inputs on which both sides trapped (the source's safety checks meeting the output's): not port defects. */
  bothTrap: number;
  /** Inputs one side never finished (its harness did not build, or restarts ran out). */
  notRun: number;
  /** Deviation groups found by the first check, fixed by the fixers, and remaining at the end. */
  deviations: { found: number; fixed: number; remaining: number };
  /** Fix rounds run, and files whose fix was reverted because it broke the build or the tests. */
  rounds: number;
  reverted: string[];
  durationMs: number;
  /** Where the time went: Zig harness builds and runs, the Rust harness (`cargo test`: build and run). */
  timing?: { zigBuildMs: number; zigRunMs: number; rustMs: number };
}

/** One test of {@link ReportItem.hollowTests}. */
export interface HollowTestEntry {
  /** The test in the output (the Rust `#[test]` fn) and its line. */
  test: string;
  line: number;
  /** The source test's name (`''` for an anonymous one) and line. */
  sourceTest: string;
  sourceLine: number;
  /** `silent-skip`: a bare `return` where the source test skips (zig-to-rust: instead of `zig_skip!`); `broad-skip`: a skip on any error where the source test skips only on some. */
  reason: 'no-assertions' | 'fewer-assertions' | 'early-return' | 'silent-skip' | 'broad-skip';
  /** One line: what is wrong. */
  problem: string;
}

/** How far the whole port has come: every input file by its latest outcome (see {@link MigrationReport.crate}). */
export interface CrateSummary {
  /** Files of the input tree (readable or not). */
  files: number;
  /** Files with an output in the crate. */
  ported: number;
  approved: number;
  unapproved: number;
  failed: number;
  skipped: number;
  /** Files no run has handled yet (the slices still to come). */
  left: number;
}

export interface BuildSummary {
  ok: boolean;
  errors: number;
  warnings: number;
  /** Fix-loop rounds run against the build. */
  rounds: number;
  /** Errors caused by references to files not ported yet (slices): reported, not sent to fixers. */
  pending: number;
  /** Compiler suggestions applied without a model. */
  suggestionsApplied: number;
  /** Why the loop stopped: `clean`, `rounds`, `stuck`, `budget`, `interrupted`. */
  stoppedBy: string;
}

export interface TestSummary {
  /** Tests that passed, skipped ones excluded. */
  passed: number;
  failed: number;
  /**
   * Tests that ran but skipped themselves (zig-to-rust: `zig_skip!`, the port of `error.SkipZigTest`): they
   * checked nothing, so they are not passes. Absent when none did.
   */
  skipped?: number;
  /** Tests cargo ran (passed + failed + skipped). */
  total: number;
  /** Test blocks in the Zig source that was ported. */
  zigTests: number;
  rounds: number;
  stoppedBy: string;
}

export interface MigrationReport {
  version: 1;
  recipe: string;
  runId: string;
  /** The input as given and the output directory (absolute). */
  input: string;
  output: string;
  slices: string[];
  /** The command line that reproduces the run. */
  command: string;
  /** sha256 (hex, 16 chars) of the recipe file and of each prompt file, for reproducibility. */
  hashes: Record<string, string>;
  generatedAt: string;
  items: ReportItem[];
  totals: {
    files: number;
    approved: number;
    unapproved: number;
    failed: number;
    skipped: number;
    agents: number;
    /** Model requests behind those agents (schema retries and retried failures included); what a request log counts. */
    requests?: number;
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens: number;
    cacheWriteTokens: number;
    costUsd: number;
  };
  /**
   * The whole output across the runs that wrote into it (slices): every file's latest outcome is in `items`,
   * `totals` stays this run's. Absent when the recipe does not track earlier runs.
   */
  crate?: CrateSummary;
  build?: BuildSummary;
  tests?: TestSummary;
  /** Differential checking of the output against the source (zig-to-rust); absent for recipes without it. */
  differential?: DifferentialSummary;
  /** Run-level notes: errors left for files not ported yet, skipped inputs, stuck files, … */
  warnings?: string[];
  /** The verdict of the whole port (see {@link RecipeOutcome}): `ok` only when the result is usable as it is. */
  outcome?: RecipeOutcome;
  /**
   * Every file of the output tree the recipe wrote (this run, or earlier runs into the same output that
   * it names), keyed by its path relative to `output` (posix), with the sha256 (hex) of the content
   * written and the run that wrote it. `migrate pr` commits only files whose content still has that hash.
   */
  files?: Record<string, { sha256: string; runId: string }>;
}

/**
 * A recipe's verdict on its own result: `ok` is true only when what it produced is usable as it is
 * (for zig-to-rust: the crate builds, its tests pass at least as many tests as the Zig has, and every file
 * of the slice is approved). `summary` is one short line: `builds, 57/57 tests` / `build fails: 12 errors in 3 files`.
 */
export interface RecipeOutcome {
  ok: boolean;
  summary: string;
}

/**
 * One change a custom recipe hands to `migrate pr`: a file or a directory (absolute, or relative to the
 * run's working directory) with an optional PR title and body for `--per-item`.
 */
export interface ChangeItem {
  path: string;
  title?: string;
  body?: string;
}

/** A custom recipe's own list of changes: the same PR handling as a migration report. */
export interface RecipeChanges {
  /** Title of the one PR (or the prefix of per-item titles). */
  title?: string;
  /** Markdown placed at the top of the PR body. */
  body?: string;
  items: ChangeItem[];
}

/**
 * What a recipe's `run()` may return so `migrate pr <runId>` (and `--pr`) can find its work. The runtime
 * stores these two fields (only these) in `run.json` as `result`, paths made absolute:
 *
 * - `{ report: '<path of report.json>' }` — a migration recipe names the {@link MigrationReport} it wrote;
 * - `{ changes: { title?, body?, items: [{ path, title?, body? }] } }` — any recipe lists its changes.
 *
 * Other fields of the returned value are kept out of `run.json`. Without either, `migrate pr` stops with
 * NO_CHANGES_SOURCE (the run directory's own `report.json` is the run report, not a migration report).
 */
export interface RecipeRunResult {
  report?: string;
  changes?: RecipeChanges;
  /** The verdict; stored in `run.json` as `outcome`. A run whose outcome is not ok exits 1 and gets a draft PR. */
  outcome?: RecipeOutcome;
}
