/** What the progress view knows about a run, folded from its events. Pure data, no I/O. */
import type { WorkflowEvent } from '../../workflow/events.js';

export interface PhaseProgress {
  title: string;
  /** Agent calls seen in this phase (queued or replayed). */
  total: number;
  finished: number;
  /** Started, then failed. */
  failed: number;
  /** Refused before they started (interrupted, budget spent, the run stopped): not failures of their own. */
  notStarted: number;
  replayed: number;
  startedAt: number;
  finishedAt?: number;
  ok?: boolean;
}

export interface LiveAgent {
  id: string;
  label: string;
  phase: string;
  since: number;
}

/** A long command (cargo) running now. */
export interface RunningCommand {
  id: string;
  title: string;
  phase: string;
  since: number;
}

export interface ProgressState {
  runId: string;
  recipe: string;
  startedAt: number;
  now: number;
  phases: PhaseProgress[];
  live: Map<string, LiveAgent>;
  /** Commands running now (cargo check, cargo test), shown with how long they have run. */
  commands: Map<string, RunningCommand>;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  budgetUsd: number | null;
  /** Agents the plan expects in all (its high estimate), for the ETA before they are all queued. */
  expectedAgents: number;
  slots?: { live: number; max: number };
  interrupting: boolean;
}

export const NO_PHASE = '(run)';

export function initialProgress(options: { budgetUsd: number | null; expectedAgents?: number; now: number }): ProgressState {
  return {
    runId: '',
    recipe: '',
    startedAt: options.now,
    now: options.now,
    phases: [],
    live: new Map(),
    commands: new Map(),
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    costUsd: 0,
    budgetUsd: options.budgetUsd,
    expectedAgents: options.expectedAgents ?? 0,
    interrupting: false,
  };
}

function phaseOf(state: ProgressState, title: string, at: number): PhaseProgress {
  const name = title || NO_PHASE;
  let phase = state.phases.find((p) => p.title === name);
  if (!phase) {
    phase = { title: name, total: 0, finished: 0, failed: 0, notStarted: 0, replayed: 0, startedAt: at };
    state.phases.push(phase);
  }
  return phase;
}

/** Folds one event into the state (in place) and returns it. */
export function reduceProgress(state: ProgressState, event: WorkflowEvent): ProgressState {
  state.now = Math.max(state.now, event.at);
  switch (event.type) {
    case 'run:started':
      state.runId = event.runId;
      state.recipe = event.recipe;
      state.startedAt = event.at;
      break;
    case 'run:interrupting':
      state.interrupting = true;
      break;
    case 'phase:started':
      phaseOf(state, event.phase, event.at);
      break;
    case 'phase:finished': {
      const phase = phaseOf(state, event.phase, event.at);
      phase.finishedAt = event.at;
      phase.ok = event.ok;
      break;
    }
    case 'agent:queued':
      phaseOf(state, event.phase, event.at).total++;
      break;
    case 'agent:replayed': {
      const phase = phaseOf(state, event.phase, event.at);
      phase.total++;
      phase.replayed++;
      break;
    }
    case 'agent:started':
      state.live.set(event.id, { id: event.id, label: event.label, phase: event.phase, since: event.at });
      break;
    case 'agent:usage':
      state.inputTokens += event.usage.inputTokens;
      state.outputTokens += event.usage.outputTokens;
      state.cacheReadTokens += event.usage.cacheReadTokens;
      state.cacheWriteTokens += event.usage.cacheWriteTokens;
      state.costUsd += event.costUsd;
      break;
    case 'agent:finished':
      state.live.delete(event.id);
      phaseOf(state, event.phase, event.at).finished++;
      break;
    case 'agent:failed':
      state.live.delete(event.id);
      if (event.started) phaseOf(state, event.phase, event.at).failed++;
      else phaseOf(state, event.phase, event.at).notStarted++;
      break;
    case 'command:started':
      state.commands.set(event.id, { id: event.id, title: event.title, phase: event.phase, since: event.at });
      break;
    case 'command:finished':
      state.commands.delete(event.id);
      break;
    case 'scheduler:slots':
      state.slots = { live: event.slots, max: event.max };
      break;
    default:
      break;
  }
  return state;
}

export function doneCount(phase: PhaseProgress): number {
  return phase.finished + phase.failed + phase.notStarted + phase.replayed;
}

/** Share of input tokens read from the cache (0–1). */
export function cacheReadShare(state: ProgressState): number {
  const all = state.inputTokens + state.cacheReadTokens + state.cacheWriteTokens;
  return all === 0 ? 0 : state.cacheReadTokens / all;
}

/** Milliseconds left at the rate agents have finished so far; undefined until there is a rate. */
export function etaMs(state: ProgressState): number | undefined {
  const done = state.phases.reduce((n, p) => n + p.finished + p.failed, 0);
  const known = state.phases.reduce((n, p) => n + p.total - p.replayed, 0);
  const total = Math.max(known, state.expectedAgents - state.phases.reduce((n, p) => n + p.replayed, 0));
  const elapsed = state.now - state.startedAt;
  if (done === 0 || elapsed <= 0 || total <= done) return undefined;
  return ((total - done) * elapsed) / done;
}
