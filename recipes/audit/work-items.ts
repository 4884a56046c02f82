/**
 * Splits a TypeScript/JavaScript codebase into audit work items with ts-morph (syntax only: no type
 * checker, no lib files, so it is fast):
 *
 * - route handlers: `app.get('/path', …)` style calls (express, koa-router, hono, fastify shorthands; any
 *   receiver, methods get/post/put/patch/delete/del/head/options/all), `app.route('/path').get(…)`,
 *   `fastify.route({ method, url, handler })`, Next.js App Router `route.ts` exports (GET, POST, …) and
 *   Pages Router `pages/api/**` default exports;
 * - exported functions: `export function`, `export default function`, `export const f = () => …`,
 *   and CommonJS `module.exports.f = function …` / `exports.f = …`.
 *
 * A function that is also a route's handler in the same file is audited once, as the route.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { compileGlob } from 'migrate-kit';
import { Node, Project, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';

export interface AuditItem {
  kind: 'route' | 'function';
  /** `GET /users/:id` for a route, the function's name otherwise. */
  name: string;
  /** Posix path relative to the input root. */
  file: string;
  line: number;
  endLine: number;
  /** `express-style`, `fastify`, `next-app`, `next-pages` for routes. */
  framework?: string;
  /** The source, each line prefixed with its number. */
  code: string;
}

export interface SplitOptions {
  exclude?: readonly string[];
  /** Longest code of one item, in characters; longer code is cut with a note. Default 24000. */
  maxItemChars?: number;
}

export interface SplitResult {
  items: AuditItem[];
  files: number;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_FILE = /(\.d\.[mc]?ts|\.(test|spec)\.[mc]?[jt]sx?)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.next', '__tests__', '__mocks__']);
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** The source files under `root` (a folder or one file), relative posix paths, sorted. */
export function listSourceFiles(root: string, exclude: readonly string[] = []): string[] {
  if (statSync(root).isFile()) return [basename(root)];
  const globs = exclude.map((p) => compileGlob(p));
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (globs.some((g) => g.matches(rel))) continue;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !SKIP_FILE.test(entry.name)) out.push(rel);
    }
  };
  walk(root);
  return out.sort();
}

export function splitAuditItems(root: string, options: SplitOptions = {}): SplitResult {
  const base = statSync(root).isFile() ? join(root, '..') : root;
  const files = listSourceFiles(root, options.exclude);
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, jsx: 1 /* preserve */ } });
  const items: AuditItem[] = [];
  for (const rel of files) {
    const source = project.createSourceFile(join(base, rel), readFileSync(join(base, rel), 'utf8'), { overwrite: true });
    items.push(...itemsOf(source, rel, options.maxItemChars ?? 24_000));
    project.removeSourceFile(source);
  }
  return { items, files: files.length };
}

function itemsOf(source: SourceFile, rel: string, maxChars: number): AuditItem[] {
  const items: AuditItem[] = [];
  const handlers = new Set<string>();
  const item = (kind: AuditItem['kind'], name: string, node: Node, framework?: string, extra?: Node): AuditItem => ({
    kind,
    name,
    file: rel,
    line: node.getStartLineNumber(true),
    endLine: node.getEndLineNumber(),
    ...(framework ? { framework } : {}),
    code: numbered([node, ...(extra ? [extra] : [])], maxChars),
  });

  // Next.js: app/**/route.ts exports and pages/api/** default exports.
  const next = nextRoute(rel);
  for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const route = routeOf(call);
    if (!route) continue;
    const declaration = route.handler && Node.isIdentifier(route.handler) ? localFunction(source, route.handler.getText()) : undefined;
    if (route.handler && Node.isIdentifier(route.handler)) handlers.add(route.handler.getText());
    items.push(item('route', `${route.method} ${route.path}`, statementOf(call), route.framework, declaration));
  }
  for (const [name, node] of exportedFunctions(source)) {
    if (next?.kind === 'app' && NEXT_METHODS.has(name)) items.push(item('route', `${name} ${next.path}`, node, 'next-app'));
    else if (next?.kind === 'pages' && name === 'default') items.push(item('route', `ANY ${next.path}`, node, 'next-pages'));
    else if (!handlers.has(name)) items.push(item('function', name, node));
  }
  return items.sort((a, b) => a.line - b.line);
}

interface Route {
  method: string;
  path: string;
  framework: string;
  handler?: Node;
}

function routeOf(call: CallExpression): Route | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const args = call.getArguments();
  if (method === 'route' && args.length === 1 && Node.isObjectLiteralExpression(args[0])) {
    const object = args[0];
    const text = (key: string) => {
      const p = object.getProperty(key);
      const v = p && Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
      return v && (Node.isStringLiteral(v) || Node.isNoSubstitutionTemplateLiteral(v)) ? v.getLiteralText() : v && Node.isArrayLiteralExpression(v) ? v.getElements().map((e) => e.getText().replace(/['"`]/g, '')).join('|') : undefined;
    };
    const url = text('url') ?? text('path');
    const handler = object.getProperty('handler');
    if (url === undefined || !handler) return undefined;
    return { method: (text('method') ?? 'ANY').toUpperCase(), path: url, framework: 'fastify' };
  }
  if (!METHODS.has(method) || args.length < 1) return undefined;
  const first = args[0]!;
  let path = isPathLiteral(first) ? first.getLiteralText() : undefined;
  let handlerArgs = args.slice(1);
  const receiver = callee.getExpression();
  if (path === undefined && Node.isCallExpression(receiver)) {
    // app.route('/x').get(handler)
    const inner = receiver.getExpression();
    const innerFirst = receiver.getArguments()[0];
    if (Node.isPropertyAccessExpression(inner) && inner.getName() === 'route' && innerFirst && isPathLiteral(innerFirst)) {
      path = innerFirst.getLiteralText();
      handlerArgs = args;
    }
  }
  if (path === undefined) return undefined;
  const handler = [...handlerArgs].reverse().find((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isIdentifier(a) || Node.isPropertyAccessExpression(a));
  if (!handler) return undefined;
  return { method: method === 'del' ? 'DELETE' : method.toUpperCase(), path, framework: 'express-style', handler };
}

function isPathLiteral(node: Node): node is Node & { getLiteralText(): string } {
  return (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) && /^[/*]/.test(node.getLiteralText());
}

/** The statement a route call stands in (so chained calls and comments come with it). */
function statementOf(call: CallExpression): Node {
  return call.getFirstAncestorByKind(SyntaxKind.ExpressionStatement) ?? call;
}

function exportedFunctions(source: SourceFile): Array<[string, Node]> {
  const found: Array<[string, Node]> = [];
  for (const fn of source.getFunctions()) {
    if (fn.isExported() && fn.hasBody()) found.push([fn.isDefaultExport() ? 'default' : (fn.getName() ?? 'default'), fn]);
  }
  for (const statement of source.getVariableStatements()) {
    if (!statement.isExported()) continue;
    for (const declaration of statement.getDeclarations()) {
      const init = declaration.getInitializer();
      if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) found.push([declaration.getName(), statement]);
    }
  }
  const assignment = source.getExportAssignment((e) => !e.isExportEquals());
  const expression = assignment?.getExpression();
  if (assignment && expression && (Node.isArrowFunction(expression) || Node.isFunctionExpression(expression))) found.push(['default', assignment]);
  for (const binary of source.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const left = binary.getLeft().getText();
    const right = binary.getRight();
    const match = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left);
    if (match && (Node.isArrowFunction(right) || Node.isFunctionExpression(right))) found.push([match[1]!, binary.getParent() ?? binary]);
  }
  return found;
}

function localFunction(source: SourceFile, name: string): Node | undefined {
  const fn = source.getFunction(name);
  if (fn) return fn;
  const variable = source.getVariableDeclaration(name);
  return variable?.getVariableStatement() ?? undefined;
}

function nextRoute(rel: string): { kind: 'app' | 'pages'; path: string } | undefined {
  const app = /(?:^|\/)app\/(?:(.*)\/)?route\.[mc]?[jt]sx?$/.exec(rel);
  if (app) return { kind: 'app', path: `/${(app[1] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s)).join('/')}` };
  const pages = /(?:^|\/)pages\/(api\/.*?)(?:\/index)?\.[mc]?[jt]sx?$/.exec(rel);
  return pages ? { kind: 'pages', path: `/${pages[1]}` } : undefined;
}

function numbered(nodes: readonly Node[], maxChars: number): string {
  const source = nodes[0]!.getSourceFile();
  const lines = source.getFullText().split('\n');
  const parts = nodes.map((node) => {
    const start = node.getStartLineNumber(true);
    const end = node.getEndLineNumber();
    const width = String(end).length;
    return lines.slice(start - 1, end).map((text, i) => `${String(start + i).padStart(width)}| ${text}`).join('\n');
  });
  const text = parts.join('\n…\n');
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const kept = cut.slice(0, cut.lastIndexOf('\n'));
  return `${kept}\n… (cut: ${text.slice(kept.length).split('\n').length - 1} more lines not shown)`;
}
