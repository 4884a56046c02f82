/**
 * Opening the PR: the REST path against a fake GitHub API on 127.0.0.1 (fetch with its base URL),
 * the gh path with a fake `gh` on PATH, and no token anywhere in what is written or logged.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPullRequests } from '../../src/git/pull-requests.js';
import type { ChangesSource } from '../../src/git/types.js';
import { NodeProcessRunner } from '../../src/process/process-runner.js';
import { fakeGh, git, makeProject, TOKEN, type Project } from './helpers.js';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

async function fakeGitHub(status = 201): Promise<{ url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 201 ? { number: 12, html_url: 'https://github.com/acme/widgets/pull/12' } : { message: 'Validation Failed', errors: [{ message: 'A pull request already exists for acme:x.' }] }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** The remote is named by a GitHub URL; git rewrites it (insteadOf) to the local bare repository. */
function githubRemote(p: Project): void {
  p.g('remote', 'set-url', 'origin', 'https://github.com/acme/widgets.git');
  p.g('config', `url.${p.bare}.insteadOf`, 'https://github.com/acme/widgets.git');
}

/** The report with the token planted where a careless recipe might put it. */
function leakyReport(p: Project): ChangesSource {
  const report = structuredClone(p.report);
  report.command = `GITHUB_TOKEN=${TOKEN} migrate zig-to-rust ./src --out ./port`;
  report.items[2]!.error = `push failed: remote said Authorization: token ${TOKEN}`;
  return { kind: 'report', report, file: p.reportFile };
}

async function everythingWritten(p: Project, branch: string, logs: string[]): Promise<string> {
  const prFiles = await Promise.all(['pr.md', 'pr.patch', 'pr.json'].map((f) => readFile(join(p.run.dir, f), 'utf8')));
  const commit = git(p.work, p.env, 'log', '-1', '-p', '--format=%H%n%an%n%B', branch);
  const raw = git(p.work, p.env, 'cat-file', '-p', branch);
  return [...prFiles, commit, raw, ...logs].join('\n');
}

describe('opening the pull request', () => {
  it('uses the REST API with GITHUB_TOKEN when gh is not logged in, and the token appears nowhere', async () => {
    const p = await makeProject();
    githubRemote(p);
    await fakeGh(p.home, join(p.root, 'gh.log'), { authed: false });
    const api = await fakeGitHub();
    const logs: string[] = [];
    const env = { ...p.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url };
    const summary = await createPullRequests(p.run, leakyReport(p), { draft: true, title: 'Port src to Rust' }, { runner: new NodeProcessRunner(), env, log: (l) => logs.push(l) });

    const made = summary.prs[0]!;
    expect(made).toMatchObject({ via: 'rest', url: 'https://github.com/acme/widgets/pull/12', number: 12, pushed: { remote: 'origin', branch: 'migrate/zig-to-rust/src' } });
    expect(api.requests).toHaveLength(1);
    const request = api.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/repos/acme/widgets/pulls');
    expect(request.headers.authorization).toContain(TOKEN);
    const body = await readFile(made.bodyFile, 'utf8');
    expect(request.body).toEqual({ title: 'Port src to Rust', head: 'migrate/zig-to-rust/src', base: 'feature', body, draft: true });
    // the branch is on the remote, at the commit made
    expect(git(p.root, p.env, 'ls-remote', p.bare, 'refs/heads/migrate/zig-to-rust/src').split('\t')[0]).toBe(made.commit);
    // gh was asked first
    expect(await readFile(join(p.root, 'gh.log'), 'utf8')).toContain('"auth","status","--hostname","github.com"');

    const written = await everythingWritten(p, made.branch, logs);
    expect(written).not.toContain(TOKEN);
    expect(body).toContain('[REDACTED]');
  });

  it('reports GitHub refusing the PR with its reason; the branch stays pushed', async () => {
    const p = await makeProject();
    githubRemote(p);
    const api = await fakeGitHub(422);
    const env = { ...p.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url };
    const summary = await createPullRequests(p.run, { kind: 'report', report: p.report, file: p.reportFile }, {}, { runner: new NodeProcessRunner(), env });
    const made = summary.prs[0]!;
    expect(made.pushed).toBeDefined();
    expect(made.url).toBeUndefined();
    expect(made.error).toContain('GitHub answered 422 when opening the pull request: Validation Failed; A pull request already exists for acme:x.');
    expect(made.error).not.toContain(TOKEN);
  });

  it('uses gh pr create when gh is logged in', async () => {
    const p = await makeProject();
    githubRemote(p);
    const log = join(p.root, 'gh.log');
    await fakeGh(p.home, log, { authed: true, url: 'https://github.com/acme/widgets/pull/7' });
    const api = await fakeGitHub();
    const env = { ...p.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url };
    const logs: string[] = [];
    const summary = await createPullRequests(p.run, leakyReport(p), { draft: true }, { runner: new NodeProcessRunner(), env, log: (l) => logs.push(l) });
    const made = summary.prs[0]!;
    expect(made).toMatchObject({ via: 'gh', url: 'https://github.com/acme/widgets/pull/7', number: 7 });
    expect(api.requests).toHaveLength(0);
    const calls = (await readFile(log, 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { args: string[] }).args);
    expect(calls).toEqual([
      ['auth', 'status', '--hostname', 'github.com'],
      ['pr', 'create', '--repo', 'github.com/acme/widgets', '--base', 'feature', '--head', 'migrate/zig-to-rust/src', '--title', 'zig-to-rust: src (3 files)', '--body-file', made.bodyFile, '--draft'],
    ]);
    expect(git(p.root, p.env, 'ls-remote', p.bare, 'refs/heads/migrate/zig-to-rust/src')).toContain(made.commit);
    expect(await everythingWritten(p, made.branch, logs)).not.toContain(TOKEN);
  });

  it('opens a failed port as a draft with the verdict on top (REST), whatever --draft says', async () => {
    const p = await makeProject();
    githubRemote(p);
    const api = await fakeGitHub();
    const env = { ...p.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url };
    const run = { ...p.run, outcome: { ok: false, summary: 'build fails: 12 errors in 3 files' } };
    const summary = await createPullRequests(run, { kind: 'report', report: p.report, file: p.reportFile }, {}, { runner: new NodeProcessRunner(), env });
    const made = summary.prs[0]!;
    expect(made.draft).toBe(true);
    expect(api.requests[0]!.body['draft']).toBe(true);
    const body = await readFile(made.bodyFile, 'utf8');
    expect(body.startsWith('> **Not ready: build fails: 12 errors in 3 files.** This pull request is a draft')).toBe(true);
    expect(api.requests[0]!.body['body']).toBe(body);
    expect(summary.notes.join('\n')).toContain('build fails: 12 errors in 3 files');
    expect(git(p.work, p.env, 'log', '-1', '--format=%B', made.branch)).toContain('Verdict: not ready: build fails: 12 errors in 3 files');
  });

  it('opens a failed port as a draft through gh too; a good one is not a draft and has no warning', async () => {
    const p = await makeProject();
    githubRemote(p);
    const log = join(p.root, 'gh.log');
    await fakeGh(p.home, log, { authed: true });
    const failed = await createPullRequests({ ...p.run, outcome: { ok: false, summary: 'tests: 3/4 passed' } }, { kind: 'report', report: p.report, file: p.reportFile }, { draft: false }, { runner: new NodeProcessRunner(), env: p.env });
    const create = (await readFile(log, 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { args: string[] }).args).filter((args) => args[1] === 'create');
    expect(create).toHaveLength(1);
    expect(create[0]).toContain('--draft');
    expect(await readFile(failed.prs[0]!.bodyFile, 'utf8')).toMatch(/^> \*\*Not ready: tests: 3\/4 passed\.\*\*/);

    const q = await makeProject();
    githubRemote(q);
    const qlog = join(q.root, 'gh.log');
    await fakeGh(q.home, qlog, { authed: true });
    const good = await createPullRequests({ ...q.run, outcome: { ok: true, summary: 'builds, 4/4 tests' } }, { kind: 'report', report: q.report, file: q.reportFile }, {}, { runner: new NodeProcessRunner(), env: q.env });
    const args = (await readFile(qlog, 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { args: string[] }).args).find((a) => a[1] === 'create')!;
    expect(args).not.toContain('--draft');
    expect(good.prs[0]!.draft).toBeUndefined();
    expect(await readFile(good.prs[0]!.bodyFile, 'utf8')).toMatch(/^## zig-to-rust: src/);
  });

  it('stays offline with a GitHub remote but no gh and no token, and says how to open the PR', async () => {
    const p = await makeProject();
    githubRemote(p);
    await fakeGh(p.home, join(p.root, 'gh.log'), { authed: false });
    const summary = await createPullRequests(p.run, { kind: 'report', report: p.report, file: p.reportFile }, {}, { runner: new NodeProcessRunner(), env: p.env });
    expect(summary.prs[0]!.via).toBe('offline');
    expect(summary.prs[0]!.pushed).toBeUndefined();
    expect(summary.offline!.reason).toBe('gh is not logged in to github.com and GITHUB_TOKEN is not set');
    expect(summary.offline!.instructions).toContain('git push origin migrate/zig-to-rust/src');
    expect(summary.offline!.instructions.join('\n')).toContain('https://github.com/acme/widgets/compare/feature...migrate%2Fzig-to-rust%2Fsrc?expand=1');
  });
});
