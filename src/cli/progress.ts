/** Progress as lines on stderr: phases, finished and failed agents, logs, and the end of the run. */
import type { EventBus, WorkflowEvent } from '../workflow/events.js';
import type { RunResult } from '../workflow/run.js';
import type { CliIo } from './io.js';

export function attachProgress(events: EventBus, io: CliIo): () => void {
  return events.on((event) => {
    const line = lineFor(event);
    if (line !== undefined) io.err(line);
  });
}

function lineFor(event: WorkflowEvent): string | undefined {
  switch (event.type) {
    case 'run:started':
      return event.resumed
        ? `migrate: resuming run ${event.runId} (recipe ${event.recipe}); ${event.journaled} journaled call(s) will be answered without a request`
        : `migrate: run ${event.runId} started (recipe ${event.recipe})`;
    case 'phase:started':
      return `▸ ${event.phase}`;
    case 'phase:finished':
      return event.ok ? undefined : `▸ ${event.phase}: failed`;
    case 'agent:finished':
      return `  ✓ ${event.label} (${(event.durationMs / 1000).toFixed(1)}s)`;
    case 'agent:failed':
      return `  ✗ ${event.label}: ${event.error.message}`;
    case 'agent:retry':
      return `  ↻ ${event.label}: try ${event.attempt}, the answer did not match the schema`;
    case 'log':
      return `  ${event.message}`;
    case 'run:interrupting':
      return `\nmigrate: interrupting: no new agent starts; ${event.inFlight} in flight will finish and be saved. Press Ctrl-C again to abort them.`;
    default:
      return undefined;
  }
}

export function summaryLines(result: RunResult): string[] {
  const t = result.totals;
  const lines = [
    `migrate: run ${result.runId} ${result.status}`,
    `  agents ${t.agents} (replayed ${t.replayed}, failed ${t.failed}) · tokens in ${t.inputTokens} out ${t.outputTokens} · cache read ${t.cacheReadTokens} write ${t.cacheWriteTokens} · $${t.costUsd.toFixed(4)}`,
    `  state: ${result.dir}`,
  ];
  if (result.error) lines.push(`  error: ${result.error.message}`);
  if (result.status !== 'completed') lines.push(`  resume with: migrate resume ${result.runId}`);
  return lines;
}
