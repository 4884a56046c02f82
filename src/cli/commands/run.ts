/** `migrate run <recipe-file> [options] [-- recipe args]` */
import { MigrateError } from '../../errors.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { executeRun, type RunDeps } from '../execute-run.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { parseRecipeArgv } from '../recipe-argv.js';
import { DEFAULT_BUDGET_USD, parseRunOptions, splitAtDashDash } from '../run-options.js';

export async function runCommand(words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const { own, rest } = splitAtDashDash(words);
  const { options, positionals } = parseRunOptions('run', own, io);
  if (options.help) {
    io.out(HELP['run']!);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new MigrateError('BAD_INPUT', `migrate run expects one recipe file; got ${positionals.length === 0 ? 'none' : positionals.join(' ')}. Usage: migrate run <recipe-file> [options] [-- recipe args]`);
  }
  const { recipe, file } = await loadRecipe(positionals[0]!);
  return executeRun(
    {
      recipe,
      recipeFile: file,
      args: parseRecipeArgv(rest, recipe.positionals),
      cwd: io.cwd,
      argv: rest,
      stateDir: options.stateDir,
      budgetUsd: options.budgetUsd ?? DEFAULT_BUDGET_USD,
      ...(options.model ? { model: options.model } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.maxAgents !== undefined ? { maxAgents: options.maxAgents } : {}),
      ...(options.cacheTtl ? { cacheTtl: options.cacheTtl } : {}),
    },
    options,
    io,
    deps,
    `Run recipe "${recipe.name}"`,
  );
}
