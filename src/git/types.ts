/** Inputs and results of making pull requests from a run (`migrate pr`). */
import type { MigrationReport, RecipeChanges } from '../report/types.js';

/** What the git layer needs of a run (a structural subset of the workflow's RunInfo, plus where it lives). */
export interface PrRunInfo {
  id: string;
  recipe: string;
  status: string;
  startedAt: string;
  updatedAt?: string;
  finishedAt?: string;
  recipeFile?: string;
  argv?: string[];
  /** The directory the run was started from; relative paths of the run resolve against it. */
  cwd?: string;
  settings?: { model?: string; budgetUsd?: number | null };
  totals: { agents: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number; costUsd: number };
  /** The run directory: `pr.md`, the patch and `pr.json` are written there. */
  dir: string;
  /** The state directory; never committed when it lies inside the repository. */
  stateDir: string;
  /** The recipe's verdict (run.json's `outcome`); a PR of a run whose outcome is not ok is a draft with the outcome on top. */
  outcome?: { ok: boolean; summary: string };
}

/** Where the run's work is described. */
export type ChangesSource =
  | { kind: 'report'; report: MigrationReport; /** The report.json file. */ file: string }
  | { kind: 'changes'; changes: RecipeChanges };

/** Options of `migrate pr`. */
export interface PrOptions {
  /** The branch the PR goes into. Default: the current branch's upstream branch, else the current branch. */
  base?: string;
  /** The new branch's name. Default `migrate/<recipe>/<slice-or-input>` (per item: the item's path). */
  branch?: string;
  /** One branch and PR per file (per item of a custom recipe's changes). Default false. */
  perItem?: boolean;
  /** Push the branch even when no PR can be opened (no gh, no token). Default false. */
  push?: boolean;
  /** Remote to push to. Default: the current branch's upstream remote, else `origin`, else the only remote. */
  remote?: string;
  draft?: boolean;
  /** PR title (per item: its prefix). Default: from the recipe, the input and the file count. */
  title?: string;
  /** Include changes in the committed paths that the run did not make. Default false. */
  allowDirty?: boolean;
  /** Push nothing and open nothing: the branch, `pr.md` and a `.patch` only. Default false. */
  offline?: boolean;
}

export interface PrOutcome {
  title: string;
  branch: string;
  commit: string;
  /** The commit the branch starts from (HEAD when the command ran). */
  parent: string;
  base: string;
  files: number;
  added: number;
  removed: number;
  bodyFile: string;
  patchFile: string;
  /** Per item: the item's path (relative to the repository top). */
  item?: string;
  pushed?: { remote: string; branch: string };
  via: 'gh' | 'rest' | 'offline';
  url?: string;
  number?: number;
  /** Why pushing or opening this PR failed; the local branch and files are still there. */
  error?: string;
  /** The branch already held this tree on this parent (an earlier `migrate pr`): it was reused, no commit was made. */
  upToDate?: boolean;
  /** The PR is (or would be opened as) a draft: `--draft`, or the run's outcome is not ok. */
  draft?: boolean;
}

/** A changed file under the committed paths that was not committed, and why. */
export interface LeftOutFile {
  /** Relative to the repository top, posix. */
  path: string;
  why: string;
}

export interface PrSummary {
  runId: string;
  repository: string;
  head: { sha: string; branch?: string };
  remote?: string;
  prs: PrOutcome[];
  /** Items with no PR (nothing to commit, no output), and why. */
  skipped: Array<{ path: string; why: string }>;
  /**
   * Changed files under the output that were not committed because the run did not write their content
   * (checked by hash against the report's `files`; empty without it, or with `--allow-dirty`).
   */
  leftOut: LeftOutFile[];
  /** Warnings and notes worth printing. */
  notes: string[];
  /** Why no PR was opened (the offline path), and what to do instead. */
  offline?: { reason: string; instructions: string[] };
}
