/** Progress without a terminal (CI, a log file): a line per finished agent or phase, and a periodic summary line. */
import type { WorkflowEvent } from '../../workflow/events.js';
import { duration, tokens, usd } from '../format.js';
import { doneCount, type ProgressState } from './progress-state.js';

/** The line an event prints, if any: in plain mode all of them; on a terminal the ones kept above the live block. */
export function eventLine(event: WorkflowEvent, state: ProgressState, plain: boolean): string | undefined {
  switch (event.type) {
    case 'run:started':
      return event.resumed
        ? `migrate: resuming run ${event.runId} (recipe ${event.recipe}); ${event.journaled} journaled call(s) will be answered without a request`
        : `migrate: run ${event.runId} started (recipe ${event.recipe})`;
    case 'phase:started':
      return plain ? `▸ ${event.phase}` : undefined;
    case 'phase:finished': {
      const phase = state.phases.find((p) => p.title === event.phase);
      const counts = phase ? `: ${doneCount(phase)}/${phase.total} agents${phase.failed > 0 ? `, ${phase.failed} failed` : ''}${phase.notStarted > 0 ? `, ${phase.notStarted} not started` : ''}${phase.replayed > 0 ? `, ${phase.replayed} replayed` : ''}` : '';
      const took = phase ? ` in ${duration(event.at - phase.startedAt)}` : '';
      return `▸ ${event.phase} ${event.ok ? 'done' : 'failed'}${counts}${took}`;
    }
    case 'agent:finished':
      return plain ? `  ✓ ${event.label} (${(event.durationMs / 1000).toFixed(1)}s)` : undefined;
    case 'agent:failed':
      // Calls refused before they started are counted per phase, not listed one by one as failures.
      return event.started ? `  ✗ ${event.label}: ${event.error.message}` : undefined;
    case 'agent:retry':
      return plain ? `  ↻ ${event.label}: try ${event.attempt}, the answer did not match the schema` : undefined;
    case 'scheduler:slots':
      return `  slots ${event.previous} → ${event.slots} of ${event.max} (${event.reason})`;
    case 'scheduler:paused':
      return `  paused ${(event.retryAfterMs / 1000).toFixed(1)}s: the API asked to retry later (${event.code})`;
    case 'run:stopping':
      return `migrate: stopping: ${event.error.message}`;
    case 'batch:progress': {
      const c = event.counts;
      return `  batch ${event.batchId}: ${event.status.replace('_', ' ')} after ${duration(event.elapsedMs)} (${c.processing} processing, ${c.succeeded} succeeded${c.errored + c.expired + c.canceled > 0 ? `, ${c.errored} errored, ${c.expired} expired, ${c.canceled} canceled` : ''})`;
    }
    case 'log':
      return `  ${event.message}`;
    case 'command:started':
      return plain ? `  running ${event.title}…` : undefined;
    case 'command:finished':
      return plain ? `  ${event.title} ${event.timedOut ? 'timed out' : event.code === 0 ? 'done' : `exited ${event.code ?? 'on a signal'}`} after ${duration(event.durationMs)}` : undefined;
    case 'run:interrupting':
      return `\nmigrate: interrupting: no new agent starts; ${event.inFlight} in flight will finish and be saved. Press Ctrl-C again to abort them.`;
    default:
      return undefined;
  }
}

/** The periodic summary line of plain mode. */
export function summaryLine(state: ProgressState): string {
  const total = state.phases.reduce((n, p) => n + p.total, 0);
  const done = state.phases.reduce((n, p) => n + doneCount(p), 0);
  const budget = state.budgetUsd === null ? '' : ` / ${usd(state.budgetUsd)}`;
  const commands = [...state.commands.values()].map((c) => ` · running ${c.title} ${duration(Math.max(0, state.now - c.since))}`).join('');
  return `… ${done}/${total} agents done · ${state.live.size} live${commands} · tokens in ${tokens(state.inputTokens)} out ${tokens(state.outputTokens)} · ${usd(state.costUsd)}${budget} · ${duration(state.now - state.startedAt)} elapsed`;
}
