/**
 * `migrate <recipe> [positionals] [recipe options] [run options]`, e.g.
 * `migrate zig-to-rust ./src --out ./port --slice src/http --yes`. The run options (`--yes`,
 * `--budget`, …) are taken out; every other word is the recipe's own argument. The recipe is found
 * by name: ./migrate-recipes/ (ejected copies) first, then the config's recipePaths, then the built-ins.
 */
import { MigrateError } from '../../errors.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { findRecipe, listRecipes } from '../../recipes/registry.js';
import { runLoadedRecipe, type RunDeps } from '../execute-run.js';
import type { CliIo } from '../io.js';
import { recipeHelp } from '../recipe-help.js';
import { parseRunOptions, RUN_OPTION_SPEC } from '../run-options.js';
import { resolveSettings } from '../settings.js';

/** Separates the run options from the recipe's own words. */
export function separateRunOptions(words: readonly string[]): { runWords: string[]; recipeWords: string[] } {
  const runWords: string[] = [];
  const recipeWords: string[] = [];
  const spec = RUN_OPTION_SPEC as Record<string, { type: 'string' | 'boolean'; short?: string }>;
  const byShort = new Map(Object.entries(spec).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const name = word.startsWith('--') ? word.slice(2).split('=')[0]! : word.startsWith('-') && word.length === 2 ? byShort.get(word.slice(1)) : undefined;
    const option = name === undefined ? undefined : spec[name];
    if (!option) {
      recipeWords.push(word);
      continue;
    }
    runWords.push(word);
    if (option.type === 'string' && !word.includes('=') && i + 1 < words.length) runWords.push(words[++i]!);
  }
  return { runWords, recipeWords };
}

export async function namedRecipeCommand(name: string, words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const { runWords, recipeWords } = separateRunOptions(words);
  const { options } = parseRunOptions(name, runWords);
  const settings = await resolveSettings(options.flags, io);
  const registry = { cwd: io.cwd, recipePaths: settings.recipePaths.value };
  const file = findRecipe(name, registry)?.file;
  if (!file) {
    throw new MigrateError('BAD_INPUT', `unknown command or recipe "${name}". Commands: run, resume, runs, status, recipe, config, …; recipes: ${listRecipes(registry).map((e) => e.name).join(', ') || '(none)'}. See: migrate --help`);
  }
  const loaded = await loadRecipe(file);
  if (options.help) {
    io.out(recipeHelp(loaded.recipe, { command: `migrate ${name}`, afterDashDash: false }));
    return 0;
  }
  return runLoadedRecipe(loaded, recipeWords, options, settings, io, deps, { helpCommand: `migrate ${name} --help`, what: `Run ${name}` });
}
