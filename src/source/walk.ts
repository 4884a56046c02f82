/**
 * Lists the source files of a tree, lazily and in sorted order, skipping build output
 * (`zig-cache`, `.zig-cache`, `zig-out`), `.git`, and whatever `.gitignore` files ignore —
 * the root's, its subdirectories', and those of enclosing directories up to the git top.
 * Symbolic links to files are listed (reading them refuses a link that leads out of the tree, see
 * `work-item.ts`); links to directories are not followed (they can loop, or lead anywhere): one that
 * leads out of the tree is listed itself, so its item reports it as not read, like an unreadable file.
 */
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { compileGlob } from './glob.js';
import type { GlobMatcher } from './glob.js';
import { GitignoreMatcher } from './gitignore.js';

/** Directory names never entered. */
export const DEFAULT_IGNORED_DIRS: readonly string[] = ['.git', 'zig-cache', '.zig-cache', 'zig-out'];

export interface WalkOptions {
  /** Globs (relative to the root) a file must match. Default `['**\/*.zig']`. */
  include?: string[];
  /** Globs (relative to the root) of files and directories to leave out. Default none. */
  exclude?: string[];
  /** Honour `.gitignore` files. Default true. */
  gitignore?: boolean;
  /** Directory names never entered. Default `.git`, `zig-cache`, `.zig-cache`, `zig-out`. */
  ignoredDirs?: readonly string[];
}

/** A native path with `/` separators. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The nearest enclosing directory holding `.git`, or undefined. */
function gitTop(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A prepared walk of one root: filters plus the gitignore rules met so far. */
export class SourceWalker {
  private readonly include: GlobMatcher[];
  private readonly exclude: GlobMatcher[];
  private readonly ignoredDirs: Set<string>;
  private readonly gitignore: GitignoreMatcher | undefined;
  private readonly loaded = new Set<string>();
  private top = '';
  /** The root's real path (symlinks resolved), to tell links that stay inside from links that leave. */
  private realRoot: string | undefined;
  /** The root relative to the git top (`''` when they are the same), with a trailing `/`. */
  private prefix = '';

  constructor(
    readonly root: string,
    options: WalkOptions = {},
  ) {
    this.include = (options.include ?? ['**/*.zig']).map(compileGlob);
    this.exclude = (options.exclude ?? []).map(compileGlob);
    this.ignoredDirs = new Set(options.ignoredDirs ?? DEFAULT_IGNORED_DIRS);
    this.gitignore = options.gitignore === false ? undefined : new GitignoreMatcher();
  }

  /** Loads `.git/info/exclude` and the `.gitignore` files above the root. */
  async init(): Promise<void> {
    if (this.gitignore === undefined) return;
    const top = gitTop(this.root) ?? this.root;
    this.top = top;
    const rel = toPosix(relative(top, this.root));
    this.prefix = rel === '' ? '' : `${rel}/`;
    await this.loadFile(join(top, '.git', 'info', 'exclude'), '');
    const parts = rel === '' ? [] : rel.split('/');
    for (let i = 0; i < parts.length; i++) await this.loadGitignore(parts.slice(0, i).join('/'));
  }

  private async loadFile(path: string, base: string): Promise<void> {
    try {
      this.gitignore?.add(await readFile(path, 'utf8'), base);
    } catch {
      // absent or unreadable: nothing to honour
    }
  }

  /** A path relative to the root, made relative to the git top. */
  private topRel(rel: string): string {
    return rel === '' ? this.prefix.replace(/\/$/, '') : this.prefix + rel;
  }

  /** Loads the `.gitignore` of a directory given relative to the git top. */
  private async loadGitignore(topRel: string): Promise<void> {
    if (this.gitignore === undefined || this.loaded.has(topRel)) return;
    this.loaded.add(topRel);
    await this.loadFile(join(this.top, topRel, '.gitignore'), topRel);
  }

  /** Whether a directory (relative to the root) is skipped. */
  skipsDirectory(rel: string, name: string): boolean {
    if (this.ignoredDirs.has(name)) return true;
    if (this.gitignore?.ignores(this.topRel(rel), true) === true) return true;
    return this.exclude.some((glob) => glob.matches(rel));
  }

  /** Whether a file (relative to the root) is a source. */
  takesFile(rel: string): boolean {
    if (!this.include.some((glob) => glob.matches(rel))) return false;
    if (this.exclude.some((glob) => glob.matches(rel))) return false;
    return this.gitignore?.ignores(this.topRel(rel), false) !== true;
  }

  /** Whether the walk would enter `dirRel` (relative to the root): none of it or its ancestors is skipped. */
  async reaches(dirRel: string): Promise<boolean> {
    if (dirRel === '') return true;
    const parts = dirRel.split('/');
    for (let i = 0; i < parts.length; i++) {
      await this.loadGitignore(this.topRel(parts.slice(0, i).join('/')));
      if (this.skipsDirectory(parts.slice(0, i + 1).join('/'), parts[i] as string)) return false;
    }
    return true;
  }

  /** Whether one file (relative to the root) would be listed by the walk. */
  async lists(rel: string): Promise<boolean> {
    const slash = rel.lastIndexOf('/');
    const dir = slash < 0 ? '' : rel.slice(0, slash);
    if (!(await this.reaches(dir))) return false;
    await this.loadGitignore(this.topRel(dir));
    return this.takesFile(rel);
  }

  /**
   * Yields the source files under `startDir` (relative to the root, `''` for the root),
   * as posix paths relative to the root, in sorted order.
   */
  async *files(startDir = ''): AsyncGenerator<string> {
    if (await this.reaches(startDir)) yield* this.walk(startDir);
  }

  /** Whether a path (absolute) really lies outside the root. */
  private async leavesTree(path: string): Promise<boolean> {
    try {
      this.realRoot ??= await realpath(this.root);
      const rel = relative(this.realRoot, await realpath(path));
      return rel.startsWith('..') || isAbsolute(rel);
    } catch {
      return false;
    }
  }

  private async *walk(dirRel: string): AsyncGenerator<string> {
    await this.loadGitignore(this.topRel(dirRel));
    if (dirRel !== '') {
      // A start directory given by a slice may itself be a link: never list through one that leaves the tree.
      const link = await lstat(join(this.root, dirRel)).then((s) => s.isSymbolicLink(), () => false);
      if (link && (await this.leavesTree(join(this.root, dirRel)))) {
        yield dirRel;
        return;
      }
    }
    let entries;
    try {
      entries = await readdir(join(this.root, dirRel), { withFileTypes: true });
    } catch {
      return; // unreadable directory: nothing to list
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target;
        try {
          target = await stat(join(this.root, rel));
        } catch {
          target = undefined; // a dangling link: nothing to list
        }
        isFile = target?.isFile() === true;
        isDirectory = false;
        // A link to a directory out of the tree is listed itself (and reported as not read), unless skipped.
        if (target?.isDirectory() === true && !this.skipsDirectory(rel, entry.name) && (await this.leavesTree(join(this.root, rel)))) yield rel;
      }
      if (isDirectory) {
        if (!this.skipsDirectory(rel, entry.name)) yield* this.walk(rel);
      } else if (isFile && this.takesFile(rel)) yield rel;
    }
  }
}
