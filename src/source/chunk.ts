/**
 * Chunks: a file over a size limit is split at top-level declaration boundaries (and, for a
 * single container larger than the limit, at its members' boundaries). Every chunk carries
 * the file's imports and a header saying where it belongs, so an agent can port it alone.
 */
import type { Declaration, WorkItem } from './types.js';

export const DEFAULT_CHUNK_LINES = 1500;

export interface ChunkOptions {
  /** Files with more lines than this are split; chunks hold at most this many lines unless one declaration is larger. Default 1500. */
  maxLines?: number;
}

export interface Chunk {
  path: string;
  /** 1-based. */
  index: number;
  count: number;
  /** The lines of the file this chunk holds (1-based, inclusive). */
  startLine: number;
  endLine: number;
  /** Names of the declarations it holds (`Parser.parseExpr` for members of a split container). */
  declarations: string[];
  /** When the chunk holds part of a container split at its members: that container (`pub const Parser = struct { … }, file lines 10-4000`). */
  container?: string;
  /** The header comment (empty for a file that is not split). */
  header: string;
  /** The file's import lines repeated for context (empty in chunk 1, which holds them). */
  imports: string;
  /** The chunk's own lines, exactly as in the file. Concatenating every body gives the file back. */
  body: string;
  /** What to give an agent: header, imports, body. */
  text: string;
}

interface Unit {
  start: number;
  end: number;
  names: string[];
  container?: string;
  /** The declaration the unit ends with, when it ends where that declaration ends. */
  decl?: Declaration;
}

/** Splits top-level lines into units that end where each declaration ends. */
function units(decls: Declaration[], from: number, to: number, prefix: string): Unit[] {
  const result: Unit[] = [];
  let start = from;
  for (const decl of [...decls].sort((a, b) => a.startLine - b.startLine)) {
    if (decl.endLine < start || decl.startLine > to) continue;
    const name = decl.name === '' ? `test@${decl.startLine}` : prefix + decl.name;
    result.push({ start, end: Math.min(decl.endLine, to), names: [name], ...(decl.endLine <= to ? { decl } : {}) });
    start = Math.min(decl.endLine, to) + 1;
  }
  if (start <= to) {
    const last = result[result.length - 1];
    if (last !== undefined && to - start < 3) {
      last.end = to; // a closing brace or trailing comment
      delete last.decl; // no longer ends with it
    } else result.push({ start, end: to, names: [] });
  }
  return result;
}

/** Splits a container declaration too large for one chunk into its header, its members and its closing lines. */
function memberUnits(decl: Declaration): Unit[] | undefined {
  const members = [...(decl.methods ?? []), ...(decl.nested ?? [])];
  if (members.length < 2) return undefined;
  const container = `${decl.signature} { … }, file lines ${decl.startLine}-${decl.endLine}`;
  const inner = units(members, decl.startLine, decl.endLine, `${decl.name}.`);
  return inner.map((unit) => ({ ...unit, container }));
}

function isImportLike(decl: Declaration): boolean {
  return decl.startLine === decl.endLine && decl.kind === 'const' && (decl.importSpec !== undefined || /^const \w+ = [\w.]+$/.test(decl.signature));
}

/** Splits a file's source into chunks; a file within the limit is one chunk holding all of it. */
export function chunkFile(item: WorkItem, source: string, options: ChunkOptions = {}): Chunk[] {
  const maxLines = options.maxLines ?? DEFAULT_CHUNK_LINES;
  const lines = source.split('\n');
  const lineCount = source.endsWith('\n') ? lines.length - 1 : lines.length;
  const whole = (): Chunk[] => [
    { path: item.path, index: 1, count: 1, startLine: 1, endLine: lineCount, declarations: item.declarations.map((d) => d.name), header: '', imports: '', body: source, text: source },
  ];
  if (lineCount <= maxLines || item.declarations.length === 0) return whole();

  // Units at top level; one too large is opened up at its members.
  const top: Unit[] = [];
  for (const unit of units(item.declarations, 1, lineCount, '')) {
    const members = unit.end - unit.start + 1 > maxLines && unit.decl !== undefined ? memberUnits(unit.decl) : undefined;
    if (members === undefined) top.push(unit);
    else {
      const first = members[0] as Unit;
      first.start = unit.start; // doc comments above the container go with its header
      top.push(...members);
    }
  }

  // Greedy packing of consecutive units.
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  let size = 0;
  for (const unit of top) {
    const length = unit.end - unit.start + 1;
    if (current.length > 0 && size + length > maxLines) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(unit);
    size += length;
  }
  if (current.length > 0) groups.push(current);
  if (groups.length === 1) return whole();

  const importDecls = item.declarations.filter(isImportLike);
  const importText = importDecls.map((decl) => lines.slice(decl.startLine - 1, decl.endLine).join('\n')).join('\n');
  return groups.map((group, i): Chunk => {
    const startLine = (group[0] as Unit).start;
    const endLine = (group[group.length - 1] as Unit).end;
    const names = group.flatMap((unit) => unit.names);
    const container = group.find((unit) => unit.container !== undefined)?.container;
    const bodyLines = lines.slice(startLine - 1, endLine);
    const body = bodyLines.join('\n') + (endLine < lines.length ? '\n' : '');
    const headerLines = [
      `// migrate-kit chunk ${i + 1}/${groups.length} of ${item.path}: lines ${startLine}-${endLine}.`,
      `// Declarations: ${names.length > 0 ? names.join(', ') : '(none)'}.`,
    ];
    if (container !== undefined) headerLines.push(`// Some of these lines belong to ${container}; other chunks hold the rest of it.`);
    const imports = i === 0 || importText === '' ? '' : `${importText}\n`;
    if (imports !== '') headerLines.push('// The imports below are repeated from the top of the file for context; they belong to chunk 1.');
    const header = `${headerLines.join('\n')}\n`;
    const chunk: Chunk = { path: item.path, index: i + 1, count: groups.length, startLine, endLine, declarations: names, header, imports, body, text: header + imports + body };
    if (container !== undefined) chunk.container = container;
    return chunk;
  });
}
