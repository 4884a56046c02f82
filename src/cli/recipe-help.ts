/** The help of one recipe: usage, description, its typed arguments, and the run options. */
import { describeArgs, formatArgsHelp } from '../recipes/describe-args.js';
import type { Recipe } from '../workflow/types.js';
import { HELP } from './help.js';

/** `how`: `migrate audit` for a recipe by name, `migrate run ./r.ts` for a file (its arguments go after `--`). */
export function recipeHelp(recipe: Recipe<any>, how: { command: string; afterDashDash: boolean }): string {
  const shape = describeArgs(recipe);
  const positionals = shape.specs.filter((s) => s.positional).map((s) => s.flag);
  const fallback = (recipe.positionals ?? []).map((p) => `<${p}>`);
  const words = [...(positionals.length > 0 ? positionals : fallback), shape.specs.some((s) => !s.positional) || shape.open ? '[recipe options]' : ''].filter(Boolean).join(' ');
  const usage = how.afterDashDash ? `${how.command} [run options] -- ${words}` : `${how.command} ${words} [run options]`;
  const args = formatArgsHelp(shape);
  return [
    `Usage: ${usage.replace(/\s+/g, ' ').trim()}`,
    '',
    `${recipe.name}: ${recipe.description}`,
    ...(args ? ['', args] : []),
    ...(how.afterDashDash ? ['', 'Recipe arguments go after --: --name value, --name=value, --flag, --no-flag; a repeated option gives a list.'] : []),
    '',
    HELP['runOptions']!.replace(/^Options:/, 'Run options:'),
  ].join('\n');
}
