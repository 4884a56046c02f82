/**
 * What a run's questions are made of, fingerprinted: the recipe file and every prompt template it declares
 * (`Recipe.prompts`), each as the first 16 hex digits of its sha256. Stored in `run.json` when a run starts;
 * a resume compares, because an edited prompt asks new questions the journal has no answers for, and those
 * calls are sent and paid again.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Recipe } from './types.js';

export type RecipeFingerprint = Record<string, string>;

/** path → hash of the recipe file and its declared prompts; a file that cannot be read is left out. */
export async function recipeFingerprint(recipe: Pick<Recipe<any>, 'prompts'>, recipeFile?: string): Promise<RecipeFingerprint> {
  const declared = typeof recipe.prompts === 'function' ? await recipe.prompts() : (recipe.prompts ?? []);
  // A prompt's file: an absolute path or a `file:` URL; a relative path is taken from the recipe file's folder.
  const pathOf = (file: string | URL): string =>
    file instanceof URL || file.startsWith('file:') ? fileURLToPath(file) : isAbsolute(file) ? file : resolve(dirname(recipeFile ?? '.'), file);
  const files = [...(recipeFile !== undefined ? [recipeFile] : []), ...declared.map((p) => pathOf(p.file))];
  const fingerprint: RecipeFingerprint = {};
  for (const file of [...new Set(files)].sort()) {
    const content = await readFile(file).catch(() => undefined);
    if (content !== undefined) fingerprint[file] = createHash('sha256').update(content).digest('hex').slice(0, 16);
  }
  return fingerprint;
}

/** The files whose content differs from the fingerprint a run started with (changed, added or gone). */
export function changedFiles(before: RecipeFingerprint, now: RecipeFingerprint): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(now)])].filter((file) => before[file] !== now[file]).sort();
}
