/**
 * zig-to-rust end to end on the minihttp fixture (a library, subdirectories, a malformed field-map answer),
 * and slices: one slice, then others into the same output, until the crate is whole.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAnthropicServer } from '../../../src/testing/index.js';
import { runCli } from '../../helpers/cli.js';
import { E2E_TIMEOUT, FIXTURES, fixtureServer, loggedUsage, readReport, tasks, tree } from '../../helpers/zig-to-rust.js';

const work = mkdtempSync(join(tmpdir(), 'z2r-e2e-minihttp-'));
const target = join(work, 'target');
const input = join(FIXTURES, 'minihttp/src');
let server: FakeAnthropicServer;

beforeAll(async () => {
  server = await fixtureServer('minihttp');
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function port(out: string, extra: string[] = []) {
  server.clearRequests();
  const result = await runCli(['zig-to-rust', input, '--out', out, '--target-dir', target, ...extra, '--yes', '--state-dir', join(work, 'state')], { cwd: work, env: server.env() });
  const report = readReport(out);
  // A run whose outcome is not ok (a slice that does not build yet) exits 1.
  expect(result.code, result.stderr).toBe(report.outcome?.ok === true ? 0 : 1);
  return { report, log: tasks(server.messageRequests()) };
}

describe('migrate zig-to-rust on minihttp', () => {
  it('ports the library: builds, passes all 21 tests, matches the golden crate; counts match the request log', { timeout: E2E_TIMEOUT }, async () => {
    const out = join(work, 'minihttp-rs');
    const { report, log } = await port(out);
    expect(tree(join(out, 'src'))).toEqual(tree(join(FIXTURES, 'minihttp/golden/src')));
    expect(report.totals).toMatchObject({ files: 5, approved: 5, unapproved: 0, failed: 0, skipped: 0 });
    // router.zig's injected compile error was caught by cargo check before review and repaired by its porter.
    expect(report.build).toMatchObject({ ok: true, rounds: 0, stoppedBy: 'clean' });
    expect(report.tests).toEqual({ passed: 21, failed: 0, total: 21, zigTests: 21, rounds: 1, stoppedBy: 'clean' });
    expect(report.outcome).toEqual({ ok: true, summary: 'builds, 21/21 tests' });
    const item = (path: string) => report.items.find((i) => i.path === path)!;
    expect([item('router.zig').fixRounds, item('util.zig').fixRounds, item('store.zig').reviewRounds]).toEqual([0, 1, 2]);
    expect(item('store.zig').reviewers).toEqual([
      { angle: 'behaviour', verdict: 'approve', findings: 0 },
      { angle: 'ownership', verdict: 'approve', findings: 0 },
    ]);

    const tsv = readFileSync(join(out, 'LIFETIMES.tsv'), 'utf8').trimEnd().split('\n');
    expect(tsv).toHaveLength(1 + 17);
    const fields = JSON.parse(readFileSync(join(FIXTURES, 'minihttp/fields.json'), 'utf8')) as Record<string, { fields: Array<{ struct: string; field: string; class: string; rust_type: string }> }>;
    expect(tsv.slice(1).map((l) => l.split('\t')).map((r) => `${r[0]} ${r[1]}.${r[2]} ${r[4]} ${r[5]}`).sort()).toEqual(
      Object.entries(fields).flatMap(([file, f]) => f.fields.map((r) => `${file} ${r.struct}.${r.field} ${r.class} ${r.rust_type}`)).sort(),
    );

    const labels = log.map((t) => t.task);
    expect(labels.filter((l) => l === 'map fields of http/header.zig')).toHaveLength(2); // malformed, then the retry
    expect(log.filter((t) => t.task === 'map fields of http/header.zig').map((t) => t.messages)).toEqual([1, 3]);
    expect(labels.filter((l) => l.startsWith('fix'))).toEqual(['fix failing tests in src/util.rs (round 1)']);
    expect(labels.filter((l) => l.startsWith('repair'))).toEqual(['repair port of router.zig (compile, attempt 1)']);
    // Every file has slice or allocator fields: both reviewers in every round.
    for (const file of ['util.zig', 'http/header.zig', 'http/request.zig', 'store.zig', 'router.zig']) {
      expect(log.filter((t) => t.file === file && t.step.startsWith('review-')).length, file).toBe(2 * item(file).reviewRounds!);
    }
    expect(report.totals.agents).toBe(new Set(labels).size);
    expect(report.totals.requests).toBe(log.length);
    const usage = loggedUsage(server.messageRequests());
    expect([report.totals.inputTokens, report.totals.outputTokens]).toEqual([usage.input, usage.output]);
    expect(report.items.reduce((n, i) => n + (i.agents ?? 0), 0)).toBe(report.totals.agents);
  });

  it('ports slices into the same output: earlier files kept, pending errors not sent to fixers, the field map reused', { timeout: E2E_TIMEOUT }, async () => {
    const out = join(work, 'sliced-rs');
    // 1. http/ alone: it imports util.zig, which is not ported yet.
    const first = await port(out, ['--slice', 'http']);
    expect(Object.keys(tree(join(out, 'src'))).sort()).toEqual(['http/header.rs', 'http/mod.rs', 'http/request.rs', 'lib.rs']);
    expect(readFileSync(join(out, 'src/lib.rs'), 'utf8')).toBe('pub mod http;\n');
    expect(first.report.build).toMatchObject({ ok: false, rounds: 0, stoppedBy: 'pending' });
    expect(first.report.build!.pending).toBeGreaterThan(0);
    expect(first.report.tests).toBeUndefined(); // the crate does not build yet: cargo test did not run
    expect(first.report.outcome?.ok).toBe(false);
    expect(first.report.outcome?.summary).toMatch(/^build fails: \d+ errors? in 2 files \(all pending on files not ported yet\)$/);
    expect(first.log.filter((t) => t.step.startsWith('fix'))).toEqual([]);
    // The field map covers what the slice needs (http/ and util.zig, which it imports), not router.zig or store.zig.
    expect([...new Set(first.log.filter((t) => t.step === 'map-fields').map((t) => t.file))].sort()).toEqual(['http/header.zig', 'http/request.zig', 'util.zig']);
    const firstMap = readFileSync(join(out, 'LIFETIMES.tsv'), 'utf8').trimEnd().split('\n').slice(1);
    expect(new Set(firstMap.map((l) => l.split('\t')[0]))).toEqual(new Set(['http/header.zig', 'http/request.zig', 'util.zig']));
    // Each row carries its Zig file's hash: LIFETIMES.tsv is the cache, and travels with the crate.
    for (const line of firstMap) expect(line.split('\t').at(-1)).toBe(sha256(join(FIXTURES, 'minihttp/src', line.split('\t')[0]!)).slice(0, 16));

    // 2. util.zig: the crate builds; the http files are kept as they were, and header.rs, edited by hand in
    // between, keeps the hash the first run recorded (`migrate pr` leaves the hand edit out).
    const header = join(out, 'src/http/header.rs');
    const recorded = first.report.files!['src/http/header.rs']!;
    expect(recorded).toEqual({ sha256: sha256(header), runId: first.report.runId });
    const original = readFileSync(header, 'utf8');
    appendFileSync(header, '// edited by hand\n');
    const http = tree(join(out, 'src/http'));
    // As a teammate's clone of the crate has it: no git-ignored work area. The field map comes from LIFETIMES.tsv.
    rmSync(join(out, '.migrate-kit'), { recursive: true, force: true });
    const second = await port(out, ['--slice', 'util.zig']);
    expect(second.report.files!['src/http/header.rs']).toEqual(recorded);
    expect(second.report.files!['src/http/request.rs']).toEqual(first.report.files!['src/http/request.rs']);
    expect(second.report.files!['src/util.rs']).toEqual({ sha256: sha256(join(out, 'src/util.rs')), runId: second.report.runId });
    expect(second.report.files!['src/lib.rs']).toEqual({ sha256: sha256(join(out, 'src/lib.rs')), runId: second.report.runId });
    expect(second.report.outcome).toEqual({ ok: true, summary: 'builds, 12/12 tests' });
    expect(second.log.filter((t) => t.step === 'map-fields')).toEqual([]);
    expect(second.log.map((t) => t.file).every((f) => f === 'util.zig')).toBe(true);
    expect(tree(join(out, 'src/http'))).toEqual(http);
    expect(readFileSync(join(out, 'src/lib.rs'), 'utf8')).toBe('pub mod http;\npub mod util;\n');
    expect(second.report.build).toMatchObject({ ok: true, pending: 0, stoppedBy: 'clean' });
    expect(second.report.tests).toMatchObject({ passed: 12, total: 12, zigTests: 12 });
    // One report for the whole crate: the http files keep the outcome, reviewers and cost of the run that ported them.
    expect(second.report.items.map((i) => [i.path, i.outcome, i.runId])).toEqual([
      ['util.zig', 'approved', second.report.runId],
      ['http/header.zig', 'approved', first.report.runId],
      ['http/request.zig', 'approved', first.report.runId],
    ]);
    const firstHeader = first.report.items.find((i) => i.path === 'http/header.zig')!;
    expect(second.report.items[1]).toMatchObject({ reviewers: firstHeader.reviewers, reviewRounds: firstHeader.reviewRounds, costUsd: firstHeader.costUsd });
    expect(first.report.crate).toEqual({ files: 5, ported: 2, approved: 2, unapproved: 0, failed: 0, skipped: 0, left: 3 });
    expect(second.report.crate).toEqual({ files: 5, ported: 3, approved: 3, unapproved: 0, failed: 0, skipped: 0, left: 2 });
    expect(second.report.totals.files).toBe(1); // this run's slice
    expect(readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8')).toMatch(/## Whole crate\n\n- \*\*Files:\*\* 3 of 5 ported \(3 approved, 0 unapproved\); 2 left to port\n- \*\*Build:\*\* builds[\s\S]*## This run\n[\s\S]*- \*\*Slice:\*\* `util.zig`\n- \*\*Files \(this run\):\*\* 1 — 1 approved/);

    writeFileSync(header, original); // the hand edit undone: the recorded hash matches again

    // 3. the rest, two slices at once: the whole crate, as golden.
    const third = await port(out, ['--slice', 'router.zig', '--slice', 'store.zig']);
    expect(tree(join(out, 'src'))).toEqual(tree(join(FIXTURES, 'minihttp/golden/src')));
    expect(third.report.tests).toMatchObject({ passed: 21, total: 21, zigTests: 21 });
    expect(third.report.slices).toEqual(['router.zig', 'store.zig']);
    expect([...new Set(third.log.filter((t) => t.step === 'map-fields').map((t) => t.file))].sort()).toEqual(['router.zig', 'store.zig']);
    expect(readFileSync(join(out, 'LIFETIMES.tsv'), 'utf8').trimEnd().split('\n')).toHaveLength(18); // the whole tree's field map by now
    expect(third.report.crate).toMatchObject({ files: 5, ported: 5, approved: 5, left: 0 });
    expect(third.report.items.map((i) => i.path).sort()).toEqual(['http/header.zig', 'http/request.zig', 'router.zig', 'store.zig', 'util.zig']);
    expect(third.report.files!['src/http/header.rs']).toEqual({ sha256: sha256(header), runId: first.report.runId });
    expect(JSON.parse(readFileSync(join(out, '.migrate-kit.json'), 'utf8')).runs).toHaveLength(3);
  });
});
