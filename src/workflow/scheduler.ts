/**
 * The scheduler: every model request of every agent goes through it. It holds at most `slots` requests in
 * flight (p-queue; later pipeline stages first), checks the run's limits when an agent's first request would
 * start (interruption, the agent cap, the USD budget), and shapes concurrency to the API's rate limits:
 *
 * - a 429/529 halves the live slots (never below 1), once per congestion window: answers to requests sent
 *   before the last decrease do not decrease again;
 * - a `retry-after` sets a shared "not before" time: no request of any agent starts earlier;
 * - after `live` successes in a row the live slots grow by one, step by step, up to `slots`;
 * - an error no request can survive (bad key, invalid request, unknown model) stops the run: every queued and
 *   later request is refused with that one error.
 *
 * Slot changes, pauses and the stop are emitted as events.
 */
import PQueue from 'p-queue';
import { MigrateError } from '../errors.js';
import type { Budget } from './budget.js';
import type { EventBus } from './events.js';
import { classifyError, retryAfterOf } from './retry-policy.js';

export interface SchedulerOptions {
  runId: string;
  /** Concurrent model requests at most (the live slots start here and never exceed it). Default 16, 1 to 256. */
  slots: number;
  /** Agent calls that may reach the model in the whole run. Default 1000. */
  maxAgents: number;
  budget: Budget;
  /** Calls that reached the model in earlier sessions of this run. */
  agentsBefore: number;
  /** Where slot changes, pauses and the stop are reported. */
  events?: EventBus;
}

export interface RequestOptions {
  /** Higher starts first. Default 0. */
  priority?: number;
  /** Aborts the request, queued or running. */
  signal?: AbortSignal;
  /**
   * Present on an agent's first request: the run's limits are checked when its slot comes, and this is called
   * once they pass (the agent has started); the request is sent when it resolves.
   */
  admit?: () => void | Promise<void>;
}

export const DEFAULT_SLOTS = 16;
export const MAX_SLOTS = 256;
export const DEFAULT_MAX_AGENTS = 1000;

/** A promise with its `resolve` taken out. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export class Scheduler {
  private readonly queue: PQueue;
  private started: number;
  private stopReason: MigrateError | null = null;
  private fatalError: MigrateError | null = null;
  private live: number;
  /** Increments on every decrease; a request remembers the window it was sent in. */
  private window = 0;
  private successes = 0;
  private notBefore = 0;
  /** Requests waiting for a slot, with the controller that takes them out of the queue on a stop. */
  private readonly waiting = new Set<AbortController>();
  private wake = deferred();
  /** Set once a call was refused because the budget was spent. */
  budgetRefused = false;
  /** The refusal of the first call past the agent cap, if one was refused. */
  capRefused: MigrateError | null = null;
  /** Requests sent and not yet answered. */
  inFlight = 0;
  /** Requests answered this session. */
  answered = 0;

  /** Throws BAD_OPTION for slots or an agent cap out of range (checked before a run opens its state). */
  static check(options: Pick<SchedulerOptions, 'slots' | 'maxAgents'>): void {
    if (!Number.isInteger(options.slots) || options.slots < 1 || options.slots > MAX_SLOTS) {
      throw new MigrateError('BAD_OPTION', `Concurrency must be a whole number from 1 to ${MAX_SLOTS}; got ${options.slots}.`);
    }
    if (!Number.isInteger(options.maxAgents) || options.maxAgents < 0) {
      throw new MigrateError('BAD_OPTION', `The agent cap must be a whole number of at least 0; got ${options.maxAgents}.`);
    }
  }

  constructor(private readonly options: SchedulerOptions) {
    Scheduler.check(options);
    this.live = options.slots;
    this.queue = new PQueue({ concurrency: options.slots });
    this.started = options.agentsBefore;
  }

  /** Agent calls started against the model, this session and before. */
  get agentsStarted(): number {
    return this.started;
  }

  /** Live slots now (between 1 and the configured slots). */
  get slots(): number {
    return this.live;
  }

  /** The error that stopped the run, if one did. */
  get fatal(): MigrateError | null {
    return this.fatalError;
  }

  /** Runs `send` (one model request) in a live slot, once the shared retry-after has passed and the limits allow it. */
  request<T>(send: () => Promise<T>, options: RequestOptions = {}): Promise<T> {
    if (this.fatalError) return Promise.reject(this.fatalError);
    const dequeue = new AbortController();
    this.waiting.add(dequeue);
    // The caller's signal takes the request out of the queue too (a listener: cheaper than AbortSignal.any).
    const outer = options.signal;
    const onOuterAbort = (): void => dequeue.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    const signal = dequeue.signal;
    const task = async (): Promise<T> => {
      this.waiting.delete(dequeue);
      outer?.removeEventListener('abort', onOuterAbort);
      await this.waitUntilAllowed(options.signal, options.admit !== undefined);
      const window = this.window;
      this.inFlight++;
      try {
        if (options.admit) {
          this.admit();
          try {
            await options.admit();
          } catch (error) {
            this.started--; // it never reached the model (its start could not be recorded)
            throw error;
          }
        }
        const result = await send();
        this.answered++;
        this.succeeded(window);
        return result;
      } catch (error) {
        if (error instanceof MigrateError) {
          const kind = classifyError(error);
          if (kind === 'throttle') this.throttled(error, window);
          // Stopped before this slot is given to the next request: nothing more is sent.
          else if (kind === 'fatal') this.failFast(error);
        }
        throw error;
      } finally {
        this.inFlight--;
      }
    };
    return (this.queue.add(task, { priority: options.priority ?? 0, signal }) as Promise<T>).finally(() => {
      this.waiting.delete(dequeue);
      outer?.removeEventListener('abort', onOuterAbort);
    });
  }

  /** No new agent starts after this; their queued first requests reject with `reason`; started agents go on. */
  stop(reason: MigrateError): void {
    this.stopReason ??= reason;
    this.changed();
  }

  /**
   * Stops the run for good with `error`: every queued and later request rejects with it. Requests in flight
   * finish (their answers are kept). Returns whether this call stopped the run (false if it was stopped already).
   */
  failFast(error: MigrateError): boolean {
    if (this.fatalError) return false;
    this.fatalError = error;
    this.stopReason ??= error;
    for (const dequeue of this.waiting) dequeue.abort(error);
    this.waiting.clear();
    this.changed();
    this.options.events?.emit({ type: 'run:stopping', runId: this.options.runId, error: { code: error.code, message: error.message } });
    return true;
  }

  /** Resolves when nothing is queued or in flight. */
  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }

  private changed(): void {
    const previous = this.wake;
    this.wake = deferred();
    previous.resolve();
  }

  /** Holds the slot until the shared "not before" time; a stop or an abort ends the wait. */
  private async waitUntilAllowed(signal: AbortSignal | undefined, admitting: boolean): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      if (this.fatalError) throw this.fatalError;
      if (admitting && this.stopReason) throw this.stopReason;
      const wait = this.notBefore - Date.now();
      if (wait <= 0) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(done, wait);
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        function done(): void {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }
        void this.wake.promise.then(done);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  private succeeded(window: number): void {
    if (this.live >= this.options.slots || window !== this.window) return;
    if (++this.successes < this.live) return;
    this.successes = 0;
    this.setLive(this.live + 1, 'recovered');
  }

  private throttled(error: MigrateError, window: number): void {
    const retryAfterMs = retryAfterOf(error);
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      const until = Date.now() + retryAfterMs;
      if (until > this.notBefore) {
        this.notBefore = until;
        this.options.events?.emit({ type: 'scheduler:paused', until, retryAfterMs, code: error.code });
      }
    }
    if (window !== this.window) return; // this congestion was answered already
    this.window++;
    this.successes = 0;
    this.setLive(Math.max(1, Math.floor(this.live / 2)), error.code === 'MODEL_OVERLOADED' ? 'overloaded' : 'rate-limited');
  }

  private setLive(slots: number, reason: 'rate-limited' | 'overloaded' | 'recovered'): void {
    if (slots === this.live) return;
    const previous = this.live;
    this.live = slots;
    this.queue.concurrency = slots;
    this.options.events?.emit({ type: 'scheduler:slots', slots, previous, max: this.options.slots, reason });
  }

  private admit(): void {
    if (this.stopReason) throw this.stopReason;
    const { budget, maxAgents, runId } = this.options;
    if (budget.exhausted) {
      this.budgetRefused = true;
      throw new MigrateError(
        'BUDGET_EXHAUSTED',
        `Budget exhausted: $${budget.spentUsd.toFixed(4)} of the $${budget.totalUsd.toFixed(2)} budget is spent, so no new agent starts. Resume with a higher budget: migrate resume ${runId} --budget <USD>.`,
        { details: { spentUsd: budget.spentUsd, budgetUsd: budget.totalUsd } },
      );
    }
    if (this.started >= maxAgents) {
      throw (this.capRefused ??= new MigrateError(
        'AGENT_CAP_REACHED',
        `Agent cap reached: this run may send at most ${maxAgents} agent calls to the model and all have been used. Resume with a higher cap: migrate resume ${runId} --max-agents <N>.`,
        { details: { maxAgents } },
      ));
    }
    this.started++;
  }
}
