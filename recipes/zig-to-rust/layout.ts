/**
 * Where each Zig file goes in the crate, and the module tree that declares the ported ones. The layout is
 * computed from the whole tree (not the slice), so a module's path never changes between slices.
 *
 * Rules: `<rel>.zig` → `src/<rel>.rs` with names made Rust identifiers (snake_case; keywords raw:
 * `type.zig` → `pub mod r#type;` in `src/type.rs`); a directory is a module with a `mod.rs`; a file and a
 * directory with the same module name (`foo.zig` beside `foo/`) share it: the port of `foo.zig` is
 * `src/foo.rs` and its submodules are declared in a generated block at its top; names that would clash
 * after conversion get `_2`, `_3`, … (names that differ only in case, `image.zig` beside `Image.zig`, never get
 * here: preflight refuses them, see {@link caseOnlyClashes}); top-level `lib`/`main` (when not the binary) become `lib_mod`/`main_mod`,
 * and `mod` becomes `mod_zig`. A top-level `main.zig` with `pub fn main` that no file imports is the binary,
 * `src/main.rs`.
 */
import { posix } from 'node:path';
import { snakeCase } from 'migrate-kit';
import type { WorkItem } from 'migrate-kit';

export interface ModuleEntry {
  /** The Zig file, relative to the input root. */
  zig: string;
  /** The Rust file, relative to the crate (`src/http/header.rs`). */
  rust: string;
  /** Module path segments as written in Rust (`['http', 'header']`, `['r#type']`); empty for the binary. */
  modulePath: string[];
  bin: boolean;
}

interface DirNode {
  /** Module name as written in Rust, and as a file name (without `r#`). */
  name: string;
  fileName: string;
  /** Path segments on disk below src/. */
  segments: string[];
  modulePath: string[];
  dirs: Map<string, DirNode>;
  /** Module name → Zig file of this directory. */
  files: Map<string, string>;
  /** The Zig file that hosts this directory's submodule declarations (`foo.zig` beside `foo/`). */
  host?: string;
}

export interface Layout {
  crateName: string;
  entries: Map<string, ModuleEntry>;
  /** The root's module tree, for writing the declarations. */
  root: DirNode;
  binFile?: string;
  /**
   * Files whose module name was taken by another file or directory of the same directory after conversion
   * (`HTTPServer.zig` beside `http_server.zig`): the name each got, and why (for plans and prompts).
   */
  renamed: Array<{ zig: string; module: string; wanted: string; takenBy: string; note: string }>;
}

const RESERVED_TOP = new Set(['lib', 'main']);

function moduleName(raw: string, top: boolean, taken: Set<string>): { name: string; fileName: string } {
  let name = snakeCase(raw);
  if (name === '_' || name === '') name = 'module';
  let fileName = bare(name);
  if (fileName === 'mod') {
    name = 'mod_zig';
    fileName = name;
  }
  if (top && RESERVED_TOP.has(fileName)) {
    name = `${fileName}_mod`;
    fileName = name;
  }
  let n = 1;
  const base = { name, fileName };
  while (taken.has(fileName)) {
    n++;
    name = `${base.fileName}_${n}`;
    fileName = name;
  }
  taken.add(fileName);
  return { name, fileName };
}

/**
 * Paths (files, or directories on the way to them) that differ only in letter case, as pairs: `src/image.zig`
 * beside `src/Image.zig`. They would become the same Rust module, and the same file on a case-insensitive
 * filesystem (macOS, Windows), so the recipe refuses them before anything is spent rather than renaming one.
 */
export function caseOnlyClashes(files: readonly string[]): Array<[string, string]> {
  const seen = new Map<string, string>();
  const clashes: Array<[string, string]> = [];
  const reported = new Set<string>();
  for (const file of [...files].sort()) {
    const parts = file.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      const key = path.toLowerCase();
      const other = seen.get(key);
      if (other === undefined) seen.set(key, path);
      else if (other !== path && !reported.has(key)) {
        reported.add(key);
        clashes.push([other, path]);
      }
    }
  }
  return clashes;
}

/** Whether an item is the program's entry point: `pub fn main` in a top-level `main.zig` nobody imports. */
export function binFileOf(items: readonly WorkItem[]): string | undefined {
  const main = items.find((item) => item.path === 'main.zig');
  if (main === undefined || main.error !== undefined) return undefined;
  const hasMain = main.declarations.some((d) => d.kind === 'fn' && d.name === 'main' && d.pub);
  const imported = items.some((item) => item.imports.some((imp) => imp.kind === 'file' && imp.path === 'main.zig'));
  return hasMain && !imported ? 'main.zig' : undefined;
}

export function buildLayout(files: readonly string[], crateName: string, binFile?: string): Layout {
  const root: DirNode = { name: '', fileName: '', segments: [], modulePath: [], dirs: new Map(), files: new Map() };
  const entries = new Map<string, ModuleEntry>();
  if (binFile !== undefined) entries.set(binFile, { zig: binFile, rust: 'src/main.rs', modulePath: [], bin: true });
  // Group the files by directory, sorted, so names are given in a stable order.
  const byDir = new Map<string, string[]>();
  for (const file of [...files].sort()) {
    if (file === binFile) continue;
    const dir = posix.dirname(file);
    byDir.set(dir === '.' ? '' : dir, [...(byDir.get(dir === '.' ? '' : dir) ?? []), file]);
  }
  const allDirs = new Set<string>();
  for (const dir of byDir.keys()) {
    const parts = dir === '' ? [] : dir.split('/');
    for (let i = 1; i <= parts.length; i++) allDirs.add(parts.slice(0, i).join('/'));
  }
  const nodes = new Map<string, DirNode>([['', root]]);
  const taken = new Map<DirNode, Set<string>>();
  const takenIn = (node: DirNode): Set<string> => taken.get(node) ?? taken.set(node, new Set()).get(node)!;
  /** Who took each name: a directory node's names → the Zig path (a file, or a directory with `/`). */
  const owners = new Map<DirNode, Map<string, string>>();
  const ownersOf = (node: DirNode): Map<string, string> => owners.get(node) ?? owners.set(node, new Map()).get(node)!;
  const renamed: Layout['renamed'] = [];
  // Directories first (parents before children), then files; a file whose name matches a sibling directory hosts it.
  for (const dir of [...allDirs].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))) {
    const parentPath = posix.dirname(dir) === '.' ? '' : posix.dirname(dir);
    const parent = nodes.get(parentPath)!;
    const { name, fileName } = moduleName(posix.basename(dir), parent === root, takenIn(parent));
    ownersOf(parent).set(fileName, `${dir}/`);
    const node: DirNode = { name, fileName, segments: [...parent.segments, fileName], modulePath: [...parent.modulePath, name], dirs: new Map(), files: new Map() };
    parent.dirs.set(fileName, node);
    nodes.set(dir, node);
  }
  for (const [dir, list] of [...byDir.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const node = nodes.get(dir)!;
    for (const file of list) {
      const stem = posix.basename(file, '.zig');
      const wanted = moduleName(stem, node === root, new Set()).fileName;
      const sibling = node.dirs.get(wanted);
      if (sibling !== undefined && sibling.host === undefined) {
        sibling.host = file;
        entries.set(file, { zig: file, rust: `src/${[...node.segments, `${sibling.fileName}.rs`].join('/')}`, modulePath: sibling.modulePath, bin: false });
        continue;
      }
      const { name, fileName } = moduleName(stem, node === root, takenIn(node));
      if (fileName !== wanted) {
        const takenBy = ownersOf(node).get(wanted) ?? '?';
        renamed.push({ zig: file, module: name, wanted, takenBy, note: `\`${file}\` is the module \`${name}\`: its name \`${wanted}\` is taken by \`${takenBy}\`, whose name converts to the same Rust identifier` });
      }
      ownersOf(node).set(fileName, file);
      node.files.set(name, file);
      entries.set(file, { zig: file, rust: `src/${[...node.segments, `${fileName}.rs`].join('/')}`, modulePath: [...node.modulePath, name], bin: false });
    }
  }
  return { crateName, entries, root, renamed, ...(binFile !== undefined ? { binFile } : {}) };
}

/** `crate::http::header` (or `<crate>::http::header` from the binary). */
export function rustPathOf(layout: Layout, zig: string, fromBin: boolean): string | undefined {
  const entry = layout.entries.get(zig);
  if (entry === undefined || entry.bin) return undefined;
  return [fromBin ? layout.crateName : 'crate', ...entry.modulePath].join('::');
}

export const BLOCK_START = '// migrate-kit: submodules (generated from the Zig tree; edits between these lines are replaced)';
export const BLOCK_END = '// migrate-kit: end of submodules';

export interface ModuleTree {
  /** Generated files (lib.rs, mod.rs files): path → content. */
  files: Map<string, string>;
  /** Ported files that host a directory's submodules: path → the `pub mod` lines for their block. */
  blocks: Map<string, string[]>;
}

/** The module declarations for the ported files only. */
export function moduleTree(layout: Layout, ported: ReadonlySet<string>): ModuleTree {
  const files = new Map<string, string>();
  const blocks = new Map<string, string[]>();
  const present = (node: DirNode): boolean =>
    [...node.files.values()].some((f) => ported.has(f)) || (node.host !== undefined && ported.has(node.host)) || [...node.dirs.values()].some(present);
  const declarations = (node: DirNode): string[] => {
    const names: string[] = [];
    for (const [name, file] of node.files) if (ported.has(file)) names.push(name);
    for (const child of node.dirs.values()) if (present(child)) names.push(child.name);
    return names.sort((a, b) => (bare(a) < bare(b) ? -1 : bare(a) > bare(b) ? 1 : 0)).map((name) => `pub mod ${name};`);
  };
  const visit = (node: DirNode): void => {
    if (node !== layout.root && !present(node)) return;
    const lines = declarations(node);
    if (node === layout.root) files.set('src/lib.rs', lines.length > 0 ? `${lines.join('\n')}\n` : '');
    else if (node.host !== undefined) blocks.set(layout.entries.get(node.host)!.rust, lines);
    else files.set(`src/${node.segments.join('/')}/mod.rs`, `${lines.join('\n')}\n`);
    for (const child of node.dirs.values()) visit(child);
  };
  visit(layout.root);
  return { files, blocks };
}

/** The top-level module names of the library, as written in Rust (`r#type` included). */
export function topModules(layout: Layout): string[] {
  return [...layout.root.files.keys(), ...[...layout.root.dirs.values()].map((d) => d.name)];
}

/** A module name without its raw-identifier prefix (`r#type` → `type`). */
export function bare(name: string): string {
  return name.replace(/^r#/, '');
}

/** The file with its generated submodule block replaced (or added after the inner doc comments and attributes). */
export function withBlock(source: string, lines: readonly string[]): string {
  const text = withoutBlock(source);
  if (lines.length === 0) return text;
  const all = text.split('\n');
  let at = 0;
  while (at < all.length - 1 && /^\s*(\/\/!|#!\[)/.test(all[at]!)) at++;
  return [...all.slice(0, at), BLOCK_START, ...lines, BLOCK_END, ...all.slice(at)].join('\n');
}

/** The file without its generated block (the block's lines and nothing else). */
export function withoutBlock(source: string): string {
  const start = source.indexOf(`${BLOCK_START}\n`);
  if (start < 0 || (start > 0 && source[start - 1] !== '\n')) return source;
  const end = source.indexOf(`${BLOCK_END}\n`, start);
  if (end < 0) return source;
  return source.slice(0, start) + source.slice(end + BLOCK_END.length + 1);
}
