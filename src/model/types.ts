/** The provider interface: one model request in, one answer out. Implementations: Anthropic, Bedrock, Vertex, scripted. */
import type { MigrateError } from '../errors.js';

/** A JSON Schema object (draft 2020-12 as zod emits it, or hand-written). */
export type JsonSchema = Record<string, unknown>;

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Tokens read from the prompt cache. */
  cacheReadTokens: number;
  /** Tokens written to the prompt cache, both TTLs together. */
  cacheWriteTokens: number;
  /** The part of `cacheWriteTokens` written with the 1-hour TTL (priced at 2x input, not 1.25x). */
  cacheWrite1hTokens?: number;
}

export const ZERO_USAGE: Usage = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
});

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    cacheWrite1hTokens: (a.cacheWrite1hTokens ?? 0) + (b.cacheWrite1hTokens ?? 0),
  };
}

export type CacheTtl = '5m' | '1h';

export type MessageBlock =
  | { type: 'text'; text: string; /** mark the prompt prefix up to and including this block as cacheable */ cache?: CacheTtl }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; toolUseId: string; content: string; isError?: boolean; /** as on text blocks */ cache?: CacheTtl };

export interface ModelMessage {
  role: 'user' | 'assistant';
  content: string | MessageBlock[];
}

export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export interface ModelRequest {
  model: string;
  /** System prompt; a block list lets parts of it be marked cacheable. */
  system?: string | Array<{ type: 'text'; text: string; cache?: CacheTtl }>;
  messages: ModelMessage[];
  maxTokens: number;
  /** Structured output: the answer must be JSON matching this schema (sent as `output_config.format`). */
  outputSchema?: JsonSchema;
  tools?: ToolSpec[];
  /** Whether the model may call the tools: `auto` (the API's default) or `none` (answer now, without tools). */
  toolChoice?: 'auto' | 'none';
  /**
   * Retries the provider may make on its own for this request (AnthropicProvider: the SDK's retries).
   * Default: the provider's setting. The workflow runtime sends 0: it retries itself, through the scheduler.
   */
  maxRetries?: number;
  /** Aborts the request (timeout, cancellation). */
  signal?: AbortSignal;
  /** A label for logs and scripted answers; not sent to the model. */
  label?: string;
}

export interface ToolUse {
  id: string;
  name: string;
  input: unknown;
}

export interface ModelResponse {
  /** All text blocks of the answer joined. */
  text: string;
  toolUses: ToolUse[];
  stopReason: string;
  usage: Usage;
  model: string;
  requestId?: string;
}

/**
 * A model provider. `complete` resolves with the answer or rejects with a MigrateError whose code
 * says what went wrong (MODEL_AUTH, MODEL_BAD_REQUEST, MODEL_RATE_LIMITED with
 * `details.retryAfterMs`, MODEL_OVERLOADED, MODEL_SERVER_ERROR, MODEL_CONNECTION, AGENT_TIMEOUT, ABORTED).
 */
export interface Provider {
  readonly name: string;
  complete(request: ModelRequest): Promise<ModelResponse>;
  /** The Message Batches API (half price, answers within 24 h), when the provider has one (Anthropic). */
  readonly batches?: BatchApi;
}

/** One request of a batch: `customId` matches its result (`^[A-Za-z0-9_-]{1,64}$`, unique in the batch). */
export interface BatchEntry {
  customId: string;
  request: ModelRequest;
}

export type BatchProcessingStatus = 'in_progress' | 'canceling' | 'ended';

export interface BatchCounts {
  processing: number;
  succeeded: number;
  errored: number;
  canceled: number;
  expired: number;
}

export interface BatchStatus {
  id: string;
  status: BatchProcessingStatus;
  counts: BatchCounts;
  /** When the batch stops processing (24 h after creation), ISO 8601. */
  expiresAt?: string;
}

/** A batch entry's result: the answer, the error it met (mapped like a request's), or why it was not processed. */
export type BatchOutcome =
  | { customId: string; type: 'succeeded'; response: ModelResponse }
  | { customId: string; type: 'errored'; error: MigrateError }
  | { customId: string; type: 'expired' | 'canceled' };

/** A provider's Message Batches API. Every method rejects with a MigrateError mapped like `complete`'s. */
export interface BatchApi {
  create(entries: readonly BatchEntry[], signal?: AbortSignal): Promise<BatchStatus>;
  retrieve(id: string, signal?: AbortSignal): Promise<BatchStatus>;
  /** The results of an ended batch, in any order. */
  results(id: string, signal?: AbortSignal): Promise<BatchOutcome[]>;
}
