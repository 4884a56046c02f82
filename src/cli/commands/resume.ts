/** `migrate resume <runId> [options]` */
import { MigrateError } from '../../errors.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { JsonlRunStore } from '../../store/jsonl-store.js';
import { resolveRunRef } from '../run-ref.js';
import { executeRun, type RunDeps } from '../execute-run.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { parseRunOptions } from '../run-options.js';
import { resolveStateDir } from '../settings.js';
import { DEFAULT_CACHE_TTL } from '../../workflow/cache-gate.js';
import { isProviderName, type ProviderName } from '../../model/provider-registry.js';

export async function resumeCommand(words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  // `--last` is resume's own (the run options are shared with `run`, where it means nothing).
  const last = words.includes('--last');
  const { options, positionals } = parseRunOptions('resume', words.filter((w) => w !== '--last'));
  if (options.help) {
    io.out(HELP['resume']!);
    return 0;
  }
  const { flags } = options;
  const stateDir = await resolveStateDir(flags.stateDir, io);
  const store = new JsonlRunStore(stateDir);
  const info = await store.info(await resolveRunRef(store, 'resume', positionals, last));
  if (!info.recipeFile) {
    throw new MigrateError('BAD_INPUT', `Run ${info.id} was not started from a recipe file, so the CLI cannot load its recipe again. Resume it from code with startRun({ resumeId: "${info.id}", … }).`);
  }
  // One process at a time: the lock is taken before the plan, so two resumes started together never both run.
  const lock = await store.lock(info.id, `migrate resume ${info.id}`);
  let recipe: Awaited<ReturnType<typeof loadRecipe>>;
  try {
    recipe = await loadRecipe(info.recipeFile);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const budget = flags.budgetUsd ?? info.settings.budgetUsd ?? undefined;
  // The run's own provider unless --provider says otherwise.
  const providerName: ProviderName | undefined = flags.provider ?? (isProviderName(info.settings.provider) ? info.settings.provider : undefined);
  return executeRun(
    {
      recipe: recipe.recipe,
      recipeFile: recipe.file,
      args: info.args,
      lock,
      ...(info.cwd ? { cwd: info.cwd } : {}),
      ...(info.argv ? { argv: info.argv } : {}),
      stateDir,
      resumeId: info.id,
      ...(info.fingerprint !== undefined ? { startedWith: info.fingerprint } : {}),
      model: flags.model ?? info.settings.model,
      ...(providerName ? { providerName } : {}),
      concurrency: flags.concurrency ?? info.settings.concurrency,
      maxAgents: flags.maxAgents ?? info.settings.maxAgents,
      cacheTtl: flags.cacheTtl ?? info.settings.cacheTtl ?? DEFAULT_CACHE_TTL,
      // --batch as the run had it: its calls collect the batches the journal names instead of paying again.
      ...(flags.batch || info.settings.batch ? { batch: flags.batchWindowMs !== undefined ? { windowMs: flags.batchWindowMs } : true } : {}),
      // The run's own sandbox settings, with the options given here over them.
      sandbox: { ...info.sandbox, ...flags.sandbox },
      ...(budget !== undefined ? { budgetUsd: budget } : {}),
    },
    options,
    io,
    deps,
    `Resume run ${info.id} (recipe "${recipe.recipe.name}")`,
  );
}
