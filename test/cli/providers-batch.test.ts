/** `--provider` and `--batch` through the built CLI, against fake servers on 127.0.0.1. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../src/testing/index.js';
import { runCli, spawnCli, waitFor } from '../helpers/cli.js';

const RECIPE = `export default {
  name: 'waits',
  description: 'reviews that can wait',
  plan() {
    return {
      facts: [['files', '2']],
      phases: [
        { title: 'port', agents: { low: 2, high: 2 }, inputTokens: { low: 1000000, high: 1000000 }, outputTokens: { low: 0, high: 0 } },
        { title: 'review', agents: { low: 2, high: 2 }, inputTokens: { low: 1000000, high: 1000000 }, outputTokens: { low: 0, high: 0 }, batchable: true },
      ],
      assumptions: [],
    };
  },
  async run(ctx) {
    const reviews = await ctx.parallel(['a', 'b'].map((f) => () => ctx.agent('review ' + f, { label: 'review ' + f, batch: true })));
    return reviews.map((r) => (r.status === 'ok' ? r.value : r.error.code));
  },
};
`;

let anthropic: FakeAnthropicServer;
let bedrock: FakeAnthropicServer;
let home: string;
beforeAll(async () => {
  anthropic = await startFakeAnthropicServer({ answer: (req) => `ok: ${req.lastUserText}` });
  bedrock = await startFakeAnthropicServer({ platform: 'bedrock', apiKey: 'AKIACLITESTKEY000001', answer: 'from bedrock' });
  home = await mkdtemp(join(tmpdir(), 'migrate-home-'));
});
afterAll(async () => {
  await anthropic.close();
  await bedrock.close();
});

async function project(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'migrate-prov-'));
  await writeFile(join(cwd, 'recipe.mjs'), RECIPE);
  return cwd;
}

async function onlyRun(cwd: string): Promise<string> {
  const [id] = await readdir(join(cwd, '.migrate', 'runs'));
  return join(cwd, '.migrate', 'runs', id!);
}

describe('--provider', () => {
  it('bedrock without AWS credentials stops before anything is sent, naming what is expected (exit 2)', async () => {
    const cwd = await project();
    const result = await runCli(['run', 'recipe.mjs', '--provider', 'bedrock', '--yes'], { cwd, env: { HOME: home, AWS_REGION: 'us-east-1', ANTHROPIC_BEDROCK_BASE_URL: bedrock.url } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Amazon Bedrock cannot be used: expected credentials: AWS_BEARER_TOKEN_BEDROCK .*AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    expect(bedrock.requests).toHaveLength(0);
  });

  it('bedrock runs against the fake Bedrock with the Bedrock model id; resume keeps the provider', async () => {
    const cwd = await project();
    bedrock.clearRequests();
    const env = { HOME: home, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIACLITESTKEY000001', AWS_SECRET_ACCESS_KEY: 'cli-secret-access-key-000', ANTHROPIC_BEDROCK_BASE_URL: bedrock.url };
    const result = await runCli(['run', 'recipe.mjs', '--provider', 'bedrock', '--yes', '--json'], { cwd, env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).value).toEqual(['from bedrock', 'from bedrock']);
    expect(result.stderr).toContain('provider bedrock');
    expect(bedrock.messageRequests().map((r) => r.path)).toEqual(['/model/anthropic.claude-sonnet-5-5-v1:0/invoke', '/model/anthropic.claude-sonnet-5-5-v1:0/invoke']);
    expect(result.stderr).not.toContain('cli-secret-access-key-000');
    const info = JSON.parse(await readFile(join(await onlyRun(cwd), 'run.json'), 'utf8'));
    expect(info.settings.provider).toBe('bedrock');
    // Without --provider, resume goes back to Bedrock (no Anthropic key here): everything is replayed, nothing sent.
    bedrock.clearRequests();
    const resumed = await runCli(['resume', '--last', '--yes'], { cwd, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('provider bedrock');
    expect(bedrock.requests).toHaveLength(0);
  });
});

describe('--batch', () => {
  it('the plan shows the estimate with and without batching; --batch with a provider without batches is refused', async () => {
    const cwd = await project();
    const plan = await runCli(['run', 'recipe.mjs', '--dry-run'], { cwd });
    expect(plan.code).toBe(0);
    // port $2 + review $2 at full price; the review at half with --batch.
    expect(plan.stderr).toContain('with --batch: $3.00 (review at half price, answered within 24 h instead of seconds); without it (this run): $4.00');
    const refused = await runCli(['run', 'recipe.mjs', '--dry-run', '--batch', '--provider', 'vertex'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--batch needs the Message Batches API');
  });

  it('a run killed after its batch was submitted resumes and collects the batch without a second create', async () => {
    const cwd = await project();
    anthropic.clearRequests();
    anthropic.setBatchProcessingMs(1500);
    const live = spawnCli(['run', 'recipe.mjs', '--yes', '--batch', '--batch-window', '0.1'], { cwd, env: anthropic.env() });
    const journal = await waitFor(
      async () => {
        const runs = await readdir(join(cwd, '.migrate', 'runs')).catch(() => []);
        if (runs.length === 0) return undefined;
        const text = await readFile(join(cwd, '.migrate', 'runs', runs[0]!, 'journal.jsonl'), 'utf8').catch(() => '');
        return text.includes('"type":"batch"') ? text : undefined;
      },
      15_000,
      'the batch line',
    );
    live.child.kill('SIGKILL');
    await live.done;
    expect(anthropic.batchCreates()).toHaveLength(1);
    expect(journal).not.toContain('"batch":{"id"');
    const resumed = await runCli(['resume', '--last', '--yes', '--json'], { cwd, env: anthropic.env() });
    expect(resumed.code).toBe(0);
    const out = JSON.parse(resumed.stdout);
    expect(out.value).toEqual(['ok: review a', 'ok: review b']);
    expect(anthropic.batchCreates()).toHaveLength(1);
    expect(anthropic.messageRequests()).toHaveLength(0);
    expect(resumed.stderr).toContain('Collecting batch msgbatch_fake_');
    expect(anthropic.batchLog()[0]!.entries).toHaveLength(2);
    const text = await readFile(join(await onlyRun(cwd), 'journal.jsonl'), 'utf8');
    expect(text.match(/"type":"attempt"/g)).toHaveLength(2);
    expect(text.match(/"batch":\{"id":"msgbatch_fake_/g)).toHaveLength(2);
  });
});
