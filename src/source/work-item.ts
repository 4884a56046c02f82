/**
 * Builds the work item of one `.zig` file from its bytes: hash, size, lines, declarations,
 * tests, resolved imports and syntax errors. Bad input (unreadable, binary, not UTF-8, empty,
 * too large, a symbolic link out of the input tree) gives an item with `error` set; building an item
 * never throws.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, posix, relative } from 'node:path';
import { MigrateError } from '../errors.js';
import type { ImportInfo, SourceError, WorkItem } from './types.js';
import { parseZig } from './zig-parser.js';
import type { RawImport } from './zig-parser.js';

/** Files above this size are listed but not parsed. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export interface WorkItemOptions {
  /** Files larger than this many bytes get a `SOURCE_TOO_LARGE` error instead of being parsed. Default 16 MiB. */
  maxBytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

/** Reads and builds the item of `relPath` (posix, relative to `root`). */
export async function readWorkItem(root: string, relPath: string, options: WorkItemOptions = {}): Promise<WorkItem> {
  const absPath = join(root, relPath);
  const outside = linkOutside(root, relPath);
  if (outside !== undefined) return outsideItem(root, relPath, outside);
  try {
    return buildWorkItem(root, relPath, await readFile(absPath), options);
  } catch (error) {
    return unreadableItem(root, relPath, error);
  }
}

/** The synchronous twin of `readWorkItem`, for worker threads. */
export function readWorkItemSync(root: string, relPath: string, options: WorkItemOptions = {}): WorkItem {
  const absPath = join(root, relPath);
  const outside = linkOutside(root, relPath);
  if (outside !== undefined) return outsideItem(root, relPath, outside);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(absPath);
  } catch (error) {
    return unreadableItem(root, relPath, error);
  }
  return buildWorkItem(root, relPath, bytes, options);
}

/** An item for a path that is a symbolic link (or lies under one) leading out of the input tree: it is not read. */
export function outsideItem(root: string, relPath: string, target: { path: string; directory: boolean }): WorkItem {
  return emptyItem(root, relPath, new Uint8Array(0), {
    code: 'SOURCE_IO',
    message:
      `Not read: ${relPath} is a symbolic link to ${target.directory ? 'the directory ' : ''}${target.path}, outside the input tree. ` +
      'A repository must not make the port read files elsewhere on this machine; copy what belongs to the project into the tree, or exclude the link.',
  });
}

/** An item for a file that could not be read at all. */
export function unreadableItem(root: string, relPath: string, error: unknown): WorkItem {
  const reason = error instanceof Error ? error.message : String(error);
  return emptyItem(root, relPath, new Uint8Array(0), {
    code: 'SOURCE_IO',
    message: `Expected to read ${relPath}, but reading failed: ${reason}. Check the file's permissions, or exclude it.`,
  });
}

/** Real paths of input roots (a root given through a symlink is fine). */
const realRoots = new Map<string, string>();

/**
 * Where `relPath` really leads when that is outside `root` (through a symlink of the file or of a directory
 * on the way); undefined when it stays inside, or does not exist (reading reports that).
 */
export function linkOutside(root: string, relPath: string): { path: string; directory: boolean } | undefined {
  let realRoot = realRoots.get(root);
  try {
    if (realRoot === undefined) {
      realRoot = realpathSync(root);
      realRoots.set(root, realRoot);
    }
    const target = realpathSync(join(root, relPath));
    const rel = relative(realRoot, target);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return undefined;
    return { path: target, directory: statSync(target).isDirectory() };
  } catch {
    return undefined;
  }
}

function emptyItem(root: string, relPath: string, bytes: Uint8Array, error?: SourceError): WorkItem {
  const item: WorkItem = {
    path: relPath,
    absPath: join(root, relPath),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
    lines: 0,
    declarations: [],
    fileFields: [],
    tests: [],
    imports: [],
    parseErrors: [],
  };
  if (error !== undefined) item.error = error;
  return item;
}

/** Builds the item from bytes already read. Never throws. */
export function buildWorkItem(root: string, relPath: string, bytes: Uint8Array, options: WorkItemOptions = {}): WorkItem {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > maxBytes) {
    return emptyItem(root, relPath, bytes, {
      code: 'SOURCE_TOO_LARGE',
      message: `Expected a Zig file of at most ${maxBytes} bytes, but ${relPath} has ${bytes.byteLength}. Raise maxBytes or exclude it (generated files usually should be).`,
    });
  }
  const nul = bytes.subarray(0, 8000).indexOf(0);
  if (nul >= 0) {
    return emptyItem(root, relPath, bytes, {
      code: 'SOURCE_BINARY',
      message: `Expected Zig source text in ${relPath}, but it holds binary data (a NUL byte at offset ${nul}). Exclude it or rename it.`,
    });
  }
  let text: string;
  let error: SourceError | undefined;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = lossy.decode(bytes);
    const offset = firstInvalidUtf8(bytes);
    const line = lossy.decode(bytes.subarray(0, offset)).split('\n').length;
    error = {
      code: 'SOURCE_ENCODING',
      message: `Expected UTF-8 in ${relPath} (Zig source must be), but byte ${offset} on line ${line} is not valid UTF-8. Re-encode the file as UTF-8.`,
    };
  }
  const item = emptyItem(root, relPath, bytes, error);
  if (text.trim() === '') {
    item.lines = text.length === 0 ? 0 : countLines(text);
    item.error ??= {
      code: 'SOURCE_EMPTY',
      message: `${relPath} is empty: there is nothing to port. It is listed so the module tree stays complete.`,
    };
    return item;
  }
  item.lines = countLines(text);
  try {
    const info = parseZig(text);
    item.declarations = info.declarations;
    item.fileFields = info.fileFields;
    item.tests = info.tests;
    item.imports = resolveImports(root, relPath, info.imports);
    item.parseErrors = info.parseErrors;
  } catch (cause) {
    const reason = cause instanceof MigrateError ? cause.message : String(cause);
    item.error ??= { code: 'SOURCE_PARSE', message: `Expected tree-sitter to parse ${relPath}, but it failed: ${reason}` };
  }
  return item;
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return text.endsWith('\n') ? count : count + 1;
}

/** The byte offset of the first invalid UTF-8 sequence (bytes.length when valid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] ?? 0;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second >= 0xa0) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second >= 0x90)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** Classifies and resolves raw imports against the importing file's directory. */
function resolveImports(root: string, relPath: string, raw: RawImport[]): ImportInfo[] {
  return raw.map(({ spec, line }) => {
    if (spec === 'std' || spec === 'builtin' || spec === 'root') return { spec, kind: spec, line };
    if (!spec.endsWith('.zig')) return { spec, kind: 'package', line };
    const path = posix.normalize(posix.join(posix.dirname(relPath), spec));
    return { spec, kind: 'file', path, exists: existsSync(join(root, path)), line };
  });
}
