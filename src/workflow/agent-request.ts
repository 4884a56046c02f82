/**
 * One model request of an agent, sent until it is answered or fails for good: the cache gate (siblings
 * wait for the first writer of a shared prefix) → a scheduler slot (shared retry-after, live slots, the
 * run's limits on the first request) → the provider with its own retries off → cost charged and the answer
 * journaled inside the slot.
 * A 429/529/5xx/dropped connection is sent again after a backoff, at most `retry.maxTries` times; an error
 * no request can survive stops the run once.
 */
import { createHash } from 'node:crypto';
import { MigrateError, toMigrateError } from '../errors.js';
import type { ModelRequest, ModelResponse } from '../model/types.js';
import type { BatchAnswer, BatchCallRef } from './batcher.js';
import type { AgentRuntime } from './agent-call.js';
import type { CacheBreakpoint } from './cache-gate.js';
import type { AgentRef } from './events.js';
import { backoffMs, classifyError, retryAfterOf } from './retry-policy.js';

/** What one agent's requests share: its identity, priority, signal, admission and running totals. */
export interface AgentExchange {
  ref: AgentRef;
  model: string;
  priority: number;
  signal: AbortSignal;
  breakpoints: readonly CacheBreakpoint[];
  /** Called once, when the first request is admitted (the agent starts); the request waits for it. */
  onAdmit(): Promise<void>;
  admitted: boolean;
  /** Requests sent (failed ones included). */
  requests: number;
  /** Whether this agent's error stopped the run. */
  stoppedRun: boolean;
  /**
   * Every answer, in order, with its usage and cost (and, from a Message Batch, which entry of which batch); the
   * slot is held until it resolves (the answer is journaled).
   */
  onResponse(response: ModelResponse, costUsd: number, batch?: { id: string; customId: string }): Promise<void>;
  /** Set when the call's requests go through Message Batches (`agent(…, { batch: true })` in a `--batch` run). */
  batch?: Omit<BatchCallRef, 'requestHash'>;
  onRequestError(error: MigrateError): void;
}

/**
 * Sends the request `build(ttl)` makes (the TTL for its cache breakpoints comes from the gate) until it is
 * answered. Rejects with the error that ended it: final, fatal (after stopping the run), or the last
 * transient one after `maxTries` sends.
 */
export async function sendAgentRequest(rt: AgentRuntime, ex: AgentExchange, build: (ttl: '5m' | '1h') => ModelRequest): Promise<ModelResponse> {
  if (ex.batch && rt.batcher) {
    const answer = await sendBatched(rt, ex, build);
    if (answer) return answer;
  }
  return sendDirect(rt, ex, build);
}

/** A hash of what a request asks (not its signal or retries): a resumed call matches its journaled batch entry by it. */
export function requestHash(request: ModelRequest): string {
  const { signal: _signal, maxRetries: _retries, label: _label, ...asked } = request;
  return createHash('sha256').update(JSON.stringify(asked)).digest('hex').slice(0, 32);
}

/**
 * Sends the request through the run's Message Batches: admitted like any first request (the agent cap, the budget,
 * the start line), then submitted with other calls' requests (or, on resume, collected from the batch an earlier
 * session journaled for exactly this request), charged at the batch price and journaled as an attempt. Resolves
 * undefined when the call should fall back to a normal request (the entry expired, was canceled, or met an error
 * worth retrying), after a warning.
 */
async function sendBatched(rt: AgentRuntime, ex: AgentExchange, build: (ttl: '5m' | '1h') => ModelRequest): Promise<ModelResponse | undefined> {
  const call = ex.batch!;
  // A batch runs for minutes to hours: its siblings do not wait for a cache writer, and breakpoints keep the short TTL.
  const request = build('5m');
  const hash = requestHash(request);
  if (!ex.admitted) {
    await rt.scheduler.request(async () => undefined, { priority: ex.priority, signal: ex.signal, admit: () => ex.onAdmit() });
  }
  const pending = rt.journaled.pendingBatch(call.key, call.occurrence, hash);
  let answer: BatchAnswer;
  try {
    answer = pending
      ? await rt.batcher!.collect(pending.batchId, pending.customId, ex.signal)
      : await rt.batcher!.submit({ ...request, maxRetries: 0 }, { ...call, requestHash: hash }, ex.signal);
  } catch (error) {
    if (ex.signal.aborted) throw error;
    const failure = toMigrateError(error, 'MODEL_ERROR');
    const kind = classifyError(failure);
    if (failure.code === 'INTERRUPTED' || kind === 'final') throw failure;
    if (kind === 'fatal') {
      if (rt.scheduler.failFast(failure)) ex.stoppedRun = true;
      throw failure;
    }
    ex.onRequestError(failure);
    return fallBack(rt, ex, `the batch could not be ${pending ? 'collected' : 'submitted'} (${failure.code}: ${failure.message})`);
  } finally {
    if (pending) rt.journaled.collected(call.key, call.occurrence, pending.customId);
  }
  ex.requests++;
  const { outcome, batchId } = answer;
  if (outcome.type === 'succeeded') {
    const response = outcome.response;
    const parts = rt.prices.costParts(ex.model, response.usage, { batch: true });
    rt.budget.charge(response.usage, parts.totalUsd, parts);
    await ex.onResponse(response, parts.totalUsd, { id: batchId, customId: outcome.customId });
    return response;
  }
  if (outcome.type === 'errored') {
    const kind = classifyError(outcome.error);
    ex.onRequestError(outcome.error);
    if (kind === 'fatal') {
      if (rt.scheduler.failFast(outcome.error)) ex.stoppedRun = true;
      throw outcome.error;
    }
    if (kind === 'final') throw outcome.error;
    return fallBack(rt, ex, `its batch entry failed (${outcome.error.code}: ${outcome.error.message})`);
  }
  return fallBack(rt, ex, `its batch entry ${outcome.type === 'expired' ? 'expired (a batch processes for at most 24 hours)' : 'was canceled'} in batch ${batchId}`);
}

function fallBack(rt: AgentRuntime, ex: AgentExchange, why: string): undefined {
  rt.events.emit({ type: 'log', phase: ex.ref.phase, message: `Warning: "${ex.ref.label}" is sent as a normal request at full price: ${why}.` });
  return undefined;
}

/** The request sent directly (not batched) until it is answered. */
async function sendDirect(rt: AgentRuntime, ex: AgentExchange, build: (ttl: '5m' | '1h') => ModelRequest): Promise<ModelResponse> {
  for (let attempt = 1; ; attempt++) {
    const ticket = await rt.cache.acquire(ex.breakpoints, ex.signal);
    let answered = false;
    let sendError: unknown;
    try {
      const request: ModelRequest = { ...build(ticket.ttl), signal: ex.signal, maxRetries: 0 };
      const response = await rt.scheduler.request(
        async () => {
          ex.requests++;
          const answer = await rt.provider.complete(request).catch((error: unknown) => {
            sendError = error;
            throw error;
          });
          // Charged before the slot is released, so the next agent's admission sees the money spent.
          const parts = rt.prices.costParts(ex.model, answer.usage);
          rt.budget.charge(answer.usage, parts.totalUsd, parts);
          await ex.onResponse(answer, parts.totalUsd);
          return answer;
        },
        {
          // Requests of agents already started go before new agents of the same stage.
          priority: ex.admitted ? ex.priority + 0.5 : ex.priority,
          signal: ex.signal,
          ...(ex.admitted ? {} : { admit: () => ex.onAdmit() }),
        },
      );
      answered = true;
      return response;
    } catch (error) {
      if (ex.signal.aborted) throw error;
      const failure = toMigrateError(error, 'MODEL_ERROR');
      const kind = classifyError(failure);
      if (kind === 'fatal') {
        // The scheduler stopped the run when this request failed (before its slot was reused), or stops it now.
        if (rt.scheduler.failFast(failure) || (sendError === failure && rt.scheduler.fatal === failure)) ex.stoppedRun = true;
        throw failure;
      }
      if (kind === 'final') throw failure;
      ex.onRequestError(failure);
      if (unreachable(rt, failure, attempt)) {
        // Nothing of this run has got through: every agent would wait out its retries in turn. Stop the run instead.
        const stop = new MigrateError('MODEL_CONNECTION', `${failure.message} No request of this run has reached it in ${attempt} tries, so the run stopped; resume it when the service can be reached.`, { cause: failure, details: failure.details });
        if (rt.scheduler.failFast(stop)) ex.stoppedRun = true;
        throw stop;
      }
      if (attempt >= rt.retry.maxTries) throw gaveUp(failure, ex.ref.label, attempt);
      // With a retry-after the scheduler holds every agent until it has passed; otherwise back off alone.
      const retryAfter = retryAfterOf(failure);
      const waitMs = retryAfter !== undefined ? 0 : backoffMs(attempt, rt.retry);
      rt.events.emit({
        type: 'agent:backoff',
        ...ex.ref,
        attempt: attempt + 1,
        maxTries: rt.retry.maxTries,
        waitMs: retryAfter ?? waitMs,
        error: { code: failure.code, message: failure.message },
      });
      await sleep(waitMs, ex.signal);
    } finally {
      ticket.settle(answered);
    }
  }
}

/** Tries before a service that never answered this run (connection refused, unknown host) stops the run. */
const UNREACHABLE_TRIES = 3;

function unreachable(rt: AgentRuntime, failure: MigrateError, attempt: number): boolean {
  return failure.code === 'MODEL_CONNECTION' && failure.details['unreachable'] === true && rt.scheduler.answered === 0 && attempt >= UNREACHABLE_TRIES;
}

function gaveUp(last: MigrateError, label: string, tries: number): MigrateError {
  return new MigrateError(last.code, `Agent "${label}" gave up after ${tries} tries; the last error: ${last.message}`, {
    cause: last,
    details: { ...last.details, label, tries, lastError: { code: last.code, message: last.message } },
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
