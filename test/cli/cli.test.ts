import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer, type FakeRequest } from '../../src/testing/index.js';
import { runCli, spawnCli, waitFor } from '../helpers/cli.js';

const TEN_TASKS = `export default {
  name: 'ten',
  description: 'ten independent agent calls',
  async run(ctx) {
    const n = Number(ctx.args.n ?? 10);
    return ctx.phase('work', () => ctx.parallel(Array.from({ length: n }, (_, i) => () => ctx.agent('task ' + i, { label: 't' + i }))));
  },
};
`;

let server: FakeAnthropicServer;
let prompts: string[];
let delayMs = 0;
let dir: string;

beforeAll(async () => {
  server = await startFakeAnthropicServer({
    answer: (req: FakeRequest) => {
      prompts.push(req.lastUserText);
      return { text: `done: ${req.lastUserText}`, delayMs };
    },
  });
});
afterAll(() => server.close());

async function project(recipe = TEN_TASKS, name = 'recipe.mjs'): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'mk-cli-'));
  await writeFile(join(dir, name), recipe);
  prompts = [];
  delayMs = 0;
  return dir;
}

/** The journal's paid answers (one `attempt` line each). */
const journalLines = async (runDir: string) => {
  try {
    return (await readFile(join(runDir, 'journal.jsonl'), 'utf8')).split('\n').filter((l) => l.endsWith('}') && JSON.parse(l).type === 'attempt');
  } catch {
    return [];
  }
};

async function onlyRunId(cwd: string): Promise<string> {
  const { stdout } = await runCli(['runs', '--json'], { cwd });
  const runs = JSON.parse(stdout) as Array<{ id: string }>;
  expect(runs).toHaveLength(1);
  return runs[0]!.id;
}

describe('migrate CLI', () => {
  it('prints help for the tool and for each command', async () => {
    const cwd = await project();
    const main = await runCli(['--help'], { cwd });
    expect(main.code).toBe(0);
    for (const command of ['run', 'resume', 'runs', 'status']) expect(main.stdout).toContain(command);
    const run = await runCli(['run', '--help'], { cwd });
    for (const option of ['--yes', '--state-dir', '--concurrency', '--max-agents', '--budget', '--model']) expect(run.stdout).toContain(option);
  });

  it('runs a recipe against the model, then lists and shows it as JSON', async () => {
    const cwd = await project();
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--concurrency', '3', '--', '--n', '4'], { cwd, env: server.env() });
    expect(result.stderr).toContain('completed');
    expect(result.code).toBe(0);
    expect(prompts.sort()).toEqual(['task 0', 'task 1', 'task 2', 'task 3']);

    const runs = JSON.parse((await runCli(['runs', '--json'], { cwd })).stdout);
    expect(runs).toEqual([{ id: expect.any(String), recipe: 'ten', status: 'completed', outcome: null, startedAt: expect.any(String), totals: expect.objectContaining({ agents: 4 }) }]);
    const status = JSON.parse((await runCli(['status', runs[0].id, '--json'], { cwd })).stdout);
    expect(status).toMatchObject({ id: runs[0].id, recipe: 'ten', status: 'completed' });
    expect(Object.keys(status.totals).sort()).toEqual(['agents', 'cacheReadTokens', 'cacheWriteTokens', 'costUsd', 'failed', 'inputTokens', 'outputTokens', 'replayed']);
    expect(status.totals.costUsd).toBeGreaterThan(0);

    const runDir = join(cwd, '.migrate', 'runs', runs[0].id);
    const report = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ id: runs[0].id, recipe: 'ten', status: 'completed', phases: [{ phase: 'work', agents: 4, ok: 4, failed: 0 }], failedCalls: [] });
    expect(await readFile(join(runDir, 'report.md'), 'utf8')).toContain('| work | 4 | 4 | 0 |');
    expect(result.stderr).toContain(`run report: ${join(runDir, 'report.md')}`);
  });

  it('resumes after a real SIGKILL, sending only the calls that had not completed; a second resume sends none', async () => {
    const cwd = await project();
    delayMs = 150;
    const child = spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '2'], { cwd, env: server.env() });
    const runDir = await waitFor(async () => {
      const { readdir } = await import('node:fs/promises');
      const ids = await readdir(join(cwd, '.migrate', 'runs')).catch(() => []);
      return ids[0] ? join(cwd, '.migrate', 'runs', ids[0]) : undefined;
    });
    await waitFor(async () => (await journalLines(runDir)).length >= 3, 15_000, 'three journaled calls');
    child.child.kill('SIGKILL');
    const killed = await child.done;
    expect(killed.signal).toBe('SIGKILL');

    const journaled = (await journalLines(runDir)).map((l) => JSON.parse(l).answer.replace('done: ', '') as string);
    // Calls that had started when the kill came reached the model: they count against the agent cap.
    const startedBefore = (await readFile(join(runDir, 'journal.jsonl'), 'utf8')).split('\n').filter((l) => l.includes('"type":"start"')).length;
    expect(journaled.length).toBeGreaterThanOrEqual(3);
    expect(journaled.length).toBeLessThan(10);
    const id = await onlyRunId(cwd);
    expect(JSON.parse((await runCli(['status', id, '--json'], { cwd })).stdout).status).toBe('interrupted');

    prompts = [];
    delayMs = 0;
    const resumed = await runCli(['resume', id, '--yes'], { cwd, env: server.env() });
    expect(resumed.code).toBe(0);
    const all = Array.from({ length: 10 }, (_, i) => `task ${i}`);
    expect(prompts.sort()).toEqual(all.filter((p) => !journaled.includes(p)).sort());
    expect(await journalLines(runDir)).toHaveLength(10);

    prompts = [];
    const again = await runCli(['resume', id, '--yes'], { cwd, env: server.env() });
    expect(again.code).toBe(0);
    expect(prompts).toEqual([]);
    expect(JSON.parse((await runCli(['status', id, '--json'], { cwd })).stdout).totals).toMatchObject({ agents: startedBefore + 10 - journaled.length, replayed: 10 });
  });

  it('on Ctrl-C lets calls in flight finish, saves them, exits 3 and says how to resume', async () => {
    const cwd = await project();
    delayMs = 300;
    const child = spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '2'], { cwd, env: server.env() });
    await waitFor(() => prompts.length >= 2, 10_000, 'two requests in flight');
    child.child.kill('SIGINT');
    const result = await child.done;
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/migrate resume \S+/);
    const id = await onlyRunId(cwd);
    const runDir = join(cwd, '.migrate', 'runs', id);
    expect((await journalLines(runDir)).length).toBe(prompts.length);
    expect(JSON.parse((await runCli(['status', id, '--json'], { cwd })).stdout).status).toBe('interrupted');
  });

  it('warns before a resume whose recipe changed since the run started: those calls would be paid again', async () => {
    const recipe = (text: string) => `export default {
  name: 'prompted',
  description: 'one call from a prompt file',
  prompts: [{ file: new URL('./ask.md', import.meta.url), variables: [] }],
  async run(ctx) {
    const { readFile } = await import('node:fs/promises');
    return ctx.agent(await readFile(new URL('./ask.md', import.meta.url), 'utf8'), { label: 'ask' });
  },
};
// ${text}
`;
    const cwd = await project(recipe('v1'));
    await writeFile(join(cwd, 'ask.md'), 'What is 1 + 1?\n');
    expect((await runCli(['run', 'recipe.mjs', '--yes'], { cwd, env: server.env() })).code).toBe(0);
    const id = await onlyRunId(cwd);
    const unchanged = await runCli(['resume', id, '--dry-run'], { cwd, env: server.env() });
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).not.toMatch(/recipe changed/);
    await writeFile(join(cwd, 'ask.md'), 'What is 2 + 2?\n');
    const changed = await runCli(['resume', id, '--dry-run'], { cwd, env: server.env() });
    expect(changed.stderr).toMatch(/the recipe changed since this run started \(ask\.md\): calls whose prompts changed have no answer in the journal and are sent and paid again/);
    expect(prompts).toEqual(['What is 1 + 1?\n']);
  });

  it('exits 4 when the budget is exhausted', async () => {
    const cwd = await project();
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--concurrency', '1', '--budget', '0.0000001'], { cwd, env: server.env() });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/Budget exhausted/);
    expect(prompts).toHaveLength(1);
  });

  describe('bad input: a clear message, exit code 2, nothing written', () => {
    it.each([
      ['a recipe file that does not exist', 'missing.mjs', null, /missing\.mjs does not exist/],
      ['a recipe that does not load', 'broken.mjs', 'export default {{', /broken\.mjs could not be loaded/],
      ['a TypeScript recipe with a syntax error', 'broken.ts', 'const x: number = ;\nexport default {}', /broken\.ts:1:\d+/],
      ['a recipe with no run function', 'norun.mjs', "export default { name: 'x', description: '' }", /norun\.mjs: the recipe has no run\(ctx\) function/],
      ['a module with no default export', 'nodefault.mjs', 'export const recipe = 1', /no default export/],
    ])('%s', async (_, file, content, message) => {
      const cwd = await project();
      if (content !== null) await writeFile(join(cwd, file), content);
      const result = await runCli(['run', file, '--yes'], { cwd, env: server.env() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(cwd, '.migrate'))).toBe(false);
    });

    it('no API key', async () => {
      const cwd = await project();
      const result = await runCli(['run', 'recipe.mjs', '--yes'], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/ANTHROPIC_API_KEY/);
      expect(existsSync(join(cwd, '.migrate'))).toBe(false);
    });

    it('no terminal to confirm on and no --yes', async () => {
      const cwd = await project();
      const result = await runCli(['run', 'recipe.mjs'], { cwd, env: server.env() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--yes/);
      expect(prompts).toHaveLength(0);
    });

    it('bad option values', async () => {
      const cwd = await project();
      for (const args of [['--concurrency', '0'], ['--concurrency', '300'], ['--budget', 'lots'], ['--max-agents', '-1'], ['--bogus']]) {
        const result = await runCli(['run', 'recipe.mjs', '--yes', ...args], { cwd, env: server.env() });
        expect(result.code, args.join(' ')).toBe(2);
      }
      const model = await runCli(['run', 'recipe.mjs', '--yes', '--model', 'claude-imaginary-1'], { cwd, env: server.env() });
      expect(model.code).toBe(2);
      expect(model.stderr).toMatch(/not in the price table/);
      expect(existsSync(join(cwd, '.migrate'))).toBe(false);
    });

    it('resume of an unknown id lists the known ones', async () => {
      const cwd = await project();
      await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '1'], { cwd, env: server.env() });
      const id = await onlyRunId(cwd);
      const result = await runCli(['resume', 'no-such-run', '--yes'], { cwd, env: server.env() });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('No run "no-such-run"');
      expect(result.stderr).toContain(id);
    });
  });

  it('honours --state-dir and MIGRATE_STATE_DIR', async () => {
    const cwd = await project();
    await runCli(['run', 'recipe.mjs', '--yes', '--state-dir', 'state-a', '--', '--n', '1'], { cwd, env: server.env() });
    await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '1'], { cwd, env: { ...server.env(), MIGRATE_STATE_DIR: join(cwd, 'state-b') } });
    expect(existsSync(join(cwd, 'state-a', 'runs'))).toBe(true);
    expect(existsSync(join(cwd, 'state-b', 'runs'))).toBe(true);
    expect(existsSync(join(cwd, '.migrate'))).toBe(false);
  });
});
