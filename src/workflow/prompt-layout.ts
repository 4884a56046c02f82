/**
 * How an agent's prompt is laid out for the model, so shared context can be cached: the tools, the system
 * prompt, then the context blocks in the order the recipe gave them, then the prompt. A context block marked
 * `cache` ends a cacheable prefix: it carries `cache_control`, and everything before it (tools, system, the
 * earlier blocks) is part of that prefix. Nothing variable comes before a cacheable block, so siblings'
 * prefixes match byte for byte.
 */
import { createHash } from 'node:crypto';
import { MigrateError } from '../errors.js';
import type { CacheTtl, MessageBlock, ToolSpec } from '../model/types.js';
import type { CacheBreakpoint } from './cache-gate.js';
import { stableStringify } from './content-key.js';

/** A block of shared text placed before the prompt. */
export interface ContextBlock {
  text: string;
  /**
   * Make the prompt up to and including this block cacheable: `true` uses the run's TTL policy (`--cache-ttl`,
   * default `5m`); `'5m'` or `'1h'` is this recipe's own choice. Default: not cached.
   */
  cache?: boolean | CacheTtl;
}

/**
 * Cacheable context blocks an agent may have: the API allows four cache breakpoints per request and the tool
 * loop uses one for its newest turn.
 */
export const MAX_CACHED_BLOCKS = 3;

export interface PromptLayout {
  context: ContextBlock[];
  breakpoints: CacheBreakpoint[];
  /** The first user message for a request sent with `ttl` on its breakpoints. */
  firstMessage(ttl: CacheTtl): string | MessageBlock[];
}

/** Checks and normalises `context` (strings become uncached blocks). */
export function normalizeContext(context: unknown): ContextBlock[] {
  if (context === undefined) return [];
  if (!Array.isArray(context)) {
    throw new MigrateError('BAD_INPUT', `agent() option \`context\` must be an array of strings or { text, cache } blocks; got ${typeof context}.`);
  }
  const blocks = context.map((block, i): ContextBlock => {
    if (typeof block === 'string') return { text: block };
    const ok = block !== null && typeof block === 'object' && typeof block.text === 'string' && [undefined, true, false, '5m', '1h'].includes(block.cache);
    if (!ok) {
      throw new MigrateError('BAD_INPUT', `agent() context block ${i} must be a string or { text: string, cache?: true | '5m' | '1h' }; got ${JSON.stringify(block)?.slice(0, 120)}.`);
    }
    return block.cache === undefined || block.cache === false ? { text: block.text } : { text: block.text, cache: block.cache };
  });
  const cached = blocks.filter((b) => b.cache !== undefined).length;
  if (cached > MAX_CACHED_BLOCKS) {
    throw new MigrateError('BAD_INPUT', `agent() accepts at most ${MAX_CACHED_BLOCKS} cacheable context blocks (the API's cache breakpoints); got ${cached}. Merge adjacent shared blocks into one.`);
  }
  if (blocks.some((b) => b.text === '')) throw new MigrateError('BAD_INPUT', 'agent() context blocks must not be empty strings.');
  return blocks;
}

export interface LayoutInput {
  model: string;
  system: string | undefined;
  tools: readonly ToolSpec[] | undefined;
  context: readonly ContextBlock[];
  prompt: string;
}

export function layoutPrompt(input: LayoutInput): PromptLayout {
  const context = [...input.context];
  const hash = createHash('sha256').update(stableStringify({ model: input.model, tools: input.tools ?? [], system: input.system ?? '' }));
  const breakpoints: CacheBreakpoint[] = [];
  const marked = new Set<number>();
  context.forEach((block, i) => {
    hash.update(`\u0000${block.text}`);
    if (block.cache === undefined) return;
    marked.add(i);
    const id = hash.copy().digest('hex');
    breakpoints.push(block.cache === true ? { id } : { id, ttl: block.cache as CacheTtl });
  });
  return {
    context,
    breakpoints,
    firstMessage(ttl) {
      if (context.length === 0) return input.prompt;
      return [
        ...context.map((block, i): MessageBlock => (marked.has(i) ? { type: 'text', text: block.text, cache: ttl } : { type: 'text', text: block.text })),
        { type: 'text', text: input.prompt },
      ];
    },
  };
}
