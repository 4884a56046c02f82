/**
 * Syntax errors of a tree-sitter tree, for Zig and Rust.
 *
 * The Zig grammar (1.1.2) has a known false error: an empty container (`struct {}`,
 * `enum {}`, `union(enum) {}`, `opaque {}`) parses as a zero-width field whose name is a
 * hidden MISSING identifier, so `hasError` is true for a valid file. Those are skipped here.
 * Hidden MISSING nodes do not show up when walking children; they surface as zero-width
 * named nodes, which is how they are found.
 */
import type { ParseError } from './types.js';
import type { SyntaxNode } from './tree-sitter.js';

/** At most this many errors are reported per file (binary junk can produce thousands). */
const MAX_PARSE_ERRORS = 50;

function excerpt(text: string): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  const trimmed = firstLine.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
}

/** True for the zero-width field the Zig grammar invents inside an empty container. */
function isEmptyContainerArtifact(node: SyntaxNode): boolean {
  return node.type === 'container_field' && node.startIndex === node.endIndex;
}

export function collectParseErrors(root: SyntaxNode, limit = MAX_PARSE_ERRORS): ParseError[] {
  const errors: ParseError[] = [];
  if (!root.hasError) return errors;
  const visit = (node: SyntaxNode, depth: number): void => {
    if (errors.length >= limit) return;
    if (isEmptyContainerArtifact(node)) return;
    const position = node.startPosition;
    if (node.isMissing) {
      errors.push({ line: position.row + 1, column: position.column + 1, message: `missing ${node.type}` });
      return;
    }
    if (node.isError && depth === 0) {
      // The whole file failed to parse as one unit: report the errors inside instead.
      const before = errors.length;
      for (const child of node.children) if (child.hasError || child.isMissing || child.isError) visit(child, 1);
      if (errors.length > before) return;
    }
    if (node.isError) {
      const text = excerpt(node.text);
      errors.push({
        line: position.row + 1,
        column: position.column + 1,
        message: text.length > 0 ? `syntax error at \`${text}\`` : 'syntax error',
      });
      return;
    }
    if (node.isNamed && node.childCount === 0 && node.startIndex === node.endIndex && node.type !== 'source_file') {
      // A named leaf with no text stands for a hidden MISSING node (see the module comment).
      errors.push({ line: position.row + 1, column: position.column + 1, message: `missing ${node.type}` });
      return;
    }
    for (const child of node.children) if (child.hasError || child.isMissing) visit(child, depth + 1);
  };
  visit(root, 0);
  if (errors.length === 0 && root.hasError && !hasOnlyArtifacts(root)) {
    errors.push({ line: 1, column: 1, message: 'syntax error (tree-sitter reported one but did not locate it)' });
  }
  return errors;
}

/** True when every error under `node` is the empty-container artifact. */
function hasOnlyArtifacts(node: SyntaxNode): boolean {
  if (isEmptyContainerArtifact(node)) return true;
  if (node.isError || node.isMissing) return false;
  for (const child of node.children) if (child.hasError && !hasOnlyArtifacts(child)) return false;
  return true;
}
