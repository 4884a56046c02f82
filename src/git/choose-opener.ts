/**
 * The first way of opening a pull request that applies: `gh` installed and logged in to the remote's
 * host → `gh pr create`; else a token (`GITHUB_TOKEN` or `GH_TOKEN`) and a GitHub remote → the REST
 * API; else none (offline: the branch, `pr.md` and a `.patch`).
 */
import type { ProcessRunner } from '../process/process-runner.js';
import type { Env } from './git.js';
import { GhOpener, ghReady } from './gh-opener.js';
import { apiBaseUrl, githubHosts, githubLocation, type RemoteLocation } from './github-remote.js';
import type { PullRequestOpener } from './opener.js';
import { RestOpener } from './rest-opener.js';

export interface OpenerChoice {
  opener?: PullRequestOpener;
  location?: RemoteLocation;
  /** Why no opener applies (or which one was taken). */
  reason: string;
}

export interface ChooseOpenerInput {
  runner: ProcessRunner;
  cwd: string;
  env: Env;
  /** The remote's configured URL; undefined when there is no remote. */
  remoteUrl?: string;
  remote?: string;
  warn?: (message: string) => void;
}

export async function chooseOpener(input: ChooseOpenerInput): Promise<OpenerChoice> {
  if (input.remote === undefined || input.remoteUrl === undefined) return { reason: 'the repository has no remote to push to' };
  const location = githubLocation(input.remoteUrl, input.env);
  if (!location) return { reason: `the remote "${input.remote}" is not a GitHub repository URL` };
  const gh = await ghReady(input.runner, input.cwd, input.env, location.host);
  if (gh === 'ready') return { opener: new GhOpener(input.runner, input.cwd, input.env, location), location, reason: 'gh is logged in' };
  const token = input.env['GITHUB_TOKEN'] || input.env['GH_TOKEN'];
  const ghWhy = gh === 'missing' ? 'gh is not installed' : `gh is not logged in to ${location.host}`;
  if (!token) return { location, reason: `${ghWhy} and GITHUB_TOKEN is not set` };
  if (!githubHosts(input.env).has(location.host)) {
    return { location, reason: `${ghWhy}, and ${location.host} is not a known GitHub host (set GITHUB_SERVER_URL or GITHUB_API_URL for GitHub Enterprise)` };
  }
  const opener = new RestOpener({ baseUrl: apiBaseUrl(location.host, input.env), token, location, ...(input.warn ? { warn: input.warn } : {}) });
  return { opener, location, reason: `${ghWhy}; GITHUB_TOKEN is set` };
}
