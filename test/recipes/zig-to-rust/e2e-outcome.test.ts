/**
 * zig-to-rust end to end: runs that must not report success. A fixer that never fixes the injected compile
 * error (the crate does not build), and a run whose every call fails with 401 (nothing ported). The built CLI
 * as a child process, the real SDK, the fake Anthropic server, a real cargo.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, ZigToRustGoldenModel, type FakeAnthropicServer } from '../../../src/testing/index.js';
import { runCli } from '../../helpers/cli.js';
import { E2E_TIMEOUT, FIXTURES, readReport, tasks } from '../../helpers/zig-to-rust.js';

const work = mkdtempSync(join(tmpdir(), 'z2r-e2e-outcome-'));
const input = join(FIXTURES, 'calc/src');
let server: FakeAnthropicServer;

beforeAll(async () => {
  // The golden model, but its fixers never fix: eval.rs keeps its two type errors.
  server = await startFakeAnthropicServer({ answer: new ZigToRustGoldenModel(join(FIXTURES, 'calc'), { fixes: false }).forFakeServer() });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const cli = (out: string, env: Record<string, string>) =>
  runCli(['zig-to-rust', input, '--out', out, '--target-dir', join(work, 'target'), '--yes', '--json', '--state-dir', join(work, 'state')], { cwd: work, env });

describe('zig-to-rust runs that must not report success', () => {
  it('a crate whose build the fixers cannot fix: outcome not ok, "build fails", no tests claimed, exit 1', { timeout: E2E_TIMEOUT }, async () => {
    const out = join(work, 'broken-rs');
    const result = await cli(out, server.env());
    const printed = JSON.parse(result.stdout) as { status: string; outcome: unknown; value: { outcome: { ok: boolean; summary: string }; build?: boolean; tests?: unknown } };
    expect(printed.value.outcome).toEqual({ ok: false, summary: 'build fails: 2 errors in 1 file' });
    expect(printed.outcome).toEqual(printed.value.outcome); // what the runtime keeps in run.json
    expect(printed.value.build).toBe(false);
    expect(printed.value.tests).toBeUndefined();

    const report = readReport(out);
    expect(report.outcome).toEqual(printed.value.outcome);
    expect(report.build).toMatchObject({ ok: false, errors: 2, rounds: 1, stoppedBy: 'stuck' });
    expect(report.tests).toBeUndefined(); // cargo test never ran
    expect(report.totals).toMatchObject({ files: 5, approved: 5 });
    expect(tasks(server.messageRequests()).filter((t) => t.step === 'fix-build').map((t) => t.task)).toEqual(['fix build errors in src/eval.rs (round 1)']);
    const markdown = readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8');
    expect(markdown).toMatch(/^# Migration report: zig-to-rust\n\n\*\*Outcome: not ok\*\* — build fails: 2 errors in 1 file\n/);
    expect(markdown).toContain('- **Build:** does not build (2 errors)');
    expect(markdown).toContain('- **Tests:** not run (the build fails)');
    expect(result.stderr).toContain('outcome: NOT OK: build fails: 2 errors in 1 file');
    expect(result.stderr).not.toMatch(/build clean|tests \d+\/\d+/);
    // The runtime stores the outcome in run.json and exits 1 when it is not ok (src/workflow/run.ts, src/cli).
    expect(result.code, result.stderr).toBe(1);
  });

  it('every call fails with 401: "nothing ported", no build and no tests claimed, exit 1', { timeout: E2E_TIMEOUT }, async () => {
    const out = join(work, 'unauthorized-rs');
    server.clearRequests();
    const result = await cli(out, { ...server.env(), ANTHROPIC_API_KEY: 'sk-ant-wrong-key' });
    expect(result.code, result.stderr).toBe(1);
    expect(server.messageRequests().length).toBeGreaterThan(0);
    expect(server.messageRequests().every((r) => r.status === 401)).toBe(true);

    const report = readReport(out);
    expect(report.outcome?.ok).toBe(false);
    expect(report.outcome?.summary).toMatch(/^nothing ported: every port failed \(MODEL_AUTH: .+\)$/);
    expect(report.outcome!.summary).not.toContain('sk-ant-wrong-key');
    expect(report.totals).toMatchObject({ files: 5, approved: 0, failed: 5 });
    expect(report.build).toBeUndefined();
    expect(report.tests).toBeUndefined();
    const markdown = readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8');
    expect(markdown).toContain('**Outcome: not ok** — nothing ported: every port failed (MODEL_AUTH');
    expect(markdown).toContain('- **Build:** not run\n- **Tests:** not run\n');
    expect(markdown).not.toMatch(/builds|stopped: clean|0\/0 passed|as many as the Zig source has/);
    expect(result.stderr).toContain('outcome: NOT OK: nothing ported');
    expect(result.stderr).not.toMatch(/build clean|tests \d+\/\d+/);
    // Nothing was ported, so nothing but the scaffold and the artifacts is recorded.
    expect(Object.keys(report.files ?? {}).filter((f) => f.startsWith('src/'))).toEqual(['src/lib.rs']);
  });
});
