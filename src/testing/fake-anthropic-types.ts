/** Public types of the fake Anthropic Messages API server. */

/** Usage as the API reports it (snake_case, as on the wire). */
export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

/** A parsed `POST /v1/messages` request, with the fields scripted answers usually look at. */
export interface FakeRequest {
  /** 0-based position among the `POST /v1/messages` requests this server received (retries count). */
  index: number;
  /** The JSON body as sent. */
  body: Record<string, unknown>;
  model: string;
  /** The system prompt as one string (text blocks joined with `\n`); `''` when none. */
  system: string;
  /** Text of the last `user` message (its text blocks joined with `\n`); `''` when none. */
  lastUserText: string;
  /** Whether `output_config.format` asked for a JSON schema. */
  wantsSchema: boolean;
  /** The requested schema (`output_config.format.schema`), when `wantsSchema`. */
  schema?: Record<string, unknown>;
  /** Names of the tools offered. */
  toolNames: string[];
  stream: boolean;
  maxTokens: number;
  /** Request headers, the credentials replaced by a marker (see {@link FakeRequestLogEntry.headers}). */
  headers: Record<string, string>;
  /** For a batch entry: its batch and custom id. */
  batchId?: string;
  customId?: string;
}

export interface FakeToolUse {
  name: string;
  input: unknown;
  /** Default `toolu_fake_<request index>_<position>`. */
  id?: string;
}

/** What the fake answers to one request. A string is a text answer. */
export type FakeAnswer = string | FakeAnswerObject;

export interface FakeAnswerObject {
  /** Text of the answer. */
  text?: string;
  /** Sent as the JSON text of the answer (what an `output_config` answer looks like); wins over `text`. */
  json?: unknown;
  /** tool_use blocks after the text. */
  toolUses?: FakeToolUse[];
  /** Default `tool_use` when there are tool uses, else `end_turn`. */
  stopReason?: string;
  /** Overrides of the estimated usage (input ≈ prompt chars / 4, output ≈ answer chars / 4, cache 0). */
  usage?: Partial<Omit<FakeUsage, 'cache_creation'>> & { cache_creation?: Partial<FakeUsage['cache_creation']> };
  /** HTTP status; >= 400 answers with an error body in the API's shape. Default 200. */
  status?: number;
  /** Error type and message for an error status. Default: the API's type for the status and a generic message. */
  error?: { type: string; message: string };
  /** Extra response headers (for example `retry-after`, `x-should-retry`). */
  headers?: Record<string, string>;
  /** Wait this long before answering (the request may be aborted meanwhile). Default 0. */
  delayMs?: number;
  /** Sent as the `retry-after` header (seconds, or an HTTP date). */
  retryAfter?: number | string;
  /** Sent as the `retry-after-ms` header. */
  retryAfterMs?: number;
  /**
   * Close the connection instead of answering: `before-response` sends nothing; `mid-response` sends the status,
   * the headers and half the body (half the events of a stream), then closes.
   */
  drop?: 'before-response' | 'mid-response';
  /** Answer with JSON cut in half (the `json` answer, else a small object): what a broken structured answer looks like. */
  malformedJson?: boolean;
}

/**
 * A fault injected into one request: an error status (with `retryAfter`/`retryAfterMs`), a dropped connection,
 * a delay, or a malformed JSON answer. An error status or `drop: 'before-response'` replaces the scripted answer
 * (the answer function is not called); the others apply to it.
 */
export type FakeFault = Pick<FakeAnswerObject, 'status' | 'error' | 'headers' | 'retryAfter' | 'retryAfterMs' | 'delayMs' | 'drop' | 'malformedJson'>;

/** Chooses a fault for a request (or none); consulted when the fault queue is empty. */
export type FakeFaultFn = (req: FakeRequest) => FakeFault | undefined;

export type FakeAnswerFn = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeAnthropicServerOptions {
  /**
   * The only key accepted (`Authorization: Bearer <key>` or `x-api-key`). Default `'test-key'`. As Bedrock: the
   * SigV4 access key id (or a bearer Bedrock API key); as Vertex: the bearer access token.
   */
  apiKey?: string;
  /**
   * Which service to be: `anthropic` (`/v1/messages`), `bedrock` (`/model/{id}/invoke`, SigV4) or `vertex`
   * (`/projects/{p}/locations/{r}/publishers/anthropic/models/{m}:rawPredict`, bearer token); see fake-platform.ts.
   * Default `anthropic`.
   */
  platform?: 'anthropic' | 'bedrock' | 'vertex';
  /** Answers `POST /v1/messages`; a fixed answer is allowed too. Default: a short text answer. */
  answer?: FakeAnswerFn | FakeAnswer;
  /** Model ids the server knows; any other gets a 404 `not_found_error` like the API's. Default: all. */
  knownModels?: readonly string[];
  /** Faults for requests, chosen per request; see also `queueFaults`. Default: none. */
  faults?: FakeFaultFn;
  /**
   * Simulate the prompt cache: usage from the request's `cache_control` breakpoints (first use writes, a use
   * within the TTL reads). An answer's own cache usage figures win. Default true.
   */
  promptCache?: boolean;
  /** Clock of the prompt cache (TTL expiry) and of batches, for tests that skip time. Default `Date.now`. */
  now?: () => number;
  /**
   * The Message Batches endpoints (`/v1/messages/batches`): a batch stays `in_progress` for `processingMs` (default 0;
   * see also `setBatchProcessingMs`), its entries answered like `POST /v1/messages` requests (an error status makes
   * an `errored` entry); `entryOutcome` makes an entry `expired` or `canceled` instead.
   */
  batches?: { processingMs?: number; entryOutcome?: (req: FakeRequest) => 'expired' | 'canceled' | undefined };
}

/** One request the server received. */
export interface FakeRequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /**
   * Request headers (lower-case names). `authorization` and `x-api-key` never hold the credential: they read
   * `Bearer [redacted: matched]`, `Bearer [redacted: not matched]` or `[redacted: …]` for other schemes.
   */
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  /** Whether the credential equalled `apiKey`. */
  authorized: boolean;
  /** HTTP status answered (set once the answer is sent; 0 when the client left first). */
  status: number;
  /** `Date.now()` when the request arrived. */
  time: number;
  /** `Date.now()` when the answer was sent or the connection closed; 0 until then. */
  endedAt: number;
  /** `POST /v1/messages` requests in flight when this one arrived, itself included (0 for other paths). */
  inFlight: number;
  /** The fault injected, if any: `status 429`, `drop before-response`, `malformed json`, … */
  fault?: string;
  /** Usage reported in the answer (message answers only). */
  usage?: FakeUsage;
  /** A Bedrock or Vertex message request: the model id of its path (and Vertex's project and region). */
  platform?: { model: string; project?: string; region?: string };
}

export interface FakeAnthropicServer {
  /** Base URL for the SDK (`baseURL` / `ANTHROPIC_BASE_URL`), e.g. `http://127.0.0.1:40123`; no `/v1`. */
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  /** Every request received, in arrival order (live array). */
  readonly requests: readonly FakeRequestLogEntry[];
  /** The `POST /v1/messages` requests only. */
  messageRequests(): FakeRequestLogEntry[];
  /** Replaces the answer function (or fixed answer) for later requests. */
  setAnswer(answer: FakeAnswerFn | FakeAnswer): void;
  /** Queues faults for the next message requests, one each in arrival order (a status sequence, say). */
  queueFaults(...faults: FakeFault[]): void;
  /** Replaces the fault function (undefined: none). Queued faults go first. */
  setFaults(faults: FakeFaultFn | undefined): void;
  /** Queued faults not used yet. */
  readonly pendingFaults: number;
  /** `POST /v1/messages` requests in flight now, and the most at once so far. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Empties the simulated prompt cache. */
  clearCache(): void;
  /** Batches created, with their entries and each entry's result. */
  batchLog(): Array<{ id: string; createdAt: number; entries: Array<{ customId: string; params: Record<string, unknown>; result: 'succeeded' | 'errored' | 'expired' | 'canceled' }> }>;
  /** The `POST /v1/messages/batches` requests received. */
  batchCreates(): FakeRequestLogEntry[];
  /** How long later batches stay `in_progress`. */
  setBatchProcessingMs(ms: number): void;
  /** Empties the request log; the message request index keeps counting. */
  clearRequests(): void;
  /** `{ ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY }` for a child process. */
  env(): { ANTHROPIC_BASE_URL: string; ANTHROPIC_API_KEY: string };
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}
