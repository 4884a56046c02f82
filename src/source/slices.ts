/**
 * Slices: the part of a tree to port. A slice is a directory, a `.zig` file or a glob;
 * paths are taken relative to the source root, or to the current directory when that is
 * where they exist (`migrate zig-to-rust ./src --slice src/http` means `./src/http`).
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { MigrateError } from '../errors.js';
import { compileGlob, isGlob } from './glob.js';
import type { GlobMatcher } from './glob.js';
import { toPosix } from './walk.js';

export type Slice =
  | { spec: string; kind: 'directory'; path: string }
  | { spec: string; kind: 'file'; path: string }
  | { spec: string; kind: 'glob'; matcher: GlobMatcher };

function inside(root: string, abs: string): string | undefined {
  const rel = relative(root, abs);
  if (isAbsolute(rel)) return undefined;
  const posixRel = toPosix(rel);
  return posixRel === '..' || posixRel.startsWith('../') ? undefined : posixRel;
}

/** Resolves slice specs against the root. Throws SLICE_EMPTY for a path that does not exist under the root. */
export function resolveSlices(root: string, specs: readonly string[], cwd = process.cwd()): Slice[] {
  const absRoot = resolve(root);
  const rootFromCwd = inside(resolve(cwd), absRoot);
  return specs.map((spec): Slice => {
    if (isGlob(spec)) {
      let pattern = spec.replace(/^\.\//, '');
      if (rootFromCwd !== undefined && rootFromCwd !== '' && pattern.startsWith(`${rootFromCwd}/`)) {
        pattern = pattern.slice(rootFromCwd.length + 1);
      }
      return { spec, kind: 'glob', matcher: compileGlob(pattern) };
    }
    const candidates = isAbsolute(spec) ? [spec] : [resolve(absRoot, spec), resolve(cwd, spec)];
    for (const candidate of candidates) {
      const rel = inside(absRoot, candidate);
      if (rel === undefined) continue;
      try {
        const stats = statSync(candidate);
        if (stats.isDirectory()) return { spec, kind: 'directory', path: rel };
        if (stats.isFile()) return { spec, kind: 'file', path: rel };
      } catch {
        // try the next candidate
      }
    }
    throw new MigrateError(
      'SLICE_EMPTY',
      `Expected the slice "${spec}" to be a directory or a .zig file inside ${absRoot}, but ${candidates.join(' and ')} ${candidates.length > 1 ? 'do' : 'does'} not exist there. Give a path relative to the source root, or a glob such as "http/**".`,
      { details: { slice: spec, root: absRoot } },
    );
  });
}

/** Whether a file (posix, relative to the root) belongs to a slice. */
export function sliceContains(slice: Slice, rel: string): boolean {
  switch (slice.kind) {
    case 'directory':
      return slice.path === '' || rel === slice.path || rel.startsWith(`${slice.path}/`);
    case 'file':
      return rel === slice.path;
    case 'glob':
      return slice.matcher.matches(rel);
  }
}

/** The error for slices that matched no source file. */
export function emptySliceError(root: string, empty: readonly Slice[]): MigrateError {
  const names = empty.map((slice) => `"${slice.spec}"`).join(', ');
  return new MigrateError(
    'SLICE_EMPTY',
    `Expected each slice to contain .zig files, but ${names} matched none under ${resolve(root)} (after include/exclude patterns, .gitignore and zig-cache/zig-out are applied). Check the path or glob, or drop the slice.`,
    { details: { slices: empty.map((slice) => slice.spec), root: resolve(root) } },
  );
}

/** A predicate for "is this file (posix, relative to the root) in one of the slices"; all files when there are none. */
export function createSliceFilter(root: string, specs: readonly string[], cwd = process.cwd()): (path: string) => boolean {
  const slices = resolveSlices(root, specs, cwd);
  return (path) => slices.length === 0 || slices.some((slice) => sliceContains(slice, path));
}
