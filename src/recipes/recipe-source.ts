/**
 * Reads a recipe's source without running it (ts-morph): the files it is made of (the entry and the
 * relative imports it reaches), the phases it opens (`phase('title', …)`), and the prompt files it loads
 * (`loadPromptTemplate(new URL('./prompts/x.md', import.meta.url), { variables: [...] })` and other
 * `.md` paths next to `import.meta.url`). Prompts loaded by computed paths are invisible here; a recipe
 * declares those in its `prompts` (see `Recipe.prompts`), which `recipe check` reads from the loaded module
 * and checks with {@link checkPromptFile}.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Node, Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { isMigrateError } from '../errors.js';
import { parsePromptTemplate, promptFileText } from './prompt-template.js';

export interface FoundPhase {
  /** The title; a template literal keeps its `${…}` parts as written. */
  title: string;
  file: string;
  line: number;
}

export interface FoundPrompt {
  /** Absolute path. */
  file: string;
  /**
   * How it was found: in the recipe's `prompts` declaration, a literal `loadPromptTemplate(new URL(…))`
   * call, another `new URL('./x.md', import.meta.url)` (no variables known: syntax checked only), or a
   * prompt-like file in the recipe's folder that nothing names (not checked).
   */
  via: 'declared' | 'call' | 'url' | 'folder';
  /** The source line that names it (for `declared`, the recipe's `prompts` property). */
  from: { file: string; line: number };
  exists: boolean;
  /** Variables the template uses (when it exists and parses). */
  variables?: string[];
  /** The variables the recipe declares for it, when given as a literal array. */
  declared?: string[];
  /** A syntax error or unknown variable in the template. */
  problem?: { line?: number; column?: number; message: string };
}

export interface RecipeSourceInfo {
  files: string[];
  phases: FoundPhase[];
  prompts: FoundPrompt[];
  /** `agent(…)` calls written in the source. */
  agentCalls: number;
}

/** A project that only parses (no type information, no lib files). */
export function parsingProject(): Project {
  return new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true } });
}

/** Adds the entry and every local file it imports (relative specifiers, TypeScript spellings too) to `project`. */
export function collectRecipeFiles(project: Project, entry: string): SourceFile[] {
  const seen = new Map<string, SourceFile>();
  const queue = [resolve(entry)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    const source = project.getSourceFile(file) ?? project.addSourceFileAtPath(file);
    seen.set(file, source);
    const specifiers = [
      ...source.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
      ...source.getExportDeclarations().flatMap((d) => d.getModuleSpecifierValue() ?? []),
    ];
    for (const specifier of specifiers) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      const target = localFile(resolve(dirname(file), specifier));
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen.values()];
}

function localFile(path: string): string | undefined {
  const candidates = [path];
  const ext = extname(path);
  if (ext === '.js') candidates.push(`${path.slice(0, -3)}.ts`);
  else if (ext === '.mjs') candidates.push(`${path.slice(0, -4)}.mts`);
  else if (ext === '') candidates.push(`${path}.ts`, `${path}.mts`, `${path}.js`, `${path}.mjs`, join(path, 'index.ts'), join(path, 'index.js'));
  return candidates.find((c) => /\.m?[jt]s$/.test(c) && existsSync(c) && statSync(c).isFile());
}

/** Phases, prompts and agent calls found in the given files. */
export function scanRecipeSource(files: readonly SourceFile[]): RecipeSourceInfo {
  const phases: FoundPhase[] = [];
  const prompts = new Map<string, FoundPrompt>();
  let agentCalls = 0;
  for (const source of files) {
    const file = source.getFilePath();
    for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : undefined;
      const first = call.getArguments()[0];
      if (name === 'agent') agentCalls++;
      if (name === 'phase' && first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first) || Node.isTemplateExpression(first))) {
        const title = Node.isTemplateExpression(first) ? first.getText().slice(1, -1) : first.getLiteralText();
        phases.push({ title, file, line: call.getStartLineNumber() });
      }
      if (name === 'loadPromptTemplate' && first) {
        const path = promptPath(first, file);
        if (path) prompts.set(path, checkPromptFile(path, 'call', { file, line: call.getStartLineNumber() }, declaredVariables(call.getArguments()[1])));
      }
    }
    for (const url of source.getDescendantsOfKind(SyntaxKind.NewExpression)) {
      const path = promptPath(url, file);
      if (path && !prompts.has(path)) prompts.set(path, checkPromptFile(path, 'url', { file, line: url.getStartLineNumber() }, undefined));
    }
  }
  return { files: files.map((f) => f.getFilePath()), phases, prompts: [...prompts.values()], agentCalls };
}

/** `new URL('./prompts/x.md', import.meta.url)` (a `.md` or `.txt` file beside the recipe), as an absolute path. */
function promptPath(node: Node, file: string): string | undefined {
  if (Node.isNewExpression(node) && node.getExpression().getText() === 'URL') {
    const [spec, base] = node.getArguments();
    if (spec && base?.getText() === 'import.meta.url' && (Node.isStringLiteral(spec) || Node.isNoSubstitutionTemplateLiteral(spec)) && /\.(md|txt)$/.test(spec.getLiteralText())) {
      return fileURLToPath(new URL(spec.getLiteralText(), pathToFileURL(file)));
    }
  }
  return undefined;
}

function declaredVariables(options: Node | undefined): string[] | undefined {
  if (!options || !Node.isObjectLiteralExpression(options)) return undefined;
  const property = options.getProperty('variables');
  const value = property && Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  if (!value || !Node.isArrayLiteralExpression(value)) return undefined;
  const names = value.getElements().map((e) => (Node.isStringLiteral(e) ? e.getLiteralText() : undefined));
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

/**
 * Reads and parses a prompt file as `loadPromptTemplate` would (the same parser and text), against the
 * `declared` variables when given: its variables, or the syntax error / unknown variable with line and column.
 */
export function checkPromptFile(file: string, via: FoundPrompt['via'], from: FoundPrompt['from'], declared: readonly string[] | undefined): FoundPrompt {
  const prompt: FoundPrompt = { file, via, from, exists: existsSync(file) && statSync(file).isFile(), ...(declared ? { declared: [...declared] } : {}) };
  if (prompt.exists) {
    try {
      prompt.variables = [...parsePromptTemplate(promptFileText(readFileSync(file, 'utf8')), { file, ...(declared ? { variables: declared } : {}) }).variables];
    } catch (error) {
      if (!isMigrateError(error)) throw error;
      const { line, column } = error.details as { line?: number; column?: number };
      prompt.problem = { ...(line !== undefined ? { line, column: column ?? 1 } : {}), message: error.message.replace(/^Prompt [^\n]*?:\d+:\d+: /, '') };
    }
  }
  return prompt;
}

/**
 * Where the entry file's default export sets `prompts` (`defineRecipe({ …, prompts })` or a plain object),
 * else its `export default`, else line 1: the place a declared prompt's problems are told at.
 */
export function promptsDeclarationSite(entry: SourceFile): FoundPrompt['from'] {
  const file = entry.getFilePath();
  const assignment = entry.getExportAssignment((e) => !e.isExportEquals());
  let value: Node | undefined = assignment?.getExpression();
  if (value && Node.isIdentifier(value)) value = entry.getVariableDeclaration(value.getText())?.getInitializer();
  if (value && Node.isCallExpression(value)) value = value.getArguments()[0];
  if (value && Node.isObjectLiteralExpression(value)) {
    const property = value.getProperty('prompts');
    if (property) return { file, line: property.getStartLineNumber() };
  }
  return { file, line: assignment?.getStartLineNumber() ?? 1 };
}

/**
 * The prompt-like files of a recipe folder (`.md` and `.txt` but READMEs), with the variables they use,
 * joined with those found in the source: a recipe may load its prompts by computed names.
 */
export function promptFilesOf(dir: string, found: readonly FoundPrompt[]): FoundPrompt[] {
  const byFile = new Map(found.map((p) => [p.file, p]));
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile() && /\.(md|txt)$/.test(entry.name) && !/^readme\./i.test(entry.name) && !byFile.has(full)) {
        const prompt: FoundPrompt = { file: full, via: 'folder', from: { file: full, line: 1 }, exists: true };
        try {
          prompt.variables = [...parsePromptTemplate(promptFileText(readFileSync(full, 'utf8')), { file: full }).variables];
        } catch {
          // not a template; listed anyway
        }
        byFile.set(full, prompt);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
}
