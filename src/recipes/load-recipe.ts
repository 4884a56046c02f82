/**
 * Loads a recipe file (`.js`, `.mjs`, `.ts`, `.mts`) from anywhere on disk: its default export must be a
 * recipe object. TypeScript is transpiled in memory by the module hooks (see `module-hooks.ts`): relative
 * `.ts` imports work, `import.meta.url` is the file's own URL (prompts beside it are found), and
 * `import … from 'migrate-kit'` resolves to the running toolkit with nothing installed beside the recipe.
 */
import { resolve } from 'node:path';
import { MigrateError } from '../errors.js';
import type { Recipe } from '../workflow/types.js';
import { recipeProblem } from './define-recipe.js';
import { importUserModule } from './load-module.js';

export interface LoadedRecipe {
  recipe: Recipe<any>;
  /** Absolute path of the file it came from. */
  file: string;
}

export async function loadRecipe(path: string): Promise<LoadedRecipe> {
  const file = resolve(path);
  const module = await importUserModule(file, 'Recipe file');
  const recipe = module['default'];
  if (recipe === undefined) {
    throw new MigrateError('RECIPE_INVALID', `Recipe file ${file} has no default export. Add: export default defineRecipe({ name, description, run(ctx) { … } }).`, { details: { file } });
  }
  const problem = recipeProblem(recipe);
  if (problem) throw new MigrateError('RECIPE_INVALID', `Recipe file ${file}: ${problem}`, { details: { file } });
  return { recipe: recipe as Recipe<any>, file };
}
