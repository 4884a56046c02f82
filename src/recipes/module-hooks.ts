/**
 * Node module hooks for user code (recipes, `migrate.config.ts`), registered once by `load-module.ts`
 * with `module.register` and run on Node's hooks thread. They make a recipe work wherever it sits on disk,
 * with nothing installed or written beside it (a read-only folder works):
 *
 * - `.ts` / `.mts` files are transpiled (TypeScript `transpileModule`, ESM, inline source maps, so stack
 *   traces show the original lines), with a private cache in the OS temp folder. `import.meta.url` stays
 *   the file's own URL, so prompts read relative to it are the ones beside the file (an ejected copy
 *   reads its own, edited prompts).
 * - In a TypeScript file a relative import may name the `.js` file TypeScript style (`./phases.js` finds
 *   `./phases.ts`), the `.ts` file itself, or no extension.
 * - `migrate-kit` and `migrate-kit/testing` always resolve to the running toolkit, so a recipe shares its
 *   classes (MigrateError, …) and needs no install.
 * - Any other package that cannot be found from the recipe's folder is looked up from the toolkit's own
 *   dependencies (`zod`, `ts-morph`, `typescript`, …).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ModuleHooksData {
  /** Specifier → file URL, e.g. `migrate-kit` → the toolkit's `dist/index.js`. */
  aliases: Record<string, string>;
  /** A file URL inside the toolkit (its package.json), used as the importer for the dependency fallback. */
  toolkitParent: string;
}

let aliases: Record<string, string> = {};
let toolkitParent: string | undefined;

export const initialize: InitializeHook<ModuleHooksData> = (data) => {
  aliases = data.aliases;
  toolkitParent = data.toolkitParent;
};

const TS_FILE = /\.m?ts$/;

export const resolve: ResolveHook = async (specifier, context, next) => {
  const alias = aliases[specifier];
  if (alias !== undefined) return { url: alias, format: 'module', shortCircuit: true };
  try {
    return await next(specifier, context);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    for (const alternative of typeScriptAlternatives(specifier, context.parentURL)) {
      try {
        return await next(alternative, context);
      } catch (again) {
        if (!isNotFound(again)) throw again;
      }
    }
    if (isBare(specifier) && toolkitParent !== undefined && context.parentURL !== toolkitParent) {
      try {
        return await next(specifier, { ...context, parentURL: toolkitParent });
      } catch {
        // fall through to the original error, which names the recipe's file
      }
    }
    throw error;
  }
};

export const load: LoadHook = async (url, context, next) => {
  if (!url.startsWith('file:')) return next(url, context);
  const path = fileURLToPath(url);
  if (!TS_FILE.test(path) || path.endsWith('.d.ts') || path.endsWith('.d.mts')) return next(url, context);
  const source = await readFile(path, 'utf8');
  return { format: 'module', source: await cachedTranspile(source, path), shortCircuit: true };
};

/**
 * Transpiled output is cached in the OS temp folder by a hash of the path, the source and the TypeScript
 * version, so a later command with the same recipe does not load the compiler at all. The cache is only
 * an optimisation: any failure to read or write it is ignored (a read-only disk just transpiles each time).
 */
const CACHE_DIR = join(tmpdir(), `migrate-kit-${process.getuid?.() ?? 'user'}`, 'transpiled');
let typescriptVersion: string | undefined;
let cacheUsable: boolean | undefined;

async function cachedTranspile(source: string, path: string): Promise<string> {
  typescriptVersion ??= versionOfTypeScript();
  cacheUsable ??= await privateCacheDir();
  const key = createHash('sha256').update(`${typescriptVersion}\0${path}\0${source}`).digest('hex').slice(0, 32);
  const cached = join(CACHE_DIR, `${key}.mjs`);
  if (cacheUsable) {
    try {
      return await readFile(cached, 'utf8');
    } catch {
      // not cached yet
    }
  }
  const output = await transpile(source, path);
  if (!cacheUsable) return output;
  try {
    const temp = `${cached}.${process.pid}.tmp`;
    await writeFile(temp, output);
    await rename(temp, cached);
  } catch {
    // no cache this time
  }
  return output;
}

/** The cache folder exists, belongs to this user and nobody else can write to it (else it is not used). */
async function privateCacheDir(): Promise<boolean> {
  try {
    await mkdir(CACHE_DIR, { recursive: true, mode: 0o700 });
    const stats = await stat(CACHE_DIR);
    const parent = await stat(dirname(CACHE_DIR));
    const uid = process.getuid?.();
    return (uid === undefined || (stats.uid === uid && parent.uid === uid)) && (stats.mode & 0o022) === 0 && (parent.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function versionOfTypeScript(): string {
  try {
    const url = import.meta.resolve('typescript/package.json');
    return (JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Other spellings of a relative import from a TypeScript file: `./a.js` → `./a.ts`, `./a` → `./a.ts`, `./a/index.ts`. */
function typeScriptAlternatives(specifier: string, parentURL: string | undefined): string[] {
  if (parentURL === undefined || !parentURL.startsWith('file:') || !TS_FILE.test(new URL(parentURL).pathname)) return [];
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return [];
  if (specifier.endsWith('.js')) return [`${specifier.slice(0, -3)}.ts`];
  if (specifier.endsWith('.mjs')) return [`${specifier.slice(0, -4)}.mts`];
  if (/\.[a-z]+$/i.test(specifier.split('/').pop() ?? '')) return [];
  return [`${specifier}.ts`, `${specifier}.mts`, `${specifier}/index.ts`];
}

function isBare(specifier: string): boolean {
  return !/^(\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT';
}

type TypeScript = typeof import('typescript');
let typescript: Promise<TypeScript> | undefined;

async function transpile(source: string, file: string): Promise<string> {
  typescript ??= import('typescript').then((m) => ((m as { default?: TypeScript }).default ?? m) as TypeScript);
  const ts = await typescript;
  const output = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
      verbatimModuleSyntax: false,
    },
  });
  const error = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) {
    const where = error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : undefined;
    const at = where ? `${file}:${where.line + 1}:${where.character + 1}` : file;
    const syntax = new SyntaxError(`${at}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')} (TS${error.code})`);
    (syntax as SyntaxError & { code: string }).code = 'MIGRATE_TRANSPILE_FAILED';
    throw syntax;
  }
  return output.outputText;
}
