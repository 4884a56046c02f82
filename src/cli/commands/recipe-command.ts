/**
 * `migrate <built-in recipe> [positionals] [recipe options] [run options]`, e.g.
 * `migrate zig-to-rust ./src --out ./port --slice src/http --yes`. The run options (`--yes`,
 * `--budget`, …) are taken out; every other word is the recipe's own argument.
 */
import { MigrateError } from '../../errors.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { findBuiltinRecipe } from '../../recipes/registry.js';
import { executeRun, type RunDeps } from '../execute-run.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { parseRecipeArgv } from '../recipe-argv.js';
import { DEFAULT_BUDGET_USD, parseRunOptions, RUN_OPTION_SPEC } from '../run-options.js';

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

export async function builtinRecipeCommand(name: string, words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const file = findBuiltinRecipe(name);
  if (!file) throw new MigrateError('RECIPE_NOT_FOUND', `There is no built-in recipe "${name}". See: migrate --help`);
  const { runWords, recipeWords } = separateRunOptions(words);
  const { options } = parseRunOptions(name, runWords, io);
  const { recipe } = await loadRecipe(file);
  if (options.help) {
    io.out(`Usage: migrate ${name} ${(recipe.positionals ?? []).map((p) => `<${p}>`).join(' ')} [recipe options] [run options]\n\n${recipe.description}\n\n${HELP['runOptions']!}`);
    return 0;
  }
  return executeRun(
    {
      recipe,
      recipeFile: file,
      args: parseRecipeArgv(recipeWords, recipe.positionals),
      argv: recipeWords,
      cwd: io.cwd,
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
    `Run ${name}`,
  );
}
