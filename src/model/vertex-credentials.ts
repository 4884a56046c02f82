/**
 * What Google Vertex AI needs, checked without loading its SDK or sending anything: a region, a project and one
 * source of Google credentials.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MigrateError } from '../errors.js';
import { nonEmpty } from './messages-provider.js';

/** What the check takes besides the environment (the provider's own options). */
export interface VertexGiven {
  region?: string | undefined;
  projectId?: string | undefined;
  accessToken?: string | undefined;
  /** A custom auth client counts as credentials. */
  authClient?: unknown;
}

/** The variables Vertex reads, for errors and the README. */
export const VERTEX_ENV = ['CLOUD_ML_REGION', 'ANTHROPIC_VERTEX_PROJECT_ID', 'GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_AUTH_ACCESS_TOKEN', 'ANTHROPIC_VERTEX_BASE_URL'] as const;

export type VertexCredentialSource = 'token' | 'client' | 'adc-file' | 'gcloud-adc' | 'metadata';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Checks, without any request, that Vertex can be used: a region, a project and one credential source.
 * @throws MigrateError `NO_CREDENTIALS` saying what is expected and which variables it reads.
 */
export function checkVertexCredentials(
  env: Env,
  given: VertexGiven = {},
): { region: string; projectId: string; source: VertexCredentialSource } {
  const region = nonEmpty(given.region) ?? nonEmpty(env['CLOUD_ML_REGION']);
  const projectId = nonEmpty(given.projectId) ?? nonEmpty(env['ANTHROPIC_VERTEX_PROJECT_ID']) ?? nonEmpty(env['GOOGLE_CLOUD_PROJECT']) ?? nonEmpty(env['GCLOUD_PROJECT']);
  const source: VertexCredentialSource | undefined = given.authClient
    ? 'client'
    : nonEmpty(given.accessToken) ?? nonEmpty(env['CLOUDSDK_AUTH_ACCESS_TOKEN'])
      ? 'token'
      : adcSource(env);
  const missing: string[] = [];
  if (region === undefined) missing.push('a region: CLOUD_ML_REGION, e.g. `export CLOUD_ML_REGION=us-east5` (or `global`)');
  if (projectId === undefined) missing.push('a project: ANTHROPIC_VERTEX_PROJECT_ID (or GOOGLE_CLOUD_PROJECT)');
  if (source === undefined) {
    missing.push(
      'credentials: GOOGLE_APPLICATION_CREDENTIALS (a service-account key file), or `gcloud auth application-default login`, or an access token in CLOUDSDK_AUTH_ACCESS_TOKEN (`gcloud auth print-access-token`); on Google Cloud the metadata server (set GCE_METADATA_HOST to declare it)',
    );
  }
  if (region === undefined || projectId === undefined || source === undefined) {
    throw new MigrateError('NO_CREDENTIALS', `Google Vertex AI cannot be used: expected ${missing.join('; and ')}. Found none, so nothing was sent or spent.`, {
      details: { provider: 'vertex', missing: missing.map((m) => m.split(':')[0]), variables: [...VERTEX_ENV] },
    });
  }
  return { region, projectId, source };
}

function adcSource(env: Env): VertexCredentialSource | undefined {
  const file = nonEmpty(env['GOOGLE_APPLICATION_CREDENTIALS']);
  if (file !== undefined) return 'adc-file';
  const config = nonEmpty(env['CLOUDSDK_CONFIG']) ?? join(nonEmpty(env['HOME']) ?? homedir(), '.config', 'gcloud');
  if (existsSync(join(config, 'application_default_credentials.json'))) return 'gcloud-adc';
  if (nonEmpty(env['GCE_METADATA_HOST']) || nonEmpty(env['GCE_METADATA_IP'])) return 'metadata';
  return undefined;
}

