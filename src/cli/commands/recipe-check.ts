/**
 * `migrate recipe check <file|name> [--json]`: type errors and prompt-template errors with file:line:column,
 * the phases and prompt templates found; loads the recipe module (to read its `prompts`) but runs nothing.
 */
import { MigrateError } from '../../errors.js';
import { checkRecipe, formatProblem } from '../../recipes/check-recipe.js';
import type { FoundPrompt } from '../../recipes/recipe-source.js';
import { EXIT } from '../exit-codes.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { displayPath, lookupRecipe, parseSubcommand } from './recipe-lookup.js';

export async function recipeCheckCommand(words: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseSubcommand('check', words, { json: { type: 'boolean' } });
  if (values.help) return io.out(HELP['recipe']!), 0;
  if (positionals.length !== 1) throw new MigrateError('BAD_INPUT', `migrate recipe check expects one recipe file (or name); got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.`);
  const ref = await lookupRecipe(positionals[0]!, io);
  const file = ref.kind === 'entry' ? ref.entry.file : ref.file;
  // A recipe in its own folder (an ejected copy, a registry entry): prompt files there that nothing checks are listed.
  const result = await checkRecipe(file, ref.kind === 'entry' && ref.entry.ownDir ? { dir: ref.entry.dir } : {});
  const rel = (path: string) => displayPath(path, io.cwd);
  if (values.json) {
    io.out(JSON.stringify({ file, ok: result.errors.length === 0, errors: result.errors, phases: result.phases, prompts: result.prompts, unchecked: result.unchecked, notes: result.notes, files: result.files, agentCalls: result.agentCalls }, null, 2));
    return result.errors.length === 0 ? EXIT.ok : EXIT.failedItems;
  }
  const lines = result.errors.map((p) => formatProblem(p, io.cwd));
  const count = result.errors.length;
  lines.push(
    `${count === 0 ? 'ok' : `${count} error${count === 1 ? '' : 's'}`}: ${rel(file)} (${result.files.length} file${result.files.length === 1 ? '' : 's'} checked against migrate-kit's types, ${result.prompts.length} prompt template${result.prompts.length === 1 ? '' : 's'}; nothing was run)`,
    ...result.notes.map((n) => `note: ${n}`),
    '',
    `Phases found (${result.phases.length}):`,
    ...(result.phases.length > 0 ? result.phases.map((p) => `  ${p.title}  ${rel(p.file)}:${p.line}`) : ['  (none: wrap work in ctx.phase(title, fn) to see it grouped in progress and reports)']),
  );
  if (result.prompts.length > 0) lines.push('', 'Prompt files:', ...result.prompts.map((p) => `  ${rel(p.file)}  ${promptState(p)}`));
  if (result.unchecked.length > 0) {
    lines.push('', `Not checked (nothing declares their variables; add them to the recipe's \`prompts\` to check them):`, ...result.unchecked.map((f) => `  ${rel(f)}`));
  }
  io.out(lines.join('\n'));
  return count === 0 ? EXIT.ok : EXIT.failedItems;
}

function promptState(p: FoundPrompt): string {
  if (!p.exists) return '(missing)';
  if (p.problem) return '(has errors)';
  return p.declared ? `ok (${p.declared.length === 0 ? 'no variables' : `${p.declared.length} variable${p.declared.length === 1 ? '' : 's'} declared`})` : '(syntax only: no variables declared)';
}
