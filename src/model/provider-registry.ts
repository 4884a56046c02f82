/**
 * The model providers, by name: how each is made, what it needs (credentials checked before anything is spent),
 * the model ids it takes (from the price table's `providerIds`), and what it does with caching, retries and
 * Message Batches. Adding a provider (an OpenAI-compatible one, say) is one module exporting a
 * {@link ProviderDefinition} and one line in {@link PROVIDERS}.
 *
 * The platform SDKs (and the AWS and Google libraries under them) are loaded only when their provider is made:
 * every command, and every recipe importing `migrate-kit`, starts without them.
 */
import { MigrateError } from '../errors.js';
import { AnthropicProvider } from './anthropic-provider.js';
import { BEDROCK_CACHE_TTLS, BEDROCK_ENV, checkBedrockCredentials } from './bedrock-credentials.js';
import { nonEmpty } from './messages-provider.js';
import type { PriceTable } from './pricing.js';
import type { CacheTtl, Provider } from './types.js';
import { checkVertexCredentials, VERTEX_ENV } from './vertex-credentials.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface CreateProviderOptions {
  env: Env;
  /** The price table: model ids are mapped to the provider's through it. */
  prices: PriceTable;
}

export interface ProviderDefinition {
  name: string;
  /** As users know it. */
  title: string;
  /** The environment variables it reads (credentials, region, base URL). */
  env: readonly string[];
  /**
   * Throws a MigrateError (`NO_API_KEY`, `NO_CREDENTIALS`) saying what is missing and which variables are read,
   * without sending anything. Returns a short description of the credentials found (for the plan).
   */
  checkCredentials(env: Env): string;
  /** Makes the provider (loading its SDK). */
  create(options: CreateProviderOptions): Promise<Provider>;
  /** Prompt-cache TTLs it accepts (a breakpoint asking for another is sent with the first). */
  cacheTtls: readonly CacheTtl[];
  /** Whether `--batch` can use the Message Batches API through it. */
  batches: boolean;
  /** How failures are retried, for the docs: the runtime retries every provider's 429/529/5xx itself. */
  retry: string;
}

const RUNTIME_RETRIES = 'the runtime retries 429, 529, 5xx and dropped connections itself (the SDK retries are off per request)';

export const ANTHROPIC: ProviderDefinition = {
  name: 'anthropic',
  title: 'Anthropic API',
  env: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'],
  checkCredentials(env) {
    if (nonEmpty(env['ANTHROPIC_API_KEY']) === undefined) new AnthropicProvider({ env }); // throws NO_API_KEY
    return 'ANTHROPIC_API_KEY';
  },
  create: async ({ env }) => new AnthropicProvider({ env }),
  cacheTtls: ['5m', '1h'],
  batches: true,
  retry: `${RUNTIME_RETRIES}, honouring retry-after`,
};

export const BEDROCK: ProviderDefinition = {
  name: 'bedrock',
  title: 'Amazon Bedrock',
  env: BEDROCK_ENV,
  checkCredentials(env) {
    const { region, source } = checkBedrockCredentials(env);
    return `AWS ${source} credentials, region ${region}`;
  },
  create: async ({ env, prices }) => new (await import('./bedrock-provider.js')).BedrockProvider({ env, prices }),
  cacheTtls: BEDROCK_CACHE_TTLS,
  batches: false,
  retry: `${RUNTIME_RETRIES}; Bedrock throttling (429 ThrottlingException) carries no retry-after, so it backs off`,
};

export const VERTEX: ProviderDefinition = {
  name: 'vertex',
  title: 'Google Vertex AI',
  env: VERTEX_ENV,
  checkCredentials(env) {
    const { region, projectId, source } = checkVertexCredentials(env);
    return `Google ${source} credentials, project ${projectId}, region ${region}`;
  },
  create: async ({ env, prices }) => new (await import('./vertex-provider.js')).VertexProvider({ env, prices }),
  cacheTtls: ['5m', '1h'],
  batches: false,
  retry: `${RUNTIME_RETRIES}; a failure to get a Google token counts as a connection error`,
};

/** Every provider, by the name `--provider` and the config's `provider` take. */
export const PROVIDERS = { anthropic: ANTHROPIC, bedrock: BEDROCK, vertex: VERTEX } as const satisfies Record<string, ProviderDefinition>;

export type ProviderName = keyof typeof PROVIDERS;
export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];
export const DEFAULT_PROVIDER: ProviderName = 'anthropic';

export function isProviderName(name: unknown): name is ProviderName {
  return typeof name === 'string' && Object.hasOwn(PROVIDERS, name);
}

/** The provider called `name`; BAD_OPTION naming the known ones otherwise. */
export function providerDefinition(name: string): ProviderDefinition {
  if (isProviderName(name)) return PROVIDERS[name];
  throw new MigrateError('BAD_OPTION', `Unknown provider "${name}": expected one of ${PROVIDER_NAMES.join(', ')}.`, { details: { provider: name } });
}

/** Makes the provider `name` after checking its credentials (NO_API_KEY / NO_CREDENTIALS before anything is sent). */
export async function createProvider(name: string, options: CreateProviderOptions): Promise<Provider> {
  const definition = providerDefinition(name);
  definition.checkCredentials(options.env);
  return definition.create(options);
}
