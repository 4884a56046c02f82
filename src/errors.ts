/**
 * The one error class of migrate-kit. Every error a user can see carries a stable `code`,
 * a message that says what was expected, what arrived and what to do, and the `cause`.
 */
export type ErrorCode =
  // bad input from the user (CLI exit code 2)
  | 'BAD_INPUT'
  | 'BAD_OPTION'
  | 'RECIPE_NOT_FOUND'
  | 'RECIPE_LOAD_FAILED'
  | 'RECIPE_INVALID'
  | 'RUN_NOT_FOUND'
  | 'NO_API_KEY'
  // a provider's credentials, region or project are missing (Bedrock, Vertex)
  | 'NO_CREDENTIALS'
  | 'UNKNOWN_MODEL'
  | 'PRICE_TABLE_INVALID'
  | 'CONFIG_INVALID'
  // recipes: prompt templates with an unknown variable, a missing value or bad syntax
  | 'PROMPT_TEMPLATE'
  // limits of a run
  | 'AGENT_CAP_REACHED'
  | 'BUDGET_EXHAUSTED'
  | 'AGENT_TIMEOUT'
  | 'ABORTED'
  | 'INTERRUPTED'
  // agent results and recipe code
  | 'SCHEMA_INVALID'
  | 'TASK_FAILED'
  | 'OUTSIDE_WORKSPACE'
  | 'SCHEMA_UNSUPPORTED'
  | 'TOOL_LOOP_LIMIT'
  // the model provider
  | 'MODEL_AUTH'
  | 'MODEL_BAD_REQUEST'
  | 'MODEL_RATE_LIMITED'
  | 'MODEL_OVERLOADED'
  | 'MODEL_SERVER_ERROR'
  | 'MODEL_CONNECTION'
  | 'MODEL_ERROR'
  | 'SCRIPT_EXHAUSTED'
  // state on disk
  | 'JOURNAL_CORRUPT'
  | 'JOURNAL_SHORT'
  | 'RUN_DAMAGED'
  | 'STATE_IO'
  // another process holds the run or the output directory
  | 'LOCKED'
  // the source layer
  | 'SOURCE_IO'
  | 'SOURCE_PARSE'
  | 'SOURCE_BINARY'
  | 'SOURCE_ENCODING'
  | 'SOURCE_EMPTY'
  | 'SOURCE_TOO_LARGE'
  | 'SLICE_EMPTY'
  | 'NO_SOURCES'
  // an output directory that holds something else (a recipe refuses to write into it without --force)
  | 'OUTPUT_NOT_EMPTY'
  // the toolchain layer (processes, cargo)
  | 'CARGO_MISSING'
  | 'COMMAND_NOT_ALLOWED'
  | 'COMMAND_NOT_FOUND'
  | 'PROCESS_FAILED'
  // the sandbox that model-written code runs in: `--sandbox required` where it cannot work
  | 'SANDBOX_UNAVAILABLE'
  // the git layer (branches, commits, pull requests)
  | 'NOT_A_REPOSITORY'
  | 'NO_CHANGES_SOURCE'
  | 'NOTHING_TO_COMMIT'
  | 'DIRTY_TREE'
  | 'BRANCH_EXISTS'
  | 'SECRET_IN_OUTPUT'
  | 'GIT_FAILED'
  | 'PR_OPEN_FAILED';

export interface MigrateErrorOptions {
  cause?: unknown;
  /** Machine-readable facts (HTTP status, retry-after, file path, …). Never secrets. */
  details?: Record<string, unknown>;
}

export class MigrateError extends Error {
  override readonly name = 'MigrateError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: MigrateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** A plain object for journals, reports and `--json` output. */
  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return Object.keys(this.details).length > 0
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isMigrateError(error: unknown, code?: ErrorCode): error is MigrateError {
  return error instanceof MigrateError && (code === undefined || error.code === code);
}

/** Wraps anything thrown into a MigrateError, keeping an existing one as it is. */
export function toMigrateError(error: unknown, code: ErrorCode = 'MODEL_ERROR'): MigrateError {
  if (error instanceof MigrateError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MigrateError(code, message, { cause: error });
}

/** Codes that mean the user gave bad input: the CLI exits with code 2 for these. */
export const BAD_INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_INPUT',
  'BAD_OPTION',
  'RECIPE_NOT_FOUND',
  'RECIPE_LOAD_FAILED',
  'RECIPE_INVALID',
  'RUN_NOT_FOUND',
  'NO_API_KEY',
  'NO_CREDENTIALS',
  'UNKNOWN_MODEL',
  'PRICE_TABLE_INVALID',
  'CONFIG_INVALID',
  'PROMPT_TEMPLATE',
  'SLICE_EMPTY',
  'NO_SOURCES',
  'OUTPUT_NOT_EMPTY',
  'NOT_A_REPOSITORY',
  'NO_CHANGES_SOURCE',
  'NOTHING_TO_COMMIT',
  'DIRTY_TREE',
  'BRANCH_EXISTS',
  'SECRET_IN_OUTPUT',
  'CARGO_MISSING',
  'SANDBOX_UNAVAILABLE',
  'LOCKED',
  'RUN_DAMAGED',
  'JOURNAL_CORRUPT',
  'JOURNAL_SHORT',
]);
