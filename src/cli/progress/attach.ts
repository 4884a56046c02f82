/**
 * Wires a run's events to the terminal: on a TTY a live block redrawn in place (one write per
 * frame, no flicker) with event lines kept above it; otherwise plain lines and a periodic summary.
 */
import type { EventBus } from '../../workflow/events.js';
import type { CliIo } from '../io.js';
import { initialProgress, reduceProgress, type ProgressState } from './progress-state.js';
import { renderLive } from './render-live.js';
import { eventLine, summaryLine } from './render-plain.js';

export interface ProgressOptions {
  budgetUsd: number | null;
  /** The plan's high estimate of agents, for the ETA. */
  expectedAgents?: number;
  /** Plain mode: a summary line this often. Default 30000. */
  summaryEveryMs?: number;
  /** Terminal mode: redraw this often. Default 200. */
  redrawEveryMs?: number;
}

export interface ProgressHandle {
  state: ProgressState;
  /** Draws the last frame and stops listening. */
  detach(): void;
}

export function attachProgress(events: EventBus, io: CliIo, options: ProgressOptions): ProgressHandle {
  const state = initialProgress({ budgetUsd: options.budgetUsd, now: Date.now(), ...(options.expectedAgents !== undefined ? { expectedAgents: options.expectedAgents } : {}) });
  const terminal = io.terminal;
  let drawn = 0; // lines of the live block on screen
  let detached = false;

  const frame = (above: string[] = []): void => {
    if (!terminal) return;
    state.now = Math.max(state.now, Date.now());
    const block = renderLive(state, terminal.columns);
    const up = drawn > 0 ? `\x1b[${drawn}F` : '';
    terminal.write(`${up}${[...above, ...block].map((l) => `\x1b[2K${l}`).join('\n')}\n\x1b[J`);
    drawn = block.length;
  };

  const off = events.on((event) => {
    reduceProgress(state, event);
    const line = eventLine(event, state, !terminal);
    if (line === undefined) return;
    if (terminal) frame([line]);
    else io.err(line);
  });
  const timer = terminal
    ? setInterval(() => frame(), options.redrawEveryMs ?? 200)
    : setInterval(() => {
        state.now = Date.now();
        io.err(summaryLine(state));
      }, options.summaryEveryMs ?? 30_000);
  timer.unref();

  return {
    state,
    detach() {
      if (detached) return;
      detached = true;
      clearInterval(timer);
      off();
      frame();
    },
  };
}
