/** Finds a recipe for the `recipe` subcommands: by name in the registry (with the config's paths), or by file path. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { MigrateError } from '../../errors.js';
import { findRecipe, listRecipes, type RecipeEntry } from '../../recipes/registry.js';
import type { CliIo } from '../io.js';
import { resolveSettings } from '../settings.js';
import { parseOptions } from '../parse-options.js';

export type RecipeRef = { kind: 'entry'; entry: RecipeEntry } | { kind: 'file'; file: string };

/** The registry options of the working directory: its config's recipe paths. */
export async function registryOptions(io: CliIo): Promise<{ cwd: string; recipePaths: string[] }> {
  const settings = await resolveSettings({}, io);
  return { cwd: io.cwd, recipePaths: settings.recipePaths.value };
}

export async function lookupRecipe(ref: string, io: CliIo): Promise<RecipeRef> {
  const path = resolve(io.cwd, ref);
  if (/[\\/]|\.m?[jt]s$/.test(ref) && existsSync(path) && statSync(path).isFile()) return { kind: 'file', file: path };
  const options = await registryOptions(io);
  const entry = findRecipe(ref, options);
  if (entry) return { kind: 'entry', entry };
  const names = listRecipes(options).map((e) => e.name);
  throw new MigrateError('RECIPE_NOT_FOUND', `There is no recipe "${ref}"${/[\\/.]/.test(ref) ? ` and no file ${path}` : ''}. Recipes: ${names.join(', ') || '(none)'}. See: migrate recipe list`);
}

/** A path for display: relative when it is under `base`, else absolute. */
export function displayPath(path: string, base: string): string {
  return path === base ? '.' : path.startsWith(base.endsWith('/') ? base : `${base}/`) ? path.slice(base.length).replace(/^\//, '') : path;
}

/** How a source is shown: `built-in`, `./migrate-recipes`, or the config path. */
export function sourceLabel(entry: RecipeEntry, cwd: string): string {
  if (entry.source === 'builtin') return 'built-in';
  const rel = entry.searchPath.startsWith(cwd + '/') ? `./${entry.searchPath.slice(cwd.length + 1)}` : entry.searchPath;
  return entry.source === 'local' ? rel : `${rel} (config)`;
}

/** Parses a subcommand's words; `--help` prints the recipe help. */
export function parseSubcommand(sub: string, words: string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const { values, positionals } = parseOptions(`recipe ${sub}`, words, { ...options, help: { type: 'boolean', short: 'h' } });
  return { values: values as Record<string, string | boolean | undefined>, positionals };
}
