/**
 * Parses Zig source text into declarations, tests, raw imports and syntax errors.
 * The tree is not returned: it is dropped as soon as extraction is done so that
 * native memory can be released when the event loop next turns.
 */
import { collectParseErrors } from './parse-errors.js';
import { parseText } from './tree-sitter.js';
import type { SyntaxNode } from './tree-sitter.js';
import { extractDeclarations } from './zig-extract.js';
import { IMPORT_CALL, unescapeZigString } from './zig-text.js';
import type { Declaration, Field, ParseError, TestInfo } from './types.js';

/** An `@import` as written, before it is resolved against the project. */
export interface RawImport {
  spec: string;
  line: number;
}

export interface ZigFileInfo {
  declarations: Declaration[];
  fileFields: Field[];
  tests: TestInfo[];
  imports: RawImport[];
  parseErrors: ParseError[];
}

const IMPORT = new RegExp(IMPORT_CALL.source, 'g');

/** Parses one Zig file's text. Never throws for bad syntax: errors are reported in `parseErrors`. */
export function parseZig(text: string): ZigFileInfo {
  const tree = parseText('zig', text);
  const root = tree.rootNode;
  const { declarations, fileFields, tests } = extractDeclarations(root, text);
  return { declarations, fileFields, tests, imports: findImports(root, text), parseErrors: collectParseErrors(root) };
}

/**
 * Every `@import("…")` in code (not in comments or strings), unique by spec, in order.
 * A regex finds candidates; the tree confirms each one is a builtin call.
 */
function findImports(root: SyntaxNode, text: string): RawImport[] {
  const imports: RawImport[] = [];
  const seen = new Set<string>();
  IMPORT.lastIndex = 0;
  for (let match = IMPORT.exec(text); match !== null; match = IMPORT.exec(text)) {
    const spec = unescapeZigString(match[1] ?? '');
    if (seen.has(spec)) continue;
    const node = root.descendantForIndex(match.index);
    if (node.type !== 'builtin_identifier') continue;
    seen.add(spec);
    imports.push({ spec, line: node.startPosition.row + 1 });
  }
  return imports;
}
