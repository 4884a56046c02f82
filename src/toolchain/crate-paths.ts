/**
 * Resolves the file names rustc and libtest print (relative to the workspace root rustc ran
 * in, or absolute, or pseudo-files like `<anon>`) to paths relative to the crate.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface ResolvedPath {
  /** Relative to the crate, `/`-separated; the name as given when it is not a real file. */
  file: string;
  absolute?: string;
  inCrate: boolean;
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** How many ancestors of the crate are tried as the workspace root. */
const MAX_ANCESTORS = 6;

export class CratePaths {
  private readonly cache = new Map<string, ResolvedPath>();
  readonly crateDir: string;

  /**
   * @param crateDir the crate's directory (where `Cargo.toml` is)
   * @param workspaceRoot what relative names are relative to; default: the crate, else the
   *   nearest ancestor in which the file exists
   */
  constructor(
    crateDir: string,
    private readonly workspaceRoot?: string,
  ) {
    this.crateDir = resolve(crateDir);
  }

  resolve(name: string): ResolvedPath {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const found = this.compute(name);
    this.cache.set(name, found);
    return found;
  }

  private compute(name: string): ResolvedPath {
    if (name === '' || name.startsWith('<')) return { file: name, inCrate: false };
    let absolute: string | undefined;
    if (isAbsolute(name)) absolute = name;
    else if (this.workspaceRoot !== undefined) absolute = resolve(this.workspaceRoot, name);
    else {
      let dir = this.crateDir;
      for (let i = 0; i <= MAX_ANCESTORS; i++) {
        const candidate = join(dir, name);
        if (existsSync(candidate)) {
          absolute = candidate;
          break;
        }
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
      absolute ??= resolve(this.crateDir, name);
    }
    const rel = toPosix(relative(this.crateDir, absolute));
    const inCrate = rel !== '' && !rel.startsWith('../') && rel !== '..' && !isAbsolute(rel);
    return inCrate ? { file: rel, absolute, inCrate } : { file: toPosix(name), absolute, inCrate };
  }
}
