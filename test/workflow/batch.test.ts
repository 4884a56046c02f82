import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnthropicProvider } from '../../src/model/anthropic-provider.js';
import { PriceTable } from '../../src/model/pricing.js';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { readJournalFile } from '../../src/store/journal-file.js';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../src/testing/fake-anthropic-server.js';
import { ScriptedProvider } from '../../src/testing/index.js';
import type { WorkflowEvent } from '../../src/workflow/events.js';
import { startRun, type StartRunOptions } from '../../src/workflow/run.js';

const MODEL = 'claude-sonnet-5-5';
const prices = PriceTable.default({});
const FAST = { windowMs: 30, firstPollMs: 20, pollMs: 50 };
let server: FakeAnthropicServer;
let expireLabels: Set<string>;

beforeAll(async () => {
  server = await startFakeAnthropicServer({
    apiKey: 'sk-ant-batch-test-0123456789',
    batches: { entryOutcome: (req) => (expireLabels.has(req.lastUserText) ? 'expired' : undefined) },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  expireLabels = new Set();
  server.clearRequests();
  server.setFaults(undefined);
  server.setBatchProcessingMs(0);
  server.setAnswer((req) => (req.wantsSchema ? { json: { verdict: 'approve', about: req.lastUserText }, usage: { input_tokens: 1000, output_tokens: 200 } } : { text: `direct: ${req.lastUserText}`, usage: { input_tokens: 1000, output_tokens: 200 } }));
});

const provider = (): AnthropicProvider => new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {} });
const verdict = z.object({ verdict: z.string(), about: z.string() });

/** Three reviews that can wait and one call that cannot. */
const recipe = defineRecipe({
  name: 'reviews',
  description: '',
  run: async (ctx) => {
    const reviews = await ctx.parallel(['a.zig', 'b.zig', 'c.zig'].map((f) => () => ctx.agent(f, { label: `review ${f}`, schema: verdict, batch: true })));
    const now = await ctx.agent('summary', { label: 'summary' });
    return { reviews: reviews.map((r) => (r.status === 'ok' ? r.value.about : r.error.code)), now };
  },
});

async function run(options: Partial<StartRunOptions> & { stateDir: string }, onEvent?: (e: WorkflowEvent) => void) {
  const handle = await startRun({ recipe, provider: provider(), prices, model: MODEL, ...options, ...(onEvent ? { onEvent } : {}) });
  return { handle, result: await handle.done };
}

const stateDir = () => mkdtemp(join(tmpdir(), 'migrate-batch-'));
const list = (usage: { input: number; output: number }) => (usage.input * 2 + usage.output * 10) / 1_000_000;

describe('--batch through the Message Batches API of the fake server', () => {
  it('sends the calls marked batch: true as one batch at half price, journals each as an attempt, and the rest directly', async () => {
    const events: WorkflowEvent[] = [];
    const { result } = await run({ stateDir: await stateDir(), batch: FAST }, (e) => events.push(e));
    expect(result.status).toBe('completed');
    expect(result.value).toEqual({ reviews: ['a.zig', 'b.zig', 'c.zig'], now: 'direct: summary' });
    expect(server.batchCreates()).toHaveLength(1);
    const batch = server.batchLog().at(-1);
    expect(batch!.entries.map((e) => e.result)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(server.messageRequests().map((r) => (r.body as { messages: Array<{ content: unknown }> }).messages[0]!.content)).toHaveLength(1);
    // Three batched answers at half price and one direct at full price.
    const full = list({ input: 1000, output: 200 });
    expect(result.totals.costUsd).toBeCloseTo(3 * full * 0.5 + full, 10);
    const journal = await readJournalFile(join(result.dir, 'journal.jsonl'));
    const batchLines = journal.lines.filter((l) => l.type === 'batch');
    expect(batchLines).toHaveLength(1);
    const line = batchLines[0]!;
    expect(line.type === 'batch' && line.id).toBe(batch!.id);
    const attempts = journal.lines.filter((l) => l.type === 'attempt');
    expect(attempts).toHaveLength(4);
    const batched = attempts.filter((l) => l.type === 'attempt' && l.batch);
    expect(batched).toHaveLength(3);
    for (const a of batched) if (a.type === 'attempt') expect(a.costUsd).toBeCloseTo(full * 0.5, 12);
    expect(journal.lines.filter((l) => l.type === 'start')).toHaveLength(4);
    expect(result.totals.agents).toBe(4);
    expect(events.filter((e) => e.type === 'batch:submitted')).toHaveLength(1);
    expect(events.some((e) => e.type === 'batch:ended')).toBe(true);
  });

  it('without --batch nothing is batched', async () => {
    const { result } = await run({ stateDir: await stateDir() });
    expect(result.status).toBe('completed');
    expect(server.batchCreates()).toHaveLength(0);
    expect(server.messageRequests()).toHaveLength(4);
    expect(result.totals.costUsd).toBeCloseTo(4 * list({ input: 1000, output: 200 }), 10);
  });

  it('a run interrupted after the batch was submitted resumes and collects that batch: no second create, no second payment', async () => {
    server.setBatchProcessingMs(400);
    const dir = await stateDir();
    const events: WorkflowEvent[] = [];
    const handle = await startRun({ recipe, provider: provider(), prices, model: MODEL, stateDir: dir, batch: FAST, onEvent: (e) => events.push(e) });
    const submitted = await new Promise<void>((resolve) => handle.events.on((e) => e.type === 'batch:submitted' && resolve()));
    void submitted;
    handle.interrupt();
    const first = await handle.done;
    expect(first.status).toBe('interrupted');
    expect(server.batchCreates()).toHaveLength(1);
    const journal = await readJournalFile(join(first.dir, 'journal.jsonl'));
    expect(journal.lines.filter((l) => l.type === 'batch')).toHaveLength(1);
    expect(journal.lines.filter((l) => l.type === 'attempt' && l.batch)).toHaveLength(0);

    await new Promise((r) => setTimeout(r, 450)); // the batch ends while the run is down
    const second = await (await startRun({ recipe, provider: provider(), prices, model: MODEL, stateDir: dir, resumeId: first.runId, batch: FAST })).done;
    expect(second.status).toBe('completed');
    expect(second.value).toEqual({ reviews: ['a.zig', 'b.zig', 'c.zig'], now: 'direct: summary' });
    expect(server.batchCreates()).toHaveLength(1);
    expect(server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/results'))).not.toHaveLength(0);
    const full = list({ input: 1000, output: 200 });
    expect(second.totals.costUsd).toBeCloseTo(3 * full * 0.5 + full, 10);
  });

  it('an expired entry falls back to a normal request with a warning; an errored one follows the retry classes', async () => {
    expireLabels = new Set(['b.zig']);
    server.setFaults((req) => (req.lastUserText === 'c.zig' && req.customId !== undefined ? { status: 529 } : undefined));
    const events: WorkflowEvent[] = [];
    const { result } = await run({ stateDir: await stateDir(), batch: FAST }, (e) => events.push(e));
    expect(result.status).toBe('completed');
    expect(result.value).toEqual({ reviews: ['a.zig', 'b.zig', 'c.zig'], now: 'direct: summary' });
    expect(server.batchLog().at(-1)!.entries.map((e) => e.result)).toEqual(['succeeded', 'expired', 'errored']);
    const direct = server.messageRequests().map((r) => JSON.stringify((r.body as { messages: unknown }).messages));
    expect(direct.filter((m) => m.includes('b.zig'))).toHaveLength(1);
    expect(direct.filter((m) => m.includes('c.zig'))).toHaveLength(1);
    const warnings = events.filter((e) => e.type === 'log' && e.message.startsWith('Warning:')).map((e) => (e as { message: string }).message);
    expect(warnings.some((m) => m.includes('review b.zig') && m.includes('expired'))).toBe(true);
    expect(warnings.some((m) => m.includes('review c.zig') && m.includes('MODEL_OVERLOADED'))).toBe(true);
    const full = list({ input: 1000, output: 200 });
    expect(result.totals.costUsd).toBeCloseTo(full * 0.5 + 3 * full, 10);
  });

  it('an entry refused as an invalid request fails the call without a fallback', async () => {
    server.setFaults((req) => (req.lastUserText === 'a.zig' && req.customId !== undefined ? { status: 400, error: { type: 'invalid_request_error', message: 'prompt is too long' } } : undefined));
    const { result } = await run({ stateDir: await stateDir(), batch: FAST });
    expect((result.value as { reviews: string[] }).reviews).toEqual(['MODEL_BAD_REQUEST', 'b.zig', 'c.zig']);
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('refuses --batch with a provider that has no Message Batches', async () => {
    await expect(startRun({ recipe, provider: new ScriptedProvider(() => 'x'), prices, stateDir: await stateDir(), batch: true })).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });

  it('keeps a readable journal: the batch line names every call with its custom id and request hash', async () => {
    const { result } = await run({ stateDir: await stateDir(), batch: FAST });
    const text = await readFile(join(result.dir, 'journal.jsonl'), 'utf8');
    const line = text.split('\n').map((l) => (l ? JSON.parse(l) : null)).find((l) => l?.type === 'batch');
    expect(line.entries).toHaveLength(3);
    for (const entry of line.entries) expect(entry).toMatchObject({ customId: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), key: expect.any(String), occurrence: 0, requestHash: expect.any(String), model: MODEL });
  });
});
