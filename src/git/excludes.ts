/**
 * What is never committed even when no `.gitignore` says so: build caches (a directory holding a
 * `CACHEDIR.TAG`, as cargo's `target/` does), `node_modules/`, nested repositories, and the run
 * state directory (`.migrate/`). `.gitignore` rules are applied by git itself on top of these.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { insideRel } from './repository.js';

const ALWAYS = new Set(['node_modules', '.git']);
const MAX_ENTRIES = 200_000;

/**
 * Directories under `roots` (absolute) to leave out, relative to `top` (posix). `extra` (absolute) are
 * added when they lie under `top`.
 */
export async function findExcludedDirs(top: string, roots: readonly string[], extra: readonly string[] = []): Promise<string[]> {
  const found = new Set<string>();
  let seen = 0;
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // a file, or gone
    }
    seen += entries.length;
    if (seen > MAX_ENTRIES) return;
    // A build cache, or another repository nested in this one.
    if (dir !== top && entries.some((e) => (e.name === 'CACHEDIR.TAG' && e.isFile()) || e.name === '.git')) {
      found.add(dir);
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (ALWAYS.has(entry.name)) {
        if (entry.name !== '.git') found.add(path);
        continue;
      }
      await visit(path);
    }
  };
  for (const root of roots) await visit(root);
  for (const dir of extra) found.add(dir);
  return [...found]
    .map((dir) => insideRel(top, dir))
    .filter((rel): rel is string => rel !== undefined && rel !== '')
    .sort();
}
