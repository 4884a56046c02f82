import { describe, expect, it } from 'vitest';
import { buildRunReport, renderRunReport } from '../../src/report/run-report.js';
import type { RunInfo } from '../../src/store/run-info.js';

const info: RunInfo = {
  id: 'r1',
  recipe: 'zig-to-rust',
  args: {},
  status: 'failed',
  startedAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:05:00.000Z',
  finishedAt: '2026-11-21T10:05:00.000Z',
  sessions: 2,
  pid: 1,
  settings: { model: 'claude-sonnet-5-5', concurrency: 16, maxAgents: 1000, budgetUsd: 10 },
  totals: { agents: 3, replayed: 1, failed: 1, inputTokens: 100, outputTokens: 50, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.0007 },
  error: { code: 'MODEL_AUTH', message: 'bad key' },
};

describe('run report', () => {
  it('lists phases, failed calls with their last error, and how to resume', () => {
    const report = buildRunReport(
      info,
      [{ phase: 'port', agents: 3, ok: 2, failed: 1, inputTokens: 100, outputTokens: 50, costUsd: 0.0007 }],
      [{ label: 'port src/a|b.zig', phase: 'port', error: { code: 'SCHEMA_INVALID', message: 'no valid answer\nin 3 tries' }, at: '2026-11-21T10:04:00.000Z' }],
    );
    const md = renderRunReport(report);
    expect(md).toContain('- status: **failed** — MODEL_AUTH: bad key');
    expect(md).toContain('| port | 3 | 2 | 1 | 100 | 50 | $0.0007 |');
    expect(md).toContain('| port | port src/a\\|b.zig | SCHEMA_INVALID: no valid answer in 3 tries |');
    expect(md).toContain('Resume with `migrate resume r1`.');
    expect(report).toMatchObject({ version: 1, status: 'failed', failedCalls: [{ label: 'port src/a|b.zig' }], result: null });
  });
});
