/**
 * Where recipes are found, by name. In order of precedence:
 *
 * 1. `./migrate-recipes/` in the working directory (where `migrate recipe eject` puts a copy),
 * 2. the config's `recipePaths`, in the order given,
 * 3. the built-in recipes, `recipes/<name>/recipe.ts` at the package root.
 *
 * A search folder holds recipe folders (`<name>/recipe.ts`, `.mts`, `.js` or `.mjs`) and single-file
 * recipes (`<name>.ts`, …); a search path may also be one recipe folder itself. The first recipe of a
 * name wins, so an ejected copy takes precedence over the built-in it came from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULE_EXTENSIONS } from './load-module.js';

/** The package's `recipes/` folder (the same from `src/` and from `dist/`). */
const BUILTIN_RECIPES_DIR = fileURLToPath(new URL('../../recipes/', import.meta.url));

/** The folder `migrate recipe eject` copies into, relative to the working directory. */
export const LOCAL_RECIPES_DIR = 'migrate-recipes';

const RECIPE_FILES = ['recipe.ts', 'recipe.mts', 'recipe.js', 'recipe.mjs'];
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Whether `name` can name a recipe (lowercase letters, digits and dashes). */
export function isRecipeName(name: string): boolean {
  return NAME.test(name);
}

export type RecipeSource = 'local' | 'config' | 'builtin';

export interface RecipeEntry {
  name: string;
  /** The recipe module. */
  file: string;
  /** The recipe's folder: holds its prompts (the file's folder for a single-file recipe). */
  dir: string;
  /** Whether `dir` belongs to this recipe alone (a recipe folder), or is a search folder (a single-file recipe). */
  ownDir: boolean;
  source: RecipeSource;
  /** The search path it was found under. */
  searchPath: string;
  /** Recipes of the same name further down the order, which this one hides. */
  shadows: RecipeEntry[];
}

export interface RegistryOptions {
  cwd: string;
  /** The config's `recipePaths` (relative paths resolved against `cwd`). */
  recipePaths?: readonly string[];
}

/** The recipe file of a recipe folder, if it has one. */
function recipeFileIn(dir: string): string | undefined {
  return RECIPE_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
}

/** The module of a built-in recipe (whatever ejected copies or recipe paths hold), if there is one of that name. */
export function builtinRecipeFile(name: string): string | undefined {
  return NAME.test(name) ? recipeFileIn(join(BUILTIN_RECIPES_DIR, name)) : undefined;
}

/** Names of the built-in recipes. */
export function listBuiltinRecipes(): string[] {
  return entriesIn(BUILTIN_RECIPES_DIR, 'builtin').map((e) => e.name);
}

/** Every recipe, one per name (the one that wins), sorted by name. */
export function listRecipes(options: RegistryOptions): RecipeEntry[] {
  const byName = new Map<string, RecipeEntry>();
  for (const { path, source } of searchPaths(options)) {
    for (const entry of entriesIn(path, source)) {
      const winner = byName.get(entry.name);
      if (winner) winner.shadows.push(entry);
      else byName.set(entry.name, entry);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The recipe a name refers to, or undefined. */
export function findRecipe(name: string, options: RegistryOptions): RecipeEntry | undefined {
  if (!NAME.test(name)) return undefined;
  return listRecipes(options).find((e) => e.name === name);
}

/** The search paths in order of precedence. */
function searchPaths(options: RegistryOptions): Array<{ path: string; source: RecipeSource }> {
  return [
    { path: resolve(options.cwd, LOCAL_RECIPES_DIR), source: 'local' as const },
    ...(options.recipePaths ?? []).map((p) => ({ path: resolve(options.cwd, p), source: 'config' as const })),
    { path: resolve(BUILTIN_RECIPES_DIR), source: 'builtin' as const },
  ];
}

function entriesIn(path: string, source: RecipeSource): RecipeEntry[] {
  if (!isDir(path)) return [];
  const make = (name: string, file: string, dir: string, ownDir: boolean): RecipeEntry => ({ name, file, dir, ownDir, source, searchPath: path, shadows: [] });
  const own = recipeFileIn(path);
  if (own) return NAME.test(basename(path)) ? [make(basename(path), own, path, true)] : [];
  const entries: RecipeEntry[] = [];
  for (const dirent of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, dirent.name);
    if (dirent.isDirectory() || (dirent.isSymbolicLink() && isDir(full))) {
      const file = recipeFileIn(full);
      if (file && NAME.test(dirent.name)) entries.push(make(dirent.name, file, full, true));
    } else if (MODULE_EXTENSIONS.includes(extname(dirent.name)) && !/\.(d|test|spec)\.m?[jt]s$/.test(dirent.name)) {
      const name = basename(dirent.name, extname(dirent.name));
      if (NAME.test(name) && !entries.some((e) => e.name === name)) entries.push(make(name, full, path, false));
    }
  }
  return entries;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
