import Anthropic, { AuthenticationError, RateLimitError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_ANSWER } from '../../src/testing/fake-anthropic-messages.js';
import { DEFAULT_FAKE_API_KEY, startFakeAnthropicServer } from '../../src/testing/fake-anthropic-server.js';
import type { FakeAnthropicServer, FakeRequest } from '../../src/testing/fake-anthropic-server.js';

const MODEL = 'claude-sonnet-5-5';
let server: FakeAnthropicServer;

function client(apiKey = server.apiKey): Anthropic {
  return new Anthropic({ apiKey, baseURL: server.url, maxRetries: 0 });
}

const basic = {
  model: MODEL,
  max_tokens: 512,
  messages: [{ role: 'user' as const, content: 'Hello' }],
};

async function rawPost(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function sseEventNames(text: string): string[] {
  return [...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]!);
}

beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.setAnswer(DEFAULT_FAKE_ANSWER);
  server.clearRequests();
});

describe('fake Anthropic server through the real SDK', () => {
  it('listens on 127.0.0.1 with the default key and gives env() for child processes', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.apiKey).toBe(DEFAULT_FAKE_API_KEY);
    expect(server.env()).toEqual({ ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'test-key' });
  });

  it('answers a message with the default text, estimated usage and a request id', async () => {
    const message = await client().messages.create(basic);
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.model).toBe(MODEL);
    expect(message.content).toEqual([{ type: 'text', text: DEFAULT_FAKE_ANSWER, citations: null }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({
      input_tokens: Math.ceil('Hello'.length / 4),
      output_tokens: Math.ceil(DEFAULT_FAKE_ANSWER.length / 4),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    });
    expect(message._request_id).toMatch(/^req_fake_\d+$/);
  });

  it('gives the answer function a parsed request', async () => {
    const seen: FakeRequest[] = [];
    server.setAnswer((req) => {
      seen.push(req);
      return req.wantsSchema ? { json: { ok: true } } : 'plain';
    });
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, additionalProperties: false };
    const message = await client().messages.create({
      ...basic,
      system: [{ type: 'text', text: 'sys one' }, { type: 'text', text: 'sys two' }],
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'last' }, { type: 'text', text: 'question' }] },
      ],
      tools: [{ name: 'read_file', input_schema: { type: 'object' } }],
      output_config: { format: { type: 'json_schema', schema } },
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: '{"ok":true}' });
    const req = seen[0]!;
    expect(req).toMatchObject({
      model: MODEL,
      system: 'sys one\nsys two',
      lastUserText: 'last\nquestion',
      wantsSchema: true,
      schema,
      toolNames: ['read_file'],
      stream: false,
      maxTokens: 512,
    });
    await client().messages.create(basic);
    expect(seen[1]!.index).toBe(req.index + 1);
    expect(seen[1]!.wantsSchema).toBe(false);
  });

  it('answers tool uses', async () => {
    server.setAnswer({ toolUses: [{ name: 'grep', input: { pattern: 'fn' } }] });
    const message = await client().messages.create(basic);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'tool_use', id: expect.stringMatching(/^toolu_fake_/), name: 'grep', input: { pattern: 'fn' }, caller: { type: 'direct' } },
    ]);
  });

  it('streams SSE that the SDK accumulates into the same message as the JSON answer', async () => {
    server.setAnswer({
      text: 'Streaming text that is longer than one sixteen character delta.',
      toolUses: [{ name: 'read_file', input: { path: 'src/main.zig', range: [1, 40] }, id: 'toolu_x' }],
      usage: { cache_read_input_tokens: 12, cache_creation_input_tokens: 30, cache_creation: { ephemeral_1h_input_tokens: 30 } },
    });
    const json = await client().messages.create(basic);
    const stream = client().messages.stream(basic);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const streamed = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Streaming text that is longer than one sixteen character delta.');
    expect(stream.request_id).toMatch(/^req_fake_/);
    const { _request_id: _r, id: _j, ...jsonRest } = json;
    const { parsed_output: _p, id: _s, ...streamedRest } = streamed;
    expect(JSON.parse(JSON.stringify(streamedRest))).toEqual(JSON.parse(JSON.stringify(jsonRest)));
    expect(server.messageRequests().at(-1)?.body).toMatchObject({ stream: true });
  });

  it('sends the SSE events in the order the API does', async () => {
    server.setAnswer({ text: 'hi', toolUses: [{ name: 't', input: {} }] });
    const res = await rawPost('/v1/messages', { ...basic, stream: true }, { authorization: 'Bearer test-key' });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(sseEventNames(await res.text())).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('counts tokens', async () => {
    const count = await client().messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: '12345678' }] });
    expect(count.input_tokens).toBe(2);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/messages/count_tokens', status: 200 });
  });

  it('accepts the key as Bearer or x-api-key and logs only whether it matched', async () => {
    await client().messages.create(basic);
    expect(server.requests.at(-1)).toMatchObject({ authorized: true, status: 200 });
    expect(server.requests.at(-1)?.headers['authorization']).toBe('Bearer [redacted: matched]');

    const viaHeader = await rawPost('/v1/messages', basic, { 'x-api-key': 'test-key' });
    expect(viaHeader.status).toBe(200);
    expect(server.requests.at(-1)?.headers['x-api-key']).toBe('[redacted: matched]');
  });

  it('answers a wrong key with 401 in the API error shape', async () => {
    const error = await client('wrong-key-123').messages.create(basic).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const entry = server.requests.at(-1)!;
    expect(entry).toMatchObject({ authorized: false, status: 401 });
    expect(entry.headers['authorization']).toBe('Bearer [redacted: not matched]');
    expect(JSON.stringify(server.requests)).not.toContain('wrong-key-123');
    expect((await rawPost('/v1/messages', basic)).status).toBe(401);
  });

  it('answers scripted errors with their status, type and headers', async () => {
    server.setAnswer({ status: 429, headers: { 'retry-after': '3' } });
    const error = await client().messages.create(basic).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get('retry-after')).toBe('3');
    expect((error as RateLimitError).type).toBe('rate_limit_error');

    server.setAnswer({ status: 503, error: { type: 'overloaded_error', message: 'busy' } });
    const res = await rawPost('/v1/messages', basic, { authorization: 'Bearer test-key' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } });
  });

  it('answers bad requests, unknown routes and a throwing answer function', async () => {
    const auth = { authorization: 'Bearer test-key' };
    expect((await rawPost('/v1/messages', { model: MODEL }, auth)).status).toBe(400);
    const notFound = await rawPost('/v1/nothing', {}, auth);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ error: { type: 'not_found_error' } });
    server.setAnswer(() => {
      throw new Error('script bug');
    });
    const res = await rawPost('/v1/messages', basic, auth);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).toContain('script bug');
  });

  it('rejects models it does not know when given knownModels', async () => {
    const strict = await startFakeAnthropicServer({ knownModels: [MODEL], apiKey: 'k' });
    try {
      const res = await fetch(`${strict.url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ ...basic, model: 'claude-unknown' }),
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { type: 'not_found_error', message: 'model: claude-unknown' } });
    } finally {
      await strict.close();
    }
  });

  it('delays answers and survives a client that leaves', async () => {
    server.setAnswer({ text: 'slow', delayMs: 150 });
    const started = Date.now();
    await client().messages.create(basic);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    server.setAnswer({ text: 'never read', delayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(client().messages.create(basic, { signal: controller.signal })).rejects.toThrow();
    server.setAnswer('still fine');
    const after = await client().messages.create(basic);
    expect(after.content[0]).toMatchObject({ text: 'still fine' });
  });

  it('closes promptly with keep-alive connections open', async () => {
    const other = await startFakeAnthropicServer();
    await new Anthropic({ apiKey: other.apiKey, baseURL: other.url }).messages.create(basic);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
