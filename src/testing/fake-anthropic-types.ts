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
}

export type FakeAnswerFn = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeAnthropicServerOptions {
  /** The only key accepted (`Authorization: Bearer <key>` or `x-api-key`). Default `'test-key'`. */
  apiKey?: string;
  /** Answers `POST /v1/messages`; a fixed answer is allowed too. Default: a short text answer. */
  answer?: FakeAnswerFn | FakeAnswer;
  /** Model ids the server knows; any other gets a 404 `not_found_error` like the API's. Default: all. */
  knownModels?: readonly string[];
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
  /** Empties the request log; the message request index keeps counting. */
  clearRequests(): void;
  /** `{ ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY }` for a child process. */
  env(): { ANTHROPIC_BASE_URL: string; ANTHROPIC_API_KEY: string };
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}
