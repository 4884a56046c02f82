/**
 * The fake server's prompt cache: usage figures computed from the request's `cache_control` breakpoints the
 * way the API reports them. The prefix is everything in API order (tools → system → messages) up to a
 * breakpoint; the first request with a prefix writes it, and a later one within its TTL reads it (and
 * refreshes it). An entry exists once the writing request's answer is sent, so concurrent requests with
 * the same new prefix all write it, as on the real API. Token counts follow the fake's estimate
 * (characters / 4), so cached + written + uncached input add up to the same total.
 */
import { createHash } from 'node:crypto';
import type { FakeApiError } from './fake-anthropic-messages.js';

const TTL_MS: Record<string, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };
export const MAX_BREAKPOINTS = 4;

export interface CachePlan {
  readTokens: number;
  writeTokens: number;
  /** The part of `writeTokens` written with the 1-hour TTL. */
  write1hTokens: number;
  /** Entries to store or refresh once the answer is sent. */
  commits: Array<{ key: string; ttlMs: number }>;
}

interface Segment {
  key: string;
  chars: number;
  ttl: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The TTL a block's `cache_control` asks for (`5m` when it names none), or undefined. */
function ttlOf(block: Record<string, unknown>): string | undefined {
  const control = block['cache_control'];
  if (!isRecord(control)) return undefined;
  return typeof control['ttl'] === 'string' ? control['ttl'] : '5m';
}

/** Characters the fake's token estimate counts for a block (tool definitions count none). */
function charsOf(block: Record<string, unknown>): number {
  if (block['type'] === 'text' && typeof block['text'] === 'string') return block['text'].length;
  if (block['type'] === 'tool_result') {
    const content = block['content'];
    if (typeof content === 'string') return content.length;
    if (Array.isArray(content)) return content.reduce<number>((n, b) => n + (isRecord(b) && typeof b['text'] === 'string' ? b['text'].length : 0), 0);
    return 0;
  }
  if (block['type'] === 'tool_use') return JSON.stringify(block['input'] ?? null).length;
  return 0;
}

function withoutCacheControl(block: Record<string, unknown>): Record<string, unknown> {
  const { cache_control: _ignored, ...rest } = block;
  return rest;
}

/** The request as prefix segments in API order, each keyed by its content (the cache markers left out). */
function segmentsOf(body: Record<string, unknown>): Segment[] {
  const segments: Segment[] = [];
  const add = (where: string, block: Record<string, unknown>, chars: number): void => {
    segments.push({ key: `${where}:${JSON.stringify(withoutCacheControl(block))}`, chars, ttl: ttlOf(block) });
  };
  for (const tool of Array.isArray(body['tools']) ? body['tools'] : []) if (isRecord(tool)) add('tool', tool, 0);
  const system = body['system'];
  if (typeof system === 'string') add('system', { type: 'text', text: system }, system.length);
  else if (Array.isArray(system)) for (const block of system) if (isRecord(block)) add('system', block, charsOf(block));
  for (const message of Array.isArray(body['messages']) ? body['messages'] : []) {
    if (!isRecord(message)) continue;
    const role = String(message['role']);
    const content = message['content'];
    if (typeof content === 'string') add(role, { type: 'text', text: content }, content.length);
    else if (Array.isArray(content)) for (const block of content) if (isRecord(block)) add(role, block, charsOf(block));
  }
  return segments;
}

export class FakePromptCache {
  private readonly entries = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Usage for a request as it arrives, or undefined when it has no breakpoint; an API error for a request
   * the API would refuse (more than four breakpoints, a 1h breakpoint after a 5m one, an unknown TTL).
   */
  plan(body: Record<string, unknown>): CachePlan | FakeApiError | undefined {
    const segments = segmentsOf(body);
    const hash = createHash('sha256').update(String(body['model']));
    const points: Array<{ key: string; tokens: number; ttl: string }> = [];
    let chars = 0;
    for (const segment of segments) {
      hash.update(`\u0000${segment.key}`);
      chars += segment.chars;
      if (segment.ttl !== undefined) points.push({ key: hash.copy().digest('hex'), tokens: Math.floor(chars / 4), ttl: segment.ttl });
    }
    if (points.length === 0) return undefined;
    const invalid = (message: string): FakeApiError => ({ status: 400, type: 'invalid_request_error', message });
    if (points.length > MAX_BREAKPOINTS) return invalid(`A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${points.length}.`);
    const unknownTtl = points.find((p) => TTL_MS[p.ttl] === undefined);
    if (unknownTtl) return invalid(`cache_control.ttl: Input should be '5m' or '1h'; got '${unknownTtl.ttl}'`);
    const shortThenLong = points.findIndex((p, i) => i > 0 && p.ttl === '1h' && points.slice(0, i).some((q) => q.ttl === '5m'));
    if (shortThenLong >= 0) return invalid("a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block");
    const now = this.now();
    let hit = -1;
    points.forEach((p, i) => {
      if ((this.entries.get(p.key) ?? 0) > now) hit = i;
    });
    const readTokens = hit >= 0 ? points[hit]!.tokens : 0;
    let writeTokens = 0;
    let write1hTokens = 0;
    let previous = readTokens;
    for (let i = hit + 1; i < points.length; i++) {
      const added = Math.max(0, points[i]!.tokens - previous);
      writeTokens += added;
      if (points[i]!.ttl === '1h') write1hTokens += added;
      previous = Math.max(previous, points[i]!.tokens);
    }
    return { readTokens, writeTokens, write1hTokens, commits: points.map((p) => ({ key: p.key, ttlMs: TTL_MS[p.ttl]! })) };
  }

  /** Stores the written prefixes and refreshes the read ones (called when the answer is sent). */
  commit(plan: CachePlan): void {
    const now = this.now();
    for (const { key, ttlMs } of plan.commits) this.entries.set(key, Math.max(this.entries.get(key) ?? 0, now + ttlMs));
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }

  /** Live entries now. */
  get size(): number {
    const now = this.now();
    return [...this.entries.values()].filter((until) => until > now).length;
  }
}
