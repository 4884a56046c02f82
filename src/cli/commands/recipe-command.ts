/**
 * `migrate <recipe> [positionals] [recipe options] [run options]`, e.g.
 * `migrate zig-to-rust ./src --out ./port --slice src/http --yes`. The run options (`--yes`,
 * `--budget`, …) are taken out; every other word is the recipe's own argument. The recipe is found
 * by name: ./migrate-recipes/ (ejected copies) first, then the config's recipePaths, then the built-ins.
 */
import { parseArgs } from 'node:util';
import { MigrateError } from '../../errors.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { findRecipe, listRecipes } from '../../recipes/registry.js';
import { COMMANDS } from '../command-table.js';
import { runLoadedRecipe, type RunDeps } from '../execute-run.js';
import type { CliIo } from '../io.js';
import { recipeHelp } from '../recipe-help.js';
import { parseRunOptions, RUN_OPTION_SPEC } from '../run-options.js';
import { resolveSettings } from '../settings.js';

/**
 * Separates the run options from the recipe's own words: `parseArgs` reads the words with the run options'
 * spec, and the words of the options it knows (with their values) are the run's; every other word, in order,
 * is the recipe's.
 */
export function separateRunOptions(words: readonly string[]): { runWords: string[]; recipeWords: string[] } {
  const { tokens } = parseArgs({ args: [...words], options: RUN_OPTION_SPEC, strict: false, allowPositionals: true, tokens: true });
  const run = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !(token.name in RUN_OPTION_SPEC)) continue;
    run.add(token.index);
    // A value given as the next word (not `--name=value`) is the run's too.
    if (token.value !== undefined && token.inlineValue === false) run.add(token.index + 1);
  }
  // After `--` parseArgs reads no option: the rest is the recipe's, `--` included.
  return { runWords: words.filter((_, i) => run.has(i)), recipeWords: words.filter((_, i) => !run.has(i)) };
}

export async function namedRecipeCommand(name: string, words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const { runWords, recipeWords } = separateRunOptions(words);
  const { options } = parseRunOptions(name, runWords);
  const settings = await resolveSettings(options.flags, io);
  const registry = { cwd: io.cwd, recipePaths: settings.recipePaths.value };
  const file = findRecipe(name, registry)?.file;
  if (!file) {
    throw new MigrateError('BAD_INPUT', `unknown command or recipe "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}; recipes: ${listRecipes(registry).map((e) => e.name).join(', ') || '(none)'}. See: migrate --help`);
  }
  const loaded = await loadRecipe(file);
  if (options.help) {
    io.out(recipeHelp(loaded.recipe, { command: `migrate ${name}`, afterDashDash: false }));
    return 0;
  }
  return runLoadedRecipe(loaded, recipeWords, options, settings, io, deps, { helpCommand: `migrate ${name} --help`, what: `Run ${name}` });
}
