/**
 * `migrate pr` as a user runs it (the built CLI): the run's verdict from run.json makes a failed port a
 * draft with the verdict on top, and files the run did not write are left out and listed.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, TOKEN, type Project } from '../git/helpers.js';
import { runCli } from '../helpers/cli.js';

function cliEnv(p: Project, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries({ ...p.env, ...extra }).map(([k, v]) => [k, v ?? '']));
}

async function editRunJson(p: Project, change: (info: Record<string, unknown>) => void): Promise<void> {
  const file = join(p.run.dir, 'run.json');
  const info = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(info);
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`);
}

describe('migrate pr and the run\'s verdict', () => {
  it('opens a draft with the outcome on top when run.json says the port is not ok', async () => {
    const p = await makeProject();
    await editRunJson(p, (info) => (info['outcome'] = { ok: false, summary: 'build fails: 12 errors in 3 files' }));
    p.g('remote', 'set-url', 'origin', 'https://github.com/acme/widgets.git');
    p.g('config', `url.${p.bare}.insteadOf`, 'https://github.com/acme/widgets.git');
    const bodies: Array<Record<string, unknown>> = [];
    const server: Server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(text) as Record<string, unknown>);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ number: 4, html_url: 'https://github.com/acme/widgets/pull/4' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await runCli(['pr', p.run.id], { cwd: p.work, env: cliEnv(p, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api }) });
      expect(result.code, result.stderr).toBe(0);
      expect(bodies).toHaveLength(1);
      expect(bodies[0]!['draft']).toBe(true);
      expect(String(bodies[0]!['body'])).toMatch(/^> \*\*Not ready: build fails: 12 errors in 3 files\.\*\* This pull request is a draft/);
      expect(result.stdout).toContain('(draft)');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('leaves out what the run did not write and lists it, in text and in --json', async () => {
    const p = await makeProject();
    const port = join(p.work, 'port');
    const hash = async (rel: string): Promise<string> => createHash('sha256').update(await readFile(join(port, rel))).digest('hex');
    const files: Record<string, { sha256: string; runId: string }> = {};
    for (const rel of ['Cargo.toml', 'src/lib.rs', 'src/http.rs', 'src/util.rs', 'MIGRATION_REPORT.md']) files[rel] = { sha256: await hash(rel), runId: p.run.id };
    await writeFile(p.reportFile, `${JSON.stringify({ ...p.report, files }, null, 2)}\n`);
    await appendFile(join(port, 'src', 'util.rs'), '// local\n');

    const text = await runCli(['pr', p.run.id], { cwd: p.work, env: cliEnv(p) });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Left out 1 file the run did not write (commit or stash it, or pass --allow-dirty):');
    expect(text.stdout).toContain('  port/src/util.rs: modified after the run wrote it');
    expect(p.g('ls-tree', '-r', '--name-only', 'migrate/zig-to-rust/src', 'port')).not.toContain('util.rs');

    const json = await runCli(['pr', p.run.id, '--json'], { cwd: p.work, env: cliEnv(p) });
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as { leftOut: unknown; prs: Array<{ upToDate?: boolean }> };
    expect(summary.leftOut).toEqual([{ path: 'port/src/util.rs', why: 'modified after the run wrote it' }]);
    expect(summary.prs[0]!.upToDate).toBe(true);
  });
});
