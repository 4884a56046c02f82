/**
 * Secret redaction for what people read (transcripts, reports, logs, PR bodies, errors, events):
 * Anthropic keys, GitHub tokens, bearer credentials, and literal secrets registered from the
 * environment. Structured data is redacted by walking its values and replacing inside strings
 * ({@link redactValue}), never by pattern-matching serialised JSON: a pattern applied to JSON text can
 * eat an escaped quote and break the document. Stored values (the journal) are never redacted: a replay
 * must give exactly what the model said.
 */
const PATTERNS: readonly RegExp[] = [
  /sk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // Other credential headers and variables, as a log or an echoed request shows them.
  /(\b(?:authorization|proxy-authorization)["']?\s*[:=]\s*["']?(?:basic|token)\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(\bx-api-key["']?\s*[:=]\s*["']?)[^\s"'\\,;}]{8,}/gi,
  /(\b(?:ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|GITHUB_TOKEN|GH_TOKEN)["']?\s*[:=]\s*["']?)[^\s"'\\,;}]{6,}/g,
];

const extraSecrets = new Set<string>();

/** Registers a literal secret (such as the configured API key) to redact wherever it appears. */
export function registerSecret(secret: string | undefined): void {
  if (!secret || secret.length < 6) return;
  extraSecrets.add(secret);
}

/** Variables whose values are secrets: the known credentials (Anthropic, GitHub, AWS for Bedrock, Google for Vertex), and any name ending in `_KEY`, `_TOKEN` or `_SECRET`. */
export function isSecretVariable(name: string): boolean {
  return /^(ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|GITHUB_TOKEN|GH_TOKEN|AWS_BEARER_TOKEN_BEDROCK|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|CLOUDSDK_AUTH_ACCESS_TOKEN)$/.test(name) || /_(KEY|TOKEN|SECRET)$/i.test(name);
}

/** Registers the value of every secret variable of `env` (every command does this at start-up). */
export function registerEnvSecrets(env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) if (isSecretVariable(name)) registerSecret(value);
}

/** Every pattern needs one of these words: text without any of them is left alone at the cost of one scan. */
const MARKERS = /sk-ant-|gh[pousr]_|github_pat_|bearer|authorization|x-api-key|ANTHROPIC_|GITHUB_TOKEN|GH_TOKEN/i;

export function redact(text: string): string {
  let out = text;
  for (const secret of extraSecrets) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  if (!MARKERS.test(out)) return out;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) => (typeof prefix === 'string' ? `${prefix}[REDACTED]` : '[REDACTED]'));
  }
  return out;
}

/** A copy of `value` (plain data) with every string in it, keys included, redacted. */
export function redactValue<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(walk);
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return walk(json.call(value));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== undefined) out[redact(key)] = walk(inner);
  return out;
}

/** JSON text of `value` with every string in it redacted (structurally: the text is always valid JSON). */
export function redactedJson(value: unknown, space?: number): string {
  return JSON.stringify(redactValue(value), null, space);
}
