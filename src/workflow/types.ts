/** Public types of the workflow runtime: recipes, the context their `run` receives, outcomes. */
import type { z } from 'zod';
import type { MigrateError } from '../errors.js';
import type { JsonSchema, Usage } from '../model/types.js';
import type { ReadOnlyToolName } from '../model/read-only-tools.js';
import type { ContextBlock } from './prompt-layout.js';
import type { Exec } from '../process/exec.js';
import type { Sandbox } from '../process/sandbox.js';
import type { Workspace } from './workspace.js';

export type { RunStatus } from '../store/run-info.js';
import type { RunStatus } from '../store/run-info.js';

/** The result of one unit of work: never lost, whether it succeeded or not. */
export type Outcome<T> = { status: 'ok'; value: T } | { status: 'failed'; error: MigrateError };

/** A pipeline item's outcome: also names the item, its index and, on failure, the stage that failed (-1: the item source failed). */
export type PipelineOutcome<T, I> = Outcome<T> & { item: I; index: number; stage?: number };

export interface AgentOptions<S = unknown> {
  /** Short name shown in progress, transcripts and reports; part of the content key. Default: `agent`. */
  label?: string;
  /** Validate the answer: a zod schema or a JSON Schema. Invalid answers are retried with the error shown (3 tries in all). */
  schema?: S;
  /** Model id; default: the run's model (`claude-sonnet-5-5` unless set). */
  model?: string;
  /** System prompt. */
  system?: string;
  /** Most tokens the answer may have. Default: 8192. */
  maxTokens?: number;
  /** The call fails with AGENT_TIMEOUT when it takes longer than this from the moment it starts. Default: 600000 (10 min). */
  timeoutMs?: number;
  /**
   * Shared text placed before the prompt, in this order (a porting guide, a field map). A block with `cache`
   * ends a cacheable prefix: `cache: true` uses the run's TTL (`--cache-ttl`, default `5m`), `'5m'`/`'1h'` forces one.
   * Siblings with the same cacheable prefix wait for the first one's answer, then read the cache. At most 3 cached
   * blocks. Part of the content key. Default: none.
   */
  context?: ReadonlyArray<string | ContextBlock>;
  /** Read-only tools the agent may call in a bounded loop; needs `roots`. Part of the content key. Default: none. */
  tools?: ReadonlyArray<ReadOnlyToolName>;
  /** Directories the tools may read; every path is confined to them (realpath). Part of the content key. */
  roots?: readonly string[];
  /** Most model requests of the tool loop; the last one must answer without tools. Default: 8. */
  maxTurns?: number;
  /** Most bytes of one tool result (cut with a note beyond). Default: 16384; 16 times that for all results of the agent. */
  maxToolResultBytes?: number;
  /**
   * The call can wait: in a run started with `--batch` (`StartRunOptions.batch`) its requests go through the Message
   * Batches API at half price, answered within 24 hours (usually minutes), instead of at once. Its timeout is then at
   * least 25 hours. Without `--batch`, or with a provider that has no batches, it is sent as usual. Not part of the
   * content key (a batched call and the same call sent directly replay each other). Default `false`.
   */
  batch?: boolean;
  /**
   * Called once when the call has settled, with what it cost: the answer's usage from the model, or, for a call
   * answered from the journal on resume, the usage journaled by the session that paid for it (`replayed: true`).
   * Also called for a call that failed after sending requests (`ok: false`). For per-item cost in reports.
   * Not part of the content key. Default: none.
   */
  onUsage?: (info: AgentUsageInfo) => void;
}

/** What one agent call cost, as given to `AgentOptions.onUsage`. */
export interface AgentUsageInfo {
  label: string;
  usage: Usage;
  costUsd: number;
  /** HTTP requests sent (schema retries and failed requests included). */
  requests: number;
  /** Answered from the journal (paid for by an earlier session). */
  replayed: boolean;
  ok: boolean;
}

/** The value an agent call resolves with, from its schema. */
export type AgentResult<S> = S extends z.ZodType ? z.output<S> : S extends JsonSchema ? unknown : string;

/** A pipeline stage: receives the previous stage's result (the item itself for the first stage), the item and its index. */
export type Stage<In, Out, I> = (previous: In, item: I, index: number) => Out | Promise<Out>;

export interface BudgetView {
  /** The USD limit; `Infinity` when none is set. */
  readonly totalUsd: number;
  readonly spentUsd: number;
  readonly remainingUsd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface RecipeContext<A = Record<string, unknown>> {
  readonly runId: string;
  /** The directory the run was started from: resolve relative paths in `args` against it (a resume may start elsewhere). */
  readonly cwd: string;
  readonly args: A;
  readonly budget: BudgetView;
  /** Aborted when the run is aborted (a second Ctrl-C). */
  readonly signal: AbortSignal;
  /** One model call. Resolves with the text, or with the validated object when `schema` is given. */
  agent<S extends z.ZodType | JsonSchema | undefined = undefined>(prompt: string, options?: AgentOptions<S>): Promise<AgentResult<S>>;
  /** Runs all thunks concurrently and waits for all; a failure never cancels siblings. */
  parallel<const F extends ReadonlyArray<() => unknown>>(thunks: F): Promise<{ -readonly [K in keyof F]: Outcome<Awaited<ReturnType<F[K]>>> }>;
  /** Streams items through stages with no barrier between stages. */
  pipeline<I, A1>(items: Iterable<I> | AsyncIterable<I>, s1: Stage<I, A1, I>): Promise<Array<PipelineOutcome<Awaited<A1>, I>>>;
  pipeline<I, A1, A2>(items: Iterable<I> | AsyncIterable<I>, s1: Stage<I, A1, I>, s2: Stage<Awaited<A1>, A2, I>): Promise<Array<PipelineOutcome<Awaited<A2>, I>>>;
  pipeline<I, A1, A2, A3>(
    items: Iterable<I> | AsyncIterable<I>,
    s1: Stage<I, A1, I>,
    s2: Stage<Awaited<A1>, A2, I>,
    s3: Stage<Awaited<A2>, A3, I>,
  ): Promise<Array<PipelineOutcome<Awaited<A3>, I>>>;
  pipeline<I, A1, A2, A3, A4>(
    items: Iterable<I> | AsyncIterable<I>,
    s1: Stage<I, A1, I>,
    s2: Stage<Awaited<A1>, A2, I>,
    s3: Stage<Awaited<A2>, A3, I>,
    s4: Stage<Awaited<A3>, A4, I>,
  ): Promise<Array<PipelineOutcome<Awaited<A4>, I>>>;
  pipeline<I>(items: Iterable<I> | AsyncIterable<I>, ...stages: Array<Stage<any, unknown, I>>): Promise<Array<PipelineOutcome<unknown, I>>>;
  /** Groups work under a title for progress, reports and cost. */
  phase<T>(title: string, fn: () => T | Promise<T>): Promise<Awaited<T>>;
  log(message: string): void;
  /**
   * Runs an allow-listed command (default list: cargo, rustc, rustfmt, git) with a timeout (default 10 min),
   * in `cwd` (default: the run's `cwd`); aborted with the run. A non-zero exit is a result, not an error;
   * a command off the list is a COMMAND_NOT_ALLOWED error before anything runs. With `{ sandbox: true }` the
   * command runs in the run's sandbox (for anything that builds or runs model-written code).
   */
  exec: Exec;
  /**
   * The run's sandbox (`--sandbox`): give it to `cargoBuild`/`cargoTest` (`{ sandbox: ctx.sandbox }`) so the
   * code a model wrote compiles and runs confined. Optional only for contexts built by hand in tests.
   */
  sandbox?: Sandbox;
  /** File access confined to `dir` (relative to the run's `cwd`): the run's output. See {@link Workspace}. */
  workspace(dir: string): Workspace;
}

/** A recipe module's default export. A plain object works; `defineRecipe` adds types. */
export interface Recipe<A = Record<string, unknown>> {
  name: string;
  description: string;
  /** A zod schema for the recipe's arguments (given after `--` on the command line). */
  args?: z.ZodType<A>;
  /**
   * Names of the positional command-line arguments, in order: `['input']` makes
   * `migrate <recipe> ./src` (or `migrate run recipe.ts -- ./src`) give `args.input === './src'`.
   * Further bare words go to `args._`. Default: none (all bare words go to `args._`).
   */
  positionals?: string[];
  /**
   * Optional: what a run would do, before anything is spent. Called with the validated arguments; must
   * not call the model. Throws a MigrateError for bad input (missing input, no sources, a tool such as
   * cargo missing), which the CLI reports before any model call. The CLI prices the plan's token
   * estimates with the price table and asks the user to confirm.
   */
  plan?(input: PlanInput<A>): RecipePlan | Promise<RecipePlan>;
  /**
   * Optional: the prompt templates the recipe loads, each with the variables it provides
   * (`[{ file: new URL('./prompts/port.md', import.meta.url), variables: ['source'] }]`), or a function
   * returning them. `migrate recipe check` loads the recipe module (without calling `plan` or `run`) and
   * checks every declared template: a missing file, a syntax error or a variable not in `variables` is an
   * error with file:line:column. Declare the prompts that are loaded by computed paths (a loop over names,
   * a `dir` argument), which the check cannot see in the source; a literal
   * `loadPromptTemplate(new URL('./x.md', import.meta.url), { variables: [...] })` is found without it.
   * Keep one table for both: load the templates from this declaration. Default: none.
   */
  prompts?: readonly PromptDeclaration[] | (() => readonly PromptDeclaration[] | Promise<readonly PromptDeclaration[]>);
  run(ctx: RecipeContext<A>): unknown;
}

/** A prompt template a recipe loads (see {@link Recipe.prompts}). */
export interface PromptDeclaration {
  /** The template: an absolute path or a `file:` URL; a relative path is taken from the recipe file's folder. */
  file: string | URL;
  /** The variables the recipe provides to it, as given to `loadPromptTemplate(file, { variables })`. */
  variables: readonly string[];
}

export interface PlanInput<A> {
  args: A;
  /** The run's default model. */
  model: string;
  /** The working directory the command was started in. */
  cwd: string;
}

/** A low–high range; `low === high` for an exact figure. */
export interface Range {
  low: number;
  high: number;
}

export interface PlannedPhase {
  title: string;
  /** Agent calls this phase is expected to make. */
  agents: Range;
  /** Input tokens for the whole phase (cache writes and reads included as input), and output tokens. */
  inputTokens: Range;
  outputTokens: Range;
  /** Of `inputTokens`, the part expected to be read from the prompt cache. */
  cachedInputTokens?: Range;
  /**
   * The phase's calls can wait: the recipe sends them with `agent(…, { batch: true })`, so with `--batch` they cost
   * half (Message Batches). `true` for all of them, or the share (0–1) of the phase's cost that is batched (the
   * reviews of a phase that also ports). The plan shows the estimate with and without batching. Default: none.
   */
  batchable?: boolean | number;
  /** One line on how the figures were reached. */
  note?: string;
}

export interface RecipePlan {
  /** Facts about the input shown first, in order: `[['input', './src'], ['files', '42'], …]`. */
  facts: Array<[string, string]>;
  phases: PlannedPhase[];
  /** Assumptions behind the estimate, one sentence each. */
  assumptions: string[];
  /** Warnings worth a look before confirming (unreadable files, a slice that is most of the tree, …). */
  warnings?: string[];
  /**
   * Directories the run will write (absolute), such as an output crate. With `--pr` the CLI checks before
   * anything is spent that a pull request can be made from them (they lie inside a git work tree).
   */
  outputs?: string[];
}

export interface RunTotals {
  /** Agent calls that reached the model, over all sessions of the run. */
  agents: number;
  /** Agent calls answered from the journal in the latest session. */
  replayed: number;
  /** Agent calls that failed in the latest session. */
  failed: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

/** A run's cost split by what was paid for: uncached input, output, cache writes (5m/1h rates), cache reads. */
export interface CostSplit {
  inputUsd: number;
  outputUsd: number;
  cacheWriteUsd: number;
  cacheReadUsd: number;
}
