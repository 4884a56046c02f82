/**
 * The fake server as Amazon Bedrock or Google Vertex AI: their paths and credentials mapped onto the Messages API
 * the fake answers, so the platform SDKs (`@anthropic-ai/bedrock-sdk`, `@anthropic-ai/vertex-sdk`) can be tested
 * on 127.0.0.1 exactly like the Anthropic one.
 *
 * - Bedrock: `POST /model/{model id}/invoke`, the body without `model` and with `anthropic_version`, signed with
 *   SigV4 (`Authorization: AWS4-HMAC-SHA256 Credential=<access key id>/<date>/<region>/bedrock/aws4_request, …`,
 *   `x-amz-date`), or a Bedrock API key as `Bearer`. Errors come as Bedrock sends them: `{ "message": … }` with
 *   `x-amzn-errortype`. The streaming `invoke-with-response-stream` (AWS event streams) is not spoken: 400.
 * - Vertex: `POST [/v1]/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:rawPredict`
 *   (`:streamRawPredict` streams SSE), the body without `model` and with `anthropic_version`, `Bearer` token.
 */
import type { FakeApiError } from './fake-anthropic-messages.js';

export type FakePlatform = 'anthropic' | 'bedrock' | 'vertex';

export interface PlatformRoute {
  /** The Messages API path this request stands for (`/v1/messages`), or undefined when it is not a message request. */
  path: string;
  /** The body with `model` (and `stream`) put back as the Messages API has them. */
  body: unknown;
  /** An error to answer instead (a platform path the fake does not speak). */
  error?: FakeApiError;
  /** Facts the log keeps: the model id in the path, the project and region (Vertex). */
  platform?: { model: string; project?: string; region?: string };
}

const BEDROCK_PATH = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/;
const VERTEX_PATH = /^(?:\/v1)?\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/;

/** Maps a platform request onto the Messages API; other paths are returned unchanged. */
export function routePlatform(platform: FakePlatform, method: string, path: string, body: unknown): PlatformRoute {
  if (platform === 'anthropic' || method !== 'POST') return { path, body };
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const missingVersion: FakeApiError = { status: 400, type: 'invalid_request_error', message: 'anthropic_version: field required (the platform takes the API version in the body)' };
  if (platform === 'bedrock') {
    const match = BEDROCK_PATH.exec(path);
    if (!match) return { path, body };
    const model = decodeURIComponent(match[1]!);
    if (match[2] !== 'invoke') {
      return { path: '/v1/messages', body, error: { status: 400, type: 'invalid_request_error', message: 'the fake Bedrock does not speak AWS event streams; send max_tokens small enough for invoke' }, platform: { model } };
    }
    if (fields && typeof fields['anthropic_version'] !== 'string') return { path: '/v1/messages', body, error: missingVersion, platform: { model } };
    const { anthropic_version: _v, ...rest } = fields ?? {};
    return { path: '/v1/messages', body: fields ? { ...rest, model, stream: false } : body, platform: { model } };
  }
  const match = VERTEX_PATH.exec(path);
  if (!match) return { path, body };
  const [, project, region, rawModel, specifier] = match;
  const model = decodeURIComponent(rawModel!);
  const facts = { model, project: decodeURIComponent(project!), region: decodeURIComponent(region!) };
  if (fields && typeof fields['anthropic_version'] !== 'string') return { path: '/v1/messages', body, error: missingVersion, platform: facts };
  const { anthropic_version: _v, ...rest } = fields ?? {};
  return { path: '/v1/messages', body: fields ? { ...rest, model, stream: specifier === 'streamRawPredict' } : body, platform: facts };
}

/**
 * Whether the request carries the platform's credential for `secret` (Bedrock: the SigV4 access key id, or a
 * bearer API key; Vertex: the bearer token), and the `authorization` header as the log shows it (never the secret).
 */
export function checkPlatformCredentials(platform: 'bedrock' | 'vertex', headers: Record<string, string>, secret: string): { authorized: boolean; shown?: string } {
  const auth = headers['authorization'];
  if (auth === undefined) return { authorized: false };
  const bearer = /^Bearer\s+(.+)$/i.exec(auth);
  if (bearer) {
    const ok = bearer[1] === secret;
    return { authorized: ok, shown: `Bearer [redacted: ${ok ? 'matched' : 'not matched'}]` };
  }
  const sigv4 = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (platform === 'bedrock' && sigv4) {
    const ok = sigv4[1] === secret && headers['x-amz-date'] !== undefined;
    return { authorized: ok, shown: `AWS4-HMAC-SHA256 [redacted: ${ok ? 'matched' : 'not matched'}] date=${sigv4[2]} region=${sigv4[3]} service=${sigv4[4]} signed=${sigv4[5]}` };
  }
  return { authorized: false, shown: '[redacted: not a credential this platform takes]' };
}

/** An error answer in Bedrock's shape: `{ message }` and the `x-amzn-errortype` header. */
export function bedrockError(error: FakeApiError): { body: unknown; headers: Record<string, string> } {
  const type =
    error.status === 429
      ? 'ThrottlingException'
      : error.status === 403 || error.status === 401
        ? 'AccessDeniedException'
        : error.status === 404
          ? 'ResourceNotFoundException'
          : error.status === 400
            ? 'ValidationException'
            : error.status === 503 || error.status === 529
              ? 'ServiceUnavailableException'
              : 'InternalServerException';
  return { body: { message: error.message }, headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` } };
}
