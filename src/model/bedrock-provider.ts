/**
 * Claude on Amazon Bedrock through `@anthropic-ai/bedrock-sdk` (AnthropicBedrock): the same Messages API params,
 * sent to `POST /model/{bedrock model id}/invoke` (or `invoke-with-response-stream`), SigV4-signed with the AWS
 * credentials of the usual chain, or with a Bedrock API key as a bearer token.
 *
 * Credentials, first found wins: `AWS_BEARER_TOKEN_BEDROCK` (a Bedrock API key); `AWS_ACCESS_KEY_ID` +
 * `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`); otherwise the AWS default chain (`AWS_PROFILE` and
 * `~/.aws/credentials`/`config`, SSO, web identity, the ECS/EC2 instance role). Region: `AWS_REGION`, else
 * `AWS_DEFAULT_REGION`. `ANTHROPIC_BEDROCK_BASE_URL` points it at another server (tests, a gateway).
 *
 * Bedrock has no Message Batches through this SDK (its batch inference is a separate S3-based job API) and no
 * token counting.
 */
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { BEDROCK_CACHE_TTLS, checkBedrockCredentials, type BedrockCredentialSource } from './bedrock-credentials.js';
import { registerSecret } from '../redact.js';
import { checkCommonOptions, MessagesProvider, nonEmpty, type MessagesClient } from './messages-provider.js';
import type { PriceTable } from './pricing.js';

export interface BedrockProviderOptions {
  /** Environment to read the AWS variables from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** AWS region. Default: `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
  region?: string;
  /** Server to talk to. Default: `ANTHROPIC_BEDROCK_BASE_URL`, else `https://bedrock-runtime.<region>.amazonaws.com`. */
  baseURL?: string;
  /** Maps the recipe's model ids (`claude-sonnet-5-5`) to Bedrock's (`anthropic.claude-sonnet-5-5-v1:0`). Without it ids are sent unchanged. */
  prices?: PriceTable;
  /** The SDK's own retries (the runtime sends 0 per request). Default 2. */
  maxRetries?: number;
  /** Timeout per attempt in milliseconds. Default: the SDK's (600,000 ms). */
  timeoutMs?: number;
  /** As for AnthropicProvider. Default `true`. */
  transformSchema?: boolean;
}

export class BedrockProvider extends MessagesProvider {
  readonly region: string;
  /** Where the credentials come from. */
  readonly credentials: BedrockCredentialSource;

  /** @throws MigrateError `NO_CREDENTIALS` when no region or no credentials are found. */
  constructor(options: BedrockProviderOptions = {}) {
    const env = options.env ?? process.env;
    const { region, source } = checkBedrockCredentials(env, options.region);
    const { maxRetries, timeoutMs } = checkCommonOptions(options);
    const bearer = nonEmpty(env['AWS_BEARER_TOKEN_BEDROCK']);
    const accessKey = nonEmpty(env['AWS_ACCESS_KEY_ID']);
    const secretKey = nonEmpty(env['AWS_SECRET_ACCESS_KEY']);
    const sessionToken = nonEmpty(env['AWS_SESSION_TOKEN']);
    for (const secret of [bearer, accessKey, secretKey, sessionToken]) registerSecret(secret);
    const baseURL = nonEmpty(options.baseURL) ?? nonEmpty(env['ANTHROPIC_BEDROCK_BASE_URL']) ?? `https://bedrock-runtime.${region}.amazonaws.com`;
    const keys = source === 'keys' && accessKey && secretKey ? { awsAccessKey: accessKey, awsSecretKey: secretKey, awsSessionToken: sessionToken ?? null } : { awsAccessKey: null, awsSecretKey: null, awsSessionToken: null };
    // Everything explicit: the SDK must not read process.env behind the given env (tests, library users).
    const client = new AnthropicBedrock({
      awsRegion: region,
      baseURL,
      apiKey: bearer ?? null,
      maxRetries,
      ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
      ...keys,
    } as unknown as ConstructorParameters<typeof AnthropicBedrock>[0]);
    const prices = options.prices;
    super({
      name: 'bedrock',
      baseURL,
      client: client as unknown as MessagesClient,
      maxRetries,
      timeoutMs,
      transformSchema: options.transformSchema ?? true,
      ...(prices ? { modelId: (model: string) => prices.providerModelId('bedrock', model) } : {}),
      cacheTtls: BEDROCK_CACHE_TTLS,
      errors: {
        service: 'Amazon Bedrock',
        authHint: 'Check the AWS credentials (AWS_BEARER_TOKEN_BEDROCK, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN or AWS_PROFILE), that they are not expired, and that model access is granted for this model in this region (Bedrock console → Model access).',
        baseUrlVariable: 'AWS_REGION and ANTHROPIC_BEDROCK_BASE_URL',
      },
    });
    this.region = region;
    this.credentials = source;
  }
}
