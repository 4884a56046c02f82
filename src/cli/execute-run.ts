/**
 * The common path of every command that runs a recipe: plan and estimate (no model call), then
 * `--dry-run` stops; otherwise the key, the confirmation, the run with live progress and Ctrl-C
 * handling, and the summary.
 */
import { processInterrupts } from './interrupts.js';
import { basename } from 'node:path';
import { isMigrateError, MigrateError } from '../errors.js';
import { createProvider, DEFAULT_PROVIDER, providerDefinition, type ProviderName } from '../model/provider-registry.js';
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
import { describeArgs } from '../recipes/describe-args.js';
import { changedFiles, recipeFingerprint, type RecipeFingerprint } from '../workflow/recipe-fingerprint.js';
import { runSettings, type EffectiveSettings } from './settings.js';
import { pullRequestsAfterRun } from './pull-requests.js';
import type { RecipePlan } from '../workflow/types.js';
import { JsonlRunStore } from '../store/jsonl-store.js';
import { assertOutputFree } from '../store/output-lock.js';
import { checkStateDir } from '../store/state-dir.js';
import { assertCanMakePr } from '../git/pr-preflight.js';
import { NodeProcessRunner } from '../process/process-runner.js';
import { planSandbox } from '../process/sandbox.js';
import { startDashboard, type DashboardServer } from './dashboard/dashboard-server.js';

export interface RunDeps {
  /** Makes the model provider; default: the one `--provider` names (anthropic), from its registry entry and environment. */
  makeProvider?: (env: NodeJS.ProcessEnv, name: ProviderName) => Provider;
  /** Subscribes to interrupts (Ctrl-C, SIGTERM); returns the unsubscribe function. */
  onInterrupt?: (handler: () => void) => () => void;
}

/** What `start` gives to the CLI besides startRun's options: the provider's registry name. */
export type RunStart = Omit<StartRunOptions, 'provider' | 'providerName'> & {
  providerName?: ProviderName;
  /** `resume`: the fingerprint run.json holds, compared with the recipe as it is now. */
  startedWith?: RecipeFingerprint;
};

/** Preflight and plan: everything checked and estimated before a key is needed or a cent is spent. */
async function planRun(start: RunStart, prices: PriceTable): Promise<PlanView> {
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
  const provider = start.providerName ?? DEFAULT_PROVIDER;
  if (provider !== DEFAULT_PROVIDER) prices.providerModelId(provider, model); // a model the provider has no id for: refused now
  if (start.batch && !providerDefinition(provider).batches) {
    throw new MigrateError('BAD_OPTION', `--batch needs the Message Batches API, which the ${providerDefinition(provider).title} provider does not have through its SDK. Use --provider anthropic with --batch, or run without --batch.`, { details: { provider } });
  }
  // A resume whose recipe or prompts changed since the run started asks new questions: those calls are paid again.
  const changed = start.startedWith !== undefined && start.fingerprint !== undefined ? changedFiles(start.startedWith, start.fingerprint) : [];
  return {
    recipe: start.recipe.name,
    description: start.recipe.description ?? '',
    plan,
    ...(changed.length > 0
      ? { warnings: [`the recipe changed since this run started (${changed.slice(0, 5).map((f) => basename(f)).join(', ')}${changed.length > 5 ? `, ${changed.length - 5} more` : ''}): calls whose prompts changed have no answer in the journal and are sent and paid again; to pay nothing again, resume with the recipe as it was`] }
      : {}),
    estimate: plan ? estimatePlan(plan, model, prices, cacheTtl === '1h' ? '1h' : '5m') : null,
    settings: {
      model,
      ...(provider !== DEFAULT_PROVIDER ? { provider } : {}),
      ...(start.batch ? { batch: true } : {}),
      concurrency: start.concurrency ?? DEFAULT_SLOTS,
      maxAgents: start.maxAgents ?? DEFAULT_MAX_AGENTS,
      budgetUsd: start.budgetUsd ?? null,
      cacheTtl,
    },
    sandbox: await planSandbox(start.sandbox),
  };
}

export async function executeRun(start: RunStart, cli: RunCliOptions, io: CliIo, deps: RunDeps, what: string): Promise<number> {
  // A lock taken for the run (resume takes it before planning) is the run's once it starts; until then it is ours to release.
  const held = { lock: start.lock };
  try {
    return await planAndRun(start, cli, io, deps, what, held);
  } finally {
    await held.lock?.release();
  }
}

async function planAndRun(start: RunStart, cli: RunCliOptions, io: CliIo, deps: RunDeps, what: string, held: { lock: StartRunOptions['lock'] }): Promise<number> {
  const prices = PriceTable.default(io.env);
  await checkStateDir(start.stateDir);
  // The first session records what the recipe was; a resume compares (see planRun).
  const fingerprint = await recipeFingerprint(start.recipe, start.recipeFile);
  const view = await planRun({ ...start, fingerprint }, prices);
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
  // Credentials are checked here, before the confirmation and before anything is spent (NO_API_KEY, NO_CREDENTIALS).
  const providerName = start.providerName ?? DEFAULT_PROVIDER;
  const provider = deps.makeProvider ? deps.makeProvider(io.env, providerName) : await createProvider(providerName, { env: io.env, prices });
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
  const { startedWith: _startedWith, ...options } = start;
  const handle = await startRun({ ...options, fingerprint, provider, providerName, prices, outputs, ...(cli.repay ? { repay: true } : {}) });
  held.lock = undefined;
  // The dashboard reads only the run's state files, as `migrate dashboard` from another terminal would.
  const dashboard = cli.dashboard ? await serveDashboard(start, handle.runId, io) : undefined;
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
    await dashboard?.close();
  }
}

/** Starts the run's dashboard and prints its URL; a dashboard that cannot start is a notice: the run goes on. */
async function serveDashboard(start: RunStart, runId: string, io: CliIo): Promise<DashboardServer | undefined> {
  try {
    const dashboard = await startDashboard({ store: start.store ?? new JsonlRunStore(start.stateDir), runId });
    io.err(`migrate: dashboard: ${dashboard.url} (stops when this command ends; later: migrate dashboard ${runId})`);
    return dashboard;
  } catch (error) {
    io.err(`migrate: the dashboard could not start (${(error as Error).message}); the run goes on without it.`);
    return undefined;
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
  const args = bindRecipeArgs(recipe, parseRecipeArgv(recipeWords, recipe.positionals, describeArgs(recipe).specs), { helpCommand: names.helpCommand, exclude: settings.exclude.value });
  return executeRun({ recipe, recipeFile: file, args, argv: recipeWords, cwd: io.cwd, ...runSettings(settings) }, cli, io, deps, names.what);
}
