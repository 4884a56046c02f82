import { describe, expect, it } from 'vitest';
import { renderMigrationReport } from '../../src/report/render-migration-report.js';
import type { MigrationReport } from '../../src/report/types.js';

const tokens = (input: number, output: number) => ({ input, output, cacheRead: 0, cacheWrite: 0 });

const REPORT: MigrationReport = {
  version: 1,
  recipe: 'zig-to-rust',
  runId: 'run-1',
  input: '/in/src',
  output: '/out',
  slices: ['http'],
  command: 'migrate zig-to-rust /in/src --out /out --slice http',
  hashes: { 'recipe.ts': '0123456789abcdef' },
  generatedAt: '2026-01-01T00:00:00.000Z',
  items: [
    { path: 'a.zig', output: 'src/a.rs', outcome: 'approved', reviewers: [{ angle: 'behaviour', verdict: 'approve', findings: 0 }, { angle: 'ownership', verdict: 'approve', findings: 0 }], reviewRounds: 1, fixRounds: 1, todos: [], tokens: tokens(1200, 300), costUsd: 0.01 },
    { path: 'b|c.zig', output: 'src/b_c.rs', outcome: 'unapproved', reviewers: [{ angle: 'behaviour', verdict: 'revise', findings: 2 }], reviewRounds: 3, todos: [{ line: 7, text: 'TODO(port): threads' }], tokens: tokens(50_000, 4000), costUsd: 1.5, warnings: ['not approved after 3 review round(s)'] },
    { path: 'bad.zig', outcome: 'skipped', tokens: tokens(0, 0), costUsd: 0, error: 'SOURCE_ENCODING: not UTF-8' },
  ],
  totals: { files: 3, approved: 1, unapproved: 1, failed: 0, skipped: 1, agents: 9, requests: 10, inputTokens: 51_200, outputTokens: 4300, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 1.51 },
  build: { ok: false, errors: 2, warnings: 1, rounds: 1, pending: 2, suggestionsApplied: 1, stoppedBy: 'pending' },
  warnings: ['2 build error(s) are pending'],
  outcome: { ok: false, summary: 'build fails: 2 errors in 1 file (all pending on files not ported yet); 2 of 3 files not approved' },
  files: { 'src/a.rs': { sha256: 'f'.repeat(64), runId: 'run-1' } },
};

describe('renderMigrationReport', () => {
  it('summarises outcomes, build, tests and cost, then lists files worst first', () => {
    const text = renderMigrationReport(REPORT);
    expect(text).toContain('- **Files:** 3 — 1 approved, 1 unapproved, 0 failed, 1 skipped');
    expect(text).toContain('- **Build:** does not build (2 errors, 2 pending on files not ported yet); 1 warning; 1 fix round, 1 compiler suggestion applied; stopped: pending');
    expect(text.startsWith('# Migration report: zig-to-rust\n\n**Outcome: not ok** — build fails: 2 errors in 1 file (all pending on files not ported yet); 2 of 3 files not approved\n\n- **Input:**')).toBe(true);
    expect(text).toContain('- **Tests:** not run (the build fails)\n');
    expect(text).not.toContain('f'.repeat(64)); // the file records are data, not reading matter
    expect(text).toContain('- **Agents:** 9 (10 requests)');
    const rows = text.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split(' | ')[2])).toEqual(['unapproved', 'skipped', 'approved']);
    expect(rows[0]).toContain('`b\\|c.zig`');
    expect(text).toContain('src/b_c.rs:7: TODO(port): threads');
    expect(text).toContain('- error: SOURCE_ENCODING: not UTF-8');
    expect(text).toContain('## Warnings\n\n- 2 build error(s) are pending');
    expect(text).toContain('- `recipe.ts` `0123456789abcdef`');
    expect(renderMigrationReport(REPORT)).toBe(text);
  });

  it('puts the whole crate on top (every file by its latest outcome) and this run\'s slice below, with the run of each file', () => {
    const earlier = { path: 'old.zig', output: 'src/old.rs', outcome: 'approved' as const, reviewRounds: 2, tokens: tokens(900, 100), costUsd: 0.2, runId: 'run-0' };
    const text = renderMigrationReport({
      ...REPORT,
      items: [...REPORT.items.map((i) => ({ ...i, runId: 'run-1' })), earlier],
      crate: { files: 10, ported: 3, approved: 2, unapproved: 1, failed: 0, skipped: 1, left: 6 },
    });
    const crate = text.indexOf('## Whole crate');
    const run = text.indexOf('## This run');
    expect(crate).toBeGreaterThan(0);
    expect(run).toBeGreaterThan(crate);
    expect(text.slice(crate, run)).toContain('- **Files:** 3 of 10 ported (2 approved, 1 unapproved); 1 skipped; 6 left to port\n- **Build:** does not build');
    expect(text.slice(run)).toContain('- **Slice:** `http`\n- **Files (this run):** 3 — 1 approved, 1 unapproved, 0 failed, 1 skipped\n- **Agents:** 9');
    const rows = text.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split(' | ').at(-1))).toEqual(['this run |', 'this run |', 'this run |', '`run-0` |']);
    // Without a crate summary (other recipes), one summary and no run column.
    expect(renderMigrationReport(REPORT)).not.toMatch(/## Whole crate|## This run|this run \|/);
  });

  it('never claims a build or tests that did not happen', () => {
    const failed = { path: 'a.zig', outcome: 'failed' as const, tokens: tokens(0, 0), costUsd: 0, error: 'MODEL_AUTH: invalid x-api-key' };
    const { build: _build, ...rest } = REPORT;
    const text = renderMigrationReport({ ...rest, items: [failed], outcome: { ok: false, summary: 'nothing ported: every port failed (MODEL_AUTH: invalid x-api-key)' } });
    expect(text).toContain('**Outcome: not ok** — nothing ported: every port failed (MODEL_AUTH: invalid x-api-key)');
    expect(text).toContain('- **Build:** not run\n- **Tests:** not run\n');
    expect(text).not.toMatch(/builds|clean|passed|as many as/);
    // cargo test ran but found no test: not "0/0 passed (as many as the Zig source has)"
    const none = renderMigrationReport({ ...REPORT, build: { ...REPORT.build!, ok: true, errors: 0, pending: 0, stoppedBy: 'clean' }, tests: { passed: 0, failed: 0, total: 0, zigTests: 0, rounds: 0, stoppedBy: 'clean' } });
    expect(none).toContain('- **Tests:** none ran (the Zig source has no test blocks either); 0 fix rounds; stopped: clean');
    expect(none).not.toMatch(/0\/0 passed|as many as/);
  });

  it('shows passing and failing tests against the Zig source, and an ok outcome', () => {
    const ok = renderMigrationReport({ ...REPORT, build: { ...REPORT.build!, ok: true, errors: 0, pending: 0, stoppedBy: 'clean' }, tests: { passed: 23, failed: 0, total: 23, zigTests: 23, rounds: 1, stoppedBy: 'clean' }, outcome: { ok: true, summary: 'builds, 23/23 tests' } });
    expect(ok).toContain('**Outcome: ok** — builds, 23/23 tests\n');
    expect(ok).toContain('- **Tests:** 23/23 passed (as many as the Zig source has); 1 fix round; stopped: clean');
    const failing = renderMigrationReport({ ...REPORT, tests: { passed: 40, failed: 4, total: 44, zigTests: 44, rounds: 8, stoppedBy: 'rounds' } });
    expect(failing).toContain('- **Tests:** 40/44 passed, 4 failed (as many as the Zig source has); 8 fix rounds; stopped: rounds');
  });
});
