/**
 * `migrate recipe check`: type-checks a recipe against the public types of the running toolkit with
 * ts-morph, without running anything. `migrate-kit` resolves to this toolkit's declarations wherever the
 * recipe sits; a package the recipe's folder lacks resolves from the toolkit's dependencies (as at run
 * time). The default export is checked against `Recipe`, so a plain object is checked too. Also reports
 * the phases found, and prompt templates that are missing or use a variable the recipe does not declare.
 */
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts, type SourceFile } from 'ts-morph';
import { assertModuleFile } from './load-module.js';
import { collectRecipeFiles, scanRecipeSource, type RecipeSourceInfo } from './recipe-source.js';

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
}

const TOOLKIT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A file "inside" the toolkit, from which `migrate-kit` resolves by its own name and its dependencies resolve. */
const TOOLKIT_IMPORTER = join(TOOLKIT_ROOT, 'migrate-check-importer.ts');
const CHECK_STUB = '__migrate_check_default_export__.ts';

export async function checkRecipe(path: string): Promise<RecipeCheckResult> {
  const file = resolve(path);
  assertModuleFile(file);
  const project = checkingProject(/\.m?js$/.test(file));
  const files = collectRecipeFiles(project, file);
  const stub = project.createSourceFile(join(dirname(file), CHECK_STUB), stubText(file), { overwrite: true });
  const errors: CheckProblem[] = [];
  for (const d of project.getProgram().compilerObject.getOptionsDiagnostics().concat(project.getProgram().compilerObject.getGlobalDiagnostics())) {
    errors.push(problem(d, undefined));
  }
  for (const source of [...files, stub]) {
    const program = project.getProgram().compilerObject;
    const compiled = program.getSourceFile(source.getFilePath());
    if (!compiled) continue;
    const diagnostics = [...program.getSyntacticDiagnostics(compiled), ...program.getSemanticDiagnostics(compiled)];
    for (const d of diagnostics) {
      if (d.category !== ts.DiagnosticCategory.Error) continue;
      errors.push(source === stub ? defaultExportProblem(d, files[0]!) : problem(d, compiled));
    }
  }
  const scan = scanRecipeSource(files);
  for (const prompt of scan.prompts) {
    if (!prompt.exists) errors.push({ ...prompt.from, column: 1, code: 'prompt', message: `prompt file ${relative(dirname(file), prompt.file)} does not exist` });
    else if (prompt.problem) errors.push({ file: prompt.file, ...prompt.problem, code: 'prompt', message: `${prompt.problem.message} (loaded at ${relative(dirname(file), prompt.from.file)}:${prompt.from.line})` });
  }
  return { file, errors, ...scan };
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
