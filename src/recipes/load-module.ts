/**
 * Imports user code (a recipe, `migrate.config.ts`) from anywhere on disk: `.js`, `.mjs`, `.ts`, `.mts`.
 * The first call registers the module hooks of `module-hooks.ts` (TypeScript transpiled at load, `migrate-kit`
 * resolved to the running toolkit, the toolkit's dependencies as a fallback); nothing is written beside the file.
 * A failure becomes a RECIPE_LOAD_FAILED error with the file, line and column where it can.
 */
import { existsSync, statSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MigrateError } from '../errors.js';
import type { ModuleHooksData } from './module-hooks.js';

export const MODULE_EXTENSIONS = ['.js', '.mjs', '.ts', '.mts'];

let hooks: 'registered' | 'unavailable' | undefined;

/**
 * Registers the hooks once per process. They exist only in the built toolkit (`dist/`); when this module
 * runs from source under a bundler-style test runner, that runner already transpiles TypeScript itself.
 */
function registerModuleHooks(): boolean {
  if (hooks === undefined) {
    const url = new URL('./module-hooks.js', import.meta.url);
    const register = (nodeModule as { register?: typeof nodeModule.register }).register;
    if (typeof register !== 'function' || !existsSync(fileURLToPath(url))) {
      hooks = 'unavailable';
    } else {
      const data: ModuleHooksData = {
        aliases: {
          'migrate-kit': new URL('../index.js', import.meta.url).href,
          'migrate-kit/testing': new URL('../testing/index.js', import.meta.url).href,
          'migrate-kit/package.json': new URL('../../package.json', import.meta.url).href,
        },
        toolkitParent: new URL('../../package.json', import.meta.url).href,
      };
      register(url.href, { data });
      process.setSourceMapsEnabled(true);
      hooks = 'registered';
    }
  }
  return hooks === 'registered';
}

/** Throws unless `file` is an existing file with a module extension; `what` names it in errors ("Recipe file", "Config file"). */
export function assertModuleFile(file: string, what = 'Recipe file'): void {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new MigrateError(
      'RECIPE_NOT_FOUND',
      `${what} ${file} ${existsSync(file) ? 'is not a file' : 'does not exist'}. Give the path of a module (${MODULE_EXTENSIONS.join(', ')}); a recipe's default export is { name, description, run(ctx) }.`,
      { details: { file } },
    );
  }
  const ext = extname(file);
  if (!MODULE_EXTENSIONS.includes(ext)) {
    throw new MigrateError('RECIPE_LOAD_FAILED', `${what} ${file} has the extension "${ext || '(none)'}"; expected one of ${MODULE_EXTENSIONS.join(', ')}.`, { details: { file } });
  }
}

/** Imports a module file (checked with {@link assertModuleFile}); `what` names it in errors. */
export async function importUserModule(file: string, what = 'Recipe file'): Promise<Record<string, unknown>> {
  assertModuleFile(file, what);
  registerModuleHooks();
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new MigrateError('RECIPE_LOAD_FAILED', `${what} ${file} could not be loaded: ${describeLoadError(cause, file)}`, { cause, details: { file } });
  }
}

/** The error's message, with the first stack frame in the file's folder (file:line:column) when the message has no location. */
function describeLoadError(cause: unknown, file: string): string {
  if (!(cause instanceof Error)) return String(cause);
  if ((cause as { code?: string }).code === 'MIGRATE_TRANSPILE_FAILED') return cause.message;
  const dir = dirname(file);
  const frame = cause.stack
    ?.split('\n')
    .slice(1)
    .map((line) => line.trim())
    .find((line) => line.includes(dir) || line.includes(pathToFileURL(dir).href));
  const code = (cause as { code?: string }).code;
  const hint =
    code === 'ERR_MODULE_NOT_FOUND'
      ? ' Install it beside the file, or import only from migrate-kit, node: modules, the toolkit\'s dependencies and relative files.'
      : code === 'ERR_UNKNOWN_FILE_EXTENSION'
        ? ` TypeScript files need Node.js 20.6 or newer (module.register); this is ${process.versions.node}.`
        : '';
  return frame && !cause.message.includes(file) ? `${cause.message} (${frame.replace(/^at /, 'at ')})${hint}` : `${cause.message}${hint}`;
}
