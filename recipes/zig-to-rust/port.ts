/**
 * Phase "port": for each file of the slice, in dependency order, a pipeline of
 * port (in parts for long files) → deterministic gate (findings back to the porter, bounded) →
 * two reviewers in parallel (behaviour; ownership) that must both approve → revise and review again
 * (bounded) → the file written. Each file ends approved, unapproved (kept, flagged) or failed.
 */
import type { WorkItem } from 'migrate-kit';
import { describe, rethrowStop } from './errors.js';
import { draftPort, type PortEnv, type PortResult } from './port-draft.js';
import { reviewPort } from './port-review.js';

export type { PortEnv, PortOutcome, PortResult, ReviewerVerdict } from './port-draft.js';

/** Stage 3: the port is written to the crate (the module tree is written after the phase). */
export async function writePort(env: PortEnv, result: PortResult): Promise<PortResult> {
  if (result.rust !== undefined && result.output !== undefined) await env.files.write(result.output, result.rust);
  return result;
}

/** Runs the phase over the slice's items, dependencies first. */
export async function portAll(env: PortEnv, items: readonly WorkItem[]): Promise<PortResult[]> {
  const outcomes = await env.ctx.pipeline(
    items,
    (item) => draftPort(env, item),
    (draft) => reviewPort(env, draft),
    (result) => writePort(env, result),
  );
  const results: PortResult[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'ok') {
      results.push(outcome.value);
      continue;
    }
    rethrowStop(outcome.error);
    const item = outcome.item;
    results.push({ path: item.path, outcome: 'failed', todos: [], reviewers: [], reviewRounds: 0, warnings: [], error: describe(outcome.error) });
  }
  return results;
}
