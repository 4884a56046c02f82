/**
 * What Amazon Bedrock needs, checked without loading its SDK or sending anything: a region and one source of AWS
 * credentials (see bedrock-provider.ts for the order the SDK uses them in).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MigrateError } from '../errors.js';
import { nonEmpty } from './messages-provider.js';

/** Prompt-cache TTLs sent to Bedrock: a 1-hour breakpoint is sent as 5 minutes. */
export const BEDROCK_CACHE_TTLS = ['5m'] as const;

/** Where Bedrock credentials were found: `bearer`, `keys`, or the chain's `profile`/`files`/`web-identity`/`container`/`instance`. */
export type BedrockCredentialSource = 'bearer' | 'keys' | 'profile' | 'files' | 'web-identity' | 'container' | 'instance';

/** The variables Bedrock reads, for errors and the README. */
export const BEDROCK_ENV = ['AWS_REGION', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'ANTHROPIC_BEDROCK_BASE_URL'] as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Checks, without any request, that Bedrock can be reached with credentials: a region and one credential source.
 * @throws MigrateError `NO_CREDENTIALS` saying what is expected and which variables it reads.
 */
export function checkBedrockCredentials(env: Env, region?: string): { region: string; source: BedrockCredentialSource } {
  const found = nonEmpty(region) ?? nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']);
  const source = bedrockCredentialSource(env);
  const missing: string[] = [];
  if (found === undefined) missing.push('a region: AWS_REGION (or AWS_DEFAULT_REGION), e.g. `export AWS_REGION=us-east-1`');
  if (source === undefined) {
    missing.push(
      'credentials: AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary keys), ' +
        'or AWS_PROFILE / ~/.aws/credentials, or a web-identity or container role (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_CONTAINER_CREDENTIALS_*); ' +
        'on EC2 with an instance role set AWS_EC2_METADATA_SERVICE_ENDPOINT or use a profile with credential_source',
    );
  }
  if (found === undefined || source === undefined) {
    throw new MigrateError('NO_CREDENTIALS', `Amazon Bedrock cannot be used: expected ${missing.join('; and ')}. Found none, so nothing was sent or spent.`, {
      details: { provider: 'bedrock', missing: missing.map((m) => m.split(':')[0]), variables: [...BEDROCK_ENV] },
    });
  }
  return { region: found, source };
}

function bedrockCredentialSource(env: Env): BedrockCredentialSource | undefined {
  if (nonEmpty(env['AWS_BEARER_TOKEN_BEDROCK'])) return 'bearer';
  if (nonEmpty(env['AWS_ACCESS_KEY_ID']) && nonEmpty(env['AWS_SECRET_ACCESS_KEY'])) return 'keys';
  if (nonEmpty(env['AWS_PROFILE'])) return 'profile';
  if (nonEmpty(env['AWS_WEB_IDENTITY_TOKEN_FILE'])) return 'web-identity';
  if (nonEmpty(env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) || nonEmpty(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'])) return 'container';
  if (nonEmpty(env['AWS_EC2_METADATA_SERVICE_ENDPOINT'])) return 'instance';
  const home = nonEmpty(env['HOME']) ?? homedir();
  const files = [nonEmpty(env['AWS_SHARED_CREDENTIALS_FILE']) ?? join(home, '.aws', 'credentials'), nonEmpty(env['AWS_CONFIG_FILE']) ?? join(home, '.aws', 'config')];
  return files.some((f) => existsSync(f)) ? 'files' : undefined;
}

