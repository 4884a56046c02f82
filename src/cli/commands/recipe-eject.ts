/**
 * `migrate recipe eject <name> [DIR] [--force]`: copies a recipe (its folder: code, prompts, README) into
 * `./migrate-recipes/<name>/` or DIR, ready to edit. A copy in `./migrate-recipes/` (or on the config's
 * `recipePaths`) takes precedence over the built-in of the same name.
 */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { MigrateError } from '../../errors.js';
import { collectRecipeFiles, parsingProject, promptFilesOf, scanRecipeSource } from '../../recipes/recipe-source.js';
import { findRecipe, LOCAL_RECIPES_DIR, type RecipeEntry } from '../../recipes/registry.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { displayPath, lookupRecipe, parseSubcommand, registryOptions } from './recipe-lookup.js';

const SKIP = new Set(['node_modules', '.migrate', '.git', '.DS_Store']);

export async function recipeEjectCommand(words: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseSubcommand('eject', words, { force: { type: 'boolean' } });
  if (values.help) return io.out(HELP['recipe']!), 0;
  if (positionals.length < 1 || positionals.length > 2) {
    throw new MigrateError('BAD_INPUT', `migrate recipe eject expects a recipe name and optionally a folder; got ${positionals.length === 0 ? 'none' : positionals.join(' ')}. Usage: migrate recipe eject <name> [DIR]`);
  }
  const [name, dirWord] = positionals as [string, string | undefined];
  const ref = await lookupRecipe(name, io);
  if (ref.kind !== 'entry') throw new MigrateError('BAD_INPUT', `migrate recipe eject takes a recipe name (see migrate recipe list); "${name}" is a file, which you can copy and edit as it is.`);
  const target = resolve(io.cwd, dirWord ?? join(LOCAL_RECIPES_DIR, ref.entry.name));
  const source = [ref.entry, ...ref.entry.shadows].find((e) => resolve(e.dir) !== target);
  if (!source) throw new MigrateError('BAD_INPUT', `Recipe "${name}" is already at ${target}. Edit it there, or eject into another folder: migrate recipe eject ${name} <DIR>.`);
  if (existsSync(target) && readdirSync(target).length > 0 && !values.force) {
    throw new MigrateError('BAD_INPUT', `${target} already exists and is not empty. Pass --force to overwrite the files the recipe has (others are kept), or choose another folder.`);
  }
  const copied = copyRecipe(source, target);
  const rel = (path: string) => displayPath(path, io.cwd);
  const entryFile = join(target, source.ownDir ? relative(source.dir, source.file) : `recipe${extname(source.file)}`);
  const scan = scanRecipeSource(collectRecipeFiles(parsingProject(), entryFile));
  const outside = scan.files.filter((f) => !f.startsWith(target + sep));
  const lines = [`Ejected ${source.name} (${source.source === 'builtin' ? 'built-in' : rel(source.file)}) to ${rel(target)}/ — ${copied.length} file${copied.length === 1 ? '' : 's'}:`, ...copied.map((f) => `  ${relative(target, f)}`)];
  const prompts = promptFilesOf(target, scan.prompts).filter((p) => p.exists && p.file.startsWith(target + sep)).map((p) => relative(target, p.file));
  if (prompts.length > 0) lines.push('', `Edit the prompts (${prompts.join(', ')}): {{name}} marks a variable; an unknown one is an error naming the file and line.`);
  const winner = findRecipe(basename(target), await registryOptions(io));
  if (winner && resolve(winner.dir) === target) {
    lines.push(`\`migrate ${winner.name}\` now runs this copy (it takes precedence over ${winner.shadows.map((s) => (s.source === 'builtin' ? 'the built-in' : rel(s.file))).join(', ') || 'nothing else'}).`);
  } else {
    lines.push(`${rel(target)} is not on the recipe search path: run it with \`migrate run ${rel(entryFile)} -- …\`, or add ${rel(dirname(target))} to "recipePaths" in migrate.config.json.`);
  }
  lines.push(`Check your edits without running anything: migrate recipe check ${rel(entryFile)}`);
  if (outside.length > 0) lines.push(`Warning: the recipe imports files outside its folder, which were not copied: ${outside.map(rel).join(', ')}`);
  io.out(lines.join('\n'));
  return 0;
}

/** Copies a recipe folder (or a single-file recipe and the prompt files it names) into `target`; returns the files written. */
function copyRecipe(entry: RecipeEntry, target: string): string[] {
  mkdirSync(target, { recursive: true });
  if (entry.ownDir) {
    cpSync(entry.dir, target, { recursive: true, force: true, filter: (src) => !SKIP.has(basename(src)) });
    return listFiles(target);
  }
  const written = [join(target, `recipe${extname(entry.file)}`)];
  cpSync(entry.file, written[0]!, { force: true });
  for (const prompt of scanRecipeSource(collectRecipeFiles(parsingProject(), entry.file)).prompts) {
    if (!prompt.exists || !prompt.file.startsWith(entry.dir + sep)) continue;
    const to = join(target, relative(entry.dir, prompt.file));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(prompt.file, to, { force: true });
    written.push(to);
  }
  return written;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}
