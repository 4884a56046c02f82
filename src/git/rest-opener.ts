/** Opens pull requests through the GitHub REST API with `@octokit/rest` and a token (`GITHUB_TOKEN`). */
import { Octokit } from '@octokit/rest';
import { MigrateError } from '../errors.js';
import { redact, registerSecret } from '../redact.js';
import type { RemoteLocation } from './github-remote.js';
import type { OpenedPullRequest, PullRequestOpener, PullRequestSpec } from './opener.js';

export interface RestOpenerOptions {
  /** The API root: `https://api.github.com`, `https://ghe.example.com/api/v3`, or a test server. */
  baseUrl: string;
  token: string;
  location: RemoteLocation;
  /** Warnings from octokit, redacted. Default: dropped. */
  warn?: (message: string) => void;
  /** Milliseconds per request. Default 60000. */
  timeoutMs?: number;
}

export class RestOpener implements PullRequestOpener {
  readonly via = 'rest' as const;
  readonly describe: string;
  private readonly octokit: Octokit;

  constructor(private readonly options: RestOpenerOptions) {
    registerSecret(options.token);
    this.describe = `the GitHub REST API at ${options.baseUrl} for ${options.location.owner}/${options.location.repo}`;
    const warn = (message: string): void => options.warn?.(redact(String(message)));
    const quiet = (): void => undefined;
    this.octokit = new Octokit({ auth: options.token, baseUrl: options.baseUrl, userAgent: 'migrate-kit', log: { debug: quiet, info: quiet, warn, error: warn } });
  }

  async open(spec: PullRequestSpec): Promise<OpenedPullRequest> {
    const { owner, repo } = this.options.location;
    try {
      const response = await this.octokit.rest.pulls.create({
        owner,
        repo,
        title: spec.title,
        head: spec.head,
        base: spec.base,
        body: spec.body,
        draft: spec.draft,
        request: { signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000) },
      });
      return { url: response.data.html_url, number: response.data.number };
    } catch (error) {
      const status = (error as { status?: number }).status;
      const data = (error as { response?: { data?: { message?: string; errors?: Array<{ message?: string; code?: string }> } } }).response?.data;
      const detail = [data?.message, ...(data?.errors ?? []).map((e) => e.message ?? e.code)].filter(Boolean).join('; ') || (error as Error).message;
      const hint =
        status === 401 ? ' Check GITHUB_TOKEN: it was refused.'
        : status === 403 || status === 404 ? ` Check that the token may open pull requests on ${owner}/${repo} (scope "repo" or "pull_requests: write").`
        : status === 422 ? ` Check that ${spec.base} exists on GitHub and that no pull request is open for ${spec.head} already.`
        : '';
      throw new MigrateError('PR_OPEN_FAILED', redact(`GitHub ${status ? `answered ${status}` : 'could not be reached'} when opening the pull request: ${detail}.${hint}`), {
        cause: error,
        details: { via: 'rest', status },
      });
    }
  }
}
