/** `assertCanMakePr`: before a run with `--pr` starts, its directories must be in a git work tree with a commit. */
import { mkdir, mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrateError, isMigrateError } from '../../src/errors.js';
import { assertCanMakePr } from '../../src/git/pr-preflight.js';
import { NodeProcessRunner } from '../../src/process/process-runner.js';
import { ScriptedRunner } from '../../src/process/scripted-runner.js';
import { git, hermeticEnv, makeProject } from './helpers.js';

const runner = new NodeProcessRunner();

async function refusal(promise: Promise<unknown>): Promise<MigrateError> {
  try {
    await promise;
  } catch (error) {
    expect(isMigrateError(error, 'NOT_A_REPOSITORY'), String(error)).toBe(true);
    return error as MigrateError;
  }
  throw new Error('expected NOT_A_REPOSITORY');
}

describe('assertCanMakePr', () => {
  it('passes for directories inside a work tree, including an output that does not exist yet', async () => {
    const p = await makeProject();
    await expect(assertCanMakePr([join(p.work, 'src'), join(p.work, 'not-yet', 'port')], runner, p.env)).resolves.toBeUndefined();
  });

  it('names a directory outside any work tree (or its nearest existing folder) and says what to do', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'mk-preflight-')));
    const env = hermeticEnv(join(root, 'home'), { GIT_CEILING_DIRECTORIES: root });
    const plain = join(root, 'plain');
    await mkdir(plain);
    const error = await refusal(assertCanMakePr([join(plain, 'out')], runner, env));
    expect(error.message).toContain(join(plain, 'out'));
    expect(error.message).toContain(`its nearest existing folder ${plain}`);
    expect(error.message).toContain('git init');
    expect(error.details).toMatchObject({ path: join(plain, 'out') });
  });

  it('refuses a repository with no commit yet, and a bare repository', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'mk-preflight-')));
    const env = hermeticEnv(join(root, 'home'), { GIT_CEILING_DIRECTORIES: root });
    git(root, env, 'init', '-q', 'fresh');
    expect((await refusal(assertCanMakePr([join(root, 'fresh')], runner, env))).message).toContain('has no commit yet');
    git(root, env, 'init', '-q', '--bare', 'bare.git');
    expect((await refusal(assertCanMakePr([join(root, 'bare.git')], runner, env))).message).toContain('not inside a git work tree');
  });

  it('says so when git is not installed', async () => {
    const missing = new ScriptedRunner([{ cmd: 'git', error: new MigrateError('COMMAND_NOT_FOUND', 'Expected `git` on PATH'), repeat: true }]);
    const error = await refusal(assertCanMakePr(['/tmp'], missing, {}));
    expect(error.message).toMatch(/git.*not found|install git/i);
  });
});
