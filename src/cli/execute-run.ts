/**
 * The common path of every command that runs a recipe: plan and estimate (no model call), then
 * `--dry-run` stops; otherwise the key, the confirmation, the run with live progress and Ctrl-C
 * handling, and the summary.
 */
import { isMigrateError, MigrateError } from '../errors.js';
import { AnthropicProvider } from '../model/anthropic-provider.js';
import { PriceTable } from '../model/pricing.js';
import type { Provider } from '../model/types.js';
import { redactedJson } from '../redact.js';
import { estimatePlan } from '../workflow/plan-estimate.js';
import { validateRecipeArgs } from '../workflow/recipe-args.js';
import { DEFAULT_MODEL, startRun, type StartRunOptions } from '../workflow/run.js';
import { DEFAULT_MAX_AGENTS, DEFAULT_SLOTS } from '../workflow/scheduler.js';
import { exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { planJson, renderPlan, type PlanView } from './plan-view.js';
import { attachProgress } from './progress/attach.js';
import { renderSummary } from './progress/summary.js';
import { writeRunReport } from './run-report-file.js';
import type { RunCliOptions } from './run-options.js';
import { DEFAULT_CACHE_TTL } from '../workflow/cache-gate.js';
import type { LoadedRecipe } from '../recipes/load-recipe.js';
import { bindRecipeArgs } from './bind-recipe-args.js';
import { parseRecipeArgv } from './recipe-argv.js';
import { runSettings, type EffectiveSettings } from './settings.js';
import { pullRequestsAfterRun } from './pull-requests.js';
import type { RecipePlan } from '../workflow/types.js';
import { JsonlRunStore } from '../store/jsonl-store.js';
import { assertOutputFree } from '../store/output-lock.js';
import { checkStateDir } from '../store/state-dir.js';
import { assertCanMakePr } from '../git/pr-preflight.js';
import { NodeProcessRunner } from '../process/process-runner.js';
import { planSandbox } from '../process/sandbox.js';

export interface RunDeps {
  /** Makes the model provider; default: Anthropic from ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL. */
  makeProvider?: (env: NodeJS.ProcessEnv) => Provider;
  /** Subscribes to interrupts (Ctrl-C, SIGTERM); returns the unsubscribe function. */
  onInterrupt?: (handler: () => void) => () => void;
}

/** The Anthropic provider (it registers its key for redaction itself). */
function defaultProvider(env: NodeJS.ProcessEnv): Provider {
  return new AnthropicProvider({ env });
}

function processInterrupts(handler: () => void): () => void {
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** Preflight and plan: everything checked and estimated before a key is needed or a cent is spent. */
async function planRun(start: Omit<StartRunOptions, 'provider'>, prices: PriceTable): Promise<PlanView> {
  const model = start.model ?? DEFAULT_MODEL;
  prices.priceOf(model);
  const args = validateRecipeArgs(start.recipe, start.args ?? {});
  let plan: RecipePlan | null = null;
  try {
    plan = start.recipe.plan ? await start.recipe.plan({ args, model, cwd: start.cwd ?? process.cwd() }) : null;
  } catch (error) {
    throw isMigrateError(error) ? error : new MigrateError('BAD_INPUT', `Recipe "${start.recipe.name}" could not plan the run: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const cacheTtl = start.cacheTtl ?? DEFAULT_CACHE_TTL;
  return {
    recipe: start.recipe.name,
    description: start.recipe.description ?? '',
    plan,
    estimate: plan ? estimatePlan(plan, model, prices, cacheTtl === '1h' ? '1h' : '5m') : null,
    settings: {
      model,
      concurrency: start.concurrency ?? DEFAULT_SLOTS,
      maxAgents: start.maxAgents ?? DEFAULT_MAX_AGENTS,
      budgetUsd: start.budgetUsd ?? null,
      cacheTtl,
    },
    sandbox: await planSandbox(start.sandbox),
  };
}

export async function executeRun(start: Omit<StartRunOptions, 'provider'>, cli: RunCliOptions, io: CliIo, deps: RunDeps, what: string): Promise<number> {
  // A lock taken for the run (resume takes it before planning) is the run's once it starts; until then it is ours to release.
  const held = { lock: start.lock };
  try {
    return await planAndRun(start, cli, io, deps, what, held);
  } finally {
    await held.lock?.release();
  }
}

async function planAndRun(start: Omit<StartRunOptions, 'provider'>, cli: RunCliOptions, io: CliIo, deps: RunDeps, what: string, held: { lock: StartRunOptions['lock'] }): Promise<number> {
  const prices = PriceTable.default(io.env);
  await checkStateDir(start.stateDir);
  const view = await planRun(start, prices);
  // Before anything is spent: another run writing the same output, or a --pr that could not be made.
  const outputs = view.plan?.outputs ?? [];
  for (const dir of outputs) await assertOutputFree(dir);
  if (cli.pr && !cli.dryRun) await assertCanMakePr(outputs, new NodeProcessRunner(), io.env);
  if (cli.dryRun) {
    if (cli.json) io.out(JSON.stringify(planJson(view), null, 2));
    else io.err(renderPlan(view));
    return 0;
  }
  io.err(renderPlan(view));
  const provider = (deps.makeProvider ?? defaultProvider)(io.env);
  if (!cli.yes) {
    if (!io.interactive) {
      throw new MigrateError('BAD_INPUT', `Refusing to ${what} without confirmation: stdin is not a terminal, so nobody can answer. Add --yes to start anyway, or --dry-run to see the plan only.`);
    }
    const answer = await io.ask(`\n${what}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err('migrate: not started.');
      return 0;
    }
  }
  const handle = await startRun({ ...start, provider, prices, outputs, ...(cli.repay ? { repay: true } : {}) });
  held.lock = undefined;
  const progress = attachProgress(handle.events, io, {
    budgetUsd: view.settings.budgetUsd,
    ...(view.estimate ? { expectedAgents: view.estimate.total.agents.high } : {}),
  });
  let interrupts = 0;
  const stopListening = (deps.onInterrupt ?? processInterrupts)(() => {
    interrupts++;
    if (interrupts === 1) handle.interrupt();
    else {
      io.err('migrate: aborting the agents in flight.');
      handle.abort();
    }
  });
  try {
    const result = await handle.done;
    progress.detach();
    const reportFile = await writeRunReport(new JsonlRunStore(start.stateDir), result.runId).catch((error: unknown) => {
      io.err(`migrate: could not write the run report: ${(error as Error).message}`);
      return undefined;
    });
    if (cli.json) {
      io.out(redactedJson({ id: result.runId, status: result.status, outcome: result.outcome ?? null, dir: result.dir, totals: result.totals, value: result.value ?? null, error: result.error?.toJSON() ?? null, plan: planJson(view) }, 2));
    }
    for (const line of renderSummary(result, progress.state)) io.err(line);
    if (reportFile) io.err(`  run report: ${reportFile}`);
    if (cli.pr) {
      stopListening(); // Ctrl-C regains its default meaning while git and gh run
      return await pullRequestsAfterRun(result, start.stateDir, io, exitCodeFor(result));
    }
    return exitCodeFor(result);
  } finally {
    stopListening();
    progress.detach();
  }
}

/** `migrate run <file>` and `migrate <recipe>`: binds the recipe's own words to its arguments and runs it with the effective settings. */
export async function runLoadedRecipe(
  loaded: LoadedRecipe,
  recipeWords: string[],
  cli: RunCliOptions,
  settings: EffectiveSettings,
  io: CliIo,
  deps: RunDeps,
  names: { helpCommand: string; what: string },
): Promise<number> {
  const { recipe, file } = loaded;
  const args = bindRecipeArgs(recipe, parseRecipeArgv(recipeWords, recipe.positionals), { helpCommand: names.helpCommand, exclude: settings.exclude.value });
  return executeRun({ recipe, recipeFile: file, args, argv: recipeWords, cwd: io.cwd, ...runSettings(settings) }, cli, io, deps, names.what);
}
