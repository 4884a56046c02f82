/**
 * Maps errors of @anthropic-ai/sdk to MigrateError codes. The SDK error is never kept as it is: the cause is
 * a copy without response headers, and every text that could echo the API key has it redacted.
 */
import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { MigrateError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import { redact, redactValue } from '../redact.js';

export interface ErrorContext {
  model: string;
  baseURL: string;
  /** The service as users know it, for messages. Default `the Anthropic API`. */
  service?: string;
  /** What to check when the server refuses the credentials. Default: ANTHROPIC_API_KEY. */
  authHint?: string;
  /** The variable that points the provider at another server. Default `ANTHROPIC_BASE_URL`. */
  baseUrlVariable?: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries: number;
}

/**
 * Milliseconds to wait from `retry-after-ms`, else `retry-after` (seconds or an HTTP date); undefined when
 * neither is present or parseable. Never negative.
 */
export function parseRetryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value)) return Math.max(0, Math.round(value));
  }
  const after = headers.get('retry-after');
  if (after !== null && after.trim() !== '') {
    const seconds = Number(after.trim());
    if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return undefined;
}

/** An Error standing for the SDK error: name, redacted message, status, request id and body; no headers. */
class SdkErrorCopy extends Error {
  override readonly name: string;
  readonly status: number | undefined;
  readonly requestID: string | undefined;
  readonly body: unknown;

  constructor(error: Error) {
    super(redact(error.message));
    this.name = error.constructor?.name || error.name;
    if (error instanceof APIError) {
      this.status = error.status;
      this.requestID = error.requestID ?? undefined;
      this.body = redactValue(error.error);
    } else {
      this.status = undefined;
      this.requestID = undefined;
      this.body = undefined;
    }
    const inner = (error as { cause?: unknown }).cause;
    if (inner instanceof Error) {
      // Low-level causes (ECONNREFUSED, …) carry no request headers; keep their text only.
      Object.defineProperty(this, 'cause', { value: new Error(redact(inner.message)), enumerable: false });
    }
  }
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'MODEL_AUTH';
  if (status === 400 || status === 404 || status === 413 || status === 422) return 'MODEL_BAD_REQUEST';
  if (status === 429) return 'MODEL_RATE_LIMITED';
  if (status === 529) return 'MODEL_OVERLOADED';
  if (status >= 500 || status === 408 || status === 409) return 'MODEL_SERVER_ERROR';
  return 'MODEL_ERROR';
}

/** For errors without a status (an `error` event inside a stream), the body's `error.type` decides. */
function codeForType(type: string | null): ErrorCode {
  switch (type) {
    case 'overloaded_error':
      return 'MODEL_OVERLOADED';
    case 'rate_limit_error':
      return 'MODEL_RATE_LIMITED';
    case 'api_error':
    case 'timeout_error':
      return 'MODEL_SERVER_ERROR';
    case 'authentication_error':
    case 'permission_error':
      return 'MODEL_AUTH';
    case 'invalid_request_error':
    case 'not_found_error':
    case 'request_too_large':
      return 'MODEL_BAD_REQUEST';
    default:
      return 'MODEL_ERROR';
  }
}

function advice(code: ErrorCode, status: number | undefined, apiMessage: string, ctx: ErrorContext): string {
  switch (code) {
    case 'MODEL_AUTH':
      return status === 403 && ctx.authHint === undefined
        ? 'The API key is valid but may not use this model or workspace; check its permissions.'
        : (ctx.authHint ?? 'Check ANTHROPIC_API_KEY (or the apiKey option): the server did not accept it.');
    case 'MODEL_BAD_REQUEST':
      if (status === 404 && /model/i.test(apiMessage)) {
        return `The model "${ctx.model}" was not found: check the model id (for example claude-sonnet-5-5).`;
      }
      return 'The request was refused as invalid; the message above says which field.';
    case 'MODEL_RATE_LIMITED':
      return 'Rate limited: lower the concurrency or wait before retrying.';
    case 'MODEL_OVERLOADED':
      return 'The API is overloaded: retry later or with fewer concurrent agents.';
    case 'MODEL_SERVER_ERROR':
      return 'The API failed on its side: retry later.';
    default:
      return '';
  }
}

function abortError(signal: AbortSignal, cause: unknown): MigrateError {
  const reason: unknown = signal.reason;
  if (reason instanceof MigrateError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new MigrateError('AGENT_TIMEOUT', `The model request timed out (its AbortSignal fired: ${reason.message}).`, {
      cause,
    });
  }
  return new MigrateError('ABORTED', 'The model request was aborted before an answer arrived.', { cause });
}

/**
 * Whether `error` is a connection that closed mid-answer: undici's `TypeError: terminated` (its cause a
 * `SocketError`, `UND_ERR_SOCKET`), or the SDK's stream reader wrapping it (`AnthropicError: terminated`).
 */
function isDroppedConnection(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof APIError) return false;
  const cause = (error as { cause?: unknown }).cause as { code?: unknown; name?: unknown } | undefined;
  if (cause && (cause.code === 'UND_ERR_SOCKET' || cause.code === 'ECONNRESET' || cause.name === 'SocketError')) return true;
  return error.message === 'terminated' && (error instanceof TypeError || error instanceof AnthropicError);
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A MigrateError for anything `messages.create`/`stream`/`countTokens` threw. */
export function toProviderError(error: unknown, ctx: ErrorContext): MigrateError {
  if (error instanceof MigrateError) return error;
  const copy = error instanceof Error ? new SdkErrorCopy(error) : new Error(redact(String(error)));
  if (ctx.signal?.aborted) return abortError(ctx.signal, copy);
  if (error instanceof APIUserAbortError) {
    return new MigrateError('ABORTED', 'The model request was aborted before an answer arrived.', { cause: copy });
  }
  if (error instanceof APIConnectionTimeoutError) {
    const limit = ctx.timeoutMs === undefined ? 'the SDK timeout (600 s)' : `${ctx.timeoutMs} ms`;
    return new MigrateError(
      'AGENT_TIMEOUT',
      `The model request got no answer within ${limit} per attempt (${ctx.maxRetries} retries). ` +
        'Raise timeoutMs or lower maxTokens.',
      { cause: copy, details: { timeoutMs: ctx.timeoutMs } },
    );
  }
  if (error instanceof APIConnectionError) {
    const inner = copy.cause instanceof Error ? `: ${copy.cause.message}` : '';
    return new MigrateError(
      'MODEL_CONNECTION',
      `Could not reach ${ctx.service ?? 'the Anthropic API'} at ${ctx.baseURL} (${copy.message}${inner}). ` +
        `Check the network and ${ctx.baseUrlVariable ?? 'ANTHROPIC_BASE_URL'}.`,
      { cause: copy, details: { unreachable: true, baseURL: ctx.baseURL } },
    );
  }
  if (isDroppedConnection(error)) {
    return new MigrateError(
      'MODEL_CONNECTION',
      `The connection to ${ctx.service ?? 'the Anthropic API'} at ${ctx.baseURL} closed before the answer was complete (${copy.message}). ` +
        'This is usually transient; the request can be sent again.',
      { cause: copy, details: { dropped: true } },
    );
  }
  if (error instanceof APIError) {
    const status = error.status;
    const apiMessage = redact(error.apiMessage ?? error.message).replace(/[.\s]+$/, '');
    const code = status === undefined ? codeForType(error.type) : codeForStatus(status);
    const requestId = error.requestID ?? undefined;
    const retryAfterMs = parseRetryAfterMs(error.headers);
    const what = status === undefined ? 'an error event' : `HTTP ${status}`;
    const type = error.type ? ` ${error.type}` : '';
    const hint = advice(code, status, apiMessage, ctx);
    const details: Record<string, unknown> = {};
    if (status !== undefined) details['status'] = status;
    if (error.type) details['errorType'] = error.type;
    if (requestId) details['requestId'] = requestId;
    if (retryAfterMs !== undefined) details['retryAfterMs'] = retryAfterMs;
    const shouldRetry = error.headers?.get('x-should-retry');
    if (shouldRetry === 'true' || shouldRetry === 'false') details['shouldRetry'] = shouldRetry === 'true';
    details['model'] = ctx.model;
    return new MigrateError(
      code,
      `${capitalized(ctx.service ?? 'the Anthropic API')} answered ${what}${type} for model ${ctx.model}: ${apiMessage}.${hint ? ` ${hint}` : ''}`,
      { cause: copy, details },
    );
  }
  const message = copy.message;
  const prefix = error instanceof AnthropicError ? 'The Anthropic SDK failed' : 'The model request failed';
  return new MigrateError('MODEL_ERROR', `${prefix}: ${message}`, { cause: copy });
}

/**
 * The error of a batch entry (`result.type === 'errored'`: `{ type: 'error', error: { type, message } }`), mapped
 * to the code a request with that error type gets, so the runtime's retry classes apply to it.
 */
export function toBatchEntryError(body: unknown, ctx: ErrorContext & { customId: string; batchId: string }): MigrateError {
  const inner = (body as { error?: { type?: unknown; message?: unknown } } | null)?.error;
  const type = typeof inner?.type === 'string' ? inner.type : null;
  const message = redact(typeof inner?.message === 'string' ? inner.message : 'no message').replace(/[.\s]+$/, '');
  const code = codeForType(type);
  return new MigrateError(code, `The batch entry ${ctx.customId} of batch ${ctx.batchId} (model ${ctx.model}) failed with ${type ?? 'an unknown error'}: ${message}.`, {
    details: { ...(type ? { errorType: type } : {}), model: ctx.model, batchId: ctx.batchId, customId: ctx.customId },
  });
}
