/** The Claude provider: ModelRequest → Messages API through @anthropic-ai/sdk → ModelResponse. */
import Anthropic from '@anthropic-ai/sdk';
import { MigrateError } from '../errors.js';
import { registerSecret } from '../redact.js';
import { toBatchEntryError, toProviderError, type ErrorContext } from './anthropic-errors.js';
import { toModelResponse } from './anthropic-response.js';
import type { MessageBatch } from '@anthropic-ai/sdk/resources/messages/batches';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { toCountTokensParams } from './anthropic-request.js';
import { checkCommonOptions, MessagesProvider, nonEmpty } from './messages-provider.js';
import type { BatchApi, BatchEntry, BatchOutcome, BatchStatus, ModelRequest } from './types.js';

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

export class AnthropicProvider extends MessagesProvider {
  readonly #client: Anthropic;
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
    const { maxRetries, timeoutMs } = checkCommonOptions(options);
    // Whatever migrate-kit writes (journal, transcripts, run.json, reports, errors) has this key redacted.
    registerSecret(apiKey);
    const baseURL = (nonEmpty(options.baseURL) ?? nonEmpty(env['ANTHROPIC_BASE_URL']) ?? DEFAULT_ANTHROPIC_BASE_URL).replace(/\/+$/, '');
    // Passing apiKey and baseURL explicitly keeps the SDK from reading ANTHROPIC_AUTH_TOKEN or a profile.
    const client = new Anthropic({ apiKey, baseURL, maxRetries, ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }) });
    const transformSchema = options.transformSchema ?? true;
    super({ name: 'anthropic', baseURL, client, maxRetries, timeoutMs, transformSchema, cacheTtls: ['5m', '1h'], errors: {} });
    this.#client = client;
    this.#transformSchema = transformSchema;
    this.batches = new AnthropicBatches(client, this);
  }

  /** The Message Batches API (`/v1/messages/batches`): half price, answers within 24 hours. */
  readonly batches: BatchApi;

  /** Input tokens the prompt of `req` would use (`POST /v1/messages/count_tokens`); `maxTokens` is ignored. */
  async countTokens(req: ModelRequest): Promise<number> {
    const ctx = this.errorContext(req);
    try {
      const params = toCountTokensParams(req, { transformSchema: this.#transformSchema });
      const result = await this.#client.messages.countTokens(params, req.signal ? { signal: req.signal } : {});
      return result.input_tokens;
    } catch (error) {
      throw toProviderError(error, ctx);
    }
  }
}

/** The Message Batches API through the SDK (`/v1/messages/batches`): create, retrieve, results (JSONL). */
class AnthropicBatches implements BatchApi {
  constructor(
    private readonly client: Anthropic,
    private readonly provider: AnthropicProvider,
  ) {}

  async create(entries: readonly BatchEntry[], signal?: AbortSignal): Promise<BatchStatus> {
    const first = entries[0]?.request;
    try {
      const batch = await this.client.messages.batches.create(
        { requests: entries.map((e) => ({ custom_id: e.customId, params: { ...this.provider.params(e.request) } as MessageCreateParamsNonStreaming })) },
        { ...(signal ? { signal } : {}), maxRetries: 0 },
      );
      return toBatchStatus(batch);
    } catch (error) {
      throw toProviderError(error, this.context(first?.model ?? 'batch', signal));
    }
  }

  async retrieve(id: string, signal?: AbortSignal): Promise<BatchStatus> {
    try {
      return toBatchStatus(await this.client.messages.batches.retrieve(id, {}, { ...(signal ? { signal } : {}), maxRetries: 0 }));
    } catch (error) {
      throw toProviderError(error, this.context('batch', signal));
    }
  }

  async results(id: string, signal?: AbortSignal): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = [];
    try {
      const decoder = await this.client.messages.batches.results(id, {}, { ...(signal ? { signal } : {}), maxRetries: 0 });
      for await (const line of decoder) {
        const result = line.result;
        if (result.type === 'succeeded') outcomes.push({ customId: line.custom_id, type: 'succeeded', response: toModelResponse(result.message, undefined) });
        else if (result.type === 'errored') {
          outcomes.push({ customId: line.custom_id, type: 'errored', error: toBatchEntryError(result.error, { ...this.context('batch', signal), customId: line.custom_id, batchId: id }) });
        } else outcomes.push({ customId: line.custom_id, type: result.type });
      }
    } catch (error) {
      throw toProviderError(error, this.context('batch', signal));
    }
    return outcomes;
  }

  private context(model: string, signal: AbortSignal | undefined): ErrorContext {
    return { model, baseURL: this.provider.baseURL, signal, timeoutMs: undefined, maxRetries: 0, service: 'the Anthropic Message Batches API' };
  }
}

function toBatchStatus(batch: MessageBatch): BatchStatus {
  return { id: batch.id, status: batch.processing_status, counts: { ...batch.request_counts }, expiresAt: batch.expires_at };
}
