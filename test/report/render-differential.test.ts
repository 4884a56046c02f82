/** MIGRATION_REPORT.md's differential line and per-file deviations: what was checked, what was not, what remains. */
import { describe, expect, it } from 'vitest';
import { renderMigrationReport } from '../../src/report/render-migration-report.js';
import type { MigrationReport } from '../../src/report/types.js';

const tokens = { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 };
const base: MigrationReport = {
  version: 1,
  recipe: 'zig-to-rust',
  runId: 'r',
  input: '/in',
  output: '/out',
  slices: [],
  command: 'migrate zig-to-rust /in',
  hashes: {},
  generatedAt: '2026-01-01T00:00:00.000Z',
  items: [{ path: 'eval.zig', output: 'src/eval.rs', outcome: 'approved', tokens, costUsd: 0 }],
  totals: { files: 1, approved: 1, unapproved: 0, failed: 0, skipped: 0, agents: 1, inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 },
};
const ran = { ran: true, compiler: '/usr/bin/zig 0.11.0', functions: { checked: 3, skipped: 2, total: 5 }, skipped: { generic: 1, 'unsupported parameter': 1 }, inputs: 600, rejectedInputs: 4, bothTrap: 2, notRun: 0, deviations: { found: 2, fixed: 1, remaining: 1 }, rounds: 2, reverted: [], durationMs: 1000 };

describe('the differential check in MIGRATION_REPORT.md', () => {
  it('says what was checked and skipped, and lists each remaining deviation with its input under its file', () => {
    const report: MigrationReport = { ...base, differential: ran, items: [{ ...base.items[0]!, deviations: [{ fn: 'evaluate', input: '("1 / (2 - 3)")', zig: '-1', rust: 'error.DivisionByZero', count: 12 }] }] };
    const text = renderMigrationReport(report);
    expect(text).toContain('- **Differential check:** 3 of 5 pub fns checked on 600 inputs: 1 deviation remains (listed below), 1 fixed; 2 inputs trap on both sides; not checked: 1 generic, 1 unsupported parameter; 4 generated inputs the port cannot take left out (not UTF-8 for a `&str`, not ASCII for a `char`); 2 fix rounds; /usr/bin/zig 0.11.0');
    expect(text).toContain('### `eval.zig` (approved)\n\n- deviation in `evaluate`: on `("1 / (2 - 3)")` the Zig gives `-1`, the port `error.DivisionByZero` (12 inputs show this; the smallest is shown)');
  });

  it('lists under each file the pub fns it did not check, and why', () => {
    const text = renderMigrationReport({ ...base, differential: ran, items: [{ ...base.items[0]!, unchecked: [{ fn: 'evalRpn', reason: 'unsupported parameter: slice of token.Token' }, { fn: 'Calculator.deinit', reason: 'destructor (deinit): the port frees on drop' }] }] });
    expect(text).toContain('### `eval.zig` (approved)\n\n- not checked against the Zig: `evalRpn` (unsupported parameter: slice of token.Token), `Calculator.deinit` (destructor (deinit): the port frees on drop)');
  });

  it('says how many structs were checked through their constructors, round trips and data files', () => {
    const text = renderMigrationReport({ ...base, differential: { ...ran, kinds: { structs: 2, roundTrips: 1, dataFiles: 3 } } });
    expect(text).toContain('- **Differential check:** 3 of 5 pub fns checked on 600 inputs (2 structs through their constructors, 1 round trip, 3 data files of the project): 1 deviation remains');
    expect(renderMigrationReport({ ...base, differential: { ...ran, kinds: { structs: 0, roundTrips: 0, dataFiles: 0 } } })).toContain('checked on 600 inputs: 1 deviation');
  });

  it('says when it did not run and why, claiming nothing', () => {
    const text = renderMigrationReport({ ...base, differential: { ...ran, ran: false, note: 'no Zig compiler (--zig, ZIG or zig on the PATH)', functions: { checked: 0, skipped: 0, total: 0 }, inputs: 0 } });
    expect(text).toContain('- **Differential check:** not run (no Zig compiler (--zig, ZIG or zig on the PATH))');
    expect(renderMigrationReport(base)).not.toContain('Differential');
  });
});
