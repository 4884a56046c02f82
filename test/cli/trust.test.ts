/**
 * Runs you can trust (issue 11), through the built CLI against the fake server: stored answers replay byte for
 * byte, one writer per run and per output, no paid call counted twice or lost, damaged state refused by name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnswer, type FakeAnthropicServer, type FakeRequest } from '../../src/testing/index.js';
import { runCli, spawnCli, waitFor, type CliProcess } from '../helpers/cli.js';

/** N calls; each answer goes into out/<i>.txt as it is, so a replay can be compared byte for byte. `plan()` names the output. */
const WRITER = `export default {
  name: 'writer',
  description: 'n calls, answers written to files',
  plan: ({ args, cwd }) => ({ facts: [['calls', String(args.n ?? 10)]], phases: [], assumptions: [], outputs: [cwd + '/' + (args.out ?? 'out')] }),
  async run(ctx) {
    const n = Number(ctx.args.n ?? 10);
    const out = ctx.workspace(String(ctx.args.out ?? 'out'));
    const outcomes = await ctx.phase('work', () => ctx.parallel(Array.from({ length: n }, (_, i) => async () => {
      const answer = await ctx.agent('task ' + i, { label: 't' + i });
      await out.write(i + '.txt', answer);
      return answer;
    })));
    return { written: outcomes.filter((o) => o.status === 'ok').length };
  },
};
`;

let server: FakeAnthropicServer;
let answer: (req: FakeRequest) => FakeAnswer | string;

beforeAll(async () => {
  server = await startFakeAnthropicServer({ answer: (req) => answer(req) });
});
afterAll(() => server.close());
beforeEach(() => {
  server.clearRequests();
  answer = (req) => `done: ${req.lastUserText}`;
});

async function project(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'mk-trust-'));
  await writeFile(join(cwd, 'recipe.mjs'), WRITER);
  return cwd;
}

const prompts = (): string[] =>
  server.messageRequests().map((r) => {
    const content = (r.body as { messages: Array<{ content: string | Array<{ text: string }> }> }).messages[0]!.content;
    return typeof content === 'string' ? content : content.map((b) => b.text).join('');
  });

async function runId(cwd: string): Promise<string> {
  const ids = await waitFor(async () => {
    const found = await readdir(join(cwd, '.migrate', 'runs')).catch(() => [] as string[]);
    return found.length > 0 ? found : undefined;
  });
  return ids[0]!;
}

async function journal(cwd: string, id: string): Promise<Array<{ type: string; answer?: string }>> {
  const text = await readFile(join(cwd, '.migrate', 'runs', id, 'journal.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l.endsWith('}')).map((l) => JSON.parse(l) as { type: string; answer?: string });
}

const answers = async (cwd: string, id: string): Promise<number> => (await journal(cwd, id)).filter((l) => l.type === 'attempt').length;

/** Starts the command and kills it with SIGKILL once `journaled` answers are on disk; returns when the kill was sent. */
async function killAfter(child: CliProcess, cwd: string, journaled: number): Promise<number> {
  const id = await runId(cwd);
  await waitFor(async () => (await answers(cwd, id)) >= journaled, 30_000, `${journaled} journaled answers`);
  const at = Date.now();
  child.child.kill('SIGKILL');
  await child.done;
  return at;
}

const noStackTrace = (text: string): void => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

describe('stored answers are exactly what the model said', () => {
  it('an answer that looks like a secret round-trips through resume byte for byte', async () => {
    const cwd = await project();
    const tricky = 'pub fn f(req: &mut Req) { req.header("x-api-key: abcdefgh12345\\""); } // Bearer abcdefghijkl';
    answer = (req) => (req.lastUserText === 'task 1' ? tricky : `done: ${req.lastUserText}`);
    const first = await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '3'], { cwd, env: server.env() });
    expect(first.code).toBe(0);
    expect(await readFile(join(cwd, 'out', '1.txt'), 'utf8')).toBe(tricky);
    const id = await runId(cwd);
    await writeFile(join(cwd, 'out', '1.txt'), 'overwritten');
    server.clearRequests();
    const again = await runCli(['resume', id, '--yes'], { cwd, env: server.env() });
    expect(again.stderr).not.toMatch(/JOURNAL_CORRUPT|damaged/);
    expect(again.code).toBe(0);
    expect(prompts()).toEqual([]);
    expect(await readFile(join(cwd, 'out', '1.txt'), 'utf8')).toBe(tricky);
    const listed = JSON.parse((await runCli(['runs', '--json'], { cwd })).stdout) as Array<{ id: string; status: string }>;
    expect(listed).toEqual([expect.objectContaining({ id, status: 'completed' })]);
  });
});

describe('one writer per run and per output', () => {
  it('two resumes started together: one is refused naming the holder, and the model is asked only for the calls left', async () => {
    const cwd = await project();
    answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 200 });
    await killAfter(spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '2'], { cwd, env: server.env() }), cwd, 3);
    const id = await runId(cwd);
    const done = new Set((await journal(cwd, id)).filter((l) => l.type === 'attempt').map((l) => l.answer!.replace('done: ', '')));
    server.clearRequests();
    // Slow enough that the first resume still holds the run when the second one starts, even on a loaded machine.
    answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 1000 });
    const [a, b] = await Promise.all([runCli(['resume', id, '--yes'], { cwd, env: server.env() }), runCli(['resume', id, '--yes'], { cwd, env: server.env() })]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 2]);
    const refused = a.code === 2 ? a : b;
    expect(refused.stderr).toMatch(new RegExp(`Run ${id} is in use by migrate resume ${id} \\(process \\d+ on `));
    noStackTrace(refused.stderr);
    expect(prompts().sort()).toEqual(Array.from({ length: 10 }, (_, i) => `task ${i}`).filter((p) => !done.has(p)).sort());
  });

  it('a second run into the same output is refused before it spends anything', async () => {
    const cwd = await project();
    answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 800 });
    const first = spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '1', '--', '--n', '6'], { cwd, env: server.env() });
    await waitFor(() => server.messageRequests().length > 0, 15_000, 'the first run to start');
    const second = await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '6'], { cwd, env: server.env() });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/The output directory .*out is in use by run \S+ \(process \d+/);
    noStackTrace(second.stderr);
    expect((await first.done).code).toBe(0);
    // The refused run sent nothing: the first run's 6 calls are all there were.
    expect(prompts().sort()).toEqual(['task 0', 'task 1', 'task 2', 'task 3', 'task 4', 'task 5']);
  });
});

describe('paid calls count exactly once', () => {
  it('kill -9 again and again on a 32-slot run: no answer received before a kill is paid for twice', async () => {
    const cwd = await project();
    answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 60 });
    const kills: number[] = [];
    let args = ['run', 'recipe.mjs', '--yes', '--concurrency', '32', '--', '--n', '240'];
    for (let k = 1; k <= 5; k++) {
      kills.push(await killAfter(spawnCli(args, { cwd, env: server.env() }), cwd, k * 40));
      args = ['resume', await runId(cwd), '--yes'];
    }
    const last = await runCli(args, { cwd, env: server.env() });
    expect(last.code).toBe(0);
    const requests = server.messageRequests();
    const byPrompt = new Map<string, typeof requests>();
    prompts().forEach((p, i) => byPrompt.set(p, [...(byPrompt.get(p) ?? []), requests[i]!]));
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
    answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 150 });
    await killAfter(spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '8', '--max-agents', '10', '--', '--n', '30'], { cwd, env: server.env() }), cwd, 4);
    const id = await runId(cwd);
    const resumed = await runCli(['resume', id, '--yes'], { cwd, env: server.env() });
    expect(resumed.code).toBe(5); // its own exit code: resumable with a higher cap
    expect(resumed.stderr).toMatch(/Agent cap reached.*migrate resume \S+ --max-agents <N>/);
    expect(JSON.parse((await runCli(['status', id, '--json'], { cwd })).stdout).status).toBe('agent-cap');
    expect(server.messageRequests().length).toBeLessThanOrEqual(10);
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
      answer = (req) => ({ text: `done: ${req.lastUserText} ${'x'.repeat(6000)}`, delayMs: 5 });
      const full = await runCli(['run', 'recipe.mjs', '--yes', '--concurrency', '4', '--state-dir', state, '--', '--n', '80'], { cwd, env: server.env() });
      expect(full.code).toBe(3);
      expect(full.stderr).toMatch(/Could not write the journal .*journal\.jsonl \(ENOSPC\)/);
      noStackTrace(full.stderr);
      const paid = server.messageRequests().length;
      expect(paid).toBeLessThan(80);
      const copy = await mkdtemp(join(tmpdir(), 'mk-state-'));
      await cp(state, copy, { recursive: true });
      const [id] = await readdir(join(copy, 'runs'));
      const journaled = (await readFile(join(copy, 'runs', id!, 'journal.jsonl'), 'utf8')).split('\n').filter((l) => l.endsWith('}') && l.includes('"type":"attempt"')).length;
      expect(paid - journaled).toBeLessThanOrEqual(4); // at most the calls in flight when the disk filled
      server.clearRequests();
      const resumed = await runCli(['resume', id!, '--yes', '--state-dir', copy], { cwd, env: server.env() });
      expect(resumed.code).toBe(0);
      expect(server.messageRequests()).toHaveLength(80 - journaled);
    } finally {
      spawnSync('umount', [state]);
    }
  });
});

describe('damaged state is refused by name', () => {
  async function finishedRun(n = 3): Promise<{ cwd: string; id: string; dir: string }> {
    const cwd = await project();
    expect((await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', String(n)], { cwd, env: server.env() })).code).toBe(0);
    const id = await runId(cwd);
    return { cwd, id, dir: join(cwd, '.migrate', 'runs', id) };
  }

  it.each([
    ['an empty run.json', () => '', /run\.json is damaged: the file is empty/],
    ['a truncated run.json', (text: string) => text.slice(0, 40), /run\.json is damaged: it is not valid JSON/],
    ['a run.json missing fields', (text: string) => JSON.stringify({ ...JSON.parse(text), settings: undefined, totals: undefined }), /run\.json is damaged: settings: /],
  ])('%s: status and resume say so (exit 2), runs lists it as damaged beside the others', async (_, damage, message) => {
    const { cwd, id, dir } = await finishedRun();
    expect((await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '1'], { cwd, env: server.env() })).code).toBe(0);
    await writeFile(join(dir, 'run.json'), damage(await readFile(join(dir, 'run.json'), 'utf8')));
    for (const args of [['status', id], ['resume', id, '--yes']]) {
      const result = await runCli(args, { cwd, env: server.env() });
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
      const result = await runCli(args, { cwd, env: server.env() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Line 3 of the journal .*journal\.jsonl is damaged: it is not a journal entry/);
      noStackTrace(result.stderr);
    }
  });

  it('an emptied journal is not silently paid again: resume refuses with the amount, --repay goes on', async () => {
    const { cwd, id, dir } = await finishedRun();
    await writeFile(join(dir, 'journal.jsonl'), '');
    server.clearRequests();
    const refused = await runCli(['resume', id, '--yes'], { cwd, env: server.env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/records 3 agent calls but the journal .* holds only 0\. Resuming would send up to 3 of them again and pay about \$\d+\.\d\d again/);
    expect(prompts()).toEqual([]);
    const repaid = await runCli(['resume', id, '--yes', '--repay'], { cwd, env: server.env() });
    expect(repaid.code).toBe(0);
    expect(prompts()).toHaveLength(3);
  });

  it('a run left "running" by a process that is gone (its pid reused) resumes, taking over the lock with a notice', async () => {
    const { cwd, id, dir } = await finishedRun();
    const info = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
    // The recorded pid is alive (it is this test's process), but it is not the process that held the run.
    await writeFile(join(dir, 'run.json'), JSON.stringify({ ...info, status: 'running', pid: process.pid }));
    await writeFile(join(dir, 'lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), processStart: 'another-boot:1', since: info.startedAt, purpose: `run ${id}`, token: 'old' }));
    expect(JSON.parse((await runCli(['status', id, '--json'], { cwd })).stdout).status).toBe('interrupted');
    const resumed = await runCli(['resume', id, '--yes'], { cwd, env: server.env() });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/Took over .*lock from run \S+ \(process \d+, since .*\), which is gone/);
  });
});

describe('counts that agree', () => {
  it('after a 401, calls that never started are not failures, and status agrees with the summary', async () => {
    const cwd = await project();
    let n = 0;
    answer = (req) => (++n > 3 ? { status: 401, error: { type: 'authentication_error', message: 'invalid x-api-key' } } : `done: ${req.lastUserText}`);
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--concurrency', '1'], { cwd, env: server.env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/agents 4 \(replayed 0, failed 1\)/);
    expect(result.stderr.match(/✗/g) ?? []).toHaveLength(1); // the agent that met the 401; the 6 that never started are not listed as failures
    const status = JSON.parse((await runCli(['status', await runId(cwd), '--json'], { cwd })).stdout);
    expect(status.phases).toEqual([expect.objectContaining({ phase: 'work', agents: 4, ok: 3, failed: 1 })]);
  });

  it('a run that failed calls and then completed on resume shows no failed calls', async () => {
    const cwd = await project();
    answer = (req) => (req.lastUserText === 'task 2' ? { status: 400, error: { type: 'invalid_request_error', message: 'prompt is too long' } } : `done: ${req.lastUserText}`);
    expect((await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '4'], { cwd, env: server.env() })).code).toBe(1);
    const id = await runId(cwd);
    answer = (req) => `done: ${req.lastUserText}`;
    const resumed = await runCli(['resume', id, '--yes'], { cwd, env: server.env() });
    expect(resumed.stderr).toMatch(/1 journaled call\(s\)|3 journaled call\(s\) will be answered/);
    expect(resumed.code).toBe(0);
    const status = await runCli(['status', id], { cwd });
    expect(status.stdout).not.toMatch(/failed calls/);
    expect(status.stdout).toMatch(/work\s+5\s+4\s+0/);
  });
});

describe('the confirmation question', () => {
  /** Runs the CLI on a pseudo-terminal (util-linux `script`), typing `keys` once the question is up. */
  async function onTerminal(cwd: string, keys: string): Promise<{ code: number | null; output: string }> {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const child = spawn('script', ['-qec', `${process.execPath} ${BIN} run recipe.mjs`, '/dev/null'], { cwd, env: { ...process.env, ...server.env(), MIGRATE_STATE_DIR: '' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(() => /\[y\/N\]/.test(output), 20_000, 'the question');
    child.stdin.write(keys);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, output };
  }

  it.each([
    ['Ctrl-D', '\x04'],
    ['Ctrl-C', '\x03'],
  ])('%s at [y/N] cancels cleanly: no stack trace, nothing started', async (_, keys) => {
    const cwd = await project();
    const { code, output } = await onTerminal(cwd, keys);
    expect(output).toMatch(/migrate: not started\./);
    expect(output).not.toMatch(/AbortError|\n\s+at /);
    expect(code).toBe(0);
    expect(prompts()).toEqual([]);
  });
});

describe('bad input is found before anything is spent', () => {
  it('--state-dir that is a file: exit 2 before the run starts', async () => {
    const cwd = await project();
    await writeFile(join(cwd, 'state'), 'a file');
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--state-dir', 'state'], { cwd, env: server.env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The state directory must be a directory, but .*state is a file/);
    expect(prompts()).toEqual([]);
  });

  it('--pr with an output outside any git work tree: exit 2 before any call', async () => {
    const cwd = await project();
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--pr'], { cwd, env: server.env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not inside a git work tree/);
    expect(prompts()).toEqual([]);
    expect(existsSync(join(cwd, '.migrate'))).toBe(false);
  });

  it('an unreachable ANTHROPIC_BASE_URL stops the run after a few tries instead of retrying every agent', async () => {
    const cwd = await project();
    const started = Date.now();
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '20'], { cwd, env: { ANTHROPIC_API_KEY: 'sk-test-key-123', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Could not reach the Anthropic API at http:\/\/127\.0\.0\.1:9.*No request of this run has reached it in 3 tries/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('naming runs', () => {
  it('a unique start of an id or --last names a run; runs filters by recipe and status; status --watch follows a live run to its end', async () => {
    const cwd = await project();
    expect((await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '1'], { cwd, env: server.env() })).code).toBe(0);
    const first = await runId(cwd);
    answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 600 });
    const live = spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '1', '--', '--n', '8', '--out', 'out2'], { cwd, env: server.env() });
    await waitFor(() => server.messageRequests().length > 1, 15_000, 'the second run to start');
    const ids = (await readdir(join(cwd, '.migrate', 'runs'))).sort();
    const second = ids.find((id) => id !== first)!;

    const watched = await runCli(['status', '--last', '--watch'], { cwd });
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(new RegExp(`run\\s+${second}`));
    expect(watched.stdout).toMatch(/status\s+running[\s\S]*status\s+completed/);
    expect((await live.done).code).toBe(0);

    const byPrefix = await runCli(['status', first.slice(0, first.length - 2)], { cwd });
    expect(byPrefix.stdout).toMatch(new RegExp(`run\\s+${first}`));
    const common = first.slice(0, 8);
    if (second.startsWith(common)) {
      const ambiguous = await runCli(['status', common], { cwd });
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toMatch(/is the start of 2 runs/);
    }
    const completed = JSON.parse((await runCli(['runs', '--json', '--status', 'completed', '--recipe', 'writer'], { cwd })).stdout) as Array<{ id: string }>;
    expect(completed.map((r) => r.id).sort()).toEqual([first, second].sort());
    expect(JSON.parse((await runCli(['runs', '--json', '--status', 'failed'], { cwd })).stdout)).toEqual([]);
    expect((await runCli(['runs', '--status', 'weird'], { cwd })).code).toBe(2);
    server.clearRequests();
    expect((await runCli(['resume', '--last', '--yes'], { cwd, env: server.env() })).code).toBe(0);
    expect(prompts()).toEqual([]);
  });
});
