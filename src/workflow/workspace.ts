/**
 * `ctx.workspace(dir)`: file access confined to one directory (a run's output). Every path is
 * relative to it; `..`, absolute paths elsewhere and symlinks that lead out are refused with
 * OUTSIDE_WORKSPACE. Writes are atomic (temporary file, then rename), so a run killed mid-write
 * leaves the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MigrateError } from '../errors.js';

export interface Workspace {
  /** The directory, absolute. */
  readonly root: string;
  /** The absolute path of `rel`, refused when it lies outside the workspace. */
  path(rel: string): Promise<string>;
  read(rel: string): Promise<string>;
  /** Writes text atomically, creating parent directories. */
  write(rel: string, text: string): Promise<void>;
  exists(rel: string): Promise<boolean>;
  /** Names in a directory of the workspace, sorted; `[]` when it does not exist. */
  list(rel?: string): Promise<string[]>;
  remove(rel: string): Promise<void>;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, or of its deepest existing ancestor with the rest appended. */
async function realOrAncestor(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realOrAncestor(parent), path.slice(parent.length));
  }
}

export function createWorkspace(dir: string): Workspace {
  const root = resolve(dir);
  const refuse = (rel: string, why: string): never => {
    throw new MigrateError('OUTSIDE_WORKSPACE', `The path "${rel}" is outside the workspace ${root} (${why}). Give a path relative to the workspace, without "..".`, { details: { root, path: rel } });
  };
  // The root's real path, kept once the root exists (until then, that of its deepest existing ancestor).
  let realRootCached: string | undefined;
  const realRoot = async (): Promise<string> => {
    if (realRootCached !== undefined) return realRootCached;
    try {
      return (realRootCached = await realpath(root));
    } catch {
      return realOrAncestor(root);
    }
  };
  const path = async (rel: string): Promise<string> => {
    if (typeof rel !== 'string' || rel.length === 0) refuse(String(rel), 'expected a non-empty relative path');
    const target = resolve(root, rel);
    if (!inside(root, target)) refuse(rel, 'it resolves above the workspace');
    if (!inside(await realRoot(), await realOrAncestor(target))) refuse(rel, 'a symbolic link leads out of it');
    return target;
  };
  return {
    root,
    path,
    async read(rel) {
      return readFile(await path(rel), 'utf8');
    },
    async write(rel, text) {
      const target = await path(rel);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, text);
      await rename(temp, target);
    },
    async exists(rel) {
      return stat(await path(rel)).then(
        () => true,
        () => false,
      );
    },
    async list(rel = '.') {
      const target = rel === '.' ? root : await path(rel);
      return (await readdir(target).catch(() => [] as string[])).sort();
    },
    async remove(rel) {
      await rm(await path(rel), { recursive: true, force: true });
    },
  };
}
