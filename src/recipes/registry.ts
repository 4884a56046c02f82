/** Where built-in recipes live: `recipes/<name>/recipe.ts` at the package root. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's `recipes/` folder (the same from `src/` and from `dist/`). */
export const BUILTIN_RECIPES_DIR = fileURLToPath(new URL('../../recipes/', import.meta.url));

const RECIPE_FILES = ['recipe.ts', 'recipe.mts', 'recipe.js', 'recipe.mjs'];

/** The recipe file of a recipe folder, if it has one. */
export function recipeFileIn(dir: string): string | undefined {
  return RECIPE_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
}

/** Names of the built-in recipes. */
export function listBuiltinRecipes(): string[] {
  if (!existsSync(BUILTIN_RECIPES_DIR)) return [];
  return readdirSync(BUILTIN_RECIPES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && recipeFileIn(join(BUILTIN_RECIPES_DIR, d.name)) !== undefined)
    .map((d) => d.name)
    .sort();
}

/** The recipe file of a built-in recipe, or undefined when there is none of that name. */
export function findBuiltinRecipe(name: string): string | undefined {
  return /^[a-z0-9][a-z0-9-]*$/.test(name) ? recipeFileIn(join(BUILTIN_RECIPES_DIR, name)) : undefined;
}
