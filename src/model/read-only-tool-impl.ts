/** The three read-only tools themselves (definitions sent to the model, and what each does). */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ToolSpec } from './types.js';

export type ReadOnlyToolName = 'read_file' | 'list_dir' | 'grep';

/** A refusal or a bad call: told to the model as a tool error. */
export class ToolRefusal extends Error {}

/** A root as the model sees it: its real path and, with several roots, the name its paths start with. */
export interface Root {
  real: string;
  name: string;
}

/** A path the model gave, resolved inside a root; `root` undefined means the virtual top of several roots. */
export interface ResolvedPath {
  real: string;
  display: string;
  root: Root | undefined;
}

/** What the tools need from their owner: the roots and confined path resolution. */
export interface ToolContext {
  readonly roots: readonly Root[];
  readonly maxResultBytes: number;
  resolve(path: unknown, allowTop?: boolean): Promise<ResolvedPath>;
  contains(root: Root, real: string): boolean;
  display(root: Root, real: string): string;
}

const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_GREP_FILE_BYTES = 1024 * 1024;
const MAX_GREP_FILES = 5000;
const MAX_GREP_MATCHES = 200;
const MAX_DIR_ENTRIES = 2000;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

const pathNote = (rootNames: string[] | undefined): string =>
  rootNames ? `Paths start with a root name (${rootNames.join(', ')}); "." lists the roots.` : 'Paths are relative to the root directory ("." is the root).';

/** Tool definitions, in a fixed order and wording so that prompts stay byte-identical (and cacheable). */
export const TOOL_SPECS: Record<ReadOnlyToolName, (rootNames: string[] | undefined) => ToolSpec> = {
  read_file: (rootNames) => ({
    name: 'read_file',
    description: `Reads a text file. ${pathNote(rootNames)} Long files are cut; ask for a line range to see more.`,
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path' },
        start_line: { type: 'integer', minimum: 1, description: 'First line to show (1-based). Default 1.' },
        end_line: { type: 'integer', minimum: 1, description: 'Last line to show. Default: the end.' },
      },
      required: ['path'],
    },
  }),
  list_dir: (rootNames) => ({
    name: 'list_dir',
    description: `Lists a directory: sub-directories end with "/", files show their size. ${pathNote(rootNames)}`,
    inputSchema: { type: 'object', properties: { path: { type: 'string', description: 'Directory path. Default "."' } } },
  }),
  grep: (rootNames) => ({
    name: 'grep',
    description: `Searches files for a JavaScript regular expression; answers "path:line: text" lines. ${pathNote(rootNames)} Skips .git, node_modules, binary files and files over 1 MiB.`,
    inputSchema: {
      type: 'object',
      properties: {
        pattern: { type: 'string', description: 'Regular expression' },
        path: { type: 'string', description: 'File or directory to search. Default "."' },
        glob: { type: 'string', description: 'Only files whose name matches, e.g. "*.zig"' },
        ignore_case: { type: 'boolean', description: 'Case-insensitive. Default false.' },
      },
      required: ['pattern'],
    },
  }),
};

function optionalLine(args: Record<string, unknown>, name: string): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new ToolRefusal(`\`${name}\` must be a whole number of at least 1; got ${JSON.stringify(value)}.`);
  return value;
}

const isBinary = (buffer: Buffer): boolean => buffer.subarray(0, 8000).includes(0);

export async function readFileTool(ctx: ToolContext, args: Record<string, unknown>): Promise<string> {
  const target = await ctx.resolve(args['path']);
  const info = await stat(target.real);
  if (info.isDirectory()) throw new ToolRefusal(`"${target.display}" is a directory; use list_dir.`);
  if (info.size > MAX_FILE_BYTES) throw new ToolRefusal(`"${target.display}" is too large to read (${info.size} bytes; the limit is ${MAX_FILE_BYTES}).`);
  const buffer = await readFile(target.real);
  if (isBinary(buffer)) return `"${target.display}" is a binary file (${buffer.length} bytes); not shown.`;
  const lines = buffer.toString('utf8').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const start = optionalLine(args, 'start_line') ?? 1;
  const end = Math.min(optionalLine(args, 'end_line') ?? lines.length, lines.length);
  if (start > Math.max(1, lines.length)) throw new ToolRefusal(`"${target.display}" has ${lines.length} lines; start_line ${start} is past the end.`);
  if (end < start) throw new ToolRefusal(`end_line (${end}) is before start_line (${start}).`);
  const budget = ctx.maxResultBytes - 300;
  const shown: string[] = [];
  let bytes = 0;
  let last = start - 1;
  for (let n = start; n <= end; n++) {
    const line = lines[n - 1] ?? '';
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > budget && shown.length > 0) break;
    shown.push(line);
    bytes += size;
    last = n;
  }
  const header = `${target.display} (lines ${start}-${last} of ${lines.length})`;
  const note = last < end ? `\n[… cut at line ${last} of ${lines.length}: ask for start_line=${last + 1} to see more.]` : '';
  return `${header}\n${shown.join('\n')}${note}`;
}

export async function listDirTool(ctx: ToolContext, args: Record<string, unknown>): Promise<string> {
  const target = await ctx.resolve(args['path'], true);
  if (!target.root) return `. (the roots)\n${ctx.roots.map((r) => `${r.name}/`).join('\n')}`;
  const info = await stat(target.real);
  if (!info.isDirectory()) throw new ToolRefusal(`"${target.display}" is a file, not a directory; use read_file.`);
  const entries = (await readdir(target.real, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries.slice(0, MAX_DIR_ENTRIES)) {
    const full = join(target.real, entry.name);
    if (entry.isSymbolicLink()) {
      const real = await realpath(full).catch(() => undefined);
      if (real === undefined || !ctx.contains(target.root, real)) {
        out.push(`${entry.name} -> (a link outside the allowed directories)`);
        continue;
      }
    }
    const entryInfo = await stat(full).catch(() => undefined);
    if (entryInfo?.isDirectory()) out.push(`${entry.name}/`);
    else out.push(entryInfo ? `${entry.name}  (${entryInfo.size} bytes)` : entry.name);
  }
  const more = entries.length > MAX_DIR_ENTRIES ? `\n[… ${entries.length - MAX_DIR_ENTRIES} more entries not shown]` : '';
  return `${target.display}/ (${entries.length} entries)\n${out.join('\n')}${more}`;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '.*');
  return new RegExp(`^${body}$`);
}

interface GrepState {
  regex: RegExp;
  glob: RegExp | undefined;
  globOnPath: boolean;
  out: string[];
  bytes: number;
  files: number;
  matches: number;
  stopped: string | undefined;
  seen: Set<string>;
}

export async function grepTool(ctx: ToolContext, args: Record<string, unknown>): Promise<string> {
  const pattern = args['pattern'];
  if (typeof pattern !== 'string' || pattern === '') throw new ToolRefusal('`pattern` must be a non-empty string (a JavaScript regular expression).');
  if (pattern.length > 1000) throw new ToolRefusal('`pattern` is too long (at most 1000 characters).');
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, args['ignore_case'] === true ? 'i' : '');
  } catch (error) {
    throw new ToolRefusal(`\`pattern\` is not a valid regular expression: ${(error as Error).message}.`);
  }
  const glob = typeof args['glob'] === 'string' && args['glob'] !== '' ? args['glob'] : undefined;
  const target = await ctx.resolve(args['path'], true);
  const state: GrepState = { regex, glob: glob ? globToRegExp(glob) : undefined, globOnPath: glob?.includes('/') ?? false, out: [], bytes: 0, files: 0, matches: 0, stopped: undefined, seen: new Set() };
  const starts = target.root ? [{ root: target.root, real: target.real }] : ctx.roots.map((root) => ({ root, real: root.real }));
  for (const start of starts) await grepPath(ctx, state, start.root, start.real);
  const summary = `${state.matches} match(es) in ${state.files} file(s) searched${state.stopped ? `; stopped early: ${state.stopped}` : ''}.`;
  return state.out.length > 0 ? `${state.out.join('\n')}\n${summary}` : `No matches. ${summary}`;
}

async function grepPath(ctx: ToolContext, state: GrepState, root: Root, real: string): Promise<void> {
  if (state.stopped) return;
  const info = await stat(real).catch(() => undefined);
  if (!info) return;
  if (info.isDirectory()) {
    if (state.seen.has(real)) return;
    state.seen.add(real);
    const entries = (await readdir(real, { withFileTypes: true }).catch(() => [])).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (state.stopped) return;
      if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue;
      const full = join(real, entry.name);
      if (entry.isSymbolicLink()) {
        // Linked files are searched when they stay inside the root; linked directories are not followed.
        const target = await realpath(full).catch(() => undefined);
        if (target === undefined || !ctx.contains(root, target) || (await stat(target)).isDirectory()) continue;
        await grepFile(ctx, state, target, ctx.display(root, full));
      } else if (entry.isDirectory()) await grepPath(ctx, state, root, full);
      else if (entry.isFile()) await grepFile(ctx, state, full, ctx.display(root, full));
    }
    return;
  }
  await grepFile(ctx, state, real, ctx.display(root, real));
}

async function grepFile(ctx: ToolContext, state: GrepState, real: string, display: string): Promise<void> {
  if (state.glob && !state.glob.test(state.globOnPath ? display : (display.split('/').pop() ?? display))) return;
  if (state.files >= MAX_GREP_FILES) {
    state.stopped = `more than ${MAX_GREP_FILES} files; narrow the path or the glob`;
    return;
  }
  const info = await stat(real).catch(() => undefined);
  if (!info || info.size > MAX_GREP_FILE_BYTES) return;
  const buffer = await readFile(real).catch(() => undefined);
  if (!buffer || isBinary(buffer)) return;
  state.files++;
  const lines = buffer.toString('utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').slice(0, 2000);
    if (!state.regex.test(line)) continue;
    const text = line.trim().length > 240 ? `${line.trim().slice(0, 240)}…` : line.trim();
    const entry = `${display}:${i + 1}: ${text}`;
    state.out.push(entry);
    state.bytes += Buffer.byteLength(entry) + 1;
    state.matches++;
    if (state.matches >= MAX_GREP_MATCHES) state.stopped = `${MAX_GREP_MATCHES} matches; narrow the pattern`;
    else if (state.bytes > ctx.maxResultBytes) state.stopped = `the output limit of ${ctx.maxResultBytes} bytes; narrow the pattern or the path`;
    if (state.stopped) return;
  }
}
