import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/errors.js';
import { checkBedrockCredentials } from '../../src/model/bedrock-credentials.js';
import { BedrockProvider } from '../../src/model/bedrock-provider.js';
import { PriceTable } from '../../src/model/pricing.js';
import { createProvider, PROVIDERS, providerDefinition } from '../../src/model/provider-registry.js';
import type { ModelRequest } from '../../src/model/types.js';
import { checkVertexCredentials } from '../../src/model/vertex-credentials.js';
import { VertexProvider } from '../../src/model/vertex-provider.js';
import { redact, registerEnvSecrets } from '../../src/redact.js';
import { classifyError } from '../../src/workflow/retry-policy.js';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../src/testing/fake-anthropic-server.js';
import { failure } from '../helpers/failure.js';

const prices = PriceTable.default({});
/** A HOME with no ~/.aws or gcloud files, so only the variables given count. */
const emptyHome = mkdtempSync(join(tmpdir(), 'migrate-home-'));
const ACCESS_KEY = 'AKIAFAKEACCESSKEY01';
const SECRET_KEY = 'fake-secret-access-key-0123456789';
const VERTEX_TOKEN = 'ya29.fake-vertex-access-token-0123456789';

function request(extra: Partial<ModelRequest> = {}): ModelRequest {
  return { model: 'claude-sonnet-5-5', maxTokens: 512, messages: [{ role: 'user', content: [{ type: 'text', text: 'Port this.', cache: '1h' }] }], ...extra };
}


function thrown(fn: () => unknown): MigrateError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MigrateError);
    return error as MigrateError;
  }
  throw new Error('expected a throw');
}

describe('Bedrock against a fake Bedrock on 127.0.0.1', () => {
  let server: FakeAnthropicServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await startFakeAnthropicServer({ platform: 'bedrock', apiKey: ACCESS_KEY, answer: 'from bedrock' });
    env = { HOME: emptyHome, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY, ANTHROPIC_BEDROCK_BASE_URL: server.url };
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.clearRequests();
    server.setFaults(undefined);
  });

  it('sends /model/{bedrock id}/invoke, SigV4-signed, the version in the body and no model; 1h cache breakpoints as 5m', async () => {
    const provider = await createProvider('bedrock', { env, prices });
    expect(provider.name).toBe('bedrock');
    const answer = await provider.complete(request());
    expect(answer.text).toBe('from bedrock');
    const [sent] = server.messageRequests();
    expect(sent!.path).toBe('/model/anthropic.claude-sonnet-5-5-v1:0/invoke');
    expect(sent!.authorized).toBe(true);
    expect(sent!.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 \[redacted: matched\] date=\d{8} region=eu-west-1 service=bedrock signed=.*host.*x-amz-date/);
    expect(sent!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(sent!.headers['anthropic-version']).toBeUndefined();
    const body = sent!.body as Record<string, unknown>;
    expect(body['model']).toBeUndefined();
    expect(body['anthropic_version']).toEqual(expect.any(String));
    expect(JSON.stringify(body['messages'])).toContain('"ttl":"5m"');
    expect(JSON.stringify(body['messages'])).not.toContain('1h');
  });

  it('takes a Bedrock API key as a bearer token, and a Bedrock id as it is', async () => {
    const bearer = await startFakeAnthropicServer({ platform: 'bedrock', apiKey: 'bedrock-api-key-0123456789' });
    try {
      const provider = new BedrockProvider({ env: { HOME: emptyHome, AWS_REGION: 'us-east-1', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-0123456789', ANTHROPIC_BEDROCK_BASE_URL: bearer.url }, prices });
      expect(provider.credentials).toBe('bearer');
      await provider.complete(request({ model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }));
      const [sent] = bearer.messageRequests();
      expect(sent!.path).toBe('/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/invoke');
      expect(sent!.headers['authorization']).toBe('Bearer [redacted: matched]');
      expect(prices.priceOf('us.anthropic.claude-haiku-4-5-20251001-v1:0').family).toBe('Haiku 4.5');
    } finally {
      await bearer.close();
    }
  });

  it('maps Bedrock errors to the runtime classes: throttling, server errors, refused credentials', async () => {
    const provider = await createProvider('bedrock', { env, prices });
    server.setFaults(() => ({ status: 429, error: { type: 'rate_limit_error', message: 'Too many requests, please wait before trying again.' } }));
    const throttled = await failure(provider.complete(request({ maxRetries: 0 })));
    expect(throttled.code).toBe('MODEL_RATE_LIMITED');
    expect(classifyError(throttled)).toBe('throttle');
    expect(throttled.message).toContain('Amazon Bedrock answered HTTP 429');
    server.setFaults(() => ({ status: 500 }));
    const broken = await failure(provider.complete(request({ maxRetries: 0 })));
    expect([broken.code, classifyError(broken)]).toEqual(['MODEL_SERVER_ERROR', 'transient']);
    server.setFaults(undefined);
    const wrongKey = await createProvider('bedrock', { env: { ...env, AWS_ACCESS_KEY_ID: 'AKIAOTHERKEY000000' }, prices });
    const refused = await failure(wrongKey.complete(request({ maxRetries: 0 })));
    expect([refused.code, classifyError(refused)]).toEqual(['MODEL_AUTH', 'fatal']);
    expect(refused.message).toContain('AWS credentials');
  });

  it('refuses before any request without a region or credentials, naming the variables', async () => {
    const noCreds = await failure(createProvider('bedrock', { env: { HOME: emptyHome, AWS_REGION: 'us-east-1' }, prices }));
    expect(noCreds.code).toBe('NO_CREDENTIALS');
    expect(noCreds.message).toContain('AWS_ACCESS_KEY_ID');
    expect(noCreds.message).toContain('AWS_BEARER_TOKEN_BEDROCK');
    const noRegion = thrown(() => checkBedrockCredentials({ HOME: emptyHome, AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY }));
    expect(noRegion.message).toContain('AWS_REGION');
    expect(checkBedrockCredentials({ HOME: emptyHome, AWS_DEFAULT_REGION: 'us-west-2', AWS_PROFILE: 'dev' })).toEqual({ region: 'us-west-2', source: 'profile' });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a model with no Bedrock id in the table (a fatal error), before sending', async () => {
    const provider = await createProvider('bedrock', { env, prices });
    const unknown = await failure(provider.complete(request({ model: 'claude-unknown-9' })));
    expect([unknown.code, classifyError(unknown)]).toEqual(['UNKNOWN_MODEL', 'fatal']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('Vertex against a fake Vertex on 127.0.0.1', () => {
  let server: FakeAnthropicServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await startFakeAnthropicServer({ platform: 'vertex', apiKey: VERTEX_TOKEN, answer: 'from vertex' });
    env = { HOME: emptyHome, CLOUD_ML_REGION: 'us-east5', ANTHROPIC_VERTEX_PROJECT_ID: 'my-project', CLOUDSDK_AUTH_ACCESS_TOKEN: VERTEX_TOKEN, ANTHROPIC_VERTEX_BASE_URL: `${server.url}/v1` };
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.clearRequests();
    server.setFaults(undefined);
  });

  it('sends …/publishers/anthropic/models/{vertex id}:rawPredict with the bearer token; 1h TTLs kept', async () => {
    const provider = await createProvider('vertex', { env, prices });
    const answer = await provider.complete(request({ model: 'claude-sonnet-4-5' }));
    expect(answer.text).toBe('from vertex');
    const [sent] = server.messageRequests();
    expect(sent!.path).toBe('/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict');
    expect(sent!.headers['authorization']).toBe('Bearer [redacted: matched]');
    const body = sent!.body as Record<string, unknown>;
    expect(body['model']).toBeUndefined();
    expect(body['anthropic_version']).toEqual(expect.any(String));
    expect(JSON.stringify(body['messages'])).toContain('"ttl":"1h"');
    expect(prices.priceOf('claude-sonnet-4-5@20250929').family).toBe('Sonnet 4.x');
  });

  it('streams through :streamRawPredict for a large max_tokens', async () => {
    const provider = new VertexProvider({ env, prices });
    const answer = await provider.complete(request({ maxTokens: 40_000 }));
    expect(answer.text).toBe('from vertex');
    expect(server.messageRequests()[0]!.path).toMatch(/models\/claude-sonnet-5-5:streamRawPredict$/);
  });

  it('maps errors: overloaded is a throttle, a refused token is fatal and says what to check', async () => {
    const provider = await createProvider('vertex', { env, prices });
    server.setFaults(() => ({ status: 529 }));
    const overloaded = await failure(provider.complete(request({ maxRetries: 0 })));
    expect([overloaded.code, classifyError(overloaded)]).toEqual(['MODEL_OVERLOADED', 'throttle']);
    server.setFaults(undefined);
    const stale = await createProvider('vertex', { env: { ...env, CLOUDSDK_AUTH_ACCESS_TOKEN: 'ya29.expired-token-000000' }, prices });
    const refused = await failure(stale.complete(request({ maxRetries: 0 })));
    expect([refused.code, classifyError(refused)]).toEqual(['MODEL_AUTH', 'fatal']);
    expect(refused.message).toContain('Google Vertex AI answered HTTP 401');
    expect(refused.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
  });

  it('refuses before any request without region, project or credentials', () => {
    const error = thrown(() => checkVertexCredentials({ HOME: emptyHome }));
    expect(error.code).toBe('NO_CREDENTIALS');
    for (const name of ['CLOUD_ML_REGION', 'ANTHROPIC_VERTEX_PROJECT_ID', 'GOOGLE_APPLICATION_CREDENTIALS']) expect(error.message).toContain(name);
    expect(checkVertexCredentials({ HOME: emptyHome, CLOUD_ML_REGION: 'global', GOOGLE_CLOUD_PROJECT: 'p', GOOGLE_APPLICATION_CREDENTIALS: '/k.json' })).toEqual({ region: 'global', projectId: 'p', source: 'adc-file' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('the provider registry', () => {
  it('knows anthropic, bedrock and vertex, and only the anthropic one batches', () => {
    expect(Object.keys(PROVIDERS)).toEqual(['anthropic', 'bedrock', 'vertex']);
    expect(Object.values(PROVIDERS).filter((p) => p.batches).map((p) => p.name)).toEqual(['anthropic']);
    expect(thrown(() => providerDefinition('openai')).code).toBe('BAD_OPTION');
    expect(thrown(() => PROVIDERS.anthropic.checkCredentials({})).code).toBe('NO_API_KEY');
  });

  it('registers the AWS and Google secrets of the environment for redaction', () => {
    registerEnvSecrets({ AWS_ACCESS_KEY_ID: 'AKIAREDACTME0000001', AWS_SECRET_ACCESS_KEY: 'aws-secret-redact-me-1', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-bearer-redact-me', CLOUDSDK_AUTH_ACCESS_TOKEN: 'ya29.redact-me-google' });
    const text = redact('keys AKIAREDACTME0000001 aws-secret-redact-me-1 bedrock-bearer-redact-me ya29.redact-me-google');
    expect(text).toBe('keys [REDACTED] [REDACTED] [REDACTED] [REDACTED]');
  });
});
