/** A run's per-phase summary and its failed calls, read back from its journal. */
import type { RunStore } from '../store/run-store.js';
import { JournalState } from './journal-state.js';

export interface PhaseSummary {
  phase: string;
  /** Agent calls that reached the model (each try of a call sent again counts). */
  agents: number;
  /** Calls whose last try succeeded. */
  ok: number;
  /** Calls whose last try failed (a resume sends them again). */
  failed: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface FailedCall {
  label: string;
  phase: string;
  error: { code: string; message: string };
  at: string;
}

export interface RunSummary {
  phases: PhaseSummary[];
  /** Calls whose last try failed (a later success of the same call clears it). */
  failed: FailedCall[];
  /** Over all sessions, from the journal: the same source as the phases, so the two always agree. */
  agents: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

export async function summarizeRun(store: RunStore, runId: string): Promise<RunSummary> {
  const state = JournalState.from((await store.readJournal(runId)).lines);
  const phases = new Map<string, PhaseSummary>();
  const failed: FailedCall[] = [];
  const sum = { agents: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 };
  for (const call of state.calls.values()) {
    const name = call.phase || '(run)';
    let phase = phases.get(name);
    if (!phase) phases.set(name, (phase = { phase: name, agents: 0, ok: 0, failed: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }));
    phase.agents += call.starts;
    if (call.settled === 'ok') phase.ok++;
    if (call.settled === 'failed') {
      phase.failed++;
      failed.push({ label: call.label, phase: name, error: call.error ?? { code: 'UNKNOWN', message: 'no error recorded' }, at: call.at ?? '' });
    }
    phase.inputTokens += call.usage.inputTokens;
    phase.outputTokens += call.usage.outputTokens;
    phase.costUsd += call.costUsd;
    sum.agents += call.starts;
    sum.inputTokens += call.usage.inputTokens;
    sum.outputTokens += call.usage.outputTokens;
    sum.cacheReadTokens += call.usage.cacheReadTokens;
    sum.cacheWriteTokens += call.usage.cacheWriteTokens;
    sum.costUsd += call.costUsd;
  }
  return { phases: [...phases.values()], failed, ...sum };
}
