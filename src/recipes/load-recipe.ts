/**
 * Loads a recipe file (`.js`, `.mjs`, `.ts`, `.mts`): its default export must be a recipe object.
 * TypeScript is transpiled with the TypeScript compiler into a temporary module beside the file
 * (so its relative imports resolve), imported, and removed.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MigrateError } from '../errors.js';
import type { Recipe } from '../workflow/types.js';
import { recipeProblem } from './define-recipe.js';

const EXTENSIONS = ['.js', '.mjs', '.ts', '.mts'];

export interface LoadedRecipe {
  recipe: Recipe<any>;
  /** Absolute path of the file it came from. */
  file: string;
}

export async function loadRecipe(path: string): Promise<LoadedRecipe> {
  const file = resolve(path);
  const stats = await stat(file).catch(() => undefined);
  if (!stats?.isFile()) {
    throw new MigrateError('RECIPE_NOT_FOUND', `Recipe file ${file} ${stats ? 'is not a file' : 'does not exist'}. Give the path of a recipe module (${EXTENSIONS.join(', ')}) whose default export is { name, description, run(ctx) }.`, { details: { file } });
  }
  const ext = extname(file);
  if (!EXTENSIONS.includes(ext)) {
    throw new MigrateError('RECIPE_LOAD_FAILED', `Recipe file ${file} has the extension "${ext || '(none)'}"; expected one of ${EXTENSIONS.join(', ')}.`, { details: { file } });
  }
  const module = ext === '.ts' || ext === '.mts' ? await importTypeScript(file) : await importModule(file, file);
  const recipe = (module as { default?: unknown }).default;
  if (recipe === undefined) {
    throw new MigrateError('RECIPE_INVALID', `Recipe file ${file} has no default export. Add: export default { name, description, run(ctx) { … } } (or defineRecipe({ … })).`, { details: { file } });
  }
  const problem = recipeProblem(recipe);
  if (problem) throw new MigrateError('RECIPE_INVALID', `Recipe file ${file}: ${problem}`, { details: { file } });
  return { recipe: recipe as Recipe<any>, file };
}

async function importModule(url: string, file: string): Promise<unknown> {
  try {
    return await import(pathToFileURL(url).href);
  } catch (cause) {
    throw new MigrateError('RECIPE_LOAD_FAILED', `Recipe file ${file} could not be loaded: ${describeLoadError(cause, file)}`, { cause, details: { file } });
  }
}

async function importTypeScript(file: string): Promise<unknown> {
  const imported = await import('typescript');
  const ts = (imported as { default?: typeof imported }).default ?? imported;
  const source = await readFile(file, 'utf8');
  const output = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false, inlineSourceMap: true, inlineSources: true },
  });
  const syntax = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax) {
    const where = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start) : undefined;
    const at = where ? `${file}:${where.line + 1}:${where.character + 1}` : file;
    throw new MigrateError('RECIPE_LOAD_FAILED', `Recipe ${at}: ${ts.flattenDiagnosticMessageText(syntax.messageText, '\n')}`, { details: { file } });
  }
  const temp = join(dirname(file), `.${basename(file, extname(file))}.${randomBytes(4).toString('hex')}.migrate.mjs`);
  await writeFile(temp, output.outputText);
  try {
    return await importModule(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

function describeLoadError(cause: unknown, file: string): string {
  if (!(cause instanceof Error)) return String(cause);
  const location = cause.stack?.split('\n').find((line) => line.includes(basename(file)) || line.includes('.migrate.mjs'));
  return location && !cause.message.includes(file) ? `${cause.message} (${location.trim()})` : cause.message;
}
