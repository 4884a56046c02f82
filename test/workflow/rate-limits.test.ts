/** The runtime under load and faults, through the real SDK against the fake Messages API. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../src/model/anthropic-provider.js';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { startFakeAnthropicServer, type FakeAnthropicServer, type FakeRequest } from '../../src/testing/fake-anthropic-server.js';
import type { WorkflowEvent } from '../../src/workflow/events.js';
import { startRun, type StartRunOptions } from '../../src/workflow/run.js';
import type { Outcome } from '../../src/workflow/types.js';

let server: FakeAnthropicServer;

beforeAll(async () => {
  server = await startFakeAnthropicServer({ apiKey: 'sk-ant-api03-rate-limit-test-key-0123456789', knownModels: ['claude-sonnet-5-5', 'claude-haiku-5-5'] });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearRequests();
  server.setFaults(undefined);
  server.setAnswer((req: FakeRequest) => ({ text: `done: ${req.lastUserText}`, delayMs: 15 }));
});

const many = (n: number, extra: Record<string, unknown> = {}) =>
  defineRecipe({
    name: 'many',
    description: '',
    run: (ctx) => ctx.parallel(Array.from({ length: n }, (_, i) => () => ctx.agent(`task ${i}`, { label: `t${i}`, ...extra }))),
  });

async function run(recipe: ReturnType<typeof many>, options: Partial<StartRunOptions> = {}, apiKey = server.apiKey) {
  const stateDir = await mkdtemp(join(tmpdir(), 'mk-rate-'));
  const provider = new AnthropicProvider({ apiKey, baseURL: server.url, env: {} }); // SDK default maxRetries 2: the runtime turns it off
  const events: WorkflowEvent[] = [];
  const handle = await startRun({ recipe, provider, stateDir, retry: { baseDelayMs: 20, maxDelayMs: 100 }, onEvent: (e) => events.push(e), ...options });
  const result = await handle.done;
  const journal = (await readFile(join(result.dir, 'journal.jsonl'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { result, events, journal, outcomes: result.value as Array<Outcome<string>> };
}

describe('rate-limit aware scheduling', () => {
  it('runs 50 agents through 529 bursts, a 429 with retry-after: 1 and dropped connections; every answer right, none lost', async () => {
    server.setAnswer((req: FakeRequest) => ({ text: `done: ${req.lastUserText}`, delayMs: 40 })); // long enough for requests to overlap on a busy machine
    server.setFaults((req) => {
      const i = req.index;
      if (i >= 10 && i < 18) return { status: 529 }; // a burst while 8 are in flight
      if (i === 30) return { status: 429, retryAfter: 1 };
      if (i === 40) return { drop: 'mid-response' };
      if (i === 41) return { drop: 'before-response' };
      if (i >= 55 && i < 59) return { status: 529 };
      return undefined;
    });
    const { result, events, journal, outcomes } = await run(many(50), { concurrency: 8 });
    expect(result.status).toBe('completed');
    expect(outcomes.map((o) => (o.status === 'ok' ? o.value : o.error.message))).toEqual(Array.from({ length: 50 }, (_, i) => `done: task ${i}`));
    expect(journal.filter((e) => e.status === 'ok')).toHaveLength(50);

    const log = server.messageRequests();
    const answered = log.filter((r) => r.status === 200 && !r.fault);
    expect(answered).toHaveLength(50); // each agent answered exactly once: no request repeated after its answer
    expect(log.length).toBe(50 + 8 + 1 + 2 + 4); // and every fault was retried exactly once (the SDK retried none)

    // Observed in-flight requests drop after the 529s and recover step by step.
    const slots = events.filter((e): e is Extract<WorkflowEvent, { type: 'scheduler:slots' }> => e.type === 'scheduler:slots');
    expect(slots[0]).toMatchObject({ previous: 8, slots: 4, reason: 'overloaded' });
    expect(slots.some((e) => e.reason === 'recovered')).toBe(true);
    const first529 = log.find((r) => r.fault === 'status 529')!;
    expect(Math.max(...log.filter((r) => r.time < first529.endedAt).map((r) => r.inFlight))).toBeGreaterThanOrEqual(6); // 8 slots in use
    // Requests sent once the 529 was seen (50 ms grace for requests already leaving) find the halved 4 in flight, give
    // or take one: on a loaded machine a request sent just before the halving may arrive after the grace, and four
    // successes in a row already raise the live slots to 5.
    const after = log.filter((r) => r.time > first529.endedAt + 50);
    const next10 = after.slice(0, 10).map((r) => r.inFlight);
    expect(Math.max(...next10)).toBeLessThanOrEqual(5);
    // …and later more again, as successes raise the live slots.
    expect(Math.max(...after.slice(10).map((r) => r.inFlight))).toBeGreaterThan(Math.max(...next10));
    expect(Math.max(...slots.map((e) => e.slots).slice(1))).toBeGreaterThanOrEqual(5);

    // No request of any agent is sent while the retry-after of the 429 runs (a 100 ms grace for requests already leaving).
    const limited = log.find((r) => r.fault === 'status 429')!;
    const during = log.filter((r) => r.time > limited.endedAt + 100 && r.time < limited.endedAt + 1000 - 5);
    expect(during).toEqual([]);
    expect(events.some((e) => e.type === 'scheduler:paused' && e.retryAfterMs === 1000)).toBe(true);
    expect(events.filter((e) => e.type === 'agent:backoff')).toHaveLength(8 + 1 + 2 + 4);
  });

  it('ends an agent that keeps failing after a bounded number of tries, with the last error; the others go on', async () => {
    server.setFaults((req) => (req.lastUserText === 'task 2' ? { status: 529, error: { type: 'overloaded_error', message: 'Overloaded (still)' } } : undefined));
    const { result, journal, outcomes, events } = await run(many(5), { concurrency: 2, retry: { maxTries: 3, baseDelayMs: 10, maxDelayMs: 20 } });
    expect(result.status).toBe('completed');
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'failed', 'ok', 'ok']);
    const failure = outcomes[2] as Extract<Outcome<string>, { status: 'failed' }>;
    expect(failure.error.code).toBe('MODEL_OVERLOADED');
    expect(failure.error.message).toMatch(/gave up after 3 tries.*HTTP 529.*Overloaded \(still\)/);
    expect(failure.error.details).toMatchObject({ tries: 3, lastError: { code: 'MODEL_OVERLOADED' } });
    expect(server.messageRequests().filter((r) => (r.body as { messages: Array<{ content: string }> }).messages[0]!.content === 'task 2')).toHaveLength(3);
    expect(journal.find((e) => e.status === 'failed')).toMatchObject({ label: 't2', requests: 3, tries: 0, error: { code: 'MODEL_OVERLOADED' } });
    expect(events.filter((e) => e.type === 'agent:failed')).toHaveLength(1);
  });

  it('waits out a retry-after-ms with the SDK retries off: one more request, no earlier', async () => {
    server.queueFaults({ status: 429, retryAfterMs: 300 });
    const { result } = await run(many(1), { concurrency: 1 });
    expect(result.status).toBe('completed');
    const [limited, retried] = server.messageRequests();
    expect(server.messageRequests()).toHaveLength(2);
    expect(retried!.time - limited!.endedAt).toBeGreaterThanOrEqual(290);
  });
});

describe('fail fast', () => {
  it('a 401 stops the run once, with one clear message and no more requests than the live slots', async () => {
    const { result, events, outcomes } = await run(many(30), { concurrency: 4 }, 'sk-ant-api03-wrong-key-000000000000000000');
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('MODEL_AUTH');
    expect(result.error?.message).toMatch(/HTTP 401 .*ANTHROPIC_API_KEY/);
    expect(result.error?.message).not.toContain('wrong-key');
    expect(server.messageRequests().length).toBeLessThanOrEqual(4);
    expect(events.filter((e) => e.type === 'run:stopping')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'agent:failed')).toHaveLength(1);
    expect(outcomes.every((o) => o.status === 'failed' && o.error.code === 'MODEL_AUTH')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'run:finished', status: 'failed', error: { code: 'MODEL_AUTH' } });
  });

  it('a 400 bad request and a model the server does not know stop the run the same way', async () => {
    server.setAnswer({ status: 400, error: { type: 'invalid_request_error', message: 'output_config.format.schema: unsupported keyword "patternProperties"' } });
    const bad = await run(many(10), { concurrency: 2 });
    expect(bad.result).toMatchObject({ status: 'failed', error: { code: 'MODEL_BAD_REQUEST' } });
    expect(bad.result.error?.message).toContain('patternProperties');
    expect(server.messageRequests().length).toBeLessThanOrEqual(2);

    server.clearRequests();
    server.setAnswer('fine');
    const unknown = await run(many(10, { model: 'claude-opus-5-5' }), { concurrency: 3 });
    expect(unknown.result).toMatchObject({ status: 'failed', error: { code: 'MODEL_BAD_REQUEST', details: { status: 404 } } });
    expect(unknown.result.error?.message).toMatch(/model "claude-opus-5-5" was not found/);
    expect(server.messageRequests().length).toBeLessThanOrEqual(3);
  });

  it('a model missing from the price table stops the run before any request', async () => {
    const { result, events } = await run(many(5, { model: 'claude-sonnet-9' }));
    expect(result).toMatchObject({ status: 'failed', error: { code: 'UNKNOWN_MODEL' } });
    expect(server.messageRequests()).toHaveLength(0);
    expect(events.filter((e) => e.type === 'run:stopping')).toHaveLength(1);
  });

  it('a prompt too long for the model fails only that agent', async () => {
    server.setAnswer((req) => (req.lastUserText === 'task 1' ? { status: 400, error: { type: 'invalid_request_error', message: 'prompt is too long: 250000 tokens > 200000 maximum' } } : 'fine'));
    const { result, outcomes } = await run(many(3), { concurrency: 1 });
    expect(result.status).toBe('completed');
    expect(outcomes.map((o) => (o.status === 'ok' ? 'ok' : o.error.code))).toEqual(['ok', 'MODEL_BAD_REQUEST', 'ok']);
  });
});

describe('malformed structured answers', () => {
  const port = (tries: number) =>
    defineRecipe({
      name: 'port',
      description: '',
      run: (ctx) =>
        ctx.parallel([
          () => ctx.agent('port a.zig', { label: 'port', schema: { type: 'object', properties: { rust_source: { type: 'string' } }, required: ['rust_source'] } }),
          ...Array.from({ length: tries }, (_, i) => () => ctx.agent(`other ${i}`, { label: 'other' })),
        ]),
    });

  it('is retried with the parse error shown, and then fails cleanly after 3 tries; siblings are unaffected', async () => {
    server.setAnswer((req) => (req.wantsSchema ? { json: { rust_source: 'fn a() {}' } } : 'fine'));
    server.setFaults((req) => (req.wantsSchema ? { malformedJson: true } : undefined));
    const { result, outcomes, journal } = await run(port(2));
    expect(result.status).toBe('completed');
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'ok', 'ok']);
    const failure = outcomes[0] as Extract<Outcome<string>, { status: 'failed' }>;
    expect(failure.error.code).toBe('SCHEMA_INVALID');
    expect(failure.error.message).toMatch(/3 tries.*not valid JSON.*It began: \{"rust_source"/);
    const sent = server.messageRequests().filter((r) => (r.body as { output_config?: unknown }).output_config);
    expect(sent).toHaveLength(3);
    const last = (sent[2]!.body as { messages: Array<{ role: string; content: unknown }> }).messages;
    expect(last.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(JSON.stringify(last.at(-1))).toContain('does not match the required JSON schema');
    expect(journal.find((e) => e.label === 'port' && e.type === 'agent')).toMatchObject({ status: 'failed', tries: 3, requests: 3, error: { code: 'SCHEMA_INVALID' } });
  });

  it('is retried and succeeds when the next answer is whole', async () => {
    server.setAnswer((req) => (req.wantsSchema ? { json: { rust_source: 'fn a() {}' } } : 'fine'));
    server.queueFaults({ malformedJson: true });
    const { outcomes } = await run(port(0), { concurrency: 1 });
    expect(outcomes[0]).toEqual({ status: 'ok', value: { rust_source: 'fn a() {}' } });
    expect(server.messageRequests()).toHaveLength(2);
  });
});
