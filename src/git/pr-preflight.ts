/**
 * Before a run with `--pr` starts (hours of work, paid for), the check that `migrate pr` will be able to
 * branch and commit at the end: each directory, or its nearest existing ancestor when it does not exist
 * yet (an output the run will create), is inside a git work tree whose HEAD has a commit, and git runs.
 */
import { resolve } from 'node:path';
import { MigrateError, isMigrateError } from '../errors.js';
import type { ProcessRunner } from '../process/process-runner.js';
import { Git, type Env } from './git.js';
import { nearestDirectory } from './repository.js';

/** Throws `NOT_A_REPOSITORY` naming the first directory that fails, and what to do. */
export async function assertCanMakePr(dirs: readonly string[], runner: ProcessRunner, env: Env = {}): Promise<void> {
  for (const dir of [...new Set(dirs.map((d) => resolve(d)))]) {
    const start = await nearestDirectory(dir);
    const where = start === dir ? dir : `${dir} (its nearest existing folder ${start})`;
    const git = new Git(runner, start, env);
    let inside: string | undefined;
    try {
      inside = await git.tryOut(['rev-parse', '--is-inside-work-tree']);
    } catch (error) {
      if (isMigrateError(error, 'GIT_FAILED') && isMigrateError((error as MigrateError).cause, 'COMMAND_NOT_FOUND')) {
        throw new MigrateError('NOT_A_REPOSITORY', `A pull request needs git, but \`git\` was not found on PATH. Install git (2.25 or newer) and try again, or leave --pr out.`, { cause: error, details: { path: dir } });
      }
      throw error;
    }
    if (inside !== 'true') {
      throw new MigrateError(
        'NOT_A_REPOSITORY',
        `A pull request is made in the git repository that holds the output, but ${where} is not inside a git work tree. Run \`git init\` and commit a first version in (or above) ${start}, write the output inside a repository, or leave --pr out (\`migrate pr <runId>\` can make it later).`,
        { details: { path: dir, checked: start } },
      );
    }
    if ((await git.tryOut(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])) === undefined) {
      const top = (await git.tryOut(['rev-parse', '--show-toplevel'])) ?? start;
      throw new MigrateError(
        'NOT_A_REPOSITORY',
        `The repository at ${top}, which holds ${dir}, has no commit yet, so there is no HEAD to branch from for a pull request. Commit a first version (\`git commit --allow-empty -m init\` will do), or leave --pr out.`,
        { details: { path: dir, top } },
      );
    }
  }
}
