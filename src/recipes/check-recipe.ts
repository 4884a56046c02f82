/**
 * `migrate recipe check`: type-checks a recipe against the public types of the running toolkit with
 * ts-morph, without running anything. `migrate-kit` resolves to this toolkit's declarations wherever the
 * recipe sits; a package the recipe's folder lacks resolves from the toolkit's dependencies (as at run
 * time). The default export is checked against `Recipe`, so a plain object is checked too. Also reports
 * the phases found, and prompt templates that are missing or use a variable the recipe does not declare.
 *
 * Prompt templates come from two places, checked alike with the real template parser:
 * - the recipe's `prompts` declaration (`Recipe.prompts`: `{ file, variables }[]` or a function returning
 *   it). Only the loaded module knows it (prompts are often loaded by computed paths, in a loop over names
 *   with a table of variables, which no static scan can follow), so the recipe module is imported, as
 *   `recipe list`/`show` do: its top-level code runs, `plan()` and `run()` are never called. A recipe should
 *   load its templates from that same declaration, so what is checked is what runs;
 * - literal `loadPromptTemplate(new URL('./x.md', import.meta.url), { variables: [...] })` calls found in the
 *   source (so a recipe need not declare those).
 * Prompt-like files in the recipe's own folder that neither names are listed as `unchecked`, so a template
 * loaded some third way is never silently reported as fine.
 */
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts, type SourceFile } from 'ts-morph';
import { isMigrateError } from '../errors.js';
import { assertModuleFile, importUserModule } from './load-module.js';
import { checkPromptFile, collectRecipeFiles, promptFilesOf, promptsDeclarationSite, scanRecipeSource, type FoundPrompt, type RecipeSourceInfo } from './recipe-source.js';

export interface CheckProblem {
  file?: string;
  line?: number;
  column?: number;
  /** `TS2322`, `prompt`, … */
  code: string;
  message: string;
}

export interface RecipeCheckResult extends RecipeSourceInfo {
  file: string;
  errors: CheckProblem[];
  /** Prompt-like files of the recipe's folder (see {@link CheckRecipeOptions.dir}) that nothing declares or loads literally: not checked. */
  unchecked: string[];
  /** What could not be checked, when that is not an error itself (the module was not loaded because of the errors above). */
  notes: string[];
}

export interface CheckRecipeOptions {
  /**
   * The recipe's own folder: its `.md`/`.txt` files (READMEs aside) that are neither declared in `prompts`
   * nor loaded literally are listed in `unchecked`. Default: none (a single-file recipe may sit among
   * unrelated files).
   */
  dir?: string;
}

const TOOLKIT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A file "inside" the toolkit, from which `migrate-kit` resolves by its own name and its dependencies resolve. */
const TOOLKIT_IMPORTER = join(TOOLKIT_ROOT, 'migrate-check-importer.ts');
const CHECK_STUB = '__migrate_check_default_export__.ts';

export async function checkRecipe(path: string, options: CheckRecipeOptions = {}): Promise<RecipeCheckResult> {
  const file = resolve(path);
  assertModuleFile(file);
  const project = checkingProject(/\.m?js$/.test(file));
  const files = collectRecipeFiles(project, file);
  const stub = project.createSourceFile(join(dirname(file), CHECK_STUB), stubText(file), { overwrite: true });
  const errors: CheckProblem[] = [];
  let syntaxErrors = 0;
  for (const d of project.getProgram().compilerObject.getOptionsDiagnostics().concat(project.getProgram().compilerObject.getGlobalDiagnostics())) {
    errors.push(problem(d, undefined));
  }
  for (const source of [...files, stub]) {
    const program = project.getProgram().compilerObject;
    const compiled = program.getSourceFile(source.getFilePath());
    if (!compiled) continue;
    const syntactic = program.getSyntacticDiagnostics(compiled);
    syntaxErrors += syntactic.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
    for (const d of [...syntactic, ...program.getSemanticDiagnostics(compiled)]) {
      if (d.category !== ts.DiagnosticCategory.Error) continue;
      errors.push(source === stub ? defaultExportProblem(d, files[0]!) : problem(d, compiled));
    }
  }
  const scan = scanRecipeSource(files);
  const notes: string[] = [];
  const atLoad: CheckProblem[] = [];
  const declared = syntaxErrors > 0 ? (notes.push("the recipe was not loaded (it has syntax errors), so the prompts its `prompts` declares were not checked"), []) : await declaredPrompts(file, files[0]!, errors, atLoad, notes);
  scan.prompts = mergePrompts(declared, scan.prompts);
  const at = (p: FoundPrompt) => `${p.via === 'declared' ? "declared in the recipe's prompts at" : 'loaded at'} ${relative(dirname(file), p.from.file)}:${p.from.line}`;
  for (const prompt of scan.prompts) {
    if (!prompt.exists) errors.push({ ...prompt.from, column: 1, code: 'prompt', message: `prompt file ${relative(dirname(file), prompt.file)} does not exist (${at(prompt)})` });
    else if (prompt.problem) errors.push({ file: prompt.file, ...prompt.problem, code: 'prompt', message: `${prompt.problem.message} (${at(prompt)})` });
  }
  // A template that failed as the module loaded, unless the source scan has told the same file's problem.
  errors.push(...atLoad.filter((a) => !scan.prompts.some((p) => p.file === a.file && (!p.exists || p.problem))));
  const unchecked = options.dir ? promptFilesOf(options.dir, scan.prompts).filter((p) => p.via === 'folder').map((p) => p.file) : [];
  return { file, errors, unchecked, notes, ...scan };
}

/**
 * Imports the recipe and checks the templates of its `prompts` declaration. A module that fails to load is
 * an error, unless the type errors already found explain it (then a note). A template that fails while the
 * module loads (a top-level `await loadPromptTemplate(…)`) is told at its file, line and column.
 */
async function declaredPrompts(file: string, entry: SourceFile, errors: CheckProblem[], atLoad: CheckProblem[], notes: string[]): Promise<FoundPrompt[]> {
  const site = promptsDeclarationSite(entry);
  const fail = (message: string) => errors.push({ ...site, column: 1, code: 'prompt', message });
  let module: Record<string, unknown>;
  try {
    module = await importUserModule(file);
  } catch (error) {
    const cause = isMigrateError(error) ? error.cause : undefined;
    if (isMigrateError(cause) && cause.code === 'PROMPT_TEMPLATE') {
      const d = cause.details as { file?: string; line?: number; column?: number };
      atLoad.push({ ...(d.file ? { file: d.file } : {}), ...(d.line !== undefined ? { line: d.line, column: d.column ?? 1 } : {}), code: 'prompt', message: `${cause.message.replace(/^Prompt [^\n]*?:\d+:\d+: /, '')} (loaded when the recipe module is imported)` });
    } else if (errors.length > 0) {
      notes.push(`the recipe could not be loaded, so the prompts its \`prompts\` declares were not checked: ${(error as Error).message.split('\n')[0]}`);
    } else {
      errors.push({ file, code: 'RECIPE_LOAD_FAILED', message: (error as Error).message });
    }
    return [];
  }
  const recipe = module['default'];
  if (recipe === null || typeof recipe !== 'object') return []; // the type check has reported it
  let list = (recipe as { prompts?: unknown }).prompts;
  if (list === undefined) return [];
  if (typeof list === 'function') {
    try {
      list = await (list as () => unknown).call(recipe);
    } catch (error) {
      fail(`the recipe's prompts() threw: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }
  if (!Array.isArray(list)) {
    fail(`the recipe's prompts must be an array of { file, variables } (or a function returning one); got ${list === null ? 'null' : typeof list}.`);
    return [];
  }
  const found: FoundPrompt[] = [];
  list.forEach((item: unknown, i) => {
    const { file: spec, variables } = (item ?? {}) as { file?: unknown; variables?: unknown };
    const path = spec instanceof URL ? (spec.protocol === 'file:' ? fileURLToPath(spec) : undefined) : typeof spec === 'string' && spec !== '' ? resolve(dirname(file), spec) : undefined;
    if (path === undefined) return void fail(`the recipe's prompts[${i}].file must be a path or a file: URL; got ${spec instanceof URL ? spec.href : JSON.stringify(spec) ?? 'undefined'}.`);
    if (!Array.isArray(variables) || !variables.every((v) => typeof v === 'string')) {
      return void fail(`the recipe's prompts[${i}].variables (for ${relative(dirname(file), path)}) must be an array of variable names; got ${JSON.stringify(variables) ?? 'undefined'}.`);
    }
    found.push(checkPromptFile(path, 'declared', site, variables as string[]));
  });
  return found;
}

/** Declared prompts first; a file found in the source too is listed once, unless the source loads it with other variables. */
function mergePrompts(declared: FoundPrompt[], scanned: FoundPrompt[]): FoundPrompt[] {
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => !a || !b || (a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0'));
  return [...declared, ...scanned.filter((s) => !declared.some((d) => d.file === s.file && same(s.declared, d.declared)))];
}

function checkingProject(javascript: boolean): Project {
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    allowJs: true,
    checkJs: javascript,
    skipLibCheck: true,
    resolveJsonModule: true,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    typeRoots: [join(TOOLKIT_ROOT, 'node_modules', '@types')],
  };
  return new Project({
    compilerOptions,
    skipAddingFilesFromTsConfig: true,
    // The program finds the imported files itself; wrapping each of them in ts-morph nodes is slow.
    skipFileDependencyResolution: true,
    resolutionHost: (host, getOptions) => ({
      resolveModuleNames(names: string[], containingFile: string) {
        return names.map((name) => resolveModule(name, containingFile, getOptions(), host));
      },
    }),
  });
}

function resolveModule(name: string, from: string, options: ts.CompilerOptions, host: ts.ModuleResolutionHost): ts.ResolvedModuleFull | undefined {
  const own = name === 'migrate-kit' || name.startsWith('migrate-kit/');
  const first = own ? undefined : ts.resolveModuleName(name, from, options, host).resolvedModule;
  if (first) return first;
  const bare = !/^(\.{1,2}\/|\/|[a-z]+:)/i.test(name);
  return bare ? ts.resolveModuleName(name, TOOLKIT_IMPORTER, options, host).resolvedModule : undefined;
}

/** A module that assigns the recipe's default export to `Recipe`, so a plain object is checked as well. */
function stubText(file: string): string {
  const spec = `./${basename(file)}`;
  return `import type { Recipe } from 'migrate-kit';\nimport * as entry from ${JSON.stringify(spec)};\nconst recipe: Recipe<any> = entry.default;\nvoid recipe;\n`;
}

function problem(d: ts.Diagnostic, source: ts.SourceFile | undefined): CheckProblem {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const file = d.file ?? source;
  if (!file || d.start === undefined) return { code: `TS${d.code}`, message };
  const { line, character } = file.getLineAndCharacterOfPosition(d.start);
  return { file: file.fileName, line: line + 1, column: character + 1, code: `TS${d.code}`, message };
}

/** A diagnostic of the stub, told at the recipe's `export default`. */
function defaultExportProblem(d: ts.Diagnostic, entry: SourceFile): CheckProblem {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const exported = entry.getDefaultExportSymbol()?.getDeclarations()[0] ?? entry.getExportAssignment((e) => !e.isExportEquals());
  const at = exported ? { line: exported.getStartLineNumber(), column: exported.getStart() - exported.getStartLinePos() + 1 } : { line: 1, column: 1 };
  const message = /has no exported member|Property 'default' does not exist|has no default export/.test(text)
    ? 'the file has no default export; add: export default defineRecipe({ name, description, run(ctx) { … } })'
    : `the default export is not a recipe: ${text}`;
  return { file: entry.getFilePath(), ...at, code: `TS${d.code}`, message };
}

/** `file:line:column - error TS2322: message`, paths relative to `cwd`. */
export function formatProblem(p: CheckProblem, cwd: string): string {
  const shown = p.file && p.file.startsWith(`${cwd}/`) ? p.file.slice(cwd.length + 1) : p.file;
  const where = p.file ? `${shown}${p.line !== undefined ? `:${p.line}:${p.column}` : ''} - ` : '';
  return `${where}error ${p.code}: ${p.message}`;
}
