/**
 * A fake Anthropic Messages API on 127.0.0.1 for tests: real HTTP, Bearer auth, JSON and SSE answers,
 * `count_tokens`, scripted answers and a request log. The SDK reaches it through `baseURL` /
 * `ANTHROPIC_BASE_URL` = `server.url` (the SDK adds `/v1/...` itself).
 *
 * The answer path is: parse → authorize → validate → `answer(req)` → normalize → `sendAnswer`; injected faults
 * (status sequences, dropped connections, cache usage from `cache_control`) belong in `sendAnswer`'s plan.
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
import { formatSseEvent, messageToSseEvents } from './fake-anthropic-sse.js';
import type {
  FakeAnswer,
  FakeAnswerFn,
  FakeAnswerObject,
  FakeAnthropicServer,
  FakeAnthropicServerOptions,
  FakeRequest,
  FakeRequestLogEntry,
} from './fake-anthropic-types.js';

export type * from './fake-anthropic-types.js';
export { DEFAULT_FAKE_ANSWER } from './fake-anthropic-messages.js';

export const DEFAULT_FAKE_API_KEY = 'test-key';

interface Credentials {
  authorized: boolean;
  headers: Record<string, string>;
}

/** Headers with the credentials replaced by markers, and whether they matched `apiKey`. */
function checkCredentials(req: IncomingMessage, apiKey: string): Credentials {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let authorized = false;
  const auth = headers['authorization'];
  if (auth !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(auth);
    const ok = match?.[1] === apiKey;
    authorized ||= ok;
    headers['authorization'] = match
      ? `Bearer [redacted: ${ok ? 'matched' : 'not matched'}]`
      : '[redacted: not a Bearer credential]';
  }
  const xApiKey = headers['x-api-key'];
  if (xApiKey !== undefined) {
    const ok = xApiKey === apiKey;
    authorized ||= ok;
    headers['x-api-key'] = `[redacted: ${ok ? 'matched' : 'not matched'}]`;
  }
  return { authorized, headers };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves after `ms`, or early when the client goes away. */
function delay(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}

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

  constructor(options: FakeAnthropicServerOptions) {
    this.apiKey = options.apiKey ?? DEFAULT_FAKE_API_KEY;
    this.#answer = options.answer;
    this.#knownModels = options.knownModels;
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
    };
    this.requests.push(entry);

    const isMessages = entry.path === '/v1/messages';
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
    let answer: FakeAnswerObject;
    try {
      const source = this.#answer;
      answer = normalizeAnswer(typeof source === 'function' ? await source(fakeReq) : source);
    } catch (error) {
      const message = `the fake answer function threw: ${error instanceof Error ? error.message : String(error)}`;
      return this.#sendError(res, entry, { status: 500, type: 'api_error', message }, requestId);
    }
    await this.#sendAnswer(res, entry, fakeReq, answer, requestId);
  }

  /** Writes one scripted answer: delay, then an error, a JSON message or an SSE stream. */
  async #sendAnswer(
    res: ServerResponse,
    entry: FakeRequestLogEntry,
    req: FakeRequest,
    answer: FakeAnswerObject,
    requestId: string,
  ): Promise<void> {
    await delay(answer.delayMs ?? 0, res);
    if (res.destroyed) return;
    const status = answer.status ?? 200;
    if (status >= 400) {
      const error = {
        status,
        type: answer.error?.type ?? errorTypeFor(status),
        message: answer.error?.message ?? `fake error ${status}`,
      };
      return this.#sendError(res, entry, error, requestId, answer.headers);
    }
    const message = buildMessage(req, answer);
    if (!req.stream) return this.#sendJson(res, entry, status, message, requestId, answer.headers);
    entry.status = status;
    res.writeHead(status, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'request-id': requestId,
      ...answer.headers,
    });
    for (const event of messageToSseEvents(message)) res.write(formatSseEvent(event));
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
