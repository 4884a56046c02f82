/** Validates a recipe's raw arguments against its `args` schema, with an error that shows what is wrong. */
import { z } from 'zod';
import { MigrateError } from '../errors.js';
import { isZodSchema } from '../model/structured-output.js';
import type { Recipe } from './types.js';

export function validateRecipeArgs(recipe: Recipe<any>, raw: Record<string, unknown>): unknown {
  if (recipe.args === undefined) return raw;
  if (!isZodSchema(recipe.args)) {
    throw new MigrateError('RECIPE_INVALID', `Recipe "${recipe.name}" has an \`args\` that is not a zod schema; expected for example args: z.object({ dir: z.string() }).`);
  }
  const parsed = recipe.args.safeParse(raw);
  if (!parsed.success) {
    throw new MigrateError('BAD_INPUT', `The arguments for recipe "${recipe.name}" are not valid:\n${z.prettifyError(parsed.error)}\nPass them after \`--\`, for example: migrate run recipe.ts -- --name value`, { details: { args: raw } });
  }
  return parsed.data;
}
