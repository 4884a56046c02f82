/** The Claude provider: ModelRequest → Messages API through @anthropic-ai/sdk → ModelResponse. */
import Anthropic from '@anthropic-ai/sdk';
import { MigrateError } from '../errors.js';
import { registerSecret } from '../redact.js';
import { toProviderError } from './anthropic-errors.js';
import type { ErrorContext } from './anthropic-errors.js';
import { needsStreaming, toAnthropicParams, toCountTokensParams } from './anthropic-request.js';
import { toModelResponse } from './anthropic-response.js';
import type { ModelRequest, ModelResponse, Provider } from './types.js';

export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export interface AnthropicProviderOptions {
  /** API key, sent as `Authorization: Bearer <key>`. Default: `ANTHROPIC_API_KEY` from `env`. */
  apiKey?: string;
  /**
   * Server to talk to, without `/v1` (the SDK adds `/v1/messages`). Default: `ANTHROPIC_BASE_URL` from `env`,
   * else `https://api.anthropic.com`.
   */
  baseURL?: string;
  /**
   * Retries the SDK makes itself on 408, 409, 429, every 5xx (529 included), connection errors and timeouts,
   * honouring `retry-after-ms`/`retry-after`. Default 2. A request's own `maxRetries` wins: the workflow
   * runtime sends 0, because its scheduler retries (shared retry-after, fewer slots, bounded tries).
   */
  maxRetries?: number;
  /** Timeout per attempt in milliseconds. Default: the SDK's (600,000 ms). */
  timeoutMs?: number;
  /**
   * Send `outputSchema` through the SDK's `jsonSchemaOutputFormat` transform (adds `additionalProperties: false`,
   * moves keywords the API does not support into `description`). Default `true`; `false` sends it unchanged.
   */
  transformSchema?: boolean;
  /** Environment to read `ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL` from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export class AnthropicProvider implements Provider {
  readonly name = 'anthropic';
  /** The server requests go to (no `/v1`). */
  readonly baseURL: string;
  readonly #client: Anthropic;
  readonly #maxRetries: number;
  readonly #timeoutMs: number | undefined;
  readonly #transformSchema: boolean;

  /** @throws MigrateError `NO_API_KEY` when neither `apiKey` nor `ANTHROPIC_API_KEY` gives a key. */
  constructor(options: AnthropicProviderOptions = {}) {
    const env = options.env ?? process.env;
    const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env['ANTHROPIC_API_KEY']);
    if (apiKey === undefined) {
      throw new MigrateError(
        'NO_API_KEY',
        'No Anthropic API key: expected ANTHROPIC_API_KEY in the environment (or the apiKey option), found none. ' +
          'Create a key at https://console.anthropic.com/settings/keys and run `export ANTHROPIC_API_KEY=sk-ant-…`.',
      );
    }
    const maxRetries = options.maxRetries ?? 2;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new MigrateError('BAD_OPTION', `maxRetries must be a whole number >= 0, got ${String(maxRetries)}.`);
    }
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
      throw new MigrateError('BAD_OPTION', `timeoutMs must be a positive number of milliseconds, got ${options.timeoutMs}.`);
    }
    // Whatever migrate-kit writes (journal, transcripts, run.json, reports, errors) has this key redacted.
    registerSecret(apiKey);
    this.#maxRetries = maxRetries;
    this.#timeoutMs = options.timeoutMs;
    this.#transformSchema = options.transformSchema ?? true;
    this.baseURL = (nonEmpty(options.baseURL) ?? nonEmpty(env['ANTHROPIC_BASE_URL']) ?? DEFAULT_ANTHROPIC_BASE_URL).replace(
      /\/+$/,
      '',
    );
    // Passing apiKey and baseURL explicitly keeps the SDK from reading ANTHROPIC_AUTH_TOKEN or a profile.
    this.#client = new Anthropic({
      apiKey,
      baseURL: this.baseURL,
      maxRetries,
      ...(this.#timeoutMs === undefined ? {} : { timeout: this.#timeoutMs }),
    });
  }

  async complete(req: ModelRequest): Promise<ModelResponse> {
    const ctx = this.#errorContext(req);
    try {
      const params = toAnthropicParams(req, { transformSchema: this.#transformSchema });
      const requestOptions = {
        ...(req.signal ? { signal: req.signal } : {}),
        ...(req.maxRetries === undefined ? {} : { maxRetries: req.maxRetries }),
      };
      if (needsStreaming(req.maxTokens)) {
        const stream = this.#client.messages.stream(params, requestOptions);
        const message = await stream.finalMessage();
        return toModelResponse(message, stream.request_id);
      }
      const message = await this.#client.messages.create({ ...params, stream: false }, requestOptions);
      return toModelResponse(message, message._request_id);
    } catch (error) {
      throw toProviderError(error, ctx);
    }
  }

  /** Input tokens the prompt of `req` would use (`POST /v1/messages/count_tokens`); `maxTokens` is ignored. */
  async countTokens(req: ModelRequest): Promise<number> {
    const ctx = this.#errorContext(req);
    try {
      const params = toCountTokensParams(req, { transformSchema: this.#transformSchema });
      const result = await this.#client.messages.countTokens(params, req.signal ? { signal: req.signal } : {});
      return result.input_tokens;
    } catch (error) {
      throw toProviderError(error, ctx);
    }
  }

  #errorContext(req: ModelRequest): ErrorContext {
    return {
      model: req.model,
      baseURL: this.baseURL,
      signal: req.signal,
      timeoutMs: this.#timeoutMs,
      maxRetries: req.maxRetries ?? this.#maxRetries,
    };
  }
}
