/**
 * The read-only tools an agent may use in its tool loop: `read_file`, `list_dir` and `grep`, confined to a
 * set of root directories. Every path is resolved with realpath and refused when it leaves the roots (`..`,
 * absolute paths, symbolic links pointing out). A refusal or any other failure is a tool error told to the
 * model, never a thrown exception. Results are cut to a byte limit and have secrets redacted.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, posix, relative, sep } from 'node:path';
import { MigrateError } from '../errors.js';
import { redact } from '../redact.js';
import { grepTool, listDirTool, readFileTool, TOOL_SPECS, ToolRefusal, type ReadOnlyToolName, type ResolvedPath, type Root, type ToolContext } from './read-only-tool-impl.js';
import type { ToolSpec } from './types.js';

export { ToolRefusal, type ReadOnlyToolName, type ResolvedPath, type Root } from './read-only-tool-impl.js';
export const READ_ONLY_TOOL_NAMES: readonly ReadOnlyToolName[] = ['read_file', 'list_dir', 'grep'];

export const DEFAULT_MAX_RESULT_BYTES = 16_384;
/** Tool results one agent may receive in all, as a multiple of the per-result limit. */
export const TOTAL_BYTES_FACTOR = 16;

export interface ReadOnlyToolsOptions {
  /** Directories the tools may read. Each must exist; it is resolved with realpath. */
  roots: readonly string[];
  /** The tools offered. Default: all three. */
  tools?: readonly ReadOnlyToolName[];
  /** Most bytes of one tool result; longer output is cut with a note saying how to see more. Default 16384. */
  maxResultBytes?: number;
  /** Most bytes of all tool results together; later calls are refused. Default 16 × `maxResultBytes`. */
  maxTotalBytes?: number;
}

export interface ToolResult {
  content: string;
  isError: boolean;
}

export class ReadOnlyTools implements ToolContext {
  readonly specs: ToolSpec[];
  readonly maxResultBytes: number;
  readonly maxTotalBytes: number;
  /** Bytes of results given so far. */
  usedBytes = 0;

  private constructor(
    readonly roots: readonly Root[],
    readonly names: readonly ReadOnlyToolName[],
    maxResultBytes: number,
    maxTotalBytes: number,
  ) {
    this.specs = READ_ONLY_TOOL_NAMES.filter((n) => names.includes(n)).map((n) => TOOL_SPECS[n](roots.length > 1 ? roots.map((r) => r.name) : undefined));
    this.maxResultBytes = maxResultBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** @throws MigrateError `BAD_INPUT` for a root that does not exist or is not a directory, an unknown tool, or bad limits. */
  static async open(options: ReadOnlyToolsOptions): Promise<ReadOnlyTools> {
    const names = options.tools ?? READ_ONLY_TOOL_NAMES;
    const unknown = names.filter((n) => !READ_ONLY_TOOL_NAMES.includes(n));
    if (unknown.length > 0) {
      throw new MigrateError('BAD_INPUT', `Unknown tool(s) ${unknown.map((n) => `"${String(n)}"`).join(', ')}: the read-only tools are ${READ_ONLY_TOOL_NAMES.join(', ')}.`);
    }
    if (!Array.isArray(options.roots) || options.roots.length === 0 || options.roots.some((r) => typeof r !== 'string' || r === '')) {
      throw new MigrateError('BAD_INPUT', 'Tools need `roots`: a non-empty array of directories the agent may read, e.g. { tools: ["read_file"], roots: ["./src"] }.');
    }
    const maxResultBytes = options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
    if (!Number.isInteger(maxResultBytes) || maxResultBytes < 256) {
      throw new MigrateError('BAD_INPUT', `maxToolResultBytes must be a whole number of at least 256; got ${String(maxResultBytes)}.`);
    }
    const roots: Root[] = [];
    const used = new Set<string>();
    for (const given of options.roots) {
      let real: string;
      try {
        real = await realpath(given);
        if (!(await stat(real)).isDirectory()) throw new Error('not a directory');
      } catch (cause) {
        throw new MigrateError('BAD_INPUT', `The tool root "${given}" is not a readable directory (${(cause as Error).message}). Give existing directories in \`roots\`.`, { cause });
      }
      let name = basename(real) || 'root';
      for (let n = 2; used.has(name); n++) name = `${basename(real) || 'root'}-${n}`;
      used.add(name);
      roots.push({ real, name });
    }
    return new ReadOnlyTools(roots, names, maxResultBytes, options.maxTotalBytes ?? maxResultBytes * TOTAL_BYTES_FACTOR);
  }

  /** Runs one tool call. Never throws: refusals and failures come back as `isError` results. */
  async run(name: string, input: unknown): Promise<ToolResult> {
    if (this.usedBytes >= this.maxTotalBytes) {
      return { isError: true, content: `The tool output budget of this agent (${this.maxTotalBytes} bytes) is used up. Answer with what you have.` };
    }
    let result: ToolResult;
    try {
      if (!(this.names as readonly string[]).includes(name)) throw new ToolRefusal(`Unknown tool "${name}". Available: ${this.names.join(', ')}.`);
      if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ToolRefusal(`The input of ${name} must be a JSON object.`);
      const args = input as Record<string, unknown>;
      const content = name === 'read_file' ? await readFileTool(this, args) : name === 'list_dir' ? await listDirTool(this, args) : await grepTool(this, args);
      result = { isError: false, content };
    } catch (error) {
      const message = error instanceof ToolRefusal ? error.message : `${name} failed: ${(error as Error).message}`;
      result = { isError: true, content: message };
    }
    const content = redact(this.cut(result.content));
    this.usedBytes += Buffer.byteLength(content);
    return { ...result, content };
  }

  /** `text` cut to the per-result limit (at a line end when one is near), with a note. */
  cut(text: string): string {
    const bytes = Buffer.byteLength(text);
    if (bytes <= this.maxResultBytes) return text;
    let head = Buffer.from(text).subarray(0, this.maxResultBytes - 200).toString('utf8').replace(/\uFFFD$/, '');
    const lineEnd = head.lastIndexOf('\n');
    if (lineEnd > head.length / 2) head = head.slice(0, lineEnd + 1);
    return `${head}\n[… cut: ${bytes - Buffer.byteLength(head)} more bytes not shown; the limit is ${this.maxResultBytes} bytes per result. Ask for a narrower range.]`;
  }

  /**
   * Resolves a path the model gave. Refused: non-strings, NUL bytes, absolute paths, `..` leaving the root, and
   * anything whose realpath (symbolic links followed) lies outside the roots.
   */
  async resolve(path: unknown, allowTop = false): Promise<ResolvedPath> {
    if (path === undefined || path === null || path === '') path = '.';
    if (typeof path !== 'string') throw new ToolRefusal('`path` must be a string.');
    if (path.includes('\0')) throw new ToolRefusal('`path` must not contain NUL bytes.');
    const where = this.roots.length > 1 ? `one of the roots (${this.roots.map((r) => `${r.name}/`).join(', ')})` : 'the root directory';
    if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\')) {
      throw new ToolRefusal(`Refused: "${path}" is an absolute path. Paths are relative to ${where}.`);
    }
    const normal = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
    if (normal === '..' || normal.startsWith('../')) throw new ToolRefusal(`Refused: "${path}" leaves the allowed directories. Paths are relative to ${where}.`);
    let root: Root | undefined;
    let rest = normal;
    if (this.roots.length === 1) root = this.roots[0];
    else if (normal === '.') {
      if (!allowTop) throw new ToolRefusal(`"${path}" is the list of roots, not a file. Paths start with a root name: ${this.roots.map((r) => r.name).join(', ')}.`);
      return { real: '', display: '.', root: undefined };
    } else {
      const [first, ...parts] = normal.split('/');
      root = this.roots.find((r) => r.name === first);
      if (!root) throw new ToolRefusal(`Not found: "${path}". Paths start with a root name: ${this.roots.map((r) => r.name).join(', ')}.`);
      rest = parts.join('/') || '.';
    }
    if (!root) throw new ToolRefusal('No root directory is configured.');
    let real: string;
    try {
      real = await realpath(join(root.real, rest));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ToolRefusal(code === 'ENOENT' || code === 'ENOTDIR' ? `Not found: "${path}".` : `Cannot read "${path}": ${code ?? (error as Error).message}.`);
    }
    if (!this.contains(root, real)) {
      throw new ToolRefusal(`Refused: "${path}" resolves outside the allowed directories (a symbolic link pointing out).`);
    }
    return { real, display: this.display(root, real), root };
  }

  /** Whether `real` (already a realpath) lies inside `root`. */
  contains(root: Root, real: string): boolean {
    return real === root.real || real.startsWith(root.real.endsWith(sep) ? root.real : root.real + sep);
  }

  /** The path as the model should write it. */
  display(root: Root, real: string): string {
    const rel = relative(root.real, real).split(sep).join('/') || '.';
    return this.roots.length > 1 ? (rel === '.' ? root.name : `${root.name}/${rel}`) : rel;
  }
}
