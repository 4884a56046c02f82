/** `defineRecipe` gives a recipe object its types; at run time it only checks the shape. */
import { MigrateError } from '../errors.js';
import type { Recipe } from '../workflow/types.js';

export function defineRecipe<A = Record<string, unknown>>(recipe: Recipe<A>): Recipe<A> {
  const problem = recipeProblem(recipe);
  if (problem) throw new MigrateError('RECIPE_INVALID', `defineRecipe(): ${problem}`);
  return recipe;
}

/** What is wrong with a would-be recipe object, or undefined when it is fine. */
export function recipeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return `expected a recipe object { name, description, run(ctx) }; got ${value === null ? 'null' : typeof value}.`;
  const recipe = value as Partial<Recipe>;
  if (typeof recipe.run !== 'function') return `the recipe has no run(ctx) function${typeof recipe.run === 'undefined' ? '' : ` (run is ${typeof recipe.run})`}; add run: async (ctx) => { … }.`;
  if (typeof recipe.name !== 'string' || recipe.name.trim() === '') return 'the recipe has no name; add name: "my-recipe".';
  if (recipe.description !== undefined && typeof recipe.description !== 'string') return 'the recipe description must be a string.';
  return undefined;
}
