/**
 * The git repository that contains a run's output: its top, its HEAD (commit, branch, upstream) and
 * its remotes. Read-only: nothing here changes the repository.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { MigrateError } from '../errors.js';
import type { ProcessRunner } from '../process/process-runner.js';
import { Git, type Env } from './git.js';

export interface RepoHead {
  /** The commit HEAD points at: the parent of every commit made. */
  sha: string;
  /** The checked-out branch; undefined on a detached HEAD. */
  branch?: string;
  /** The branch's upstream (`branch.<name>.remote` / `.merge`), when set. */
  upstream?: { remote: string; branch: string };
}

export interface Repository {
  /** Absolute, real path of the work tree's top. */
  top: string;
  git: Git;
  head: RepoHead;
  remotes: string[];
}

/** Finds the repository containing `path` (which need not exist: its nearest existing parent is used). */
export async function openRepository(path: string, runner: ProcessRunner, env: Env = {}): Promise<Repository> {
  const start = await nearestDirectory(path);
  const probe = new Git(runner, start, env);
  const top = await probe.tryOut(['rev-parse', '--show-toplevel']);
  if (!top) {
    throw new MigrateError(
      'NOT_A_REPOSITORY',
      `${path} is not inside a git work tree, so there is no repository to branch and commit in. Run \`git init\` and commit a first version in (or above) that directory, or write the output inside a repository.`,
      { details: { path } },
    );
  }
  const realTop = await realpath(top);
  const git = probe.at(realTop);
  const sha = await git.tryOut(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!sha) {
    throw new MigrateError('NOT_A_REPOSITORY', `The repository at ${realTop} has no commit yet, so there is no HEAD to branch from. Commit a first version, then run this again.`, {
      details: { top: realTop },
    });
  }
  const branch = await git.tryOut(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const head: RepoHead = { sha, ...(branch ? { branch } : {}) };
  if (branch) {
    const remote = await git.tryOut(['config', '--get', `branch.${branch}.remote`]);
    const merge = await git.tryOut(['config', '--get', `branch.${branch}.merge`]);
    if (remote && remote !== '.' && merge?.startsWith('refs/heads/')) head.upstream = { remote, branch: merge.slice('refs/heads/'.length) };
  }
  const remotes = (await git.out(['remote'])).split('\n').filter((r) => r !== '');
  return { top: realTop, git, head, remotes };
}

/** The remote to push to: the one asked for, else the branch's upstream remote, else `origin`, else the only one. */
export function chooseRemote(repo: Repository, asked?: string): string | undefined {
  if (asked !== undefined) {
    if (!repo.remotes.includes(asked)) {
      throw new MigrateError('BAD_OPTION', `--remote ${asked}: the repository has no remote of that name (it has ${repo.remotes.length > 0 ? repo.remotes.join(', ') : 'none'}). Add it with \`git remote add ${asked} <url>\`.`);
    }
    return asked;
  }
  if (repo.head.upstream && repo.remotes.includes(repo.head.upstream.remote)) return repo.head.upstream.remote;
  if (repo.remotes.includes('origin')) return 'origin';
  return repo.remotes.length === 1 ? repo.remotes[0] : undefined;
}

/** The remote's URL as configured (before `insteadOf` rewriting), which names the hosting service. */
export async function remoteUrl(repo: Repository, remote: string): Promise<string | undefined> {
  return repo.git.tryOut(['config', '--get', `remote.${remote}.url`]);
}

/**
 * `path` relative to `top`, posix, when it lies inside (`''` is `top` itself); undefined when it lies
 * outside. A name that merely starts with `..` (a folder `..foo`) is inside.
 */
export function insideRel(top: string, path: string): string | undefined {
  const rel = relative(top, path);
  if (isAbsolute(rel)) return undefined;
  const posixRel = sep === '/' ? rel : rel.split(sep).join('/');
  return posixRel === '..' || posixRel.startsWith('../') ? undefined : posixRel;
}

/** `path` relative to the repository top, posix; throws when it lies outside. `''` is the top itself. */
export async function repoRelative(repo: Repository, path: string): Promise<string> {
  const rel = insideRel(repo.top, await realExisting(path));
  if (rel === undefined) {
    throw new MigrateError('BAD_INPUT', `${path} is outside the repository at ${repo.top}; a pull request can only hold files of one repository.`, { details: { path, top: repo.top } });
  }
  return rel;
}

/** realpath of the nearest existing ancestor, with the missing tail appended (paths of deleted files). */
export async function realExisting(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return `${await realExisting(parent)}${sep}${path.slice(parent.length).replace(/^[/\\]+/, '')}`;
  }
}

/** `path` when it is a directory, else its nearest existing ancestor directory. */
export async function nearestDirectory(path: string): Promise<string> {
  for (let current = path; ; current = dirname(current)) {
    try {
      if ((await stat(current)).isDirectory()) return current;
    } catch {
      // missing: try the parent
    }
    if (dirname(current) === current) return current;
  }
}
