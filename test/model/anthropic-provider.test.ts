import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/errors.js';
import { parseRetryAfterMs } from '../../src/model/anthropic-errors.js';
import { AnthropicProvider } from '../../src/model/anthropic-provider.js';
import { NONSTREAMING_MAX_TOKENS } from '../../src/model/anthropic-request.js';
import type { ModelRequest } from '../../src/model/types.js';
import { startFakeAnthropicServer } from '../../src/testing/fake-anthropic-server.js';
import type { FakeAnthropicServer } from '../../src/testing/fake-anthropic-server.js';
import { failure } from '../helpers/failure.js';

const MODEL = 'claude-sonnet-5-5';
let server: FakeAnthropicServer;

function provider(options: ConstructorParameters<typeof AnthropicProvider>[0] = {}): AnthropicProvider {
  return new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {}, ...options });
}

function request(extra: Partial<ModelRequest> = {}): ModelRequest {
  return { model: MODEL, maxTokens: 1024, messages: [{ role: 'user', content: 'Port this file.' }], ...extra };
}


function lastBody(): Record<string, unknown> {
  return server.messageRequests().at(-1)?.body as Record<string, unknown>;
}

beforeAll(async () => {
  server = await startFakeAnthropicServer({ apiKey: 'sk-ant-test-secret-0123456789', knownModels: [MODEL] });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.setAnswer('Hello from the fake.');
  server.clearRequests();
});

describe('AnthropicProvider against the fake server', () => {
  it('maps a text answer', async () => {
    const res = await provider().complete(request({ system: 'You port Zig to Rust.' }));
    expect(res.text).toBe('Hello from the fake.');
    expect(res.toolUses).toEqual([]);
    expect(res.stopReason).toBe('end_turn');
    expect(res.model).toBe(MODEL);
    expect(res.requestId).toMatch(/^req_fake_/);
    const chars = 'You port Zig to Rust.'.length + 'Port this file.'.length;
    expect(res.usage).toEqual({
      inputTokens: Math.ceil(chars / 4),
      outputTokens: Math.ceil('Hello from the fake.'.length / 4),
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
    });
    expect(lastBody()).toMatchObject({ model: MODEL, max_tokens: 1024, system: 'You port Zig to Rust.' });
    expect(lastBody()['stream']).toBe(false);
  });

  it('sends a structured-output request as output_config.format and returns the JSON text', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] };
    server.setAnswer((req) => (req.wantsSchema ? { json: { answer: 4 } } : 'no schema'));
    const res = await provider().complete(request({ outputSchema: schema }));
    expect(JSON.parse(res.text)).toEqual({ answer: 4 });
    const format = (lastBody()['output_config'] as { format: Record<string, unknown> }).format;
    expect(format['type']).toBe('json_schema');
    expect(format['schema']).toEqual({ ...schema, additionalProperties: false });
  });

  it('sends the schema unchanged with transformSchema: false, and refuses a non-object root', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } };
    await provider({ transformSchema: false }).complete(request({ outputSchema: schema }));
    expect(lastBody()['output_config']).toEqual({ format: { type: 'json_schema', schema } });
    const err = await failure(provider().complete(request({ outputSchema: { type: 'array' } })));
    expect(err.code).toBe('SCHEMA_UNSUPPORTED');
  });

  it('maps tools, tool_use answers and tool_result blocks', async () => {
    server.setAnswer({ text: 'Let me read it.', toolUses: [{ name: 'read_file', input: { path: 'src/a.zig' } }] });
    const tools = [{ name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }];
    const res = await provider().complete(request({ tools }));
    expect(res.text).toBe('Let me read it.');
    expect(res.stopReason).toBe('tool_use');
    expect(res.toolUses).toEqual([{ id: expect.stringMatching(/^toolu_fake_/), name: 'read_file', input: { path: 'src/a.zig' } }]);
    expect(lastBody()['tools']).toEqual([{ name: 'read_file', description: 'Reads a file', input_schema: tools[0]!.inputSchema }]);

    const use = res.toolUses[0]!;
    await provider().complete(
      request({
        tools,
        messages: [
          { role: 'user', content: 'Port src/a.zig' },
          { role: 'assistant', content: [{ type: 'text', text: 'Let me read it.' }, { type: 'tool_use', ...use }] },
          { role: 'user', content: [{ type: 'tool_result', toolUseId: use.id, content: 'const x = 1;', isError: false }] },
        ],
      }),
    );
    expect((lastBody()['messages'] as unknown[])[2]).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: use.id, content: 'const x = 1;', is_error: false }],
    });
  });

  it('marks cacheable blocks with cache_control and maps cache usage', async () => {
    server.setAnswer({
      text: 'cached',
      usage: {
        input_tokens: 100,
        output_tokens: 20,
        cache_creation_input_tokens: 300,
        cache_read_input_tokens: 50,
        cache_creation: { ephemeral_1h_input_tokens: 200 },
      },
    });
    const res = await provider().complete(
      request({
        system: [{ type: 'text', text: 'shared prefix', cache: '1h' }, { type: 'text', text: 'tail' }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'index', cache: '5m' }, { type: 'text', text: 'ask' }] }],
      }),
    );
    expect(res.usage).toEqual({ inputTokens: 100, outputTokens: 20, cacheReadTokens: 50, cacheWriteTokens: 300, cacheWrite1hTokens: 200 });
    expect(lastBody()['system']).toEqual([
      { type: 'text', text: 'shared prefix', cache_control: { type: 'ephemeral', ttl: '1h' } },
      { type: 'text', text: 'tail' },
    ]);
    expect((lastBody()['messages'] as Array<{ content: unknown[] }>)[0]!.content[0]).toEqual({
      type: 'text',
      text: 'index',
      cache_control: { type: 'ephemeral', ttl: '5m' },
    });
  });

  it('streams when maxTokens is above the non-streaming limit, with the same result as JSON', async () => {
    server.setAnswer({
      text: 'A longer answer that arrives in several text deltas over SSE.',
      toolUses: [{ name: 'read_file', input: { path: 'src/b.zig', lines: [1, 2, 3] }, id: 'toolu_1' }],
      usage: { cache_read_input_tokens: 7, cache_creation_input_tokens: 9, cache_creation: { ephemeral_1h_input_tokens: 9 } },
    });
    const json = await provider().complete(request({ maxTokens: NONSTREAMING_MAX_TOKENS }));
    expect(lastBody()['stream']).toBe(false);
    const streamed = await provider().complete(request({ maxTokens: 64_000 }));
    expect(lastBody()).toMatchObject({ stream: true, max_tokens: 64_000 });
    expect(streamed.requestId).toMatch(/^req_fake_/);
    expect({ ...streamed, requestId: undefined }).toEqual({ ...json, requestId: undefined });
    expect(streamed.usage.cacheWrite1hTokens).toBe(9);
  });

  it('sends the key as a Bearer header and nowhere else', async () => {
    await provider().complete(request());
    const entry = server.messageRequests().at(-1)!;
    expect(entry.headers['authorization']).toBe('Bearer [redacted: matched]');
    expect(entry.headers['x-api-key']).toBeUndefined();
    expect(entry.headers['anthropic-version']).toBeTruthy();
    expect(JSON.stringify(server.requests)).not.toContain(server.apiKey);
  });

  it('reads the key and the server from the environment', async () => {
    const p = new AnthropicProvider({ env: server.env() });
    expect(p.baseURL).toBe(server.url);
    expect((await p.complete(request())).text).toBe('Hello from the fake.');
  });

  it('counts tokens', async () => {
    const n = await provider().countTokens(request({ system: '12345678' }));
    expect(n).toBe(Math.ceil(('12345678'.length + 'Port this file.'.length) / 4));
    expect(server.requests.at(-1)?.path).toBe('/v1/messages/count_tokens');
  });
});

describe('AnthropicProvider errors', () => {
  it('fails with NO_API_KEY when there is no key', () => {
    let caught: unknown;
    try {
      new AnthropicProvider({ env: { ANTHROPIC_BASE_URL: server.url } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MigrateError);
    expect((caught as MigrateError).code).toBe('NO_API_KEY');
    expect((caught as MigrateError).message).toContain('ANTHROPIC_API_KEY');
  });

  it('maps 401 to MODEL_AUTH without the key anywhere in the error', async () => {
    const secret = 'sk-ant-wrong-key-do-not-leak-42';
    const err = await failure(provider({ apiKey: secret }).complete(request()));
    expect(err.code).toBe('MODEL_AUTH');
    expect(err.details).toMatchObject({ status: 401, requestId: expect.stringMatching(/^req_fake_/) });
    expect(err.message).toContain('ANTHROPIC_API_KEY');
    for (const text of [err.message, JSON.stringify(err), JSON.stringify(err.details), inspect(err, { depth: 10 }), String(err.cause)]) {
      expect(text).not.toContain(secret);
      expect(text.toLowerCase()).not.toContain('authorization');
    }
    expect(JSON.stringify(server.requests)).not.toContain(secret);
  });

  it('maps 429 with retry-after to MODEL_RATE_LIMITED with retryAfterMs', async () => {
    server.setAnswer({ status: 429, headers: { 'retry-after': '7' } });
    const err = await failure(provider({ maxRetries: 0 }).complete(request()));
    expect(err.code).toBe('MODEL_RATE_LIMITED');
    expect(err.details).toMatchObject({ status: 429, retryAfterMs: 7000, requestId: expect.stringMatching(/^req_fake_/) });
    expect(server.messageRequests()).toHaveLength(1);

    server.setAnswer({ status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '9' } });
    const err2 = await failure(provider({ maxRetries: 0 }).complete(request()));
    expect(err2.details['retryAfterMs']).toBe(1500);
  });

  it('parses retry-after as an HTTP date', () => {
    const now = Date.parse('2026-11-01T00:00:00Z');
    const headers = new Headers({ 'retry-after': new Date(now + 30_000).toUTCString() });
    expect(parseRetryAfterMs(headers, now)).toBe(30_000);
    expect(parseRetryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it('lets the SDK retry 429 itself, honouring retry-after-ms', async () => {
    let calls = 0;
    server.setAnswer(() => (++calls <= 2 ? { status: 429, headers: { 'retry-after-ms': '10' } } : 'after retries'));
    const res = await provider({ maxRetries: 2 }).complete(request());
    expect(res.text).toBe('after retries');
    expect(server.messageRequests()).toHaveLength(3);
  });

  it('maps 529, 500, 400 and an unknown model', async () => {
    server.setAnswer({ status: 529 });
    expect((await failure(provider({ maxRetries: 0 }).complete(request()))).code).toBe('MODEL_OVERLOADED');
    server.setAnswer({ status: 500 });
    expect((await failure(provider({ maxRetries: 0 }).complete(request()))).code).toBe('MODEL_SERVER_ERROR');
    server.setAnswer({ status: 400, error: { type: 'invalid_request_error', message: 'messages: bad' } });
    const bad = await failure(provider().complete(request()));
    expect(bad.code).toBe('MODEL_BAD_REQUEST');
    expect(bad.message).toContain('messages: bad');
    const unknown = await failure(provider().complete(request({ model: 'claude-nope-1' })));
    expect(unknown.code).toBe('MODEL_BAD_REQUEST');
    expect(unknown.details['status']).toBe(404);
    expect(unknown.message).toContain('model "claude-nope-1" was not found');
  });

  it('maps an aborted request to ABORTED, and an AbortSignal timeout to AGENT_TIMEOUT', async () => {
    server.setAnswer({ text: 'too late', delayMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const err = await failure(provider().complete(request({ signal: controller.signal })));
    expect(err.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(5_000);

    const streamed = new AbortController();
    setTimeout(() => streamed.abort(), 50);
    expect((await failure(provider().complete(request({ maxTokens: 64_000, signal: streamed.signal })))).code).toBe('ABORTED');

    const timedOut = await failure(provider().complete(request({ signal: AbortSignal.timeout(50) })));
    expect(timedOut.code).toBe('AGENT_TIMEOUT');
  });

  it('maps the per-attempt timeout to AGENT_TIMEOUT', async () => {
    server.setAnswer({ text: 'too late', delayMs: 10_000 });
    const err = await failure(provider({ timeoutMs: 100, maxRetries: 0 }).complete(request()));
    expect(err.code).toBe('AGENT_TIMEOUT');
  });

  it('maps an unreachable server to MODEL_CONNECTION', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const err = await failure(provider({ baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 }).complete(request()));
    expect(err.code).toBe('MODEL_CONNECTION');
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });
});
