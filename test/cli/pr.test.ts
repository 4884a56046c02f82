/** `migrate pr <runId>` and `--pr`, run as a user would: the built CLI as a child process. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../src/testing/index.js';
import { fakeGh, git, makeProject, TOKEN, touch, type Project } from '../git/helpers.js';
import { runCli } from '../helpers/cli.js';

/** The project's hermetic environment for a child process (the helper drops empty values). */
function cliEnv(p: Project, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries({ ...p.env, ...extra }).map(([k, v]) => [k, v ?? '']));
}

describe('migrate pr', () => {
  it('makes the branch, pr.md and a patch from a run, offline, and prints what to do next', async () => {
    const p = await makeProject();
    const result = await runCli(['pr', p.run.id], { cwd: p.work, env: cliEnv(p) });
    expect(result.stderr).not.toContain('migrate:');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Run ${p.run.id}: 1 branch from HEAD ${p.featureSha.slice(0, 10)} (feature)`);
    expect(result.stdout).toContain('migrate/zig-to-rust/src  commit');
    expect(result.stdout).toContain('6 files (+');
    expect(result.stdout).toContain(`body    ${join(p.run.dir, 'pr.md')}`);
    expect(result.stdout).toContain('No pull request was opened: the remote "origin" is not a GitHub repository URL. To open it:');
    expect(result.stdout).toContain('git push origin migrate/zig-to-rust/src');
    expect(p.g('rev-parse', 'migrate/zig-to-rust/src^')).toBe(p.featureSha);
    expect(p.g('symbolic-ref', '--short', 'HEAD')).toBe('feature');
    expect(await readFile(join(p.run.dir, 'pr.md'), 'utf8')).toContain('### Remaining TODO(port) (2)');

    // again, as JSON and pushed: the branch holds the same tree on the same parent, so it is reused and pushed
    const json = await runCli(['pr', p.run.id, '--json', '--push', '--title', 'Port src'], { cwd: p.work, env: cliEnv(p) });
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout) as { prs: Array<{ branch: string; title: string; pushed: unknown; commit: string; upToDate?: boolean }>; leftOut: unknown[] };
    expect(summary.prs[0]).toMatchObject({ branch: 'migrate/zig-to-rust/src', title: 'Port src', upToDate: true, pushed: { remote: 'origin', branch: 'migrate/zig-to-rust/src' } });
    expect(summary.leftOut).toEqual([]);
    expect(git(p.root, p.env, 'ls-remote', p.bare, 'refs/heads/migrate/zig-to-rust/src')).toContain(summary.prs[0]!.commit);
    expect(p.g('for-each-ref', '--format=%(refname)', 'refs/heads/migrate')).toBe('refs/heads/migrate/zig-to-rust/src');
    const third = await runCli(['pr', p.run.id], { cwd: p.work, env: cliEnv(p) });
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('migrate/zig-to-rust/src  up to date: commit');
  });

  it('exits 2 with a clear message for an unknown run, a dirty output tree, and contradicting options', async () => {
    const p = await makeProject({ outputInHead: true });
    const unknown = await runCli(['pr', 'no-such-run'], { cwd: p.work, env: cliEnv(p) });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No run "no-such-run"');

    await writeFile(join(p.work, 'port', 'NOTES.md'), 'edited by hand\n');
    await touch(join(p.work, 'port', 'NOTES.md'), new Date('2021-06-01T00:00:00Z'));
    const dirty = await runCli(['pr', p.run.id], { cwd: p.work, env: cliEnv(p) });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('Refusing to commit the output of run');
    expect(dirty.stderr).toContain('port/NOTES.md');
    expect(p.g('for-each-ref', 'refs/heads/migrate')).toBe('');
    const allowed = await runCli(['pr', p.run.id, '--allow-dirty'], { cwd: p.work, env: cliEnv(p) });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('--allow-dirty: including 1 change');

    const both = await runCli(['pr', p.run.id, '--offline', '--push'], { cwd: p.work, env: cliEnv(p) });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--offline and --push contradict each other');
    const help = await runCli(['pr', '--help'], { cwd: p.work, env: cliEnv(p) });
    for (const option of ['--base', '--branch', '--per-item', '--push', '--remote', '--draft', '--title', '--allow-dirty', '--offline']) expect(help.stdout).toContain(option);
  });

  it('opens the PR through the REST API with GITHUB_TOKEN; the token never reaches the terminal', async () => {
    const p = await makeProject();
    p.g('remote', 'set-url', 'origin', 'https://github.com/acme/widgets.git');
    p.g('config', `url.${p.bare}.insteadOf`, 'https://github.com/acme/widgets.git');
    await fakeGh(p.home, join(p.root, 'gh.log'), { authed: false });
    const bodies: Array<Record<string, unknown>> = [];
    const server: Server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        bodies.push({ url: req.url, auth: req.headers.authorization, ...(JSON.parse(text) as Record<string, unknown>) });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ number: 3, html_url: 'https://github.com/acme/widgets/pull/3' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await runCli(['pr', p.run.id, '--per-item', '--draft'], { cwd: p.work, env: cliEnv(p, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api }) });
      expect(result.stderr).not.toContain('migrate:');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('PR      https://github.com/acme/widgets/pull/3 (GitHub REST API, #3)');
      expect(bodies.map((b) => [b['url'], b['head'], b['base'], b['draft']])).toEqual([
        ['/repos/acme/widgets/pulls', 'migrate/zig-to-rust/src-http', 'feature', true],
        ['/repos/acme/widgets/pulls', 'migrate/zig-to-rust/src-util', 'feature', true],
      ]);
      expect(String(bodies[0]!['auth'])).toContain(TOKEN);
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('--pr on a run', () => {
  let server: FakeAnthropicServer;
  beforeAll(async () => {
    server = await startFakeAnthropicServer({ answer: () => ({ text: 'hello from the model' }) });
  });
  afterAll(() => server.close());

  it('makes the pull request of a custom recipe\'s changes when the run completes', async () => {
    const p = await makeProject();
    await writeFile(
      join(p.work, 'hello.mjs'),
      `import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
export default {
  name: 'hello',
  description: 'writes a greeting',
  async run(ctx) {
    const text = await ctx.agent('Say hello', { label: 'hello' });
    await mkdir(join(ctx.cwd, 'greetings'), { recursive: true });
    await writeFile(join(ctx.cwd, 'greetings', 'hello.txt'), text + '\\n');
    return { changes: { title: 'Add a greeting', body: 'The model said hello.', items: [{ path: 'greetings' }] }, extra: 'not stored' };
  },
};
`,
    );
    const result = await runCli(['run', 'hello.mjs', '--yes', '--pr'], { cwd: p.work, env: cliEnv(p, server.env() as Record<string, string>) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Add a greeting');
    const runs = JSON.parse((await runCli(['runs', '--json'], { cwd: p.work, env: cliEnv(p) })).stdout) as Array<{ id: string; recipe: string }>;
    const id = runs.find((r) => r.recipe === 'hello')!.id;
    const info = JSON.parse(await readFile(join(p.stateDir, 'runs', id, 'run.json'), 'utf8')) as { result: unknown };
    expect(info.result).toEqual({ changes: { title: 'Add a greeting', body: 'The model said hello.', items: [{ path: join(p.work, 'greetings') }] } });
    const branch = 'migrate/hello/greetings';
    expect(p.g('rev-parse', `${branch}^`)).toBe(p.featureSha);
    expect(p.g('diff-tree', '--no-commit-id', '--name-only', '-r', branch)).toBe('greetings/hello.txt');
    expect(p.g('show', `${branch}:greetings/hello.txt`)).toBe('hello from the model');
    expect(await readFile(join(p.stateDir, 'runs', id, 'pr.md'), 'utf8')).toContain('The model said hello.');
  });
});
