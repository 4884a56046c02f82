/**
 * The tree of a commit holding HEAD plus the work tree's state of some paths, built in a temporary
 * index (GIT_INDEX_FILE) so the user's index, work tree and HEAD are never touched:
 *
 *   read-tree HEAD → add -A -- <paths> (git applies .gitignore) → diff-index HEAD → write-tree
 *
 * Files outside the paths stay exactly as in HEAD, whatever the work tree holds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrateError } from '../errors.js';
import { redact } from '../redact.js';
import { gitError } from './git.js';
import type { Repository } from './repository.js';

export type ChangeStatus = 'added' | 'modified' | 'deleted';

export interface FileChange {
  /** Relative to the repository top, posix. */
  path: string;
  status: ChangeStatus;
}

export interface Snapshot {
  tree: string;
  /** What the tree changes against HEAD, sorted by path. */
  changes: FileChange[];
}

/** A pathspec for one literal path relative to the top (`''` is the whole tree). */
const include = (path: string): string => `:(top,literal)${path}`;
const exclude = (path: string): string => `:(top,exclude,literal)${path}`;

/** Pathspec characters per `git add` call: an exact list of thousands of files is added in batches. */
const MAX_SPEC_CHARS = 64_000;

/**
 * Builds the tree; `paths` and `excludes` are relative to the top (posix). Paths must exist or be in HEAD.
 * `paths` may be directories or an exact list of files (any length).
 */
export async function snapshotPaths(repo: Repository, paths: readonly string[], excludes: readonly string[] = []): Promise<Snapshot> {
  const excluded = (await neededExcludes(repo, paths, excludes)).map(exclude);
  const dir = await mkdtemp(join(tmpdir(), 'migrate-pr-'));
  const env = { GIT_INDEX_FILE: join(dir, 'index') };
  try {
    await repo.git.run(['read-tree', repo.head.sha], { env });
    for (const batch of batches(paths.map(include))) {
      const specs = ['--', ...batch, ...excluded];
      const added = await repo.git.exec(['add', '--all', ...specs], { env, timeoutMs: 600_000 });
      if (added.code === 0) continue;
      if (/ignored by one of your \.gitignore/.test(added.stderr)) {
        const ignored = added.stderr.split('\n').filter((l) => l !== '' && !/^(hint|The following|fatal)/.test(l));
        throw new MigrateError(
          'NOTHING_TO_COMMIT',
          `${ignored.join(', ') || paths.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} ignored by a .gitignore of the repository, so nothing there can be committed. Remove the rule (or write the output elsewhere) and run this again.`,
          { details: { paths: [...paths] } },
        );
      }
      throw gitError(['add', '--all', ...specs], added);
    }
    // The temporary index is HEAD plus what was added, so its whole difference from HEAD is the change.
    const status = await repo.git.out(['diff-index', '--cached', '--no-renames', '--name-status', '-z', repo.head.sha], { env });
    const tree = await repo.git.out(['write-tree'], { env });
    return { tree, changes: parseNameStatus(status) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function batches(specs: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const spec of specs) {
    if (current.length > 0 && chars + spec.length > MAX_SPEC_CHARS) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(spec);
    chars += spec.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * The excludes that matter: under one of the paths, and not ignored by git already (git add refuses
 * an exclude pathspec naming an ignored directory as if it had been asked to add it).
 */
async function neededExcludes(repo: Repository, paths: readonly string[], excludes: readonly string[]): Promise<string[]> {
  const under = excludes.filter((e) => paths.some((p) => p === '' || e === p || e.startsWith(`${p}/`)));
  if (under.length === 0) return [];
  const result = await repo.git.exec(['check-ignore', '--no-index', '--stdin', '-z'], { input: under.map((e) => `${e}\0`).join('') });
  const ignored = new Set(result.code === 0 ? result.stdout.split('\0').filter(Boolean) : []);
  return under.filter((e) => !ignored.has(e));
}

/** Parses `--name-status -z` output: `M\0path\0A\0path\0…`. */
export function parseNameStatus(text: string): FileChange[] {
  const parts = text.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const letter = parts[i]!.charAt(0);
    const path = parts[i + 1]!;
    if (path === '') continue;
    changes.push({ path, status: letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified' });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Whether `path` (relative to the top) exists in HEAD. */
export async function inHead(repo: Repository, path: string): Promise<boolean> {
  if (path === '') return true;
  return (await repo.git.exec(['cat-file', '-e', `${repo.head.sha}:${path}`])).code === 0;
}

/** Makes the commit (author and committer from the environment or git config) and returns its id. */
export async function commitTree(repo: Repository, tree: string, message: string): Promise<string> {
  const result = await repo.git.exec(['commit-tree', tree, '-p', repo.head.sha, '-F', '-'], { input: redact(message) });
  if (result.code !== 0) {
    const identity = /Please tell me who you are|empty ident|unable to auto-detect email/i.test(result.stderr);
    throw gitError(['commit-tree', tree], result, identity ? 'git does not know who you are: set `git config user.name "…"` and `git config user.email …` (or GIT_AUTHOR_NAME/EMAIL), then run this again.' : undefined);
  }
  return result.stdout.trim();
}

/** Creates `refs/heads/<branch>` at `commit`; fails (never overwrites) when the branch exists. */
export async function createBranch(repo: Repository, branch: string, commit: string, reason: string): Promise<void> {
  const result = await repo.git.exec(['update-ref', '-m', reason, `refs/heads/${branch}`, commit, '']);
  if (result.code !== 0) {
    throw new MigrateError('BRANCH_EXISTS', `Could not create the branch ${branch}: ${redact(result.stderr.trim())}. Nothing was overwritten; pass another --branch.`, { details: { branch } });
  }
}
