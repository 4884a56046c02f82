/**
 * Where each work item (a file) is, for progress views and the dashboard: small functions a recipe calls from
 * anywhere inside its `run` (no context to pass around). They emit `item:stage`, `item:file` and `item:review`
 * events on the run's event stream; outside a run they do nothing, so recipe code calling them is testable alone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventBus, ItemFinding } from './events.js';
import { currentScope } from './scope.js';

const storage = new AsyncLocalStorage<EventBus>();

/** Runs `fn` (a recipe's `run`) with its item events going to `events`. */
export function withItemEvents<T>(events: EventBus, fn: () => T): T {
  return storage.run(events, fn);
}

/** The stages the built-in zig-to-rust recipe reports, in order; any other name is fine too. */
export const ITEM_STAGES = ['queued', 'porting', 'gate', 'compile check', 'review', 'revise', 'fix', 'approved', 'unapproved', 'failed', 'skipped'] as const;

/**
 * Reports that `item` reached `stage` (e.g. `itemStage('src/a.zig', 'review', { round: 2 })`). `round`: the review or
 * fix round; `detail`: a short note (errors left, why it failed).
 */
export function itemStage(item: string, stage: string, info: { round?: number; detail?: string } = {}): void {
  storage.getStore()?.emit({
    type: 'item:stage',
    phase: currentScope().phase,
    item,
    stage,
    ...(info.round !== undefined ? { round: info.round } : {}),
    ...(info.detail !== undefined ? { detail: info.detail } : {}),
  });
}

/**
 * Reports the text of one of the item's files as it stands: `source` (its input) or `output` (what it became so
 * far; each call is a new version, the dashboard shows the diff between versions). `todos`: notes left for a human.
 */
export function itemFile(item: string, file: { role: 'source' | 'output'; path: string; text: string; todos?: number; note?: string }): void {
  storage.getStore()?.emit({
    type: 'item:file',
    phase: currentScope().phase,
    item,
    role: file.role,
    path: file.path,
    text: file.text,
    ...(file.todos !== undefined ? { todos: file.todos } : {}),
    ...(file.note !== undefined ? { note: file.note } : {}),
  });
}

/** Reports a reviewer's verdict on the item's latest output (its findings' lines are lines of that output). */
export function itemReview(item: string, review: { reviewer: string; verdict: string; round: number; findings: readonly ItemFinding[] }): void {
  storage.getStore()?.emit({
    type: 'item:review',
    phase: currentScope().phase,
    item,
    reviewer: review.reviewer,
    verdict: review.verdict,
    round: review.round,
    findings: review.findings.map((f) => ({ line: f.line, problem: f.problem, ...(f.evidence !== undefined ? { evidence: f.evidence } : {}) })),
  });
}
