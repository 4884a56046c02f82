/**
 * Opens pull requests through the GitHub REST API (`POST /repos/{owner}/{repo}/pulls`) with a token
 * (`GITHUB_TOKEN`). One request, so plain `fetch` rather than a client library: `@octokit/rest` weighed 18 MB
 * for it and required Node 22 through a dependency.
 */
import { MigrateError } from '../errors.js';
import { redact, registerSecret } from '../redact.js';
import type { RemoteLocation } from './github-remote.js';
import type { OpenedPullRequest, PullRequestOpener, PullRequestSpec } from './opener.js';

export interface RestOpenerOptions {
  /** The API root: `https://api.github.com`, `https://ghe.example.com/api/v3`, or a test server. */
  baseUrl: string;
  token: string;
  location: RemoteLocation;
  /** Warnings (GitHub's deprecation notices), redacted. Default: dropped. */
  warn?: (message: string) => void;
  /** Milliseconds per request. Default 60000. */
  timeoutMs?: number;
}

interface GitHubError {
  message?: string;
  errors?: Array<{ message?: string; code?: string }>;
}

export class RestOpener implements PullRequestOpener {
  readonly via = 'rest' as const;
  readonly describe: string;

  constructor(private readonly options: RestOpenerOptions) {
    registerSecret(options.token);
    this.describe = `the GitHub REST API at ${options.baseUrl} for ${options.location.owner}/${options.location.repo}`;
  }

  async open(spec: PullRequestSpec): Promise<OpenedPullRequest> {
    const { owner, repo } = this.options.location;
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/pulls`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
          'user-agent': 'migrate-kit',
          'x-github-api-version': '2022-11-28',
        },
        body: JSON.stringify({ title: spec.title, head: spec.head, base: spec.base, body: spec.body, draft: spec.draft }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw this.failure(undefined, (error as Error).message, spec, error);
    }
    const deprecation = response.headers.get('deprecation') ?? response.headers.get('warning');
    if (deprecation) this.options.warn?.(redact(`GitHub: ${deprecation}`));
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      const body = (data ?? {}) as GitHubError;
      const detail = [body.message, ...(body.errors ?? []).map((e) => e.message ?? e.code)].filter(Boolean).join('; ') || text.slice(0, 200) || response.statusText;
      throw this.failure(response.status, detail, spec);
    }
    const created = data as { html_url?: unknown; number?: unknown } | undefined;
    if (typeof created?.html_url !== 'string') throw this.failure(response.status, `the answer has no html_url (${text.slice(0, 200)})`, spec);
    return { url: created.html_url, ...(typeof created.number === 'number' ? { number: created.number } : {}) };
  }

  private failure(status: number | undefined, detail: string, spec: PullRequestSpec, cause?: unknown): MigrateError {
    const { owner, repo } = this.options.location;
    const hint =
      status === 401 ? ' Check GITHUB_TOKEN: it was refused.'
      : status === 403 || status === 404 ? ` Check that the token may open pull requests on ${owner}/${repo} (scope "repo" or "pull_requests: write").`
      : status === 422 ? ` Check that ${spec.base} exists on GitHub and that no pull request is open for ${spec.head} already.`
      : '';
    return new MigrateError('PR_OPEN_FAILED', redact(`GitHub ${status ? `answered ${status}` : 'could not be reached'} when opening the pull request: ${detail}.${hint}`), {
      ...(cause !== undefined ? { cause } : {}),
      details: { via: 'rest', ...(status !== undefined ? { status } : {}) },
    });
  }
}
