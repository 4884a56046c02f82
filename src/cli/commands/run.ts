/** `migrate run <recipe-file> [options] [-- recipe args]` */
import { MigrateError } from '../../errors.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { runLoadedRecipe, type RunDeps } from '../execute-run.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { recipeHelp } from '../recipe-help.js';
import { parseRunOptions, splitAtDashDash } from '../run-options.js';
import { resolveSettings } from '../settings.js';

export async function runCommand(words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const { own, rest } = splitAtDashDash(words);
  const { options, positionals } = parseRunOptions('run', own);
  if (options.help) {
    // With a recipe file, its own help: its typed arguments, then the run options.
    io.out(positionals.length === 1 ? recipeHelp((await loadRecipe(positionals[0]!)).recipe, { command: `migrate run ${positionals[0]!}`, afterDashDash: true }) : HELP['run']!);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new MigrateError('BAD_INPUT', `migrate run expects one recipe file; got ${positionals.length === 0 ? 'none' : positionals.join(' ')}. Usage: migrate run <recipe-file> [options] [-- recipe args]`);
  }
  const settings = await resolveSettings(options.flags, io);
  const loaded = await loadRecipe(positionals[0]!);
  return runLoadedRecipe(loaded, rest, options, settings, io, deps, { helpCommand: `migrate run ${positionals[0]!} --help`, what: `Run recipe "${loaded.recipe.name}"` });
}
