/**
 * `--batch`: the requests of calls that can wait (`agent(…, { batch: true })`) go through the provider's Message
 * Batches API at half price. Requests are collected for a short window (or until `maxRequests`), submitted as one
 * batch, and the batch line (its id, and per request the call, its `customId` and a hash of the request) is journaled
 * at once, so a resumed run collects a batch that finished while it was down instead of paying again. Each batch is
 * polled (backing off from `firstPollMs` to `pollMs`), with progress events, until it ends; its results are matched to
 * the waiting calls by `customId`.
 *
 * An interrupt stops the waiting (the batch stays journaled and a resume collects it); nothing that was submitted is
 * canceled.
 */
import { MigrateError, toMigrateError } from '../errors.js';
import type { BatchApi, BatchCounts, BatchOutcome, ModelRequest } from '../model/types.js';
import type { BatchLineEntry } from '../store/journal-file.js';
import type { JournalAppender } from '../store/run-store.js';
import type { EventBus } from './events.js';
import { classifyError } from './retry-policy.js';

export interface BatchSettings {
  /** How long requests are collected before a batch is submitted. Default 2000 ms. */
  windowMs: number;
  /** A batch is submitted at once when this many requests wait. Default 100 (the API takes up to 100,000). */
  maxRequests: number;
  /** First wait before polling a batch; each later wait is 1.5 times longer, up to `pollMs`. Default 1000 ms. */
  firstPollMs: number;
  /** Longest wait between two polls of a batch. Default 60000 ms. */
  pollMs: number;
}

export const DEFAULT_BATCH_SETTINGS: Readonly<BatchSettings> = Object.freeze({ windowMs: 2000, maxRequests: 100, firstPollMs: 1000, pollMs: 60_000 });

/** Polls of a batch that may fail in a row (connection, 5xx) before its calls give up waiting. */
const POLL_FAILURES = 5;

/** A call's part in a batch: what its journal line names. */
export type BatchCallRef = Omit<BatchLineEntry, 'customId'>;

/** A call's result from a batch: which batch, and its entry's outcome. */
export interface BatchAnswer {
  batchId: string;
  outcome: BatchOutcome;
}

interface Waiter {
  customId: string;
  /** Resolved or rejected (answered, aborted, stopped): nobody waits for it any more. */
  settled: boolean;
  resolve: (answer: BatchAnswer) => void;
  reject: (error: unknown) => void;
}

interface Pending {
  request: ModelRequest;
  call: BatchCallRef;
  waiter: Waiter;
}

export class Batcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Calls waiting for a result, by batch id and customId. */
  private readonly waiting = new Map<string, Map<string, Waiter>>();
  private readonly polls = new Map<string, Promise<void>>();
  /** Batch creations under way (their journal line not written yet). */
  private readonly creating = new Set<Promise<void>>();
  private stopped: MigrateError | null = null;
  private readonly wake = new Set<() => void>();
  private seq = 0;
  /** Batches this session submitted. */
  submitted = 0;

  constructor(
    private readonly api: BatchApi,
    private readonly journal: JournalAppender,
    private readonly events: EventBus,
    private readonly settings: BatchSettings,
    /** This session's number, part of every customId so ids never repeat across sessions. */
    private readonly session: number,
  ) {}

  /** Queues `request` for the next batch; resolves with its entry's outcome once the batch has ended. */
  submit(request: ModelRequest, call: BatchCallRef, signal: AbortSignal): Promise<BatchAnswer> {
    if (this.stopped) return Promise.reject(this.stopped);
    const customId = `s${this.session}_${(++this.seq).toString(36)}_${call.key.slice(0, 12).replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 64);
    return this.wait(customId, signal, (waiter) => {
      this.pending.push({ request, call, waiter });
      if (this.pending.length >= this.settings.maxRequests) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.settings.windowMs);
    });
  }

  /** Waits for the entry `customId` of a batch an earlier session submitted (polling it if nobody does yet). */
  collect(batchId: string, customId: string, signal: AbortSignal): Promise<BatchAnswer> {
    if (this.stopped) return Promise.reject(this.stopped);
    return this.wait(customId, signal, (waiter) => {
      this.waitersOf(batchId).set(customId, waiter);
      if (!this.polls.has(batchId)) {
        this.events.emit({ type: 'batch:submitted', batchId, requests: 1, resumed: true });
        this.events.emit({ type: 'log', phase: '', message: `Collecting batch ${batchId}, submitted by an earlier session: no second request is paid for.` });
        this.startPolling(batchId);
      }
    });
  }

  /** Stops waiting (an interrupt): waiting calls reject with `reason`, queued requests are not submitted. Submitted batches stay journaled. */
  stop(reason: MigrateError): void {
    if (this.stopped) return;
    this.stopped = reason;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const p of this.pending.splice(0)) p.waiter.reject(reason);
    for (const waiters of this.waiting.values()) for (const w of waiters.values()) w.reject(reason);
    this.waiting.clear();
    for (const wake of this.wake) wake();
  }

  /** Resolves when every poll has ended (the run waits for this before it closes the journal). */
  async idle(): Promise<void> {
    while (this.polls.size > 0 || this.creating.size > 0) await Promise.allSettled([...this.polls.values(), ...this.creating]);
  }

  private wait(customId: string, signal: AbortSignal, enqueue: (waiter: Waiter) => void): Promise<BatchAnswer> {
    return new Promise<BatchAnswer>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const waiter: Waiter = {
        customId,
        settled: false,
        resolve: (outcome) => {
          waiter.settled = true;
          done();
          resolve(outcome);
        },
        reject: (error) => {
          waiter.settled = true;
          done();
          reject(error);
        },
      };
      const onAbort = (): void => waiter.reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal.removeEventListener('abort', onAbort);
      enqueue(waiter);
    });
  }

  private waitersOf(batchId: string): Map<string, Waiter> {
    let waiters = this.waiting.get(batchId);
    if (!waiters) this.waiting.set(batchId, (waiters = new Map()));
    return waiters;
  }

  /** Submits what is queued as one batch and journals it before anything else happens to it. */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // A call aborted while its request waited here (its deadline, the run) is not submitted.
    const batch = this.pending.splice(0).filter((p) => !p.waiter.settled);
    if (batch.length === 0) return;
    const creation = (async () => {
      let id: string;
      try {
        const status = await this.api.create(batch.map((p) => ({ customId: p.waiter.customId, request: p.request })));
        id = status.id;
        this.submitted++;
        // On disk before we wait for it: a kill from here on never pays for these requests again.
        await this.journal.append({ v: 2, type: 'batch', id, entries: batch.map((p) => ({ ...p.call, customId: p.waiter.customId })), at: new Date().toISOString() });
      } catch (error) {
        for (const p of batch) p.waiter.reject(error);
        return;
      }
      const waiters = this.waitersOf(id);
      for (const p of batch) {
        if (this.stopped) p.waiter.reject(this.stopped);
        else waiters.set(p.waiter.customId, p.waiter);
      }
      this.events.emit({ type: 'batch:submitted', batchId: id, requests: batch.length, resumed: false });
      this.events.emit({ type: 'log', phase: '', message: `Submitted batch ${id} with ${batch.length} request${batch.length === 1 ? '' : 's'} (half price; results may take up to 24 hours).` });
      if (!this.stopped) this.startPolling(id);
    })();
    this.creating.add(creation);
    void creation.finally(() => this.creating.delete(creation));
  }

  private startPolling(batchId: string): void {
    const poll = this.poll(batchId).finally(() => this.polls.delete(batchId));
    this.polls.set(batchId, poll);
  }

  private async poll(batchId: string): Promise<void> {
    const started = Date.now();
    let waitMs = this.settings.firstPollMs;
    let failures = 0;
    let last = '';
    for (;;) {
      await this.sleep(waitMs);
      if (this.stopped) return;
      // Every call that waited for this batch gave up (aborted): a resume may collect it; nobody here needs it.
      if (![...(this.waiting.get(batchId)?.values() ?? [])].some((w) => !w.settled)) return;
      waitMs = Math.min(this.settings.pollMs, Math.round(waitMs * 1.5));
      let status: Awaited<ReturnType<BatchApi['retrieve']>>;
      try {
        status = await this.api.retrieve(batchId);
        failures = 0;
      } catch (error) {
        if (this.failPoll(batchId, error, ++failures)) return;
        continue;
      }
      const shown = `${status.status} ${JSON.stringify(status.counts)}`;
      if (shown !== last) {
        last = shown;
        this.events.emit({ type: 'batch:progress', batchId, status: status.status, counts: status.counts, elapsedMs: Date.now() - started });
      }
      if (status.status !== 'ended') continue;
      let outcomes: BatchOutcome[];
      try {
        outcomes = await this.api.results(batchId);
      } catch (error) {
        if (this.failPoll(batchId, error, ++failures)) return;
        continue;
      }
      this.deliver(batchId, outcomes, status.counts, started);
      return;
    }
  }

  /** A poll failed: fatal errors and too many failures in a row end the wait of the batch's calls. Returns whether it ended. */
  private failPoll(batchId: string, error: unknown, failures: number): boolean {
    const failure = toMigrateError(error, 'MODEL_ERROR');
    const kind = classifyError(failure);
    if (kind !== 'fatal' && kind !== 'final' && failures < POLL_FAILURES) return false;
    const waiters = this.waiting.get(batchId);
    this.waiting.delete(batchId);
    const given = new MigrateError(failure.code, `Could not follow batch ${batchId} (${failures} failed polls): ${failure.message}`, { cause: failure, details: { ...failure.details, batchId } });
    for (const w of waiters?.values() ?? []) w.reject(given);
    return true;
  }

  private deliver(batchId: string, outcomes: BatchOutcome[], counts: BatchCounts, started: number): void {
    const waiters = this.waiting.get(batchId);
    this.waiting.delete(batchId);
    const byId = new Map(outcomes.map((o) => [o.customId, o]));
    for (const [customId, waiter] of waiters ?? []) {
      const outcome = byId.get(customId);
      if (outcome) waiter.resolve({ batchId, outcome });
      else {
        const error = new MigrateError('MODEL_ERROR', `Batch ${batchId} ended without a result for entry ${customId}.`, { details: { batchId, customId } });
        waiter.resolve({ batchId, outcome: { customId, type: 'errored', error } });
      }
    }
    this.events.emit({ type: 'batch:ended', batchId, counts, elapsedMs: Date.now() - started });
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake.add(done);
    });
  }
}
