/** Request parsing, answer building and error bodies of the fake Messages API (no HTTP here). */
import type { FakeAnswer, FakeAnswerObject, FakeRequest, FakeUsage } from './fake-anthropic-types.js';

/** A Messages API `Message` as the fake sends it. */
export interface FakeMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: FakeContentBlock[];
  container: null;
  diagnostics: null;
  stop_details: null;
  stop_reason: string | null;
  stop_sequence: null;
  usage: FakeWireUsage;
}

export type FakeContentBlock =
  | { type: 'text'; text: string; citations: null }
  | { type: 'tool_use'; id: string; name: string; input: unknown; caller: { type: 'direct' } };

export type FakeWireUsage = FakeUsage & {
  inference_geo: null;
  output_tokens_details: null;
  server_tool_use: null;
  service_tier: 'standard';
  speed: null;
};

export interface FakeApiError {
  status: number;
  type: string;
  message: string;
}

export const DEFAULT_FAKE_ANSWER = 'OK (fake answer).';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** The API's error `type` for an HTTP status. */
export function errorTypeFor(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** The API's error body: `{ type: 'error', error: { type, message }, request_id }`. */
export function errorBody(error: FakeApiError, requestId: string): Record<string, unknown> {
  return { type: 'error', error: { type: error.type, message: error.message }, request_id: requestId };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a `content` or `system` value: a string, or the text-bearing parts of a block list. */
export function contentText(content: unknown, separator = '\n'): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block['type'] === 'text' && typeof block['text'] === 'string') parts.push(block['text']);
    else if (block['type'] === 'tool_result') parts.push(contentText(block['content'], separator));
    else if (block['type'] === 'tool_use') parts.push(JSON.stringify(block['input'] ?? null));
  }
  return parts.join(separator);
}

function messagesOf(body: Record<string, unknown>): Record<string, unknown>[] {
  const messages = body['messages'];
  return Array.isArray(messages) ? messages.filter(isRecord) : [];
}

/** The prompt estimate: ceil(characters of system + messages / 4). */
export function estimateInputTokens(body: Record<string, unknown>): number {
  let chars = contentText(body['system']).length;
  for (const message of messagesOf(body)) chars += contentText(message['content']).length;
  return Math.ceil(chars / 4);
}

/** Checks what the SDK always sends; an error in the API's terms, or undefined. */
export function validateMessagesBody(
  body: unknown,
  knownModels: readonly string[] | undefined,
  needsMaxTokens: boolean,
): FakeApiError | undefined {
  const invalid = (message: string): FakeApiError => ({ status: 400, type: 'invalid_request_error', message });
  if (!isRecord(body)) return invalid('request body: expected a JSON object');
  if (typeof body['model'] !== 'string') return invalid('model: Field required');
  if (!Array.isArray(body['messages'])) return invalid('messages: Field required');
  if (needsMaxTokens && typeof body['max_tokens'] !== 'number') return invalid('max_tokens: Field required');
  if (knownModels && !knownModels.includes(body['model'])) {
    return { status: 404, type: 'not_found_error', message: `model: ${body['model']}` };
  }
  return undefined;
}

/** The convenience view of a validated `POST /v1/messages` body. */
export function toFakeRequest(body: Record<string, unknown>, index: number, headers: Record<string, string>): FakeRequest {
  const outputConfig = isRecord(body['output_config']) ? body['output_config'] : undefined;
  const format = outputConfig && isRecord(outputConfig['format']) ? outputConfig['format'] : undefined;
  const wantsSchema = format?.['type'] === 'json_schema';
  const schema = wantsSchema && isRecord(format['schema']) ? format['schema'] : undefined;
  const lastUser = messagesOf(body).filter((m) => m['role'] === 'user').at(-1);
  const tools = Array.isArray(body['tools']) ? body['tools'].filter(isRecord) : [];
  return {
    index,
    body,
    model: String(body['model']),
    system: contentText(body['system']),
    lastUserText: lastUser ? contentText(lastUser['content']) : '',
    wantsSchema,
    ...(schema ? { schema } : {}),
    toolNames: tools.map((tool) => String(tool['name'])),
    stream: body['stream'] === true,
    maxTokens: typeof body['max_tokens'] === 'number' ? body['max_tokens'] : 0,
    headers,
  };
}

export function normalizeAnswer(answer: FakeAnswer | undefined): FakeAnswerObject {
  if (answer === undefined) return { text: DEFAULT_FAKE_ANSWER };
  return typeof answer === 'string' ? { text: answer } : answer;
}

/** Prompt-cache figures of one request (see fake-anthropic-cache.ts). */
export interface CacheUsage {
  readTokens: number;
  writeTokens: number;
  write1hTokens: number;
}

function usageFor(req: FakeRequest, answer: FakeAnswerObject, outputChars: number, cache: CacheUsage | undefined): FakeWireUsage {
  const given = answer.usage ?? {};
  const cacheWrite = given.cache_creation_input_tokens ?? cache?.writeTokens ?? 0;
  const cacheRead = given.cache_read_input_tokens ?? cache?.readTokens ?? 0;
  const oneHour = given.cache_creation?.ephemeral_1h_input_tokens ?? (given.cache_creation_input_tokens === undefined ? (cache?.write1hTokens ?? 0) : 0);
  const prompt = estimateInputTokens(req.body);
  return {
    // The API counts only the tokens after the last cache breakpoint as input.
    input_tokens: given.input_tokens ?? (cache ? Math.max(0, prompt - cacheRead - cacheWrite) : prompt),
    output_tokens: given.output_tokens ?? Math.ceil(outputChars / 4),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    cache_creation: {
      ephemeral_5m_input_tokens: given.cache_creation?.ephemeral_5m_input_tokens ?? Math.max(0, cacheWrite - oneHour),
      ephemeral_1h_input_tokens: oneHour,
    },
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    speed: null,
  };
}

/** The complete `Message` for a successful answer. */
export function buildMessage(req: FakeRequest, answer: FakeAnswerObject, cache?: CacheUsage): FakeMessage {
  const text = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? '');
  const toolUses = answer.toolUses ?? [];
  const content: FakeContentBlock[] = [];
  if (text !== '' || toolUses.length === 0) content.push({ type: 'text', text, citations: null });
  toolUses.forEach((use, i) => {
    content.push({
      type: 'tool_use',
      id: use.id ?? `toolu_fake_${req.index}_${i}`,
      name: use.name,
      input: use.input,
      caller: { type: 'direct' },
    });
  });
  const outputChars = text.length + toolUses.reduce((n, use) => n + JSON.stringify(use.input ?? null).length, 0);
  return {
    id: `msg_fake_${req.index}`,
    type: 'message',
    role: 'assistant',
    model: req.model,
    content,
    container: null,
    diagnostics: null,
    stop_details: null,
    stop_reason: answer.stopReason ?? (toolUses.length > 0 ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: usageFor(req, answer, outputChars, cache),
  };
}
