/**
 * What every provider that speaks the Messages API through one of Anthropic's SDK clients shares (Anthropic,
 * Amazon Bedrock, Google Vertex AI): ModelRequest → params (the model id and cache TTLs the provider takes) →
 * `messages.create`, or `messages.stream` for a large `max_tokens` → ModelResponse; errors mapped to the
 * runtime's codes, naming the service and what to check.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { MigrateError } from '../errors.js';
import { toProviderError, type ErrorContext } from './anthropic-errors.js';
import { needsStreaming, toAnthropicParams } from './anthropic-request.js';
import { toModelResponse } from './anthropic-response.js';
import type { CacheTtl, MessageBlock, ModelRequest, ModelResponse, Provider } from './types.js';

/** The part of an SDK client this needs: `messages.create` and `messages.stream` (every platform SDK has them). */
export interface MessagesClient {
  messages: Pick<Anthropic['messages'], 'create' | 'stream'>;
}

export interface MessagesProviderSetup {
  name: string;
  /** The server requests go to (for messages). */
  baseURL: string;
  client: MessagesClient;
  maxRetries: number;
  timeoutMs: number | undefined;
  transformSchema: boolean;
  /** The id this provider knows a model by (`claude-sonnet-5-5` → `anthropic.claude-sonnet-5-5-v1:0`). Default: unchanged. */
  modelId?: (model: string) => string;
  /** Prompt-cache TTLs the provider accepts; a breakpoint asking for another is sent with the first of these. */
  cacheTtls: readonly CacheTtl[];
  /** How errors name the service and what to check. */
  errors: Pick<ErrorContext, 'service' | 'authHint' | 'baseUrlVariable'>;
}

function nonEmpty(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value.trim() === '' ? undefined : value;
}
export { nonEmpty };

/** Checks the options every provider takes; throws BAD_OPTION. */
export function checkCommonOptions(options: { maxRetries?: number | undefined; timeoutMs?: number | undefined }): { maxRetries: number; timeoutMs: number | undefined } {
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new MigrateError('BAD_OPTION', `maxRetries must be a whole number >= 0, got ${String(maxRetries)}.`);
  }
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new MigrateError('BAD_OPTION', `timeoutMs must be a positive number of milliseconds, got ${options.timeoutMs}.`);
  }
  return { maxRetries, timeoutMs: options.timeoutMs };
}

export class MessagesProvider implements Provider {
  readonly name: string;
  /** The server requests go to. */
  readonly baseURL: string;
  protected readonly setup: MessagesProviderSetup;

  constructor(setup: MessagesProviderSetup) {
    this.setup = setup;
    this.name = setup.name;
    this.baseURL = setup.baseURL.replace(/\/+$/, '');
  }

  async complete(req: ModelRequest): Promise<ModelResponse> {
    const ctx = this.errorContext(req);
    try {
      const params = this.params(req);
      const requestOptions = {
        ...(req.signal ? { signal: req.signal } : {}),
        ...(req.maxRetries === undefined ? {} : { maxRetries: req.maxRetries }),
      };
      if (needsStreaming(req.maxTokens)) {
        const stream = this.setup.client.messages.stream(params, requestOptions);
        const message = await stream.finalMessage();
        return toModelResponse(message, stream.request_id);
      }
      const message = await this.setup.client.messages.create({ ...params, stream: false }, requestOptions);
      return toModelResponse(message, message._request_id);
    } catch (error) {
      throw toProviderError(error, ctx);
    }
  }

  /** Messages API params for `req` as this provider takes them: its model id, its cache TTLs. */
  params(req: ModelRequest): ReturnType<typeof toAnthropicParams> {
    const model = this.setup.modelId ? this.setup.modelId(req.model) : req.model;
    return toAnthropicParams({ ...withCacheTtls(req, this.setup.cacheTtls), model }, { transformSchema: this.setup.transformSchema });
  }

  protected errorContext(req: ModelRequest): ErrorContext {
    return {
      model: req.model,
      baseURL: this.baseURL,
      signal: req.signal,
      timeoutMs: this.setup.timeoutMs,
      maxRetries: req.maxRetries ?? this.setup.maxRetries,
      ...this.setup.errors,
    };
  }
}

/** `req` with every cache breakpoint's TTL one the provider accepts (unchanged when it accepts them all). */
export function withCacheTtls(req: ModelRequest, ttls: readonly CacheTtl[]): ModelRequest {
  const fallback = ttls[0];
  if (fallback === undefined || (ttls.includes('5m') && ttls.includes('1h'))) return req;
  const fix = (ttl: CacheTtl | undefined): CacheTtl | undefined => (ttl === undefined || ttls.includes(ttl) ? ttl : fallback);
  const block = (b: MessageBlock): MessageBlock => (b.type === 'text' || b.type === 'tool_result' ? withCache(b, fix(b.cache)) : b);
  return {
    ...req,
    ...(Array.isArray(req.system) ? { system: req.system.map((b) => withCache(b, fix(b.cache))) } : {}),
    messages: req.messages.map((m) => (typeof m.content === 'string' ? m : { ...m, content: m.content.map(block) })),
  };
}

function withCache<T extends { cache?: CacheTtl }>(block: T, cache: CacheTtl | undefined): T {
  if (cache === undefined) {
    const { cache: _dropped, ...rest } = block;
    return rest as T;
  }
  return { ...block, cache };
}
