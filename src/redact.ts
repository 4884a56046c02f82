/**
 * Secret redaction for everything migrate-kit writes (journal, transcripts, reports, logs, errors):
 * Anthropic keys, GitHub tokens, bearer credentials, and any extra literal secrets registered.
 */
const PATTERNS: readonly RegExp[] = [
  /sk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // Other credential headers and variables, as a log or an echoed request shows them.
  /(\b(?:authorization|proxy-authorization)["']?\s*[:=]\s*["']?(?:basic|token)\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(\bx-api-key["']?\s*[:=]\s*["']?)[^\s"',;}]{8,}/gi,
  /(\b(?:ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|GITHUB_TOKEN|GH_TOKEN)["']?\s*[:=]\s*["']?)[^\s"',;}]{6,}/g,
];

const extraSecrets = new Set<string>();

/** Registers a literal secret (such as the configured API key) to redact wherever it appears. */
export function registerSecret(secret: string | undefined): void {
  if (!secret || secret.length < 6) return;
  extraSecrets.add(secret);
  // Also as it appears inside JSON text (quotes and backslashes escaped), since most writers redact serialized JSON.
  extraSecrets.add(JSON.stringify(secret).slice(1, -1));
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

/** JSON.stringify with every string value redacted. */
export function redactedJson(value: unknown, space?: number): string {
  return redact(JSON.stringify(value, null, space));
}
