/**
 * Which GitHub repository a remote URL names, and the REST API that serves it.
 *
 * A host counts as GitHub when it is `github.com`, the host of `GITHUB_SERVER_URL` or `GH_HOST`
 * (GitHub Enterprise), or the host `GITHUB_API_URL` belongs to. `GITHUB_REPOSITORY=owner/name` (set by
 * GitHub Actions) overrides the owner and name read from the URL.
 */
import type { Env } from './git.js';

export interface RemoteLocation {
  host: string;
  owner: string;
  repo: string;
}

/** Parses https, ssh, git and scp-like (`git@host:owner/repo.git`) URLs; undefined for a local path. */
export function parseRemoteUrl(url: string): RemoteLocation | undefined {
  const trimmed = url.trim();
  let host: string;
  let path: string;
  const scheme = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/(.+)$/i.exec(trimmed);
  const scp = /^(?:[^@/]+@)?([^/:]+):(?!\/)(.+)$/.exec(trimmed);
  if (scheme) [, host, path] = scheme as unknown as [string, string, string];
  else if (scp && !/^[A-Za-z]:[\\/]/.test(trimmed)) [, host, path] = scp as unknown as [string, string, string];
  else return undefined;
  const parts = path.replace(/\/+$/, '').replace(/\.git$/i, '').split('/').filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  return { host: host.toLowerCase(), owner: parts[parts.length - 2]!, repo: parts[parts.length - 1]! };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Hosts known to be GitHub from the environment. */
export function githubHosts(env: Env): Set<string> {
  const hosts = new Set(['github.com']);
  const server = hostOf(env['GITHUB_SERVER_URL']);
  if (server) hosts.add(server);
  if (env['GH_HOST']) hosts.add(env['GH_HOST'].toLowerCase());
  const api = hostOf(env['GITHUB_API_URL']);
  if (api) hosts.add(api.replace(/^api\./, ''));
  return hosts;
}

/** The repository a remote names, with `GITHUB_REPOSITORY` applied. */
export function githubLocation(url: string | undefined, env: Env): RemoteLocation | undefined {
  const parsed = url === undefined ? undefined : parseRemoteUrl(url);
  const override = /^([^/\s]+)\/([^/\s]+)$/.exec(env['GITHUB_REPOSITORY'] ?? '');
  if (override) return { host: parsed?.host ?? hostOf(env['GITHUB_SERVER_URL']) ?? 'github.com', owner: override[1]!, repo: override[2]! };
  return parsed;
}

/** `GITHUB_API_URL`, else `https://api.github.com` for github.com, else `https://<host>/api/v3` (Enterprise). */
export function apiBaseUrl(host: string, env: Env): string {
  const configured = env['GITHUB_API_URL'];
  if (configured) return configured.replace(/\/+$/, '');
  return host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`;
}

/** The web page of a repository, for printed instructions. */
export function webUrl(location: RemoteLocation): string {
  return `https://${location.host}/${location.owner}/${location.repo}`;
}
