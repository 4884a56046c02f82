/** A run's per-phase summary and its failed calls, read back from its journal. */
import { readJournal } from './journal.js';
import { journalPath } from './run-store.js';

export interface PhaseSummary {
  phase: string;
  agents: number;
  ok: number;
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
  /** Calls whose last journaled attempt failed (a later success of the same call clears it). */
  failed: FailedCall[];
}

export async function summarizeRun(dir: string): Promise<RunSummary> {
  const { entries } = await readJournal(journalPath(dir));
  const phases = new Map<string, PhaseSummary>();
  const lastByCall = new Map<string, (typeof entries)[number]>();
  for (const entry of entries) {
    const name = entry.phase || '(run)';
    let phase = phases.get(name);
    if (!phase) phases.set(name, (phase = { phase: name, agents: 0, ok: 0, failed: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }));
    phase.agents++;
    if (entry.status === 'ok') phase.ok++;
    else phase.failed++;
    phase.inputTokens += entry.usage.inputTokens;
    phase.outputTokens += entry.usage.outputTokens;
    phase.costUsd += entry.costUsd;
    lastByCall.set(`${entry.key}#${entry.occurrence}`, entry);
  }
  const failed = [...lastByCall.values()]
    .filter((e) => e.status === 'failed')
    .map((e) => ({ label: e.label, phase: e.phase || '(run)', error: e.error ?? { code: 'UNKNOWN', message: 'no error recorded' }, at: e.at }));
  return { phases: [...phases.values()], failed };
}
