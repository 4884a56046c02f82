import Anthropic, { APIConnectionError, BadRequestError, InternalServerError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../src/model/anthropic-provider.js';
import { startFakeAnthropicServer } from '../../src/testing/fake-anthropic-server.js';
import type { FakeAnthropicServer } from '../../src/testing/fake-anthropic-server.js';

const MODEL = 'claude-sonnet-5-5';
let server: FakeAnthropicServer;
let clock = 1_000_000;

const client = (): Anthropic => new Anthropic({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 });
const provider = (): AnthropicProvider => new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {}, maxRetries: 0 });
const ask = (content: unknown = 'Hello', extra: Record<string, unknown> = {}) =>
  client().messages.create({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: content as string }], ...extra });

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const GUIDE = 'G'.repeat(4000); // 1000 tokens in the fake's estimate
const cached = (text: string, ttl?: '5m' | '1h') => ({ type: 'text' as const, text, cache_control: { type: 'ephemeral' as const, ...(ttl ? { ttl } : {}) } });

beforeAll(async () => {
  server = await startFakeAnthropicServer({ now: () => clock });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.setAnswer('fine');
  server.setFaults(undefined);
  server.clearRequests();
  server.clearCache();
});

describe('fault injection', () => {
  it('answers a queued status sequence in arrival order, with retry-after headers, then the script again', async () => {
    let scripted = 0;
    server.setAnswer(() => `scripted ${++scripted}`);
    server.queueFaults({ status: 429, retryAfter: 1 }, { status: 429, retryAfterMs: 250 }, { status: 529 }, { status: 500 }, { status: 503 });
    expect(server.pendingFaults).toBe(5);
    const first = (await rejection(ask())) as RateLimitError;
    expect(first).toBeInstanceOf(RateLimitError);
    expect(first.headers?.get('retry-after')).toBe('1');
    const second = (await rejection(ask())) as RateLimitError;
    expect(second.headers?.get('retry-after-ms')).toBe('250');
    expect(await rejection(ask())).toBeInstanceOf(OverloadedError);
    expect(await rejection(ask())).toBeInstanceOf(InternalServerError);
    const unavailable = (await rejection(ask())) as InternalServerError;
    expect(unavailable.status).toBe(503);
    const ok = await ask();
    expect(ok.content[0]).toMatchObject({ text: 'scripted 1' }); // error faults never consulted the script
    expect(server.messageRequests().map((r) => r.fault ?? 'ok')).toEqual(['status 429', 'status 429', 'status 529', 'status 500', 'status 503', 'ok']);
  });

  it('takes faults from a function per request, and delays an answer', async () => {
    server.setFaults((req) => (req.lastUserText === 'slow' ? { delayMs: 150 } : req.lastUserText === 'busy' ? { status: 529 } : undefined));
    const started = Date.now();
    expect((await ask('slow')).content[0]).toMatchObject({ text: 'fine' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await rejection(ask('busy'))).toBeInstanceOf(OverloadedError);
  });

  it('drops the connection before answering and in the middle of a JSON or streamed answer', async () => {
    server.queueFaults({ drop: 'before-response' });
    expect(await rejection(ask())).toBeInstanceOf(APIConnectionError);
    server.queueFaults({ drop: 'mid-response' });
    expect((await rejection(ask())).message).toBe('terminated');
    // Through the provider, each one is a MODEL_CONNECTION error (what the runtime retries).
    server.queueFaults({ drop: 'before-response' }, { drop: 'mid-response' }, { drop: 'mid-response' });
    const request = { model: MODEL, maxTokens: 256, messages: [{ role: 'user' as const, content: 'x' }] };
    expect(await rejection(provider().complete(request))).toMatchObject({ code: 'MODEL_CONNECTION' });
    expect(await rejection(provider().complete(request))).toMatchObject({ code: 'MODEL_CONNECTION', details: { dropped: true } });
    expect(await rejection(provider().complete({ ...request, maxTokens: 30_000 }))).toMatchObject({ code: 'MODEL_CONNECTION' }); // streamed
    expect(server.messageRequests().map((r) => r.fault)).toEqual(['drop before-response', 'drop mid-response', 'drop before-response', 'drop mid-response', 'drop mid-response']);
  });

  it('answers a schema request with malformed JSON', async () => {
    server.setAnswer({ json: { rust_source: 'fn main() {}', todos: [], confidence: 0.9 } });
    server.queueFaults({ malformedJson: true });
    const schema = { type: 'object', properties: { rust_source: { type: 'string' } }, additionalProperties: false };
    const broken = await ask('port', { output_config: { format: { type: 'json_schema', schema } } });
    const text = (broken.content[0] as { text: string }).text;
    expect(text.startsWith('{"rust_source":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    const good = await ask('port', { output_config: { format: { type: 'json_schema', schema } } });
    expect(JSON.parse((good.content[0] as { text: string }).text)).toMatchObject({ rust_source: 'fn main() {}' });
  });

  it('logs in-flight requests and when each ended', async () => {
    server.setAnswer({ text: 'x', delayMs: 100 });
    await Promise.all([ask(), ask(), ask()]);
    const log = server.messageRequests();
    expect(log.map((r) => r.inFlight).sort()).toEqual([1, 2, 3]);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(3);
    expect(server.inFlight).toBe(0);
    for (const r of log) expect(r.endedAt - r.time).toBeGreaterThanOrEqual(95);
  });
});

describe('prompt-cache usage from cache_control', () => {
  it('writes a prefix on first use and reads it within the TTL; the rest of the prompt is input', async () => {
    const first = await ask([cached(GUIDE), { type: 'text', text: 'port a.zig' }]);
    expect(first.usage).toMatchObject({ cache_creation_input_tokens: 1000, cache_read_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 0 } });
    const total = Math.ceil((GUIDE.length + 1 + 'port a.zig'.length) / 4);
    expect(first.usage.input_tokens).toBe(total - 1000);
    clock += 4 * 60_000;
    const second = await ask([cached(GUIDE), { type: 'text', text: 'port b.zig' }]);
    expect(second.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 1000 });
    // The read refreshed the entry: four more minutes are still within its 5 minutes.
    clock += 4 * 60_000;
    expect((await ask([cached(GUIDE), { type: 'text', text: 'c' }])).usage.cache_read_input_tokens).toBe(1000);
    clock += 6 * 60_000;
    expect((await ask([cached(GUIDE), { type: 'text', text: 'd' }])).usage).toMatchObject({ cache_creation_input_tokens: 1000, cache_read_input_tokens: 0 });
    expect(server.messageRequests().map((r) => r.usage?.cache_read_input_tokens)).toEqual([0, 1000, 1000, 0]);
  });

  it('keys the prefix on everything before the breakpoint, and reads the longest cached one', async () => {
    await ask([cached(GUIDE), { type: 'text', text: 'x' }], { system: 'You port Zig.' });
    const otherSystem = await ask([cached(GUIDE), { type: 'text', text: 'x' }], { system: 'You review Rust.' });
    expect(otherSystem.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    const MAP = 'M'.repeat(2000);
    const two = await ask([cached(GUIDE), cached(MAP), { type: 'text', text: 'y' }], { system: 'You port Zig.' });
    const guideTokens = Math.floor(('You port Zig.'.length + GUIDE.length) / 4);
    expect(two.usage).toMatchObject({ cache_read_input_tokens: guideTokens, cache_creation_input_tokens: Math.floor(('You port Zig.'.length + GUIDE.length + MAP.length) / 4) - guideTokens });
  });

  it('charges 1-hour writes apart, and refuses what the API refuses', async () => {
    const long = await ask([cached(GUIDE, '1h'), { type: 'text', text: 'x' }]);
    expect(long.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1000 });
    const misordered = await rejection(ask([cached('a'.repeat(100), '5m'), cached('b'.repeat(100), '1h'), { type: 'text', text: 'x' }]));
    expect(misordered).toBeInstanceOf(BadRequestError);
    expect(misordered.message).toMatch(/1h.*must not come after.*5m/);
    const five = Array.from({ length: 5 }, (_, i) => cached(`block ${i}`));
    expect(await rejection(ask([...five, { type: 'text', text: 'x' }]))).toBeInstanceOf(BadRequestError);
  });

  it('lets concurrent requests with the same new prefix all write it (the entry exists once an answer is sent)', async () => {
    server.setAnswer({ text: 'x', delayMs: 80 });
    const answers = await Promise.all([1, 2, 3].map((i) => ask([cached(GUIDE), { type: 'text', text: `file ${i}` }])));
    expect(answers.map((a) => a.usage.cache_creation_input_tokens)).toEqual([1000, 1000, 1000]);
    const later = await ask([cached(GUIDE), { type: 'text', text: 'file 4' }]);
    expect(later.usage.cache_read_input_tokens).toBe(1000);
  });

  it('leaves usage alone without breakpoints, and lets an answer give its own figures', async () => {
    expect((await ask(GUIDE)).usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0, input_tokens: 1000 });
    server.setAnswer({ text: 'x', usage: { cache_read_input_tokens: 7 } });
    expect((await ask([cached(GUIDE), { type: 'text', text: 'x' }])).usage.cache_read_input_tokens).toBe(7);
  });
});
