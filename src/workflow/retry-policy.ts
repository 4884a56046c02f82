/**
 * What the runtime does with a failed model request: stop the run (an error every request would get),
 * slow down (rate limited or overloaded), send it again (a transient failure), or give up on that agent.
 */
import type { MigrateError } from '../errors.js';

export interface RetryPolicy {
  /**
   * Sends of one model request before its agent fails: the first and the retries after 429, 529, 5xx, dropped
   * connections and per-attempt timeouts. The agent's error is then the last one, with the count. Default 6.
   */
  maxTries: number;
  /** Wait before the first retry when the server gives no `retry-after`; doubles each try, with jitter. Default 1000 ms. */
  baseDelayMs: number;
  /** Longest such wait. Default 30000 ms. A server's `retry-after` is always honoured, however long. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ maxTries: 6, baseDelayMs: 1000, maxDelayMs: 30_000 });

/**
 * - `fatal`: no request can succeed (bad key, forbidden, invalid request, unknown model): the run stops.
 * - `throttle`: 429/529: fewer live slots, every agent waits out `retry-after`, then this request is sent again.
 * - `transient`: 5xx, a dropped connection, a per-attempt timeout: sent again after a backoff.
 * - `final`: this agent fails; the others go on.
 */
export type ErrorClass = 'fatal' | 'throttle' | 'transient' | 'final';

/** An invalid request that is about this agent's input (too long), not about the run's settings. */
const INPUT_SPECIFIC = /prompt is too long|too many tokens|request_too_large|exceeds the context/i;

export function classifyError(error: MigrateError): ErrorClass {
  const noRetry = error.details['shouldRetry'] === false;
  switch (error.code) {
    case 'MODEL_AUTH':
    case 'UNKNOWN_MODEL':
    // The journal or state could not be written: nothing more may be paid for until it can.
    case 'STATE_IO':
      return 'fatal';
    case 'MODEL_BAD_REQUEST':
      return error.details['status'] === 413 || INPUT_SPECIFIC.test(error.message) ? 'final' : 'fatal';
    case 'MODEL_RATE_LIMITED':
    case 'MODEL_OVERLOADED':
      return noRetry ? 'final' : 'throttle';
    case 'MODEL_SERVER_ERROR':
    case 'MODEL_CONNECTION':
    case 'AGENT_TIMEOUT':
      return noRetry ? 'final' : 'transient';
    default:
      return 'final';
  }
}

/** The server's `retry-after` in milliseconds, when the error carries one. */
export function retryAfterOf(error: MigrateError): number | undefined {
  const value = error.details['retryAfterMs'];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Backoff before retry number `failures` (1 after the first failure): base × 2^(n-1), capped, minus up to 25% jitter. */
export function backoffMs(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(raw * (1 - random() * 0.25));
}
