import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/errors.js';
import { Budget } from '../../src/workflow/budget.js';
import { EventBus, type WorkflowEvent } from '../../src/workflow/events.js';
import { backoffMs, classifyError, DEFAULT_RETRY_POLICY } from '../../src/workflow/retry-policy.js';
import { Scheduler } from '../../src/workflow/scheduler.js';

function scheduler(slots: number) {
  const events = new EventBus();
  const seen: WorkflowEvent[] = [];
  events.on((e) => seen.push(e));
  const s = new Scheduler({ runId: 'r', slots, maxAgents: 1000, budget: new Budget(Infinity), agentsBefore: 0, events });
  return { s, seen };
}

const overloaded = (details: Record<string, unknown> = {}) => new MigrateError('MODEL_OVERLOADED', 'overloaded', { details });
const rateLimited = (retryAfterMs: number) => new MigrateError('MODEL_RATE_LIMITED', 'slow down', { details: { status: 429, retryAfterMs } });
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
const slotEvents = (seen: WorkflowEvent[]) => seen.flatMap((e) => (e.type === 'scheduler:slots' ? [`${e.previous}->${e.slots} ${e.reason}`] : []));

describe('Scheduler: rate-limit aware slots', () => {
  it('halves the live slots once per congestion window, never below 1', async () => {
    const { s, seen } = scheduler(8);
    // Eight requests in flight in the same window all fail: one decrease, not eight.
    await Promise.allSettled(Array.from({ length: 8 }, () => s.request(async () => Promise.reject(overloaded()))));
    expect(s.slots).toBe(4);
    // Each later window halves again, down to 1 and no further.
    for (let i = 0; i < 4; i++) await s.request(async () => Promise.reject(overloaded())).catch(() => undefined);
    expect(s.slots).toBe(1);
    expect(slotEvents(seen)).toEqual(['8->4 overloaded', '4->2 overloaded', '2->1 overloaded']);
  });

  it('grows back by one after as many successes in a row as there are live slots', async () => {
    const { s, seen } = scheduler(4);
    await s.request(async () => Promise.reject(overloaded())).catch(() => undefined);
    await s.request(async () => Promise.reject(overloaded())).catch(() => undefined);
    expect(s.slots).toBe(1);
    const ok = () => s.request(async () => 'ok');
    await ok(); // 1 success at 1 slot: 2
    expect(s.slots).toBe(2);
    await ok();
    await ok(); // 2 successes: 3
    expect(s.slots).toBe(3);
    for (let i = 0; i < 10; i++) await ok();
    expect(s.slots).toBe(4); // never above the configured slots
    expect(slotEvents(seen).slice(2)).toEqual(['1->2 recovered', '2->3 recovered', '3->4 recovered']);
  });

  it('never runs more requests than the live slots', async () => {
    const { s } = scheduler(6);
    await s.request(async () => Promise.reject(overloaded())).catch(() => undefined); // 6 -> 3
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        s.request(async () => {
          most = Math.max(most, ++running);
          await tick(10);
          running--;
        }),
      ),
    );
    expect(most).toBeLessThanOrEqual(5); // 3, growing by one per 3-4 successes
    expect(most).toBeGreaterThanOrEqual(3);
  });

  it('starts no request of anyone before a retry-after has passed', async () => {
    const { s, seen } = scheduler(4);
    const failedAt = Date.now();
    await s.request(async () => Promise.reject(rateLimited(300))).catch(() => undefined);
    const starts: number[] = [];
    await Promise.all([1, 2, 3].map(() => s.request(async () => starts.push(Date.now()))));
    for (const at of starts) expect(at - failedAt).toBeGreaterThanOrEqual(295);
    expect(seen.find((e) => e.type === 'scheduler:paused')).toMatchObject({ retryAfterMs: 300, code: 'MODEL_RATE_LIMITED' });
  });

  it('fail fast: queued and later requests reject at once with the one error; requests in flight finish', async () => {
    const { s, seen } = scheduler(1);
    const auth = new MigrateError('MODEL_AUTH', 'bad key');
    const inFlight = s.request(async () => {
      await tick(50);
      return 'answered';
    });
    const queued = s.request(async () => 'never');
    await tick();
    expect(s.failFast(auth)).toBe(true);
    expect(s.failFast(new MigrateError('MODEL_AUTH', 'again'))).toBe(false);
    await expect(queued).rejects.toBe(auth);
    await expect(s.request(async () => 'later')).rejects.toBe(auth);
    await expect(inFlight).resolves.toBe('answered');
    expect(seen.filter((e) => e.type === 'run:stopping')).toHaveLength(1);
  });
});

describe('retry policy', () => {
  it('classifies errors: fatal, throttle, transient, final', () => {
    const e = (code: ConstructorParameters<typeof MigrateError>[0], details = {}, message = 'x') => classifyError(new MigrateError(code, message, { details }));
    expect(e('MODEL_AUTH')).toBe('fatal');
    expect(e('UNKNOWN_MODEL')).toBe('fatal');
    expect(e('MODEL_BAD_REQUEST', { status: 400 })).toBe('fatal');
    expect(e('MODEL_BAD_REQUEST', { status: 404 })).toBe('fatal');
    expect(e('MODEL_BAD_REQUEST', { status: 413 })).toBe('final');
    expect(e('MODEL_BAD_REQUEST', { status: 400 }, 'prompt is too long: 210000 tokens > 200000 maximum')).toBe('final');
    expect(e('MODEL_RATE_LIMITED')).toBe('throttle');
    expect(e('MODEL_OVERLOADED')).toBe('throttle');
    expect(e('MODEL_OVERLOADED', { shouldRetry: false })).toBe('final');
    expect(e('MODEL_SERVER_ERROR')).toBe('transient');
    expect(e('MODEL_CONNECTION')).toBe('transient');
    expect(e('SCHEMA_INVALID')).toBe('final');
    expect(e('MODEL_ERROR')).toBe('final');
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = DEFAULT_RETRY_POLICY;
    expect(backoffMs(1, policy, () => 0)).toBe(1000);
    expect(backoffMs(3, policy, () => 0)).toBe(4000);
    expect(backoffMs(3, policy, () => 1)).toBe(3000);
    expect(backoffMs(20, policy, () => 0)).toBe(30_000);
  });
});
