/** Prompt-cache discipline: cacheable context, stable prefixes, the first sibling writing alone, TTLs, pricing. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../src/model/anthropic-provider.js';
import { PriceTable } from '../../src/model/pricing.js';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { startFakeAnthropicServer, type FakeAnthropicServer, type FakeRequestLogEntry } from '../../src/testing/fake-anthropic-server.js';
import { CacheGate } from '../../src/workflow/cache-gate.js';
import { layoutPrompt, normalizeContext } from '../../src/workflow/prompt-layout.js';
import { startRun, type StartRunOptions } from '../../src/workflow/run.js';
import type { AgentOptions } from '../../src/workflow/types.js';

const GUIDE = `# Porting guide\n${'Zig slices become Rust slices; allocators become owned values. '.repeat(120)}`; // ≈ 1,900 tokens
const guideTokens = Math.floor(GUIDE.length / 4);
let server: FakeAnthropicServer;

beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearRequests();
  server.clearCache();
  server.setFaults(undefined);
  server.setAnswer((req) => ({ text: `ported ${req.lastUserText.split('\n').at(-1)}`, delayMs: 40 }));
});

const siblings = (n: number, agent: Omit<AgentOptions, 'schema'> = {}) =>
  defineRecipe({
    name: 'siblings',
    description: '',
    run: (ctx) => ctx.parallel(Array.from({ length: n }, (_, i) => () => ctx.agent(`port file${i}.zig`, { label: `port-${i}`, system: 'You port Zig to Rust.', context: [{ text: GUIDE, cache: true }], ...agent }))),
  });

async function run(recipe: ReturnType<typeof siblings>, options: Partial<StartRunOptions> = {}) {
  const provider = new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {} });
  const handle = await startRun({ recipe, provider, stateDir: await mkdtemp(join(tmpdir(), 'mk-cache-')), concurrency: 8, retry: { baseDelayMs: 10 }, ...options });
  return handle.done;
}

const writes = (log: FakeRequestLogEntry[]) => log.filter((r) => (r.usage?.cache_creation_input_tokens ?? 0) > 0).length;
const reads = (log: FakeRequestLogEntry[]) => log.filter((r) => (r.usage?.cache_read_input_tokens ?? 0) > 0).length;
type Body = { system: string; messages: Array<{ content: Array<{ text: string; cache_control?: { ttl: string } }> }>; tools?: unknown };

describe('prompt-cache discipline through the SDK', () => {
  it('siblings sharing a prefix: one cache write, the rest read; the first goes alone until its answer arrives', async () => {
    const result = await run(siblings(10));
    expect(result.status).toBe('completed');
    const log = server.messageRequests();
    expect(writes(log)).toBe(1);
    expect(reads(log)).toBe(9);
    const [writer, ...readers] = [...log].sort((a, b) => a.time - b.time);
    expect(writer!.usage!.cache_creation_input_tokens).toBe(guideTokens + Math.floor('You port Zig to Rust.'.length / 4));
    for (const reader of readers) expect(reader.time).toBeGreaterThanOrEqual(writer!.endedAt);
    expect(result.totals.cacheWriteTokens).toBe(writer!.usage!.cache_creation_input_tokens);
    expect(result.totals.cacheReadTokens).toBe(9 * writer!.usage!.cache_creation_input_tokens);
    // Writes and reads are priced at their own rates (Sonnet 5.5: write 2.50, read 0.20 per million).
    const prefix = writer!.usage!.cache_creation_input_tokens;
    expect(result.cost.cacheWriteUsd).toBeCloseTo((prefix * 2.5) / 1e6, 9);
    expect(result.cost.cacheReadUsd).toBeCloseTo((9 * prefix * 0.2) / 1e6, 9);
    expect(result.cost.inputUsd + result.cost.outputUsd + result.cost.cacheWriteUsd + result.cost.cacheReadUsd).toBeCloseTo(result.totals.costUsd, 9);
  });

  it('without the first-sibling rule the concurrent siblings all write (what the rule saves)', async () => {
    const result = await run(siblings(10), { cacheWarmup: false });
    expect(result.status).toBe('completed');
    // The first 8 go at once and each writes (a busy machine may let one arrive after the first answer: it reads).
    expect(writes(server.messageRequests())).toBeGreaterThanOrEqual(6);
  });

  it('marks the longest stable prefix: cache_control on the context block, the prompt after it, order kept byte for byte', async () => {
    const MAP = 'struct Foo { a: u8 } -> OWNED\n'.repeat(50);
    await run(siblings(3, { context: [{ text: GUIDE, cache: true }, 'Notes: uncached, shared.', { text: MAP, cache: true }] }));
    const bodies = server.messageRequests().map((r) => r.body as Body);
    for (const body of bodies) {
      const blocks = body.messages[0]!.content;
      expect(blocks.map((b) => b.cache_control?.ttl ?? '-')).toEqual(['5m', '-', '5m', '-']);
      expect(blocks.at(-1)!.text).toMatch(/^port file\d\.zig$/);
    }
    const prefixOf = (b: Body) => JSON.stringify([b.system, b.messages[0]!.content.slice(0, 3)]);
    expect(new Set(bodies.map(prefixOf)).size).toBe(1);
    expect(writes(server.messageRequests())).toBe(1);
  });

  it('uses the run TTL (--cache-ttl 1h) for blocks marked `cache: true`, a block’s own TTL otherwise, and prices 1h writes at 2x', async () => {
    const result = await run(siblings(2), { cacheTtl: '1h' });
    const [first] = server.messageRequests();
    expect((first!.body as Body).messages[0]!.content[0]!.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(first!.usage!.cache_creation.ephemeral_1h_input_tokens).toBe(first!.usage!.cache_creation_input_tokens);
    expect(result.cost.cacheWriteUsd).toBeCloseTo((first!.usage!.cache_creation_input_tokens * 4) / 1e6, 9);
    expect(JSON.parse(await readFile(join(result.dir, 'run.json'), 'utf8')).settings.cacheTtl).toBe('1h'); // resume reuses it
    server.clearRequests();
    server.clearCache();
    await run(siblings(1, { context: [{ text: GUIDE, cache: '5m' }] }), { cacheTtl: '1h' });
    expect((server.messageRequests()[0]!.body as Body).messages[0]!.content[0]!.cache_control).toEqual({ type: 'ephemeral', ttl: '5m' });
  });

  it('when the writer fails (529), the next sibling writes, and every sibling still gets its answer', async () => {
    server.queueFaults({ status: 529 });
    const result = await run(siblings(5));
    expect(result.status).toBe('completed');
    expect((result.value as Array<{ status: string }>).every((o) => o.status === 'ok')).toBe(true);
    const log = server.messageRequests();
    expect(log[0]!.fault).toBe('status 529');
    expect(writes(log)).toBe(1);
    expect(reads(log)).toBe(4);
  });

  it('puts the context in the content key: a changed guide is a new call on resume; the cache marker is not', async () => {
    const first = await run(siblings(2));
    const provider = new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {} });
    const stateDir = join(first.dir, '..', '..');
    server.clearRequests();
    const same = await (await startRun({ recipe: siblings(2, { context: [{ text: GUIDE, cache: '1h' }] }), provider, stateDir, resumeId: first.runId })).done;
    expect(same.totals.replayed).toBe(2);
    expect(server.messageRequests()).toHaveLength(0);
    const changed = await (await startRun({ recipe: siblings(2, { context: [{ text: `${GUIDE}!`, cache: true }] }), provider, stateDir, resumeId: first.runId })).done;
    expect(changed.totals.replayed).toBe(0);
    expect(server.messageRequests()).toHaveLength(2);
  });
});

describe('CacheGate and prompt layout', () => {
  it('auto TTL: 5m until a prefix goes unused for more than five minutes between uses, then 1h', async () => {
    let now = 0;
    const gate = new CacheGate({ policy: 'auto', now: () => now });
    const bp = [{ id: 'guide' }];
    const first = await gate.acquire(bp);
    expect(first).toMatchObject({ ttl: '5m', writer: true });
    first.settle(true);
    now += 60_000;
    const soon = await gate.acquire(bp);
    expect(soon).toMatchObject({ ttl: '5m', writer: false });
    soon.settle(true);
    now += 7 * 60_000; // the 5-minute entry expired between two uses
    const late = await gate.acquire(bp);
    expect(late).toMatchObject({ ttl: '1h', writer: true });
    late.settle(true);
    now += 20 * 60_000;
    expect(await gate.acquire(bp)).toMatchObject({ ttl: '1h', writer: false });
  });

  it('fixed policies, and a block TTL that overrides the policy', async () => {
    expect((await new CacheGate({ policy: '1h' }).acquire([{ id: 'a' }])).ttl).toBe('1h');
    expect((await new CacheGate({ policy: '5m' }).acquire([{ id: 'a', ttl: '1h' }])).ttl).toBe('1h');
    expect((await new CacheGate({ policy: '1h' }).acquire([{ id: 'a', ttl: '5m' }])).ttl).toBe('5m');
    expect((await new CacheGate({ policy: '5m' }).acquire([])).writer).toBe(false);
  });

  it('waiters hold no claim; an aborted waiter leaves', async () => {
    const gate = new CacheGate({ policy: '5m' });
    const writer = await gate.acquire([{ id: 'p' }]);
    const controller = new AbortController();
    const waiting = gate.acquire([{ id: 'p' }], controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    const reader = gate.acquire([{ id: 'p' }]);
    writer.settle(true);
    expect(await reader).toMatchObject({ writer: false });
    expect(gate.waits).toBe(2);
  });

  it('lays out tools → system → context → prompt with stable breakpoint ids, and checks the context', () => {
    const input = { model: 'm', system: 's', tools: undefined, context: normalizeContext([{ text: 'guide', cache: true }, 'notes']), prompt: 'p1' };
    const a = layoutPrompt(input);
    const b = layoutPrompt({ ...input, prompt: 'p2' });
    expect(a.breakpoints).toEqual(b.breakpoints);
    expect(layoutPrompt({ ...input, system: 'other' }).breakpoints[0]!.id).not.toBe(a.breakpoints[0]!.id);
    expect(a.firstMessage('1h')).toEqual([
      { type: 'text', text: 'guide', cache: '1h' },
      { type: 'text', text: 'notes' },
      { type: 'text', text: 'p1' },
    ]);
    expect(layoutPrompt({ ...input, context: [] }).firstMessage('5m')).toBe('p1');
    expect(() => normalizeContext('guide')).toThrow(/must be an array/);
    expect(() => normalizeContext([{ text: 'x', cache: '2h' }])).toThrow(/context block 0/);
    expect(() => normalizeContext(['a', 'b', 'c', 'd'].map((text) => ({ text, cache: true })))).toThrow(/at most 3 cacheable/);
  });

  it('prices one usage record by parts', () => {
    const parts = PriceTable.default().costParts('claude-sonnet-5-5', { inputTokens: 1e6, outputTokens: 1e6, cacheReadTokens: 1e6, cacheWriteTokens: 2e6, cacheWrite1hTokens: 1e6 });
    expect(parts).toEqual({ inputUsd: 2, outputUsd: 10, cacheWriteUsd: 2.5 + 4, cacheReadUsd: 0.2, totalUsd: 2 + 10 + 6.5 + 0.2 });
  });
});
