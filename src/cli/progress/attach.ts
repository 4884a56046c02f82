/**
 * Wires a run's events to the terminal: on a TTY a live block redrawn in place (one write per
 * frame, no flicker) with event lines kept above it; otherwise plain lines and a periodic summary.
 */
import type { EventBus } from '../../workflow/events.js';
import type { CliIo } from '../io.js';
import { initialProgress, reduceProgress, type ProgressState } from './progress-state.js';
import { displayWidth, rowsOnScreen } from './fit-width.js';
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
  // Display widths of the live block's lines on screen: after a resize a terminal that reflows wraps them
  // again, so the rows to go back up are counted at the new width.
  let drawn: number[] = [];
  let detached = false;

  const frame = (above: string[] = []): void => {
    if (!terminal) return;
    state.now = Math.max(state.now, Date.now());
    const columns = Math.max(1, terminal.columns);
    const block = renderLive(state, columns);
    const rows = rowsOnScreen(drawn, columns);
    const up = rows > 0 ? `\x1b[${rows}F` : '';
    // Back to the old block's first row and clear everything below it first: a line kept above the block (a log
    // line, not cut: it stays in the scrollback) may wrap over several rows, and no row of the old frame may show through.
    terminal.write(`${up}\x1b[J${[...above, ...block].join('\n')}\n`);
    drawn = block.map(displayWidth);
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
  // A resized terminal gets a new frame at its new width at once.
  const offResize = terminal?.onResize?.(() => frame());

  return {
    state,
    detach() {
      if (detached) return;
      detached = true;
      clearInterval(timer);
      offResize?.();
      off();
      frame();
    },
  };
}
