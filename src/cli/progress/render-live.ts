/**
 * The live block on a terminal: a line per phase with a bar, a line per command running (cargo), then a totals
 * line. Every line fits the terminal's width (display width: wide characters count two columns). A pure function.
 */
import { duration, tokens, usd } from '../format.js';
import { truncateToWidth } from './fit-width.js';
import { cacheReadShare, doneCount, etaMs, NO_PHASE, type ProgressState } from './progress-state.js';

const BAR = 20;

function bar(done: number, total: number): string {
  const filled = total === 0 ? 0 : Math.min(BAR, Math.round((done / total) * BAR));
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}]`;
}

/** One line cut to the terminal's width; a terminal narrower than 8 columns is treated as 8 wide. */
function fit(text: string, columns: number): string {
  return truncateToWidth(text, Math.max(8, columns));
}

export function renderLive(state: ProgressState, columns = 100): string[] {
  const width = Math.max(8, ...state.phases.map((p) => p.title.length));
  const lines = state.phases.map((phase) => {
    const live = [...state.live.values()].filter((a) => (a.phase || NO_PHASE) === phase.title);
    const status = phase.finishedAt !== undefined ? (phase.ok ? ' done' : ' failed') : '';
    const failed = `${phase.failed > 0 ? ` · ${phase.failed} failed` : ''}${phase.notStarted > 0 ? ` · ${phase.notStarted} not started` : ''}`;
    const replayed = phase.replayed > 0 ? ` · ${phase.replayed} replayed` : '';
    const agents = live.length > 0 ? ` · ${live.length} live: ${live.map((a) => a.label).join(', ')}` : '';
    return fit(`${phase.title.padEnd(width)} ${bar(doneCount(phase), phase.total)} ${doneCount(phase)}/${phase.total}${status}${failed}${replayed}${agents}`, columns);
  });
  for (const command of state.commands.values()) {
    lines.push(fit(`  running ${command.title}… ${duration(Math.max(0, state.now - command.since))}${command.phase ? ` (${command.phase})` : ''}`, columns));
  }
  const eta = etaMs(state);
  const budget = state.budgetUsd === null ? '' : ` / ${usd(state.budgetUsd)}`;
  const slots = state.slots && state.slots.live < state.slots.max ? ` · slots ${state.slots.live}/${state.slots.max} (rate-limited)` : '';
  lines.push(
    fit(
      `tokens in ${tokens(state.inputTokens)} out ${tokens(state.outputTokens)} · cache read ${Math.round(cacheReadShare(state) * 100)}% · ${usd(state.costUsd)}${budget} · ${duration(state.now - state.startedAt)} elapsed${eta === undefined ? '' : ` · ETA ${duration(eta)}`}${slots}${state.interrupting ? ' · interrupting' : ''}`,
      columns,
    ),
  );
  return lines;
}
