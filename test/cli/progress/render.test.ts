import { describe, expect, it } from 'vitest';
import type { EventInput, WorkflowEvent } from '../../../src/workflow/events.js';
import { initialProgress, reduceProgress, etaMs } from '../../../src/cli/progress/progress-state.js';
import { renderLive } from '../../../src/cli/progress/render-live.js';
import { eventLine, summaryLine } from '../../../src/cli/progress/render-plain.js';

const usage = { inputTokens: 12_000, outputTokens: 3_000, cacheReadTokens: 30_000, cacheWriteTokens: 10_000 };

/** A port in progress: 4 files, reviews, one failure, a rate limit, a replay. Times are fixed. */
function script(): WorkflowEvent[] {
  const t0 = 1_700_000_000_000;
  const events: EventInput[] = [
    { type: 'run:started', runId: 'r1', recipe: 'zig-to-rust', resumed: false, journaled: 0 },
    { type: 'phase:started', phase: 'map fields' },
    { type: 'agent:replayed', id: 'fields#1', label: 'fields src/a.zig', phase: 'map fields' },
    { type: 'phase:finished', phase: 'map fields', ok: true },
    { type: 'phase:started', phase: 'port' },
    ...['a', 'b', 'c', 'd'].map((f, i) => ({ type: 'agent:queued' as const, id: `port#${i}`, label: `port src/${f}.zig`, phase: 'port' })),
    { type: 'agent:started', id: 'port#0', label: 'port src/a.zig', phase: 'port', model: 'claude-sonnet-5-5' },
    { type: 'agent:started', id: 'port#1', label: 'port src/b.zig', phase: 'port', model: 'claude-sonnet-5-5' },
    { type: 'agent:usage', id: 'port#0', label: 'port src/a.zig', phase: 'port', model: 'claude-sonnet-5-5', usage, costUsd: 0.0684 },
    { type: 'agent:finished', id: 'port#0', label: 'port src/a.zig', phase: 'port', durationMs: 4200 },
    { type: 'scheduler:slots', slots: 8, previous: 16, max: 16, reason: 'rate-limited' },
    { type: 'agent:failed', id: 'port#1', label: 'port src/b.zig', phase: 'port', started: true, error: { code: 'SCHEMA_INVALID', message: 'no valid answer in 3 tries' } },
    { type: 'agent:started', id: 'port#2', label: 'port src/c.zig', phase: 'port', model: 'claude-sonnet-5-5' },
    { type: 'log', phase: 'port', message: 'src/b.zig failed; kept going' },
  ];
  return events.map((e, i) => ({ ...e, at: t0 + i * 1000 }) as WorkflowEvent);
}

function fold(events: WorkflowEvent[]) {
  const state = initialProgress({ budgetUsd: 25, expectedAgents: 12, now: events[0]!.at });
  for (const e of events) reduceProgress(state, e);
  return state;
}

describe('progress', () => {
  it('terminal mode: a bar per phase with live agents, and a totals line', () => {
    expect(renderLive(fold(script()), 120).join('\n')).toMatchInlineSnapshot(`
      "map fields [████████████████████] 1/1 done · 1 replayed
      port       [██████████░░░░░░░░░░] 2/4 · 1 failed · 1 live: port src/c.zig
      tokens in 12k out 3.0k · cache read 58% · $0.07 / $25.00 · 16s elapsed · ETA 1m12s · slots 8/16 (rate-limited)"
    `);
  });

  it('terminal mode cuts lines to the terminal width', () => {
    for (const line of renderLive(fold(script()), 40)) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('plain mode: a line per finished agent, failure, phase and log; a periodic summary', () => {
    const events = script();
    const state = initialProgress({ budgetUsd: 25, now: events[0]!.at });
    const lines: string[] = [];
    for (const e of events) {
      reduceProgress(state, e);
      const line = eventLine(e, state, true);
      if (line !== undefined) lines.push(line);
    }
    lines.push(summaryLine(state));
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "migrate: run r1 started (recipe zig-to-rust)
      ▸ map fields
      ▸ map fields done: 1/1 agents, 1 replayed in 2s
      ▸ port
        ✓ port src/a.zig (4.2s)
        slots 16 → 8 of 16 (rate-limited)
        ✗ port src/b.zig: no valid answer in 3 tries
        src/b.zig failed; kept going
      … 3/5 agents done · 1 live · tokens in 12k out 3.0k · $0.07 / $25.00 · 16s elapsed"
    `);
  });

  it('terminal mode keeps only failures, phase ends and logs above the live block', () => {
    const events = script();
    const state = fold(events);
    const kept = events.map((e) => eventLine(e, state, false)).filter((l) => l !== undefined);
    expect(kept.some((l) => l!.includes('✓'))).toBe(false);
    expect(kept.some((l) => l!.includes('✗ port src/b.zig'))).toBe(true);
  });

  it('estimates time left from the finishing rate and the plan’s expected agents', () => {
    const state = fold(script());
    // 2 of max(4 known, 12 expected − 1 replayed = 11) finished in 16 s → 9 left at 8 s each.
    expect(etaMs(state)).toBe(72_000);
  });
});
