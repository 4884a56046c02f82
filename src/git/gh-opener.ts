/** Opens pull requests with the GitHub CLI: `gh pr create`, authenticated by gh itself. */
import { MigrateError } from '../errors.js';
import { redact } from '../redact.js';
import type { ProcessRunner } from '../process/process-runner.js';
import type { Env } from './git.js';
import type { RemoteLocation } from './github-remote.js';
import type { OpenedPullRequest, PullRequestOpener, PullRequestSpec } from './opener.js';

const GH_TIMEOUT_MS = 120_000;

export class GhOpener implements PullRequestOpener {
  readonly via = 'gh' as const;
  readonly describe: string;

  constructor(
    private readonly runner: ProcessRunner,
    private readonly cwd: string,
    private readonly env: Env,
    private readonly location: RemoteLocation,
  ) {
    this.describe = `gh pr create on ${location.host}/${location.owner}/${location.repo}`;
  }

  async open(spec: PullRequestSpec): Promise<OpenedPullRequest> {
    const repo = `${this.location.host}/${this.location.owner}/${this.location.repo}`;
    const args = ['pr', 'create', '--repo', repo, '--base', spec.base, '--head', spec.head, '--title', spec.title, '--body-file', spec.bodyFile, ...(spec.draft ? ['--draft'] : [])];
    const result = await this.runner.run('gh', args, { cwd: this.cwd, env: { ...this.env, GH_PROMPT_DISABLED: '1', NO_COLOR: '1' }, timeoutMs: GH_TIMEOUT_MS });
    if (result.code !== 0) {
      throw new MigrateError('PR_OPEN_FAILED', `\`gh pr create\` failed (exit ${result.code ?? result.signal}): ${redact(result.stderr.trim() || result.stdout.trim())}`, {
        details: { via: 'gh', code: result.code },
      });
    }
    const url = result.stdout.split('\n').map((l) => l.trim()).reverse().find((l) => /^https?:\/\//.test(l)) ?? result.stdout.trim();
    const number = /\/pull\/(\d+)/.exec(url)?.[1];
    return { url, ...(number ? { number: Number(number) } : {}) };
  }
}

/** Whether gh is installed and logged in to `host` (`gh auth status --hostname host` exits 0). */
export async function ghReady(runner: ProcessRunner, cwd: string, env: Env, host: string): Promise<'ready' | 'missing' | 'unauthenticated'> {
  try {
    const result = await runner.run('gh', ['auth', 'status', '--hostname', host], { cwd, env: { ...env, GH_PROMPT_DISABLED: '1', NO_COLOR: '1' }, timeoutMs: 30_000 });
    return result.code === 0 ? 'ready' : 'unauthenticated';
  } catch {
    return 'missing';
  }
}
