/**
 * Prompt-cache discipline across concurrent agents. A request whose prompt has cacheable prefixes asks the
 * gate first. When no other request is writing one of its prefixes it goes, and claims the cold ones (not
 * cached, or expired): siblings with the same prefix then wait, holding no slot, until its response
 * arrives, so they read the cache it wrote instead of all writing it at once. If the writer fails, the
 * claim is released and the next waiter writes.
 *
 * The gate also picks each request's TTL: the recipe's explicit choice, else the run's policy: `5m`, `1h`,
 * or `auto` (`1h` once a prefix has gone unused for more than five minutes between two uses, i.e. when a
 * 5-minute entry would expire between uses; `5m` until then).
 */
import type { CacheTtl } from '../model/types.js';
import { deferred } from './scheduler.js';

export type CacheTtlPolicy = CacheTtl | 'auto';

export const CACHE_TTL_POLICIES = ['5m', '1h', 'auto'] as const satisfies readonly CacheTtlPolicy[];
/** The cache TTL policy when none is given. */
export const DEFAULT_CACHE_TTL: CacheTtlPolicy = '5m';
export const TTL_MS: Readonly<Record<CacheTtl, number>> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

export interface CacheBreakpoint {
  /** Hash of everything up to and including the block (model, tools, system, context blocks). */
  id: string;
  /** The TTL the recipe asked for on this block; undefined: the run's policy. */
  ttl?: CacheTtl;
}

export interface CacheTicket {
  /** TTL to send on every breakpoint of this request (one TTL per request keeps the API's ordering rule). */
  ttl: CacheTtl;
  /** Whether this request claimed a cold prefix (it is expected to write the cache). */
  writer: boolean;
  /** Call once the response arrived (`ok`) or the request failed; wakes the siblings that wait. */
  settle(ok: boolean): void;
}

export interface CacheGateOptions {
  policy: CacheTtlPolicy;
  /** Let the first sibling with a cold prefix go alone until its response arrives. Default true. */
  warmup?: boolean;
  now?: () => number;
}

interface Entry {
  /** Resolves when the current writer settles; null when nobody writes. */
  writing: { promise: Promise<void>; resolve: () => void } | null;
  /** When the cached prefix expires (0: never written). */
  expiresAt: number;
  lastUse: number;
  /** A gap of more than five minutes between two uses was seen. */
  longGap: boolean;
}

const NO_CACHE: CacheTicket = { ttl: '5m', writer: false, settle: () => undefined };

export class CacheGate {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  readonly warmup: boolean;
  /** Requests that had to wait for another's cache write (for reports and tests). */
  waits = 0;

  constructor(private readonly options: CacheGateOptions) {
    this.now = options.now ?? Date.now;
    this.warmup = options.warmup ?? true;
  }

  /** Waits while another request writes one of these prefixes, then claims the cold ones. */
  async acquire(breakpoints: readonly CacheBreakpoint[], signal?: AbortSignal): Promise<CacheTicket> {
    if (breakpoints.length === 0) return NO_CACHE;
    for (;;) {
      signal?.throwIfAborted();
      const busy = this.warmup ? breakpoints.map((b) => this.entries.get(b.id)?.writing).find((w) => w) : undefined;
      if (busy) {
        this.waits++;
        await untilSettledOrAborted(busy.promise, signal);
        continue;
      }
      return this.claim(breakpoints);
    }
  }

  private claim(breakpoints: readonly CacheBreakpoint[]): CacheTicket {
    const now = this.now();
    const entries = breakpoints.map((b) => {
      let entry = this.entries.get(b.id);
      if (!entry) this.entries.set(b.id, (entry = { writing: null, expiresAt: 0, lastUse: 0, longGap: false }));
      if (entry.lastUse > 0 && now - entry.lastUse > TTL_MS['5m']) entry.longGap = true;
      return entry;
    });
    const ttl = this.ttlFor(breakpoints, entries);
    const claimed: Entry[] = [];
    for (const entry of entries) {
      entry.lastUse = now;
      if (entry.expiresAt > now) continue;
      if (this.warmup) entry.writing = deferred();
      claimed.push(entry);
    }
    let settled = false;
    return {
      ttl,
      writer: claimed.length > 0,
      settle: (ok) => {
        if (settled) return;
        settled = true;
        const at = this.now();
        // A response means the prefix is cached now; a read refreshes the entry's lifetime too.
        if (ok) for (const entry of entries) entry.expiresAt = Math.max(entry.expiresAt, at + TTL_MS[ttl]);
        for (const entry of claimed) {
          const writing = entry.writing;
          entry.writing = null;
          writing?.resolve();
        }
      },
    };
  }

  private ttlFor(breakpoints: readonly CacheBreakpoint[], entries: readonly Entry[]): CacheTtl {
    let long = false;
    breakpoints.forEach((b, i) => {
      const policy = b.ttl ?? this.options.policy;
      if (policy === '1h' || (policy === 'auto' && entries[i]!.longGap)) long = true;
    });
    return long ? '1h' : '5m';
  }
}

function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
