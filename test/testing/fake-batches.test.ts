import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../src/testing/fake-anthropic-server.js';

let server: FakeAnthropicServer;
let now = 1_000_000;
let client: Anthropic;

beforeAll(async () => {
  server = await startFakeAnthropicServer({
    now: () => now,
    batches: { processingMs: 60_000, entryOutcome: (req) => (req.lastUserText === 'too late' ? 'expired' : req.lastUserText === 'never mind' ? 'canceled' : undefined) },
    answer: (req) => `answer to ${req.lastUserText} (${req.customId})`,
    faults: (req) => (req.lastUserText === 'overload me' ? { status: 529 } : undefined),
  });
  client = new Anthropic({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

const params = (text: string) => ({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user' as const, content: text }] });

describe('the fake Message Batches API', () => {
  it('creates a batch, reports it in progress until its processing time has passed, then serves the results as JSONL', async () => {
    const texts = ['hello', 'overload me', 'too late', 'never mind'];
    const created = await client.messages.batches.create({ requests: texts.map((t, i) => ({ custom_id: `e${i}`, params: params(t) })) });
    expect(created).toMatchObject({ type: 'message_batch', processing_status: 'in_progress', results_url: null, request_counts: { processing: 4, succeeded: 0 } });
    await expect(client.messages.batches.results(created.id)).rejects.toThrow(/No batch `results_url`/);
    now += 60_000;
    const ended = await client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe('ended');
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 1, canceled: 1, expired: 1 });
    expect(ended.results_url).toBe(`${server.url}/v1/messages/batches/${created.id}/results`);
    const results = [];
    for await (const line of await client.messages.batches.results(created.id)) results.push(line);
    const byId = Object.fromEntries(results.map((r) => [r.custom_id, r.result]));
    expect(byId['e0']).toMatchObject({ type: 'succeeded', message: { content: [{ type: 'text', text: `answer to hello (e0)` }] } });
    expect(byId['e1']).toMatchObject({ type: 'errored', error: { type: 'error', error: { type: 'overloaded_error' } } });
    expect(byId['e2']).toEqual({ type: 'expired' });
    expect(byId['e3']).toEqual({ type: 'canceled' });
    expect(server.batchLog().at(-1)!.entries.map((e) => e.result)).toEqual(['succeeded', 'errored', 'expired', 'canceled']);
    expect(server.messageRequests()).toHaveLength(0);
  });

  it('refuses duplicate or malformed custom ids, streaming entries and unknown batches like the API', async () => {
    await expect(client.messages.batches.create({ requests: [{ custom_id: 'x', params: params('a') }, { custom_id: 'x', params: params('b') }] })).rejects.toMatchObject({ status: 400 });
    await expect(client.messages.batches.create({ requests: [{ custom_id: 'no spaces', params: params('a') }] })).rejects.toMatchObject({ status: 400 });
    await expect(client.messages.batches.retrieve('msgbatch_nope')).rejects.toMatchObject({ status: 404 });
    const unauthorized = new Anthropic({ apiKey: 'wrong-key', baseURL: server.url, maxRetries: 0 });
    await expect(unauthorized.messages.batches.retrieve('msgbatch_fake_1')).rejects.toMatchObject({ status: 401 });
  });
});
