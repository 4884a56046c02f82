/**
 * `migrate pr` run again makes nothing new: a branch of the default name (or a `-N` one of it) whose commit
 * has the same tree and the same parent is reused and reported up to date; pr.md and the patch are written
 * again; a push and an opening happen only when they have not happened yet.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPullRequests } from '../../src/git/pull-requests.js';
import type { ChangesSource, PrOptions } from '../../src/git/types.js';
import { NodeProcessRunner } from '../../src/process/process-runner.js';
import { git, makeProject, TOKEN, type Project } from './helpers.js';

const runner = new NodeProcessRunner();
const reportOf = (p: Project): ChangesSource => ({ kind: 'report', report: structuredClone(p.report), file: p.reportFile });
const pr = (p: Project, options: PrOptions = {}, env = p.env) => createPullRequests(p.run, reportOf(p), options, { runner, env });
const branches = (p: Project): string[] => p.g('for-each-ref', '--format=%(refname:lstrip=2)', 'refs/heads/migrate').split('\n').filter(Boolean);
const remoteSha = (p: Project, branch: string): string => git(p.root, p.env, 'ls-remote', p.bare, `refs/heads/${branch}`).split('\t')[0] ?? '';

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

describe('migrate pr run twice', () => {
  it('reuses the branch that already holds the same tree on the same parent, and writes pr.md and the patch again', async () => {
    const p = await makeProject();
    const first = await pr(p);
    const made = first.prs[0]!;
    await rm(made.bodyFile);
    await rm(made.patchFile);

    const logs: string[] = [];
    const again = await createPullRequests(p.run, reportOf(p), { title: 'Another title' }, { runner, env: p.env, log: (l) => logs.push(l) });
    expect(again.prs[0]).toMatchObject({ branch: made.branch, commit: made.commit, upToDate: true });
    expect(branches(p)).toEqual(['migrate/zig-to-rust/src']);
    expect(again.notes.join('\n')).not.toContain('exists already');
    expect(logs.join('\n')).toContain(`Branch ${made.branch} is up to date`);
    expect(existsSync(made.bodyFile)).toBe(true);
    expect(existsSync(made.patchFile)).toBe(true);
  });

  it('still pushes a reused branch that is not on the remote yet, and does not push it twice', async () => {
    const p = await makeProject();
    const first = await pr(p);
    const pushed = await pr(p, { push: true });
    expect(pushed.prs[0]).toMatchObject({ branch: first.prs[0]!.branch, upToDate: true, pushed: { remote: 'origin', branch: first.prs[0]!.branch } });
    expect(remoteSha(p, first.prs[0]!.branch)).toBe(first.prs[0]!.commit);
    const third = await pr(p, { push: true });
    expect(third.prs[0]).toMatchObject({ branch: first.prs[0]!.branch, upToDate: true, pushed: { remote: 'origin', branch: first.prs[0]!.branch } });
    expect(branches(p)).toEqual(['migrate/zig-to-rust/src']);
  });

  it('finds an up-to-date -N branch, and makes a new one when the output or HEAD changed', async () => {
    const p = await makeProject();
    // someone else's branch of the default name
    p.g('branch', 'migrate/zig-to-rust/src', p.mainSha);
    const first = await pr(p);
    expect(first.prs[0]!.branch).toBe('migrate/zig-to-rust/src-2');
    const again = await pr(p);
    expect(again.prs[0]).toMatchObject({ branch: 'migrate/zig-to-rust/src-2', upToDate: true });

    await writeFile(join(p.work, 'port', 'src', 'util.rs'), 'pub fn add(a: u32, b: u32) -> u32 {\n    b + a\n}\n');
    const changed = await pr(p);
    expect(changed.prs[0]!.branch).toBe('migrate/zig-to-rust/src-3');
    expect(changed.prs[0]!.upToDate).toBeUndefined();

    p.g('commit', '-q', '--allow-empty', '-m', 'more feature work');
    const moved = await createPullRequests({ ...p.run }, reportOf(p), {}, { runner, env: p.env });
    expect(moved.prs[0]!.branch).toBe('migrate/zig-to-rust/src-4');
  });

  it('does not open the pull request again once it is open', async () => {
    const p = await makeProject();
    p.g('remote', 'set-url', 'origin', 'https://github.com/acme/widgets.git');
    p.g('config', `url.${p.bare}.insteadOf`, 'https://github.com/acme/widgets.git');
    const requests: unknown[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        requests.push(req.url);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ number: 12, html_url: 'https://github.com/acme/widgets/pull/12' }));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = { ...p.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    const first = await pr(p, {}, env);
    expect(first.prs[0]).toMatchObject({ via: 'rest', url: 'https://github.com/acme/widgets/pull/12' });
    const again = await pr(p, {}, env);
    expect(again.prs[0]).toMatchObject({ branch: first.prs[0]!.branch, upToDate: true, via: 'rest', url: 'https://github.com/acme/widgets/pull/12', number: 12 });
    expect(again.prs[0]!.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(JSON.parse(await readFile(join(p.run.dir, 'pr.json'), 'utf8')).prs[0].url).toBe('https://github.com/acme/widgets/pull/12');
  });
});
