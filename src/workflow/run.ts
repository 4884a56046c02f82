/**
 * Starting and resuming runs: validates options, opens the run's state (run.json, journal,
 * transcripts), builds the recipe context, runs the recipe and records how it ended.
 */
import { setMaxListeners } from 'node:events';
import { join, resolve } from 'node:path';
import { MigrateError, toMigrateError } from '../errors.js';
import { createExec } from '../process/exec.js';
import { resolveSandbox, Sandbox, type SandboxSettings } from '../process/sandbox.js';
import { createWorkspace } from './workspace.js';
import { PriceTable } from '../model/pricing.js';
import type { Provider } from '../model/types.js';
import { redact, redactValue } from '../redact.js';
import { JsonlRunStore } from '../store/jsonl-store.js';
import { acquireLock, type Lock } from '../store/lock.js';
import { RUN_INFO_VERSION, runOutcome, runResultRef, type RunInfo } from '../store/run-info.js';
import type { RunStore } from '../store/run-store.js';
import { outputLockPath } from '../store/output-lock.js';
import { callAgent, type AgentRuntime } from './agent-call.js';
import { Batcher, DEFAULT_BATCH_SETTINGS, type BatchSettings } from './batcher.js';
import { Budget } from './budget.js';
import { CACHE_TTL_POLICIES, CacheGate, DEFAULT_CACHE_TTL, type CacheTtlPolicy } from './cache-gate.js';
import { EventBus, type EventListener } from './events.js';
import { withItemEvents } from './item-events.js';
import { withCommandReporter, type CommandReporter } from '../process/command-activity.js';
import type { EventLogAppender } from '../store/event-log.js';
import { JournalState } from './journal-state.js';
import { parallel, phase, pipeline } from './primitives.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { DEFAULT_MAX_AGENTS, DEFAULT_SLOTS, Scheduler } from './scheduler.js';
import { currentScope } from './scope.js';
import type { CostSplit, Recipe, RecipeContext, RunStatus, RunTotals } from './types.js';
import { validateRecipeArgs } from './recipe-args.js';

export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export interface StartRunOptions {
  recipe: Recipe<any>;
  /** Absolute path of the recipe file; stored so `migrate resume` can load it again. */
  recipeFile?: string;
  /** The recipe's raw arguments, validated against `recipe.args` when it has a schema. */
  args?: Record<string, unknown>;
  argv?: string[];
  /** The recipe file and its prompts, fingerprinted ({@link recipeFingerprint}); stored in run.json by the first session. */
  fingerprint?: Record<string, string>;
  /** The directory relative paths in `args` are resolved against; stored for resume. Default: `process.cwd()`. */
  cwd?: string;
  /** Commands `ctx.exec` may run. Default: cargo, rustc, rustfmt, git. */
  allowCommands?: readonly string[];
  /**
   * The sandbox of commands that build or run model-written code (`ctx.sandbox`, `ctx.exec` with `{ sandbox: true }`):
   * `mode` auto|required|off, extra `env` names, `cpuSeconds` and `memoryMb` per process. `required` where bubblewrap
   * cannot work is a SANDBOX_UNAVAILABLE error before the run starts. Default: a resumed run's own, else `{ mode: 'auto' }`.
   */
  sandbox?: SandboxSettings | Sandbox;
  /** Where runs are kept (the default store's directory). */
  stateDir: string;
  /** The run store. Default: JSON/JSONL files under `stateDir`. */
  store?: RunStore;
  /** The run's lock, when the caller took it already (`migrate resume` takes it before planning). Released when the run ends. */
  lock?: Lock;
  /**
   * Directories the run writes (an output crate): each is locked for the run, so a second run into the same
   * output is refused (LOCKED) before it spends anything. Default: none.
   */
  outputs?: readonly string[];
  /** Resume even when the journal is missing or shorter than run.json says, paying again for what it lost. Default false. */
  repay?: boolean;
  provider: Provider;
  /**
   * The provider's registry name (`anthropic`, `bedrock`, `vertex`), stored in run.json so `migrate resume` uses the
   * same one. Default: `provider.name`.
   */
  providerName?: string;
  /** Default: the shipped price table (or `MIGRATE_PRICE_TABLE`). */
  prices?: PriceTable;
  /** Default model. Default: `claude-sonnet-5-5`. */
  model?: string;
  /** Concurrent agent calls. Default 16 (1 to 256). */
  concurrency?: number;
  /** Agent calls that may reach the model in the run. Default 1000. */
  maxAgents?: number;
  /** USD limit; no new agent starts once it is spent. Default: none. */
  budgetUsd?: number;
  /**
   * TTL of the prompt cache for context blocks marked `cache: true`: `5m`, `1h`, or `auto` (`1h` for a prefix
   * once a gap of more than five minutes between two of its uses is seen). Blocks that name a TTL keep it. Default `5m`.
   */
  cacheTtl?: CacheTtlPolicy;
  /**
   * Among concurrent siblings with the same cacheable prefix, the first goes alone until its answer arrives so the
   * others read the cache it wrote instead of each writing it. Default `true`; `false` only to measure the difference.
   */
  cacheWarmup?: boolean;
  /**
   * Retries of failed model requests (429, 529, 5xx, dropped connections), done by the runtime: the provider's own
   * retries are turned off for its requests. Default `{ maxTries: 6, baseDelayMs: 1000, maxDelayMs: 30000 }`.
   */
  retry?: Partial<RetryPolicy>;
  /**
   * Send the requests of calls marked `batch: true` through the provider's Message Batches API (half price, answered
   * within 24 hours): `true` for the defaults, or the collection window, batch size and polling. A provider without
   * batches (Bedrock, Vertex) is a BAD_OPTION error. Default: off (every call is sent directly).
   */
  batch?: boolean | Partial<BatchSettings>;
  /** Resume this run instead of starting a new one. */
  resumeId?: string;
  onEvent?: EventListener;
  /** Aborting it stops the run as a second Ctrl-C does: no new agent starts and calls in flight are aborted. */
  signal?: AbortSignal;
}

export interface RunResult {
  runId: string;
  dir: string;
  status: RunStatus;
  /** What the recipe's `run` returned. */
  value?: unknown;
  error?: MigrateError;
  totals: RunTotals;
  /** `totals.costUsd` split: uncached input, output, cache writes and cache reads (over all sessions). */
  cost: CostSplit;
  /** The recipe's verdict, when its result carried `outcome: { ok, summary }`. */
  outcome?: { ok: boolean; summary: string };
}

export interface RunHandle {
  runId: string;
  dir: string;
  events: EventBus;
  /** First interrupt: no new agent starts; calls in flight finish and are journaled. */
  interrupt(): void;
  /** Second interrupt: calls in flight are aborted too. */
  abort(): void;
  readonly interrupted: boolean;
  done: Promise<RunResult>;
}

export async function startRun(options: StartRunOptions): Promise<RunHandle> {
  const prices = options.prices ?? PriceTable.default();
  const model = options.model ?? DEFAULT_MODEL;
  prices.priceOf(model);
  const budgetUsd = options.budgetUsd ?? Infinity;
  if (!(budgetUsd > 0)) throw new MigrateError('BAD_OPTION', `The budget must be a positive number of USD; got ${options.budgetUsd}.`);
  const cacheTtl = options.cacheTtl ?? DEFAULT_CACHE_TTL;
  if (!CACHE_TTL_POLICIES.includes(cacheTtl)) {
    throw new MigrateError('BAD_OPTION', `The cache TTL must be one of ${CACHE_TTL_POLICIES.join(', ')}; got ${JSON.stringify(options.cacheTtl)}.`);
  }
  const retry = retryPolicy(options.retry);
  const batchSettings = batchPolicy(options.batch, options.provider);
  const args = validateRecipeArgs(options.recipe, options.args ?? {});
  Scheduler.check({ slots: options.concurrency ?? DEFAULT_SLOTS, maxAgents: options.maxAgents ?? DEFAULT_MAX_AGENTS });

  const store = options.store ?? new JsonlRunStore(options.stateDir);
  const previous = options.resumeId ? await store.info(options.resumeId) : undefined;
  const runId = previous?.id ?? store.newRunId(options.recipe.name);
  const cwd = options.cwd ?? previous?.cwd ?? process.cwd();
  const sandbox = options.sandbox instanceof Sandbox ? options.sandbox : await resolveSandbox(options.sandbox ?? previous?.sandbox);
  const locks: Lock[] = [];
  const releaseLocks = async (): Promise<void> => {
    await Promise.all(locks.splice(0).map((lock) => lock.release()));
  };
  let opened: Awaited<ReturnType<typeof openRun>>;
  try {
    locks.push(options.lock ?? (await store.lock(runId, `run ${runId}`)));
    for (const dir of options.outputs ?? []) locks.push(await acquireLock(outputLockPath(resolve(cwd, dir)), `run ${runId}`, `The output directory ${resolve(cwd, dir)}`));
    opened = await openRun(store, runId, previous, options.repay === true);
  } catch (error) {
    await releaseLocks();
    throw error;
  }
  const { journaled, journal } = opened;
  const dir = store.runDir(runId);
  const budget = new Budget(budgetUsd);
  for (const charge of journaled.charges) budget.charge(charge.usage, charge.costUsd, prices.lookup(charge.model) ? prices.costParts(charge.model, charge.usage) : undefined);
  const events = new EventBus();
  if (options.onEvent) events.on(options.onEvent);
  const scheduler = new Scheduler({
    runId,
    slots: options.concurrency ?? DEFAULT_SLOTS,
    maxAgents: options.maxAgents ?? DEFAULT_MAX_AGENTS,
    budget,
    agentsBefore: journaled.agentsStarted,
    events,
  });

  const startedAt = new Date().toISOString();
  const info: RunInfo = {
    version: RUN_INFO_VERSION,
    id: runId,
    recipe: options.recipe.name,
    ...(options.recipeFile ? { recipeFile: options.recipeFile } : {}),
    args: options.args ?? {},
    ...(options.argv ? { argv: options.argv } : {}),
    cwd,
    // What the run's questions were made of when it started (a resume keeps the first session's).
    ...(previous?.fingerprint ?? options.fingerprint ? { fingerprint: previous?.fingerprint ?? options.fingerprint } : {}),
    status: 'running',
    startedAt: previous?.startedAt ?? startedAt,
    updatedAt: startedAt,
    sessions: (previous?.sessions ?? 0) + 1,
    pid: process.pid,
    host: locks[0]!.holder.host,
    settings: { model, concurrency: options.concurrency ?? DEFAULT_SLOTS, maxAgents: options.maxAgents ?? DEFAULT_MAX_AGENTS, budgetUsd: Number.isFinite(budgetUsd) ? budgetUsd : null, cacheTtl, ...providerSetting(options.providerName ?? options.provider.name), ...(batchSettings ? { batch: true } : {}) },
    totals: totalsOf(budget, journaled.agentsStarted, 0, 0),
    sandbox: { ...sandbox.settings, env: [...sandbox.settings.env] },
  };
  try {
    await store.writeInfo(info);
  } catch (error) {
    await journal.close();
    await releaseLocks();
    throw error;
  }

  // The run's events, redacted by the bus, go to events.jsonl for viewers (the dashboard); a failed write warns once.
  const eventLog: EventLogAppender | undefined = await store
    .openEventLog(runId, (error) => events.emit({ type: 'log', phase: '', message: `Could not write the event log (the run goes on without it): ${redact(error.message)}` }))
    .catch((error: unknown) => {
      events.emit({ type: 'log', phase: '', message: `Could not open the event log (the run goes on without it): ${redact((error as Error).message)}` });
      return undefined;
    });
  if (eventLog) events.on((event) => eventLog.append(event));

  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // one listener per agent in flight
  let interrupted = false;
  const rt: AgentRuntime = {
    recipe: options.recipe.name,
    defaultModel: model,
    provider: options.provider,
    prices,
    scheduler,
    budget,
    journal,
    journaled,
    session: info.sessions,
    events,
    transcripts: store.transcripts(runId, info.sessions),
    cache: new CacheGate({ policy: cacheTtl, warmup: options.cacheWarmup ?? true }),
    retry,
    ...(batchSettings && options.provider.batches ? { batcher: new Batcher(options.provider.batches, journal, events, batchSettings, info.sessions) } : {}),
    active: new Set(),
    signal: controller.signal,
    counters: { replayed: 0, failed: 0 },
    occurrences: new Map(),
    seq: 0,
  };
  const ctx = buildContext(rt, runId, args, cwd, options.allowCommands, sandbox);

  const handle: RunHandle = {
    runId,
    dir,
    events,
    get interrupted() {
      return interrupted;
    },
    interrupt() {
      if (interrupted) return;
      interrupted = true;
      scheduler.stop(new MigrateError('INTERRUPTED', `The run was interrupted before this agent started. Resume with: migrate resume ${runId}`));
      // Batches can take hours: their calls stop waiting now, and a resume collects the journaled batches.
      rt.batcher?.stop(new MigrateError('INTERRUPTED', `The run was interrupted while this agent waited for its Message Batch; the batch is journaled and \`migrate resume ${runId}\` collects it without paying again.`));
      events.emit({ type: 'run:interrupting', runId, inFlight: scheduler.inFlight });
    },
    abort() {
      handle.interrupt();
      controller.abort(new MigrateError('ABORTED', 'The run was aborted.'));
    },
    done: Promise.resolve() as unknown as Promise<RunResult>,
  };

  // Keep run.json's totals fresh for `migrate status` while the run goes on (at most every 2 s).
  // The writes are chained: two at once would share run.json's temp file, and a late one could
  // overwrite the final status.
  let lastSaved = Date.now();
  let saving: Promise<void> = Promise.resolve();
  events.on((event) => {
    if (event.type !== 'agent:finished' && event.type !== 'agent:failed') return;
    if (event.at - lastSaved < 2000) return;
    lastSaved = event.at;
    info.totals = totalsOf(budget, scheduler.agentsStarted, rt.counters.replayed, rt.counters.failed);
    info.updatedAt = new Date().toISOString();
    // A state write that fails (a full disk) stops the run as a journal write failure does: nothing more is paid for.
    saving = saving.then(() => store.writeInfo(info)).catch((error: unknown) => void scheduler.failFast(safeError(toMigrateError(error, 'STATE_IO'))));
  });

  handle.done = (async (): Promise<RunResult> => {
    // Start on the next turn, so the caller can subscribe to `handle.events` first.
    await new Promise((resolve) => setImmediate(resolve));
    events.emit({ type: 'run:started', runId, recipe: options.recipe.name, resumed: previous !== undefined, journaled: journaled.replayable });
    for (const lock of locks) {
      if (lock.tookOver) events.emit({ type: 'log', phase: '', message: `Took over ${lock.path} from ${lock.tookOver.purpose} (process ${lock.tookOver.pid}, since ${lock.tookOver.since}), which is gone.` });
    }
    let value: unknown;
    let error: MigrateError | undefined;
    try {
      value = await withItemEvents(events, () => withCommandReporter(commandReporter(events), () => options.recipe.run(ctx)));
    } catch (thrown) {
      error = safeError(toMigrateError(thrown, 'TASK_FAILED'));
    }
    // Calls the recipe did not wait for still finish (and are journaled) before the journal closes.
    while (rt.active.size > 0) await Promise.allSettled([...rt.active]);
    await scheduler.onIdle();
    // A batch being created is journaled before the journal closes.
    await rt.batcher?.idle();
    // An error no request could survive ends the run as failed with that one error, whatever the recipe did with it.
    if (scheduler.fatal && !interrupted) error = safeError(scheduler.fatal);
    // Calls refused at the agent cap did not run: the work is not done, whatever the recipe made of it.
    const capped = scheduler.capRefused !== null && !interrupted && !scheduler.fatal && !scheduler.budgetRefused;
    if (capped) error ??= scheduler.capRefused!;
    await rt.transcripts.flush();
    for (const failure of rt.transcripts.errors) events.emit({ type: 'log', phase: '', message: `Could not write a transcript: ${failure}` });
    await journal.close();
    const status: RunStatus =
      // A state write that failed stopped the run: resumable once the disk is fixed, so interrupted, not failed.
      interrupted || error?.code === 'INTERRUPTED' || error?.code === 'ABORTED' || scheduler.fatal?.code === 'STATE_IO'
        ? 'interrupted'
        : scheduler.fatal
          ? 'failed'
          : scheduler.budgetRefused || error?.code === 'BUDGET_EXHAUSTED'
          ? 'budget-exhausted'
          : capped || error?.code === 'AGENT_CAP_REACHED'
          ? 'agent-cap'
          : error
            ? 'failed'
            : 'completed';
    const totals = totalsOf(budget, scheduler.agentsStarted, rt.counters.replayed, rt.counters.failed);
    const finishedAt = new Date().toISOString();
    const cost = costOf(budget);
    const result = error ? undefined : runResultRef(value, cwd);
    const outcome = error ? undefined : runOutcome(value);
    const final: RunInfo = {
      ...info,
      status,
      totals,
      cost,
      updatedAt: finishedAt,
      finishedAt,
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
      ...(result ? { result: redactValue(result) } : {}),
      ...(outcome ? { outcome: redactValue(outcome) } : {}),
    };
    await saving;
    try {
      await store.writeInfo(final);
    } catch (writeError) {
      // The journal holds every paid answer; without run.json's update the run reads as interrupted and resumes.
      const failure = safeError(toMigrateError(writeError, 'STATE_IO'));
      error ??= failure;
      events.emit({ type: 'log', phase: '', message: `Could not record how the run ended: ${failure.message}` });
    }
    await releaseLocks();
    events.emit({ type: 'run:finished', runId, status, totals, ...(error ? { error: { code: error.code, message: error.message } } : {}) });
    await eventLog?.close();
    return { runId, dir, status, totals, cost, ...(value !== undefined ? { value } : {}), ...(outcome ? { outcome } : {}), ...(error ? { error } : {}) };
  })();
  if (options.signal) {
    if (options.signal.aborted) handle.abort();
    else options.signal.addEventListener('abort', () => handle.abort(), { once: true });
  }
  return handle;
}

/**
 * Reads what earlier sessions left (run.json's record, the journal) and opens the journal for appending. A
 * journal that is missing or holds fewer calls than run.json recorded would make a resume pay again for the
 * difference: refused (JOURNAL_SHORT) unless `repay`.
 */
async function openRun(store: RunStore, runId: string, previous: RunInfo | undefined, repay: boolean): Promise<{ journaled: JournalState; journal: Awaited<ReturnType<RunStore['openJournal']>> }> {
  const loaded = await store.readJournal(runId);
  const journaled = JournalState.from(loaded.lines);
  const recorded = previous?.totals.agents ?? 0;
  if (previous && !repay && journaled.agentsStarted < recorded) {
    const lost = recorded - journaled.agentsStarted;
    const spent = journaled.charges.reduce((sum, c) => sum + c.costUsd, 0);
    const atRisk = Math.max(0, previous.totals.costUsd - spent);
    throw new MigrateError(
      'JOURNAL_SHORT',
      `Run ${runId}: run.json records ${recorded} agent call${recorded === 1 ? '' : 's'} but the journal (${join(store.runDir(runId), 'journal.jsonl')}) ${loaded.exists ? `holds only ${journaled.agentsStarted}` : 'is missing'}. Resuming would send up to ${lost} of them again and pay about $${atRisk.toFixed(2)} again. Restore the journal from a backup, or resume with --repay to pay for them again.`,
      { details: { runId, recorded, journaled: journaled.agentsStarted, usdAtRisk: atRisk } },
    );
  }
  return { journaled, journal: await store.openJournal(runId, loaded) };
}

function buildContext(rt: AgentRuntime, runId: string, args: unknown, cwd: string, allowCommands: readonly string[] | undefined, sandbox: Sandbox): RecipeContext<any> {
  return {
    runId,
    cwd,
    args,
    budget: rt.budget.view(),
    signal: rt.signal,
    agent: ((prompt: string, options?: Record<string, unknown>) => callAgent(rt, currentScope(), prompt, options)) as RecipeContext['agent'],
    parallel: ((thunks: ReadonlyArray<() => unknown>) => parallel(thunks)) as RecipeContext['parallel'],
    pipeline: ((items: Iterable<unknown>, ...stages: Array<(p: any, i: unknown, n: number) => unknown>) => pipeline(items, stages)) as RecipeContext['pipeline'],
    phase: (title, fn) => phase(rt.events, title, fn),
    log: (message) => rt.events.emit({ type: 'log', phase: currentScope().phase, message: String(message) }),
    exec: createExec({ cwd, signal: rt.signal, sandbox, ...(allowCommands ? { allow: allowCommands } : {}) }),
    sandbox,
    workspace: (dir) => createWorkspace(resolve(cwd, dir)),
  };
}

/** Long commands the recipe runs (cargo) as `command:started`/`command:finished` events, in the phase they run in. */
function commandReporter(events: EventBus): CommandReporter {
  let seq = 0;
  return {
    started(command) {
      const id = `${command.title}#${++seq}`;
      const phase = currentScope().phase;
      events.emit({ type: 'command:started', phase, id, title: command.title, command: command.command, args: [...command.args] });
      return (end) => events.emit({ type: 'command:finished', phase, id, title: command.title, durationMs: end.durationMs, code: end.code, timedOut: end.timedOut });
    },
  };
}

/** The provider as run.json records it: absent for the Anthropic API (the default, and runs from before providers). */
function providerSetting(name: string): { provider?: string } {
  return name === 'anthropic' ? {} : { provider: name };
}

/** The run's batch settings (undefined: batching is off), checked against the provider. */
function batchPolicy(given: StartRunOptions['batch'], provider: Provider): BatchSettings | undefined {
  if (given === undefined || given === false) return undefined;
  if (!provider.batches) {
    throw new MigrateError('BAD_OPTION', `--batch needs a provider with the Message Batches API; "${provider.name}" has none (Amazon Bedrock and Google Vertex AI offer batch inference only as separate storage-based jobs, which their Anthropic SDKs do not cover). Use --provider anthropic, or run without --batch.`, { details: { provider: provider.name } });
  }
  const settings: BatchSettings = { ...DEFAULT_BATCH_SETTINGS, ...(given === true ? {} : given) };
  const atLeast = (name: keyof BatchSettings, min: number): void => {
    if (!Number.isFinite(settings[name]) || settings[name] < min) throw new MigrateError('BAD_OPTION', `batch.${name} must be a number of at least ${min}; got ${String(settings[name])}.`);
  };
  atLeast('windowMs', 0);
  atLeast('maxRequests', 1);
  atLeast('firstPollMs', 1);
  atLeast('pollMs', 1);
  return settings;
}

/** The run's retry policy: the defaults with the given fields, checked. */
function retryPolicy(given: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...given };
  if (!Number.isInteger(policy.maxTries) || policy.maxTries < 1) throw new MigrateError('BAD_OPTION', `retry.maxTries must be a whole number of at least 1; got ${policy.maxTries}.`);
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= policy.baseDelayMs)) {
    throw new MigrateError('BAD_OPTION', `retry delays must satisfy 0 <= baseDelayMs <= maxDelayMs; got ${policy.baseDelayMs} and ${policy.maxDelayMs}.`);
  }
  return policy;
}

/** The error as users see it, with anything that looks like a secret redacted from its message. */
function safeError(error: MigrateError): MigrateError {
  const message = redact(error.message);
  return message === error.message ? error : new MigrateError(error.code, message, { cause: error, details: redactValue(error.details) });
}

function costOf(budget: Budget): CostSplit {
  return { inputUsd: budget.inputUsd, outputUsd: budget.outputUsd, cacheWriteUsd: budget.cacheWriteUsd, cacheReadUsd: budget.cacheReadUsd };
}

function totalsOf(budget: Budget, agents: number, replayed: number, failed: number): RunTotals {
  return {
    agents,
    replayed,
    failed,
    inputTokens: budget.inputTokens,
    outputTokens: budget.outputTokens,
    cacheReadTokens: budget.cacheReadTokens,
    cacheWriteTokens: budget.cacheWriteTokens,
    costUsd: budget.spentUsd,
  };
}
