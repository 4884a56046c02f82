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
  /** The last review round's verdicts, one per reviewer angle. */
  reviewers?: Array<{ angle: string; verdict: 'approve' | 'revise'; findings: number }>;
  /** Review rounds held (1 = approved or not at the first review). */
  reviewRounds?: number;
  /** Fix-loop rounds in which this file was edited. */
  fixRounds?: number;
  /** `TODO(port)` markers left in the output file. */
  todos?: Array<{ line: number; text: string }>;
  tokens: TokenCounts;
  costUsd: number;
  /** Why the item failed or was skipped. */
  error?: string;
  warnings?: string[];
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
  passed: number;
  failed: number;
  /** Tests cargo ran. */
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
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens: number;
    cacheWriteTokens: number;
    costUsd: number;
  };
  build?: BuildSummary;
  tests?: TestSummary;
}
