/** Runs you can trust (issue 11): damaged state refused by name, and counts that agree, through the built CLI. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { journal, noStackTrace, project, prompts, runId, writerServer } from '../helpers/trust.js';

const t = writerServer();

describe('damaged state is refused by name', () => {
  async function finishedRun(n = 3): Promise<{ cwd: string; id: string; dir: string }> {
    const cwd = await project();
    expect((await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', String(n)], { cwd, env: t.server.env() })).code).toBe(0);
    const id = await runId(cwd);
    return { cwd, id, dir: join(cwd, '.migrate', 'runs', id) };
  }

  it.each([
    ['an empty run.json', () => '', /run\.json is damaged: the file is empty/],
    ['a truncated run.json', (text: string) => text.slice(0, 40), /run\.json is damaged: it is not valid JSON/],
    ['a run.json missing fields', (text: string) => JSON.stringify({ ...JSON.parse(text), settings: undefined, totals: undefined }), /run\.json is damaged: settings: /],
  ])('%s: status and resume say so (exit 2), runs lists it as damaged beside the others', async (_, damage, message) => {
    const { cwd, id, dir } = await finishedRun();
    expect((await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '1'], { cwd, env: t.server.env() })).code).toBe(0);
    await writeFile(join(dir, 'run.json'), damage(await readFile(join(dir, 'run.json'), 'utf8')));
    for (const args of [['status', id], ['resume', id, '--yes']]) {
      const result = await runCli(args, { cwd, env: t.server.env() });
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr).toMatch(message);
      noStackTrace(result.stderr);
    }
    const runs = await runCli(['runs'], { cwd });
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(new RegExp(`${id}\\s.*damaged`));
    expect(runs.stdout).toMatch(/completed/);
    const listed = JSON.parse((await runCli(['runs', '--json'], { cwd })).stdout) as Array<{ id: string; status: string }>;
    expect(listed.map((r) => r.status).sort()).toEqual(['completed', 'damaged']);
  });

  it('a null line in the journal: resume and status refuse it, naming the line', async () => {
    const { cwd, id, dir } = await finishedRun();
    const lines = (await readFile(join(dir, 'journal.jsonl'), 'utf8')).split('\n');
    lines.splice(2, 0, 'null');
    await writeFile(join(dir, 'journal.jsonl'), lines.join('\n'));
    for (const args of [['resume', id, '--yes'], ['status', id]]) {
      const result = await runCli(args, { cwd, env: t.server.env() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Line 3 of the journal .*journal\.jsonl is damaged: it is not a journal entry/);
      noStackTrace(result.stderr);
    }
  });

  it('an emptied journal is not silently paid again: resume refuses with the amount, --repay goes on', async () => {
    const { cwd, id, dir } = await finishedRun();
    await writeFile(join(dir, 'journal.jsonl'), '');
    t.server.clearRequests();
    const refused = await runCli(['resume', id, '--yes'], { cwd, env: t.server.env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/records 3 agent calls but the journal .* holds only 0\. Resuming would send up to 3 of them again and pay about \$\d+\.\d\d again/);
    expect(prompts(t.server)).toEqual([]);
    const repaid = await runCli(['resume', id, '--yes', '--repay'], { cwd, env: t.server.env() });
    expect(repaid.code).toBe(0);
    expect(prompts(t.server)).toHaveLength(3);
  });

  it('a run left "running" by a process that is gone (its pid reused) resumes, taking over the lock with a notice', async () => {
    const { cwd, id, dir } = await finishedRun();
    const info = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
    // The recorded pid is alive (it is this test's process), but it is not the process that held the run.
    await writeFile(join(dir, 'run.json'), JSON.stringify({ ...info, status: 'running', pid: process.pid }));
    await writeFile(join(dir, 'lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), processStart: 'another-boot:1', since: info.startedAt, purpose: `run ${id}`, token: 'old' }));
    expect(JSON.parse((await runCli(['status', id, '--json'], { cwd })).stdout).status).toBe('interrupted');
    const resumed = await runCli(['resume', id, '--yes'], { cwd, env: t.server.env() });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/Took over .*lock from run \S+ \(process \d+, since .*\), which is gone/);
  });
});

describe('counts that agree', () => {
  it('after a 401, calls that never started are not failures, and status agrees with the summary', async () => {
    const cwd = await project();
    let n = 0;
    t.answer = (req) => (++n > 3 ? { status: 401, error: { type: 'authentication_error', message: 'invalid x-api-key' } } : `done: ${req.lastUserText}`);
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--concurrency', '1'], { cwd, env: t.server.env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/agents 4 \(replayed 0, failed 1\)/);
    expect(result.stderr.match(/✗/g) ?? []).toHaveLength(1); // the agent that met the 401; the 6 that never started are not listed as failures
    const status = JSON.parse((await runCli(['status', await runId(cwd), '--json'], { cwd })).stdout);
    expect(status.phases).toEqual([expect.objectContaining({ phase: 'work', agents: 4, ok: 3, failed: 1 })]);
  });

  it('a run that failed calls and then completed on resume shows no failed calls', async () => {
    const cwd = await project();
    t.answer = (req) => (req.lastUserText === 'task 2' ? { status: 400, error: { type: 'invalid_request_error', message: 'prompt is too long' } } : `done: ${req.lastUserText}`);
    expect((await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '4'], { cwd, env: t.server.env() })).code).toBe(1);
    const id = await runId(cwd);
    t.answer = (req) => `done: ${req.lastUserText}`;
    const resumed = await runCli(['resume', id, '--yes'], { cwd, env: t.server.env() });
    expect(resumed.stderr).toMatch(/1 journaled call\(s\)|3 journaled call\(s\) will be answered/);
    expect(resumed.code).toBe(0);
    const status = await runCli(['status', id], { cwd });
    expect(status.stdout).not.toMatch(/failed calls/);
    expect(status.stdout).toMatch(/work\s+5\s+4\s+0/);
  });
});

