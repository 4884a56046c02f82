/** `migrate resume <runId> [options]` */
import { MigrateError } from '../../errors.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { readRunInfo } from '../../workflow/run-store.js';
import { executeRun, type RunDeps } from '../execute-run.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { parseRunOptions } from '../run-options.js';
import { resolveStateDir } from '../settings.js';
import { DEFAULT_CACHE_TTL } from '../../workflow/cache-gate.js';

export async function resumeCommand(words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const { options, positionals } = parseRunOptions('resume', words);
  if (options.help) {
    io.out(HELP['resume']!);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new MigrateError('BAD_INPUT', `migrate resume expects one run id; got ${positionals.length === 0 ? 'none' : positionals.join(' ')}. \`migrate runs\` lists them.`);
  }
  const { flags } = options;
  const stateDir = await resolveStateDir(flags.stateDir, io);
  const info = await readRunInfo(stateDir, positionals[0]!);
  if (info.status === 'running') {
    throw new MigrateError('BAD_INPUT', `Run ${info.id} is still running (process ${info.pid}). Stop it first (Ctrl-C in its terminal), then resume.`);
  }
  if (!info.recipeFile) {
    throw new MigrateError('BAD_INPUT', `Run ${info.id} was not started from a recipe file, so the CLI cannot load its recipe again. Resume it from code with startRun({ resumeId: "${info.id}", … }).`);
  }
  const { recipe, file } = await loadRecipe(info.recipeFile);
  const budget = flags.budgetUsd ?? info.settings.budgetUsd ?? undefined;
  return executeRun(
    {
      recipe,
      recipeFile: file,
      args: info.args,
      ...(info.cwd ? { cwd: info.cwd } : {}),
      ...(info.argv ? { argv: info.argv } : {}),
      stateDir,
      resumeId: info.id,
      model: flags.model ?? info.settings.model,
      concurrency: flags.concurrency ?? info.settings.concurrency,
      maxAgents: flags.maxAgents ?? info.settings.maxAgents,
      cacheTtl: flags.cacheTtl ?? info.settings.cacheTtl ?? DEFAULT_CACHE_TTL,
      ...(budget !== undefined ? { budgetUsd: budget } : {}),
    },
    options,
    io,
    deps,
    `Resume run ${info.id} (recipe "${recipe.name}")`,
  );
}
