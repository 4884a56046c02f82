import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../src/testing/index.js';
import { runCli } from '../helpers/cli.js';

const PLANNED = `export default {
  name: 'planned',
  description: 'a recipe with a plan',
  positionals: ['input'],
  plan({ args }) {
    if (args.input === 'missing') throw new Error('the input "missing" does not exist; pass a directory');
    return {
      facts: [['input', String(args.input)], ['files', '3']],
      phases: [{ title: 'work', agents: { low: 3, high: 6 }, inputTokens: { low: 3000, high: 9000 }, outputTokens: { low: 300, high: 900 }, note: 'one agent per file, up to one retry' }],
      assumptions: ['answers are a tenth of the prompt'],
    };
  },
  async run(ctx) {
    return ctx.phase('work', () => ctx.parallel([1, 2, 3].map((i) => () => ctx.agent('file ' + i))));
  },
};
`;

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await startFakeAnthropicServer({ answer: 'ok' });
});
afterAll(() => server.close());

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mk-plan-'));
  await writeFile(join(dir, 'planned.mjs'), PLANNED);
  return dir;
}

describe('plan before spend', () => {
  it('says when the agent cap is below what the plan needs, with a cap that would do', async () => {
    const cwd = await project();
    const below = await runCli(['run', 'planned.mjs', '--dry-run', '--max-agents', '2', '--', 'src'], { cwd });
    expect(below.code).toBe(0);
    expect(below.stderr).toMatch(/max agents 2 \(this plan: 3–6\)/);
    expect(below.stderr).toMatch(/cannot finish under the agent cap: it needs at least 3 agent calls \(up to 6\) and --max-agents is 2\. Raise the cap \(--max-agents 10\)/);
    const between = JSON.parse((await runCli(['run', 'planned.mjs', '--dry-run', '--json', '--max-agents', '4', '--', 'src'], { cwd })).stdout);
    expect(between.warnings).toEqual([expect.stringMatching(/may not finish under the agent cap: it needs 3–6 agent calls and --max-agents is 4/)]);
    const enough = JSON.parse((await runCli(['run', 'planned.mjs', '--dry-run', '--json', '--max-agents', '6', '--', 'src'], { cwd })).stdout);
    expect(enough.warnings).toEqual([]);
  });

  it('--dry-run prints the plan and estimate, needs no key, sends nothing, writes nothing', async () => {
    const cwd = await project();
    server.clearRequests();
    const result = await runCli(['run', 'planned.mjs', '--dry-run', '--budget', '5', '--', 'src'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Plan: planned');
    expect(result.stderr).toMatch(/files\s+3/);
    expect(result.stderr).toMatch(/work\s+3–6\s+3\.0k–9\.0k\s+300–900\s+\$0\.0090–\$0\.03/);
    expect(result.stderr).toContain('answers are a tenth of the prompt');
    expect(result.stderr).toMatch(/model claude-sonnet-5-5 · concurrency 16 · max agents 1000 \(this plan: 3–6\) · budget \$5\.00 · cache TTL 5m/);
    expect(server.messageRequests()).toHaveLength(0);
    expect(existsSync(join(cwd, '.migrate'))).toBe(false);
  });

  it('--dry-run --json prints the plan as JSON', async () => {
    const cwd = await project();
    const result = await runCli(['run', 'planned.mjs', '--dry-run', '--json', '--', 'src'], { cwd });
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({ recipe: 'planned', facts: { input: 'src', files: '3' }, total: { agents: { low: 3, high: 6 } }, settings: { model: 'claude-sonnet-5-5' } });
    expect(plan.total.usd.high).toBeCloseTo((9000 * 2 + 900 * 10) / 1e6, 9);
  });

  it('prints the plan before running with --yes', async () => {
    const cwd = await project();
    const result = await runCli(['run', 'planned.mjs', '--yes', '--', 'src'], { cwd, env: server.env() });
    expect(result.code).toBe(0);
    expect(result.stderr.indexOf('Plan: planned')).toBeLessThan(result.stderr.indexOf('started'));
    expect(result.stderr).toMatch(/phase\s+agents\s+ok\s+failed\s+replayed/);
  });

  it('a plan that finds bad input stops with exit 2 before any request', async () => {
    const cwd = await project();
    server.clearRequests();
    const result = await runCli(['run', 'planned.mjs', '--yes', '--', 'missing'], { cwd, env: server.env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the input "missing" does not exist');
    expect(server.messageRequests()).toHaveLength(0);
  });
});
