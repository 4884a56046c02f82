/**
 * Runs you can trust (issue 11), through the built CLI against the fake server: stored answers replay byte for
 * byte, one writer per run and per output, no paid call counted twice or lost, a full disk stops the run.
 * Damaged state: trust-state.test.ts; the question and bad input: trust-input.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, waitFor } from '../helpers/cli.js';
import { answers, journal, killAfter, noStackTrace, project, prompts, runId, writerServer } from '../helpers/trust.js';

const t = writerServer();

describe('stored answers are exactly what the model said', () => {
  it('an answer that looks like a secret round-trips through resume byte for byte', async () => {
    const cwd = await project();
    const tricky = 'pub fn f(req: &mut Req) { req.header("x-api-key: abcdefgh12345\\""); } // Bearer abcdefghijkl';
    t.answer = (req) => (req.lastUserText === 'task 1' ? tricky : `done: ${req.lastUserText}`);
    const first = await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '3'], { cwd, env: t.server.env() });
    expect(first.code).toBe(0);
    expect(await readFile(join(cwd, 'out', '1.txt'), 'utf8')).toBe(tricky);
    const id = await runId(cwd);
    await writeFile(join(cwd, 'out', '1.txt'), 'overwritten');
    t.server.clearRequests();
    const again = await runCli(['resume', id, '--yes'], { cwd, env: t.server.env() });
    expect(again.stderr).not.toMatch(/JOURNAL_CORRUPT|damaged/);
    expect(again.code).toBe(0);
    expect(prompts(t.server)).toEqual([]);
    expect(await readFile(join(cwd, 'out', '1.txt'), 'utf8')).toBe(tricky);
    const listed = JSON.parse((await runCli(['runs', '--json'], { cwd })).stdout) as Array<{ id: string; status: string }>;
    expect(listed).toEqual([expect.objectContaining({ id, status: 'completed' })]);
  });
});

describe('one writer per run and per output', () => {
  it('two resumes started together: one is refused naming the holder, and the model is asked only for the calls left', async () => {
    const cwd = await project();
    t.answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 200 });
    await killAfter(spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '2'], { cwd, env: t.server.env() }), cwd, 3);
    const id = await runId(cwd);
    const done = new Set((await journal(cwd, id)).filter((l) => l.type === 'attempt').map((l) => l.answer!.replace('done: ', '')));
    t.server.clearRequests();
    // Slow enough that the first resume still holds the run when the second one starts, even on a loaded machine.
    t.answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 1000 });
    const [a, b] = await Promise.all([runCli(['resume', id, '--yes'], { cwd, env: t.server.env() }), runCli(['resume', id, '--yes'], { cwd, env: t.server.env() })]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 2]);
    const refused = a.code === 2 ? a : b;
    expect(refused.stderr).toMatch(new RegExp(`Run ${id} is in use by migrate resume ${id} \\(process \\d+ on `));
    noStackTrace(refused.stderr);
    expect(prompts(t.server).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `task ${i}`).filter((p) => !done.has(p)).sort());
  });

  it('a second run into the same output is refused before it spends anything', async () => {
    const cwd = await project();
    t.answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 800 });
    const first = spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '1', '--', '--n', '6'], { cwd, env: t.server.env() });
    await waitFor(() => t.server.messageRequests().length > 0, 15_000, 'the first run to start');
    const second = await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '6'], { cwd, env: t.server.env() });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/The output directory .*out is in use by run \S+ \(process \d+/);
    noStackTrace(second.stderr);
    expect((await first.done).code).toBe(0);
    // The refused run sent nothing: the first run's 6 calls are all there were.
    expect(prompts(t.server).sort()).toEqual(['task 0', 'task 1', 'task 2', 'task 3', 'task 4', 'task 5']);
  });
});

describe('paid calls count exactly once', () => {
  it('kill -9 again and again on a 32-slot run: no answer received before a kill is paid for twice', async () => {
    const cwd = await project();
    t.answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 60 });
    const kills: number[] = [];
    let args = ['run', 'recipe.mjs', '--yes', '--concurrency', '32', '--', '--n', '240'];
    for (let k = 1; k <= 5; k++) {
      kills.push(await killAfter(spawnCli(args, { cwd, env: t.server.env() }), cwd, k * 40));
      args = ['resume', await runId(cwd), '--yes'];
    }
    const last = await runCli(args, { cwd, env: t.server.env() });
    expect(last.code).toBe(0);
    const requests = t.server.messageRequests();
    const byPrompt = new Map<string, typeof requests>();
    prompts(t.server).forEach((p, i) => byPrompt.set(p, [...(byPrompt.get(p) ?? []), requests[i]!]));
    expect(byPrompt.size).toBe(240);
    let paidTwice = 0;
    for (const sent of byPrompt.values()) {
      for (const earlier of sent.slice(0, -1)) {
        if (earlier.status !== 200) continue; // never answered: not paid
        const kill = kills.find((t) => t >= earlier.time)!;
        // Answered well before the kill, it must have been journaled: asking again would pay twice.
        if (kill - earlier.endedAt > 500) paidTwice++;
      }
    }
    expect(paidTwice).toBe(0);
    expect(requests.length - 240).toBeLessThanOrEqual(kills.length * 32);
  });

  it('the agent cap holds across a kill: --max-agents 10 means at most 10 calls reach the model', async () => {
    const cwd = await project();
    t.answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 150 });
    await killAfter(spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '8', '--max-agents', '10', '--', '--n', '30'], { cwd, env: t.server.env() }), cwd, 4);
    const id = await runId(cwd);
    const resumed = await runCli(['resume', id, '--yes'], { cwd, env: t.server.env() });
    expect(resumed.code).toBe(5); // its own exit code: resumable with a higher cap
    expect(resumed.stderr).toMatch(/Agent cap reached.*migrate resume \S+ --max-agents <N>/);
    expect(JSON.parse((await runCli(['status', id, '--json'], { cwd })).stdout).status).toBe('agent-cap');
    expect(t.server.messageRequests().length).toBeLessThanOrEqual(10);
  });
});

/** Whether this process may mount a small tmpfs (root on Linux): the real way to fill a disk. */
function tmpfs(sizeKb: number): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'mk-full-'));
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]).status === 0 ? dir : undefined;
}
const canMount = (() => {
  const probe = tmpfs(64);
  if (probe) spawnSync('umount', [probe]);
  return probe !== undefined;
})();

describe('a full disk', () => {
  // Without root the same failure is injected through the store interface: test/workflow/accounting.test.ts.
  it.skipIf(!canMount)('stops the run at once with the path and errno, loses nothing journaled, and resumes from a copy', async () => {
    const cwd = await project();
    const state = tmpfs(192)!;
    try {
      t.answer = (req) => ({ text: `done: ${req.lastUserText} ${'x'.repeat(6000)}`, delayMs: 5 });
      const full = await runCli(['run', 'recipe.mjs', '--yes', '--concurrency', '4', '--state-dir', state, '--', '--n', '80'], { cwd, env: t.server.env() });
      expect(full.code).toBe(3);
      expect(full.stderr).toMatch(/Could not write the journal .*journal\.jsonl \(ENOSPC\)/);
      noStackTrace(full.stderr);
      const paid = t.server.messageRequests().length;
      expect(paid).toBeLessThan(80);
      const copy = await mkdtemp(join(tmpdir(), 'mk-state-'));
      await cp(state, copy, { recursive: true });
      const [id] = await readdir(join(copy, 'runs'));
      const journaled = (await readFile(join(copy, 'runs', id!, 'journal.jsonl'), 'utf8')).split('\n').filter((l) => l.endsWith('}') && l.includes('"type":"attempt"')).length;
      expect(paid - journaled).toBeLessThanOrEqual(4); // at most the calls in flight when the disk filled
      t.server.clearRequests();
      const resumed = await runCli(['resume', id!, '--yes', '--state-dir', copy], { cwd, env: t.server.env() });
      expect(resumed.code).toBe(0);
      expect(t.server.messageRequests()).toHaveLength(80 - journaled);
    } finally {
      spawnSync('umount', [state]);
    }
  });
});
