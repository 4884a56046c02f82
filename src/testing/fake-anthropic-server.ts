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
import { FakeBatches, type FakeBatchLog } from './fake-anthropic-batches.js';
import { bedrockError, checkPlatformCredentials, routePlatform, type FakePlatform } from './fake-platform.js';
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

/** `/v1/messages/batches`, `/v1/messages/batches/{id}`, `/v1/messages/batches/{id}/results`. */
const BATCH_PATH = /^\/v1\/messages\/batches(?:\/([A-Za-z0-9_-]+)(\/results)?)?$/;

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
  readonly platform: FakePlatform;
  readonly #batches: FakeBatches;
  #batchProcessingMs: number;

  constructor(options: FakeAnthropicServerOptions) {
    this.apiKey = options.apiKey ?? DEFAULT_FAKE_API_KEY;
    this.platform = options.platform ?? 'anthropic';
    this.#batchProcessingMs = options.batches?.processingMs ?? 0;
    this.#batches = new FakeBatches({ now: options.now ?? Date.now, processingMs: () => this.#batchProcessingMs, outcome: options.batches?.entryOutcome });
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
    return this.requests.filter((r) => r.method === 'POST' && (r.path === '/v1/messages' || r.platform !== undefined));
  }

  setAnswer(answer: FakeAnswerFn | FakeAnswer): void {
    this.#answer = answer;
  }

  batchLog(): FakeBatchLog[] {
    return this.#batches.log;
  }

  batchCreates(): FakeRequestLogEntry[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
  }

  setBatchProcessingMs(ms: number): void {
    this.#batchProcessingMs = ms;
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
    let { authorized, headers } = checkCredentials(req, this.apiKey);
    if (this.platform !== 'anthropic') {
      const raw = req.headers['authorization'];
      const platformAuth = checkPlatformCredentials(this.platform, { ...headers, ...(typeof raw === 'string' ? { authorization: raw } : {}) }, this.apiKey);
      authorized = platformAuth.authorized;
      if (platformAuth.shown !== undefined) headers = { ...headers, authorization: platformAuth.shown };
    }
    const text = await readBody(req);
    let body: unknown;
    let parsed = true;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = text;
      parsed = false;
    }
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routePlatform(this.platform, req.method ?? 'GET', rawPath, body);
    const entry: FakeRequestLogEntry = {
      method: req.method ?? 'GET',
      path: rawPath,
      headers,
      body,
      authorized,
      status: 0,
      time: Date.now(),
      endedAt: 0,
      inFlight: 0,
    };
    if (route.platform) entry.platform = route.platform;
    this.requests.push(entry);
    // The log keeps the body as sent; the answer works on the Messages API body it stands for.
    body = route.body;

    const isMessages = route.path === '/v1/messages' && (this.platform === 'anthropic' || route.platform !== undefined);
    if (isMessages && entry.method === 'POST') {
      entry.inFlight = ++this.#inFlight;
      this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    }
    res.once('close', () => {
      entry.endedAt = Date.now();
      if (entry.inFlight > 0) this.#inFlight--;
    });
    const isCount = this.platform === 'anthropic' && route.path === '/v1/messages/count_tokens';
    const batchPath = this.platform === 'anthropic' ? BATCH_PATH.exec(route.path) : null;
    if (batchPath) {
      if (!authorized) return this.#sendError(res, entry, { status: 401, type: 'authentication_error', message: 'invalid x-api-key' }, requestId);
      return this.#handleBatches(res, entry, batchPath[1], batchPath[2] !== undefined, parsed ? body : undefined, headers, requestId);
    }
    if (entry.method !== 'POST' || (!isMessages && !isCount)) {
      const message = `Not found: ${entry.method} ${entry.path}`;
      return this.#sendError(res, entry, { status: 404, type: 'not_found_error', message }, requestId);
    }
    if (!authorized) {
      const message = this.platform === 'bedrock' ? 'The security token included in the request is invalid.' : this.platform === 'vertex' ? 'Request had invalid authentication credentials.' : 'invalid x-api-key';
      return this.#sendError(res, entry, { status: this.platform === 'bedrock' ? 403 : 401, type: 'authentication_error', message }, requestId);
    }
    if (route.error) return this.#sendError(res, entry, route.error, requestId);
    const invalid = parsed
      ? validateMessagesBody(body, this.#knownModels, isMessages)
      : { status: 400, type: 'invalid_request_error', message: 'request body is not valid JSON' };
    if (invalid) return this.#sendError(res, entry, invalid, requestId);
    const fields = body as Record<string, unknown>;
    if (isCount) {
      return this.#sendJson(res, entry, 200, { input_tokens: estimateInputTokens(fields) }, requestId);
    }
    const scripted = await this.#scripted(fields, headers);
    if ('error' in scripted) return this.#sendError(res, entry, scripted.error, requestId);
    const { fakeReq, answer, cache } = scripted;
    const fault = describeFault(answer);
    if (fault) entry.fault = fault;
    await this.#sendAnswer(res, entry, fakeReq, withMalformedJson(answer), requestId, cache);
  }

  /** The scripted answer to a Messages API body (a request's, or a batch entry's params): faults first, then the answer function. */
  async #scripted(
    fields: Record<string, unknown>,
    headers: Record<string, string>,
    batch?: { batchId: string; customId: string },
  ): Promise<{ fakeReq: FakeRequest; answer: FakeAnswerObject; cache: CachePlan | undefined } | { error: FakeApiError; fakeReq?: FakeRequest }> {
    const fakeReq = { ...toFakeRequest(fields, this.#messageIndex++, headers), ...(batch ?? {}) };
    const cache = this.#cache?.plan(fields);
    if (cache && 'status' in cache) return { error: cache, fakeReq };
    try {
      const fault = this.#faultQueue.shift() ?? this.#faultFn?.(fakeReq);
      if (fault && replacesAnswer(fault)) return { fakeReq, answer: { ...fault }, cache };
      const source = this.#answer;
      return { fakeReq, answer: { ...normalizeAnswer(typeof source === 'function' ? await source(fakeReq) : source), ...fault }, cache };
    } catch (error) {
      const message = `the fake answer function threw: ${error instanceof Error ? error.message : String(error)}`;
      return { error: { status: 500, type: 'api_error', message }, fakeReq };
    }
  }

  /** `POST /v1/messages/batches`, `GET /v1/messages/batches/{id}`, `GET /v1/messages/batches/{id}/results`. */
  async #handleBatches(
    res: ServerResponse,
    entry: FakeRequestLogEntry,
    id: string | undefined,
    results: boolean,
    body: unknown,
    headers: Record<string, string>,
    requestId: string,
  ): Promise<void> {
    if (id === undefined && entry.method === 'POST') {
      const created = await this.#batches.create(body, this.url, async (params, customId, batchId) => {
        const invalid = validateMessagesBody(params, this.#knownModels, true);
        if (invalid) return { answer: { type: 'errored', error: invalid } };
        const scripted = await this.#scripted(params, headers, { batchId, customId });
        if ('error' in scripted) return { ...(scripted.fakeReq ? { req: scripted.fakeReq } : {}), answer: { type: 'errored', error: scripted.error } };
        const { fakeReq, answer, cache } = scripted;
        const status = answer.status ?? 200;
        if (status >= 400 || answer.drop !== undefined) {
          const error = { status: status >= 400 ? status : 500, type: answer.error?.type ?? errorTypeFor(status >= 400 ? status : 500), message: answer.error?.message ?? `fake error ${status}` };
          return { req: fakeReq, answer: { type: 'errored', error } };
        }
        const message = buildMessage(fakeReq, withMalformedJson(answer), cache);
        if (cache) this.#cache?.commit(cache);
        return { req: fakeReq, answer: { type: 'succeeded', message } };
      });
      if ('error' in created) return this.#sendError(res, entry, created.error, requestId);
      return this.#sendJson(res, entry, created.status, created.body, requestId);
    }
    if (id !== undefined && entry.method === 'GET') {
      if (!results) {
        const found = this.#batches.retrieve(id, this.url);
        if ('error' in found) return this.#sendError(res, entry, found.error, requestId);
        return this.#sendJson(res, entry, found.status, found.body, requestId);
      }
      const found = this.#batches.results(id);
      if ('error' in found) return this.#sendError(res, entry, found.error, requestId);
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/binary', 'content-length': Buffer.byteLength(found.text), 'request-id': requestId });
      res.end(found.text);
      return;
    }
    return this.#sendError(res, entry, { status: 404, type: 'not_found_error', message: `Not found: ${entry.method} ${entry.path}` }, requestId);
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
    if (this.platform === 'bedrock') {
      const shaped = bedrockError(error);
      return this.#sendJson(res, entry, error.status, shaped.body, requestId, { ...headers, ...shaped.headers });
    }
    this.#sendJson(res, entry, error.status, errorBody(error, requestId), requestId, headers);
  }
}

/** Starts a fake Messages API on 127.0.0.1 (a free port). Close it with `server.close()`. */
export async function startFakeAnthropicServer(options: FakeAnthropicServerOptions = {}): Promise<FakeAnthropicServer> {
  const server = new FakeServer(options);
  await server.listen();
  return server;
}
