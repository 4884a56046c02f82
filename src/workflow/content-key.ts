/** Content keys: a stable hash of everything that determines an agent call's answer. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values always serialise to the same text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export interface KeyParts {
  recipe: string;
  phase: string;
  label: string;
  model: string;
  system: unknown;
  prompt: string;
  schema: unknown;
  /** Tool names, roots and loop limits; `null` without tools. */
  tools: unknown;
  /** Context block texts before the prompt; left out (undefined) when there are none, so older keys stay valid. */
  context?: string[] | undefined;
}

/** sha256 (hex) of the call's parts; changing any of them makes a new call. */
export function contentKey(parts: KeyParts): string {
  return createHash('sha256').update(stableStringify(parts)).digest('hex');
}
