/**
 * Claude on Google Vertex AI through `@anthropic-ai/vertex-sdk` (AnthropicVertex): the same Messages API params,
 * sent to `POST /projects/{project}/locations/{region}/publishers/anthropic/models/{model}:rawPredict` (or
 * `:streamRawPredict`) with a Google OAuth bearer token.
 *
 * Settings: `CLOUD_ML_REGION` (e.g. `us-east5`, or `global`), `ANTHROPIC_VERTEX_PROJECT_ID` (else
 * `GOOGLE_CLOUD_PROJECT`). Credentials, first found wins: an access token in `CLOUDSDK_AUTH_ACCESS_TOKEN` (as
 * `gcloud auth print-access-token` gives); otherwise Application Default Credentials through google-auth
 * (`GOOGLE_APPLICATION_CREDENTIALS`, or `gcloud auth application-default login`'s file, or the metadata server
 * on Google Cloud). `ANTHROPIC_VERTEX_BASE_URL` points it at another server (tests, a gateway).
 *
 * Vertex has no Message Batches through this SDK (its batch prediction is a separate BigQuery/GCS job API).
 */
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { checkVertexCredentials, type VertexCredentialSource } from './vertex-credentials.js';
import { registerSecret } from '../redact.js';
import { checkCommonOptions, MessagesProvider, nonEmpty, type MessagesClient } from './messages-provider.js';
import type { PriceTable } from './pricing.js';

type VertexOptions = NonNullable<ConstructorParameters<typeof AnthropicVertex>[0]>;
/** A google-auth `AuthClient` (or anything with `getRequestHeaders()` and `projectId`). */
export type VertexAuthClient = NonNullable<VertexOptions['authClient']>;

export interface VertexProviderOptions {
  /** Environment to read the Google variables from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default: `CLOUD_ML_REGION`. */
  region?: string;
  /** Default: `ANTHROPIC_VERTEX_PROJECT_ID`, else `GOOGLE_CLOUD_PROJECT`, else `GCLOUD_PROJECT`. */
  projectId?: string;
  /** Default: `ANTHROPIC_VERTEX_BASE_URL`, else the region's `aiplatform.googleapis.com/v1`. */
  baseURL?: string;
  /** An OAuth access token sent as `Authorization: Bearer`; default `CLOUDSDK_AUTH_ACCESS_TOKEN`. Wins over ADC. */
  accessToken?: string;
  /** A google-auth client of your own (impersonation, workload identity…); wins over `accessToken`. */
  authClient?: VertexAuthClient;
  /** Maps the recipe's model ids to Vertex's (`claude-sonnet-4-5` → `claude-sonnet-4-5@20250929`). */
  prices?: PriceTable;
  maxRetries?: number;
  timeoutMs?: number;
  transformSchema?: boolean;
}

/** An AuthClient that sends a fixed access token: no token endpoint, no metadata server. */
function tokenAuthClient(token: string, projectId: string): VertexAuthClient {
  return { projectId, getRequestHeaders: async () => new Headers({ authorization: `Bearer ${token}` }) } as unknown as VertexAuthClient;
}

export class VertexProvider extends MessagesProvider {
  readonly region: string;
  readonly projectId: string;
  readonly credentials: VertexCredentialSource;

  /** @throws MigrateError `NO_CREDENTIALS` when the region, the project or credentials are missing. */
  constructor(options: VertexProviderOptions = {}) {
    const env = options.env ?? process.env;
    const { region, projectId, source } = checkVertexCredentials(env, options);
    const { maxRetries, timeoutMs } = checkCommonOptions(options);
    const token = nonEmpty(options.accessToken) ?? nonEmpty(env['CLOUDSDK_AUTH_ACCESS_TOKEN']);
    registerSecret(token);
    const baseURL = nonEmpty(options.baseURL) ?? nonEmpty(env['ANTHROPIC_VERTEX_BASE_URL']);
    const auth: Pick<VertexOptions, 'authClient'> =
      options.authClient !== undefined ? { authClient: options.authClient } : token !== undefined ? { authClient: tokenAuthClient(token, projectId) } : {};
    // With neither, the SDK makes a GoogleAuth (ADC) client itself.
    const client = new AnthropicVertex({
      region,
      projectId,
      ...(baseURL ? { baseURL } : {}),
      maxRetries,
      ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
      ...auth,
    });
    const prices = options.prices;
    super({
      name: 'vertex',
      baseURL: client.baseURL,
      client: client as unknown as MessagesClient,
      maxRetries,
      timeoutMs,
      transformSchema: options.transformSchema ?? true,
      ...(prices ? { modelId: (model: string) => prices.providerModelId('vertex', model) } : {}),
      cacheTtls: ['5m', '1h'],
      errors: {
        service: 'Google Vertex AI',
        authHint:
          'Check the Google credentials (GOOGLE_APPLICATION_CREDENTIALS, `gcloud auth application-default login`, or CLOUDSDK_AUTH_ACCESS_TOKEN, which expires after an hour), that the project has the Vertex AI API enabled, and that Claude is enabled in Model Garden for it.',
        baseUrlVariable: 'CLOUD_ML_REGION and ANTHROPIC_VERTEX_BASE_URL',
      },
    });
    this.region = region;
    this.projectId = projectId;
    this.credentials = source;
  }
}
