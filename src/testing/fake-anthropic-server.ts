/**
 * A fake Anthropic Messages API on 127.0.0.1 for tests: real HTTP, Bearer auth, JSON and SSE answers,
 * `count_tokens`, scripted answers and a request log. The SDK reaches it through `baseURL` /
 * `ANTHROPIC_BASE_URL` = `server.url` (the SDK adds `/v1/...` itself).
 *
 * The answer path is: parse → authorize → validate → fault (queued, else the fault function) → `answer(req)`
 * unless the fault replaces it → normalize → `sendAnswer`: delay, then an error status (with retry-after), a
 * dropped connection, or the message (JSON or SSE) with usage from the simulated prompt cache.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildMessage,
  errorBody,
  errorTypeFor,
  estimateInputTokens,
  normalizeAnswer,
  toFakeRequest,
  validateMessagesBody,
} from './fake-anthropic-messages.js';
import type { FakeApiError } from './fake-anthropic-messages.js';
import { FakePromptCache, type CachePlan } from './fake-anthropic-cache.js';
import { checkCredentials, delay, readBody } from './fake-anthropic-http.js';
import { answerHeaders, describeFault, dropMidResponse, dropNow, replacesAnswer, withMalformedJson } from './fake-anthropic-faults.js';
import { formatSseEvent, messageToSseEvents } from './fake-anthropic-sse.js';
import type {
  FakeAnswer,
  FakeAnswerFn,
  FakeAnswerObject,
  FakeAnthropicServer,
  FakeAnthropicServerOptions,
  FakeFault,
  FakeFaultFn,
  FakeRequest,
  FakeRequestLogEntry,
} from './fake-anthropic-types.js';

export type * from './fake-anthropic-types.js';
export { DEFAULT_FAKE_ANSWER } from './fake-anthropic-messages.js';

export const DEFAULT_FAKE_API_KEY = 'test-key';

class FakeServer implements FakeAnthropicServer {
  readonly requests: FakeRequestLogEntry[] = [];
  readonly apiKey: string;
  url = '';
  port = 0;
  readonly #server: Server;
  readonly #knownModels: readonly string[] | undefined;
  #answer: FakeAnswerFn | FakeAnswer | undefined;
  #messageIndex = 0;
  #requestSeq = 0;
  readonly #faultQueue: FakeFault[] = [];
  #faultFn: FakeFaultFn | undefined;
  readonly #cache: FakePromptCache | undefined;
  #inFlight = 0;
  #maxInFlight = 0;

  constructor(options: FakeAnthropicServerOptions) {
    this.apiKey = options.apiKey ?? DEFAULT_FAKE_API_KEY;
    this.#answer = options.answer;
    this.#knownModels = options.knownModels;
    this.#faultFn = options.faults;
    this.#cache = options.promptCache === false ? undefined : new FakePromptCache(options.now);
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          const message = `fake server failed: ${error instanceof Error ? error.message : String(error)}`;
          this.#sendError(res, undefined, { status: 500, type: 'api_error', message }, 'req_fake_error');
        } else {
          res.destroy();
        }
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    this.port = address.port;
    this.url = `http://127.0.0.1:${address.port}`;
  }

  messageRequests(): FakeRequestLogEntry[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
  }

  setAnswer(answer: FakeAnswerFn | FakeAnswer): void {
    this.#answer = answer;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  queueFaults(...faults: FakeFault[]): void {
    this.#faultQueue.push(...faults);
  }

  setFaults(faults: FakeFaultFn | undefined): void {
    this.#faultFn = faults;
  }

  get pendingFaults(): number {
    return this.#faultQueue.length;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  clearCache(): void {
    this.#cache?.clear();
  }

  env(): { ANTHROPIC_BASE_URL: string; ANTHROPIC_API_KEY: string } {
    return { ANTHROPIC_BASE_URL: this.url, ANTHROPIC_API_KEY: this.apiKey };
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_fake_${++this.#requestSeq}`;
    const { authorized, headers } = checkCredentials(req, this.apiKey);
    const text = await readBody(req);
    let body: unknown;
    let parsed = true;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = text;
      parsed = false;
    }
    const entry: FakeRequestLogEntry = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      headers,
      body,
      authorized,
      status: 0,
      time: Date.now(),
      endedAt: 0,
      inFlight: 0,
    };
    this.requests.push(entry);

    const isMessages = entry.path === '/v1/messages';
    if (isMessages && entry.method === 'POST') {
      entry.inFlight = ++this.#inFlight;
      this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    }
    res.once('close', () => {
      entry.endedAt = Date.now();
      if (entry.inFlight > 0) this.#inFlight--;
    });
    const isCount = entry.path === '/v1/messages/count_tokens';
    if (entry.method !== 'POST' || (!isMessages && !isCount)) {
      const message = `Not found: ${entry.method} ${entry.path}`;
      return this.#sendError(res, entry, { status: 404, type: 'not_found_error', message }, requestId);
    }
    if (!authorized) {
      const message = 'invalid x-api-key';
      return this.#sendError(res, entry, { status: 401, type: 'authentication_error', message }, requestId);
    }
    const invalid = parsed
      ? validateMessagesBody(body, this.#knownModels, isMessages)
      : { status: 400, type: 'invalid_request_error', message: 'request body is not valid JSON' };
    if (invalid) return this.#sendError(res, entry, invalid, requestId);
    const fields = body as Record<string, unknown>;
    if (isCount) {
      return this.#sendJson(res, entry, 200, { input_tokens: estimateInputTokens(fields) }, requestId);
    }
    const fakeReq = toFakeRequest(fields, this.#messageIndex++, headers);
    const cache = this.#cache?.plan(fields);
    if (cache && 'status' in cache) return this.#sendError(res, entry, cache, requestId);
    let answer: FakeAnswerObject;
    try {
      const fault = this.#faultQueue.shift() ?? this.#faultFn?.(fakeReq);
      if (fault && replacesAnswer(fault)) answer = { ...fault };
      else {
        const source = this.#answer;
        answer = { ...normalizeAnswer(typeof source === 'function' ? await source(fakeReq) : source), ...fault };
      }
    } catch (error) {
      const message = `the fake answer function threw: ${error instanceof Error ? error.message : String(error)}`;
      return this.#sendError(res, entry, { status: 500, type: 'api_error', message }, requestId);
    }
    const fault = describeFault(answer);
    if (fault) entry.fault = fault;
    await this.#sendAnswer(res, entry, fakeReq, withMalformedJson(answer), requestId, cache);
  }

  /** Writes one scripted answer: delay, then an error, a JSON message or an SSE stream. */
  async #sendAnswer(
    res: ServerResponse,
    entry: FakeRequestLogEntry,
    req: FakeRequest,
    answer: FakeAnswerObject,
    requestId: string,
    cache?: CachePlan,
  ): Promise<void> {
    await delay(answer.delayMs ?? 0, res);
    if (res.destroyed) return;
    if (answer.drop === 'before-response') return dropNow(res);
    const status = answer.status ?? 200;
    const headers = answerHeaders(answer);
    if (status >= 400) {
      const error = {
        status,
        type: answer.error?.type ?? errorTypeFor(status),
        message: answer.error?.message ?? `fake error ${status}`,
      };
      return this.#sendError(res, entry, error, requestId, headers);
    }
    const message = buildMessage(req, answer, cache);
    entry.usage = { ...message.usage };
    // The cache entry exists once the answer starts: requests that arrived meanwhile wrote it too.
    if (cache) this.#cache?.commit(cache);
    if (!req.stream) {
      if (answer.drop === 'mid-response') {
        entry.status = status;
        const payload = JSON.stringify(message);
        return dropMidResponse(res, status, { 'content-type': 'application/json', 'request-id': requestId, ...headers }, payload.slice(0, Math.floor(payload.length / 2)));
      }
      return this.#sendJson(res, entry, status, message, requestId, headers);
    }
    entry.status = status;
    const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId, ...headers };
    const events = messageToSseEvents(message).map(formatSseEvent);
    if (answer.drop === 'mid-response') return dropMidResponse(res, status, sseHeaders, events.slice(0, Math.ceil(events.length / 2)).join(''));
    res.writeHead(status, sseHeaders);
    for (const event of events) res.write(event);
    res.end();
  }

  #sendJson(
    res: ServerResponse,
    entry: FakeRequestLogEntry | undefined,
    status: number,
    body: unknown,
    requestId: string,
    headers: Record<string, string> = {},
  ): void {
    if (entry) entry.status = status;
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'request-id': requestId,
      ...headers,
    });
    res.end(payload);
  }

  #sendError(
    res: ServerResponse,
    entry: FakeRequestLogEntry | undefined,
    error: FakeApiError,
    requestId: string,
    headers?: Record<string, string>,
  ): void {
    this.#sendJson(res, entry, error.status, errorBody(error, requestId), requestId, headers);
  }
}

/** Starts a fake Messages API on 127.0.0.1 (a free port). Close it with `server.close()`. */
export async function startFakeAnthropicServer(options: FakeAnthropicServerOptions = {}): Promise<FakeAnthropicServer> {
  const server = new FakeServer(options);
  await server.listen();
  return server;
}
