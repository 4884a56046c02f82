/**
 * `migrate recipe list|show|eject|check`: the recipes this working directory can run, one recipe's
 * arguments, phases and prompts, copying a recipe to customise it, and type-checking a recipe file.
 */
import { dirname } from 'node:path';
import { MigrateError } from '../../errors.js';
import { describeArgs, formatArgsHelp } from '../../recipes/describe-args.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { collectRecipeFiles, parsingProject, promptFilesOf, scanRecipeSource } from '../../recipes/recipe-source.js';
import { listRecipes } from '../../recipes/registry.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { formatTable } from '../table.js';
import { recipeCheckCommand } from './recipe-check.js';
import { recipeEjectCommand } from './recipe-eject.js';
import { displayPath, lookupRecipe, parseSubcommand, registryOptions, sourceLabel } from './recipe-lookup.js';

const SUBCOMMANDS: Record<string, (words: string[], io: CliIo) => Promise<number>> = {
  list: recipeListCommand,
  show: recipeShowCommand,
  eject: recipeEjectCommand,
  check: recipeCheckCommand,
};

export async function recipeCommand(words: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = words;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(HELP['recipe']!);
    return sub === undefined ? 2 : 0;
  }
  const handler = SUBCOMMANDS[sub];
  if (!handler) throw new MigrateError('BAD_INPUT', `migrate recipe has no subcommand "${sub}"; expected one of ${Object.keys(SUBCOMMANDS).join(', ')}. See: migrate recipe --help`);
  return handler(rest, io);
}

async function recipeListCommand(words: string[], io: CliIo): Promise<number> {
  const { values } = parseSubcommand('list', words, { json: { type: 'boolean' } });
  if (values.help) return io.out(HELP['recipe']!), 0;
  const entries = listRecipes(await registryOptions(io));
  const rows = [];
  for (const entry of entries) {
    let description: string;
    try {
      description = (await loadRecipe(entry.file)).recipe.description;
    } catch (error) {
      description = `(cannot load: ${(error as Error).message.split('\n')[0]})`;
    }
    rows.push({ entry, description });
  }
  if (values.json) {
    io.out(JSON.stringify(rows.map(({ entry: e, description }) => ({ name: e.name, source: e.source, file: e.file, description, overrides: e.shadows.map((s) => s.file) })), null, 2));
    return 0;
  }
  if (rows.length === 0) {
    io.out('No recipes found. Write one (see README, "Writing a recipe"), or put recipe folders in ./migrate-recipes/.');
    return 0;
  }
  const table = rows.map(({ entry: e, description }) => [e.name, sourceLabel(e, io.cwd) + (e.shadows.length > 0 ? ` (overrides ${e.shadows.map((s) => sourceLabel(s, io.cwd)).join(', ')})` : ''), firstLine(description)]);
  io.out(formatTable(['name', 'source', 'description'], table));
  return 0;
}

async function recipeShowCommand(words: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseSubcommand('show', words, { json: { type: 'boolean' } });
  if (values.help) return io.out(HELP['recipe']!), 0;
  if (positionals.length !== 1) throw new MigrateError('BAD_INPUT', `migrate recipe show expects one recipe name or file; got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.`);
  const ref = await lookupRecipe(positionals[0]!, io);
  const file = ref.kind === 'entry' ? ref.entry.file : ref.file;
  const { recipe } = await loadRecipe(file);
  const args = describeArgs(recipe);
  const scan = scanRecipeSource(collectRecipeFiles(parsingProject(), file));
  if (ref.kind === 'entry' && ref.entry.ownDir) scan.prompts = promptFilesOf(ref.entry.dir, scan.prompts);
  const rel = (path: string) => displayPath(path, io.cwd);
  const inRecipe = (path: string) => displayPath(path, dirname(file));
  if (values.json) {
    io.out(JSON.stringify({ name: recipe.name, description: recipe.description, file, source: ref.kind === 'entry' ? ref.entry.source : 'file', args: args.specs, phases: scan.phases, prompts: scan.prompts, files: scan.files, overrides: ref.kind === 'entry' ? ref.entry.shadows.map((s) => s.file) : [] }, null, 2));
    return 0;
  }
  const usage = ref.kind === 'entry' ? `migrate ${ref.entry.name} ${args.specs.filter((s) => s.positional).map((s) => s.flag).join(' ')} [options]` : `migrate run ${rel(file)} [run options] -- ${args.specs.filter((s) => s.positional).map((s) => s.flag).join(' ')} [options]`;
  const lines = [
    `${recipe.name} — ${ref.kind === 'entry' ? sourceLabel(ref.entry, io.cwd) : 'file'} (${rel(file)})`,
    '',
    recipe.description,
    '',
    `Usage: ${usage.replace(/\s+/g, ' ').trim()}`,
  ];
  const help = formatArgsHelp(args);
  if (help) lines.push('', help);
  lines.push('', 'Phases:', ...(scan.phases.length > 0 ? scan.phases.map((p) => `  ${p.title}  (${inRecipe(p.file)}:${p.line})`) : ['  (none found in the source)']));
  lines.push('', 'Prompt files:', ...(scan.prompts.length > 0 ? scan.prompts.map((p) => `  ${inRecipe(p.file)}${p.exists ? '' : ' (missing)'}${p.variables && p.variables.length > 0 ? `  variables: ${p.variables.join(', ')}` : ''}`) : ['  (none)']));
  if (ref.kind === 'entry' && ref.entry.shadows.length > 0) lines.push('', `Overrides: ${ref.entry.shadows.map((s) => `${sourceLabel(s, io.cwd)} (${rel(s.file)})`).join(', ')}`);
  if (ref.kind === 'entry' && ref.entry.source === 'builtin') lines.push('', `Customise it: migrate recipe eject ${ref.entry.name}`);
  io.out(lines.join('\n'));
  return 0;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
