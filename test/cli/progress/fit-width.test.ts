/** The live view fits the terminal: display width (wide characters, ANSI codes), a redraw on resize, cargo while it runs. */
import { describe, expect, it } from 'vitest';
import { attachProgress } from '../../../src/cli/progress/attach.js';
import { displayWidth, rowsOnScreen, truncateToWidth } from '../../../src/cli/progress/fit-width.js';
import { initialProgress, reduceProgress } from '../../../src/cli/progress/progress-state.js';
import { renderLive } from '../../../src/cli/progress/render-live.js';
import { eventLine, summaryLine } from '../../../src/cli/progress/render-plain.js';
import type { CliIo } from '../../../src/cli/io.js';
import { EventBus, type EventInput, type WorkflowEvent } from '../../../src/workflow/events.js';

const strip = (s: string): string => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

describe('display width', () => {
  it('counts wide characters as two columns and escape sequences as none', () => {
    expect(displayWidth('漢字ab')).toBe(6);
    expect(displayWidth('\x1b[31mred\x1b[0m')).toBe(3);
    expect(displayWidth('👍🏽 ok')).toBe(5);
  });

  it('cuts by display width, never inside a wide character, a cluster or an escape sequence', () => {
    expect(truncateToWidth('short', 10)).toBe('short');
    expect(truncateToWidth('abcdefghij', 5)).toBe('abcd…');
    // 漢 is 2 columns: 4 columns of room before the ellipsis fit two of them, not two and a half.
    expect(truncateToWidth('漢字漢字漢字', 5)).toBe('漢字…');
    expect(truncateToWidth('漢字漢字漢字', 6)).toBe('漢字…');
    expect(displayWidth(truncateToWidth('漢字漢字漢字', 6))).toBeLessThanOrEqual(6);
    expect(truncateToWidth('👍🏽👍🏽👍🏽', 4)).toBe('👍🏽…');
    // Colours are kept and reset after the cut, so they do not leak into the next line.
    const cut = truncateToWidth('\x1b[32m✓ done\x1b[0m and much more text', 8);
    expect(cut).toBe('\x1b[32m✓ done\x1b[0m …\x1b[0m'); // 7 columns of text, then the ellipsis
    expect(displayWidth(cut)).toBe(8);
  });

  it('counts the rows lines take once a terminal wraps them', () => {
    expect(rowsOnScreen([10, 0, 25], 10)).toBe(1 + 1 + 3);
    expect(rowsOnScreen([80, 80], 40)).toBe(4);
  });
});

/** A run with wide labels, a phase title in CJK and cargo running. */
function events(): WorkflowEvent[] {
  const t0 = 1_700_000_000_000;
  const list: EventInput[] = [
    { type: 'run:started', runId: 'r1', recipe: 'zig-to-rust', resumed: false, journaled: 0 },
    { type: 'phase:started', phase: '移植 port' },
    ...[0, 1, 2].map((i) => ({ type: 'agent:queued' as const, id: `p#${i}`, label: `port 漢字ファイル${i}.zig`, phase: '移植 port' })),
    ...[0, 1, 2].map((i) => ({ type: 'agent:started' as const, id: `p#${i}`, label: `port 漢字ファイル${i}.zig`, phase: '移植 port', model: 'm' })),
    { type: 'command:started', phase: 'fix loop', id: 'cargo check#1', title: 'cargo check', command: 'cargo', args: ['check', '--offline'] },
  ];
  return list.map((e, i) => ({ ...e, at: t0 + i * 1000 }) as WorkflowEvent);
}

describe('live view', () => {
  it('fits every line in the terminal width by display width, at any width', () => {
    const state = initialProgress({ budgetUsd: 25, now: 0 });
    for (const e of events()) reduceProgress(state, e);
    for (const columns of [8, 13, 20, 33, 47, 60, 80, 120, 200]) {
      for (const line of renderLive(state, columns)) expect(displayWidth(line), `${columns}: ${line}`).toBeLessThanOrEqual(columns);
    }
  });

  it('shows a command while it runs, with how long it has run, and forgets it when it ends', () => {
    const list = events();
    const state = initialProgress({ budgetUsd: 25, now: 0 });
    for (const e of list) reduceProgress(state, e);
    state.now = list.at(-1)!.at + 12_000;
    expect(renderLive(state, 120)).toContain('  running cargo check… 12s (fix loop)');
    expect(summaryLine(state)).toContain('running cargo check 12s');
    const finished = { type: 'command:finished', phase: 'fix loop', id: 'cargo check#1', title: 'cargo check', durationMs: 12_400, code: 101, timedOut: false, at: state.now } as WorkflowEvent;
    reduceProgress(state, finished);
    expect(renderLive(state, 120).some((l) => l.includes('cargo'))).toBe(false);
    expect(eventLine(finished, state, true)).toBe('  cargo check exited 101 after 12s');
    expect(eventLine(list.at(-1)!, state, true)).toBe('  running cargo check…');
    expect(eventLine(list.at(-1)!, state, false)).toBeUndefined();
  });

  it('redraws at once when the terminal is resized, going up the rows the old frame takes at the new width', () => {
    const writes: string[] = [];
    let columns = 100;
    const resize: Array<() => void> = [];
    const io: CliIo = {
      out: () => undefined,
      err: () => undefined,
      interactive: false,
      ask: async () => '',
      env: {},
      cwd: '/',
      terminal: {
        get columns() {
          return columns;
        },
        write: (text) => void writes.push(text),
        onResize(listener) {
          resize.push(listener);
          return () => resize.splice(resize.indexOf(listener), 1);
        },
      },
    };
    const bus = new EventBus();
    const progress = attachProgress(bus, io, { budgetUsd: 25, redrawEveryMs: 60_000 });
    for (const e of events()) bus.emit(e as EventInput);
    expect(resize).toHaveLength(1);
    const drawn = writes.length;
    resize[0]!(); // same size: a frame of the whole state now
    expect(writes.length).toBe(drawn + 1);
    const before = writes.at(-1)!;
    const block = (frame: string): string[] => strip(frame).split('\n').filter((l) => l !== '');
    const widths = block(before).slice(-3).map(displayWidth); // phase line, command line, totals line
    expect(Math.max(...widths)).toBeGreaterThan(40);

    columns = 40;
    resize[0]!();
    const after = writes.at(-1)!;
    expect(writes.length).toBeGreaterThan(0);
    // Up as many rows as the old lines wrap to at 40 columns, not just the number of lines.
    const up = Number(/^\x1b\[(\d+)F/.exec(after)?.[1]);
    expect(up).toBe(rowsOnScreen(widths, 40));
    expect(up).toBeGreaterThan(3);
    // Everything below that row is cleared before the new frame: no row of the old one shows through.
    expect(after).toMatch(/^\x1b\[\d+F\x1b\[J/);
    for (const line of block(after)) expect(displayWidth(line), line).toBeLessThanOrEqual(40);

    progress.detach();
    expect(resize).toHaveLength(0); // no listener left behind
  });
});
