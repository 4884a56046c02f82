/**
 * zig-to-rust end to end on the calc fixture: the built CLI as a child process, the real SDK, the fake
 * Anthropic server answering from the fixture's golden crate and faults, a real cargo build and test.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAnthropicServer } from '../../../src/testing/index.js';
import recipe from '../../../recipes/zig-to-rust/recipe.js';
import { runCli, spawnCli, waitFor } from '../../helpers/cli.js';
import { answeredLabels, E2E_TIMEOUT, FIXTURES, fixtureServer, journaled, loggedUsage, readReport, tasks, tree } from '../../helpers/zig-to-rust.js';

const work = mkdtempSync(join(tmpdir(), 'z2r-e2e-calc-'));
const target = join(work, 'target');
const input = join(FIXTURES, 'calc/src');
let server: FakeAnthropicServer;
let fullRunTasks: string[] = [];
let fullRunAgents = 0;

beforeAll(async () => {
  server = await fixtureServer('calc');
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const cli = (args: string[], state: string) => runCli([...args, '--yes', '--state-dir', state], { cwd: work, env: server.env() });

describe('migrate zig-to-rust on calc', () => {
  it('ports the project: the crate builds, passes as many tests as the Zig has, and matches the golden crate', { timeout: E2E_TIMEOUT }, async () => {
    server.clearRequests();
    const out = join(work, 'calc-rs');
    const result = await cli(['zig-to-rust', input, '--out', out, '--target-dir', target], join(work, 'state'));
    expect(result.code, result.stderr).toBe(0);

    // The fix loop repaired the injected faults: every ported file is the golden one, byte for byte.
    expect(tree(join(out, 'src'))).toEqual(tree(join(FIXTURES, 'calc/golden/src')));
    const toml = readFileSync(join(out, 'Cargo.toml'), 'utf8');
    expect(toml).toContain('name = "calc"');
    expect(toml).toMatch(/\n\[workspace\]\n/);
    expect(readFileSync(join(out, '.gitignore'), 'utf8')).toContain('/target/');

    const report = readReport(out);
    expect(report.totals).toMatchObject({ files: 5, approved: 5, unapproved: 0, failed: 0, skipped: 0 });
    // eval.zig's injected compile error was caught by cargo check before review and repaired by its porter.
    expect(report.build).toMatchObject({ ok: true, errors: 0, rounds: 0, pending: 0, stoppedBy: 'clean' });
    expect(report.tests).toEqual({ passed: 23, failed: 0, total: 23, zigTests: 23, rounds: 1, stoppedBy: 'clean' });
    const item = (path: string) => report.items.find((i) => i.path === path)!;
    expect([item('eval.zig').fixRounds, item('stack.zig').fixRounds, item('token.zig').fixRounds]).toEqual([0, 1, 0]);
    expect(item('parse/rpn.zig').reviewRounds).toBe(2);
    expect(item('main.zig').output).toBe('src/main.rs');
    expect(report.items.every((i) => i.tokens.output > 0 && i.costUsd > 0)).toBe(true);
    expect(report.outcome).toEqual({ ok: true, summary: 'builds, 23/23 tests' });
    expect(readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8')).toMatch(/^# Migration report: zig-to-rust\n\n\*\*Outcome: ok\*\* — builds, 23\/23 tests\n/);
    expect(readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8')).toContain('- **Tests:** 23/23 passed (as many as the Zig source has)');
    expect(result.stderr).toContain('outcome: ok: builds, 23/23 tests');
    // Every file the recipe wrote is recorded with the sha256 of what is on disk (report.json and cargo's lock file aside).
    const written = Object.keys(tree(out)).filter((f) => f !== 'report.json' && f !== 'Cargo.lock').sort();
    expect(written).toEqual(expect.arrayContaining(['.gitignore', '.migrate-kit.json', 'Cargo.toml', 'LIFETIMES.tsv', 'MIGRATION_REPORT.md', 'PORTING.md', 'src/lib.rs', 'src/main.rs', 'src/parse/mod.rs', 'src/parse/rpn.rs']));
    expect(Object.keys(report.files ?? {}).sort()).toEqual(written);
    for (const file of written) expect(report.files![file], file).toEqual({ sha256: sha256(join(out, file)), runId: report.runId });
    expect(readFileSync(join(out, 'PORTING.md'), 'utf8')).toContain('| `parse/rpn.zig` | `src/parse/rpn.rs` | `crate::parse::rpn` | approved |');

    // LIFETIMES.tsv: a header and one row per struct field, the agents' rows as the fixture answered them.
    const fields = JSON.parse(readFileSync(join(FIXTURES, 'calc/fields.json'), 'utf8')) as Record<string, { fields: Array<{ struct: string; field: string; class: string; rust_type: string }> }>;
    const tsv = readFileSync(join(out, 'LIFETIMES.tsv'), 'utf8').trimEnd().split('\n');
    expect(tsv[0]).toBe('file\tstruct\tfield\tzig_type\tclass\trust_type\tevidence\tconfidence\tzig_sha256');
    const rows = tsv.slice(1).map((l) => l.split('\t'));
    expect(rows.map((r) => `${r[0]} ${r[1]}.${r[2]} ${r[4]} ${r[5]}`).sort()).toEqual(
      Object.entries(fields).flatMap(([file, f]) => f.fields.map((r) => `${file} ${r.struct}.${r.field} ${r.class} ${r.rust_type}`)).sort(),
    );

    // The request log: per review round, the behaviour reviewer, plus the ownership reviewer only for eval.zig (the
    // one file with slice and allocator fields); the faults where they belong, and the report's counts.
    const log = tasks(server.messageRequests());
    const labels = log.map((t) => t.task);
    for (const file of ['main.zig', 'eval.zig', 'stack.zig', 'token.zig', 'parse/rpn.zig']) {
      const angles = file === 'eval.zig' ? ['behaviour', 'ownership'] : ['behaviour'];
      const rounds = item(file).reviewRounds!;
      expect(log.filter((t) => t.file === file && t.step.startsWith('review-')).length, file).toBe(angles.length * rounds);
      for (let round = 1; round <= rounds; round++) {
        expect(log.filter((t) => t.file === file && t.step.startsWith('review-') && t.round === round).map((t) => t.angle).sort(), `${file} round ${round}`).toEqual(angles);
      }
      if (angles.length === 1) expect(item(file).reviewers?.find((r) => r.angle === 'ownership'), file).toMatchObject({ verdict: 'skipped', reason: expect.any(String) });
    }
    expect(labels.filter((l) => l.startsWith('repair'))).toEqual(['repair port of eval.zig (compile, attempt 1)']);
    expect(labels.filter((l) => l === 'port token.zig')).toHaveLength(2); // the malformed answer, then the retry
    expect(log.filter((t) => t.step === 'map-fields').map((t) => t.file).sort()).toEqual(['eval.zig', 'stack.zig']);
    expect(labels.filter((l) => l.startsWith('revise'))).toEqual(['revise port of parse/rpn.zig (round 1)']);
    expect(labels.filter((l) => l.startsWith('fix'))).toEqual(['fix failing tests in src/stack.rs (round 1)']);
    expect(log.every((t) => t.status === 200)).toBe(true);
    expect(report.totals.agents).toBe(new Set(labels).size);
    expect(report.totals.requests).toBe(log.length);
    const usage = loggedUsage(server.messageRequests());
    expect([report.totals.inputTokens, report.totals.outputTokens, report.totals.cacheReadTokens, report.totals.cacheWriteTokens]).toEqual([usage.input, usage.output, usage.cacheRead, usage.cacheWrite]);
    expect(report.totals.cacheReadTokens).toBeGreaterThan(0);
    fullRunTasks = labels;
    fullRunAgents = report.totals.agents;
  });

  it('resumes a run killed in the middle: no completed request is sent again, and the crate is the same', { timeout: E2E_TIMEOUT }, async () => {
    expect(fullRunTasks.length).toBeGreaterThan(0);
    const slow = await fixtureServer('calc', 40);
    try {
      const out = join(work, 'calc-killed-rs');
      const state = join(work, 'state-killed');
      const child = spawnCli(['zig-to-rust', input, '--out', out, '--target-dir', target, '--yes', '--state-dir', state], { cwd: work, env: slow.env() });
      const runDir = await waitFor(() => {
        const ids = existsSync(join(state, 'runs')) ? readdirSync(join(state, 'runs')) : [];
        return ids[0] !== undefined ? join(state, 'runs', ids[0]) : undefined;
      }, 20_000, 'the run to start');
      await waitFor(() => journaled(runDir).filter((e) => e.status === 'ok').length >= 9, 30_000, 'nine journaled calls');
      child.child.kill('SIGKILL');
      const killed = await child.done;
      expect(killed.signal).toBe('SIGKILL');
      // Completed: settled ok, or killed after its answer was journaled and before it settled (replayed, not sent again).
      const completed = new Set([...journaled(runDir).filter((e) => e.status === 'ok').map((e) => e.label), ...answeredLabels(runDir)]);
      const before = slow.messageRequests().length;
      expect(completed.size).toBeLessThan(new Set(fullRunTasks).size);

      const resumed = await runCli(['resume', runDir.split('/').pop()!, '--yes', '--state-dir', state], { cwd: work, env: slow.env() });
      expect(resumed.code, resumed.stderr).toBe(0);
      const again = tasks(slow.messageRequests().slice(before)).map((t) => t.task);
      expect(again.filter((label) => completed.has(label))).toEqual([]);
      expect(new Set([...completed, ...again])).toEqual(new Set(fullRunTasks));
      expect(tree(join(out, 'src'))).toEqual(tree(join(work, 'calc-rs/src')));
      expect(readFileSync(join(out, 'LIFETIMES.tsv'), 'utf8')).toBe(readFileSync(join(work, 'calc-rs/LIFETIMES.tsv'), 'utf8'));
      const report = readReport(out);
      expect(report.outcome).toEqual({ ok: true, summary: 'builds, 23/23 tests' });
      for (const [file, record] of Object.entries(report.files ?? {})) expect(record.sha256, file).toBe(sha256(join(out, file)));
      expect(report.totals.agents).toBe(fullRunAgents);
      expect(report.tests).toMatchObject({ passed: 23, total: 23 });
    } finally {
      await slow.close();
    }
  });

  it('plans the run without a model call: facts, phases and estimates', { timeout: E2E_TIMEOUT }, async () => {
    const plan = await recipe.plan!({ args: recipe.args!.parse({ input: 'calc/src', out: join(work, 'planned-rs') }), model: 'claude-sonnet-5-5', cwd: FIXTURES });
    expect(plan.outputs).toEqual([join(work, 'planned-rs')]);
    const facts = Object.fromEntries(plan.facts);
    expect(facts).toMatchObject({ input: input, files: '5 .zig files', 'struct fields': '8 to map (4 need an agent)', 'zig tests': '23', crate: 'calc (library + binary from main.zig)' });
    expect(facts['cargo']).toMatch(/^cargo \d/);
    expect(plan.phases.map((p) => p.title)).toEqual(['map fields', 'port', 'fix loop']);
    const [map, port, fix] = plan.phases;
    expect(map!.agents).toEqual({ low: 2, high: 6 }); // 2 batches, then up to a refuter pair per batch within --field-map-share
    // 5 port prompts + a behaviour reviewer each + an ownership reviewer for eval.zig (slice and allocator fields) only.
    expect(port!.agents.low).toBe(11);
    expect(port!.agents.high).toBeGreaterThanOrEqual(20);
    expect(port!.note).toMatch(/5 port prompt\(s\); a behaviour reviewer per file and an ownership reviewer for 1 [\s\S]*critical path 4 file\(s\): (stack|token)\.zig → parse\/rpn\.zig → eval\.zig → main\.zig/);
    expect(fix!.agents.low).toBe(0);
    for (const p of plan.phases) {
      expect(p.inputTokens.high).toBeGreaterThanOrEqual(p.inputTokens.low);
      expect(p.outputTokens.high).toBeGreaterThanOrEqual(p.outputTokens.low);
    }
    expect(port!.inputTokens.low).toBeGreaterThan(10_000);
    expect(plan.assumptions.length).toBeGreaterThan(2);
    const again = await recipe.plan!({ args: recipe.args!.parse({ input: 'calc/src', out: join(work, 'calc-rs') }), model: 'claude-sonnet-5-5', cwd: FIXTURES });
    expect(again.phases[0]!.agents).toEqual({ low: 0, high: 0 }); // the first test's run cached the field map there
    expect(Object.fromEntries(again.facts)['output']).toMatch(/5 file\(s\) ported by earlier runs are kept/);
    await expect(recipe.plan!({ args: recipe.args!.parse({ input: 'calc/src', slice: 'nothing/**' }), model: 'm', cwd: FIXTURES })).rejects.toMatchObject({ code: 'SLICE_EMPTY' });
    // A slice's field map covers the slice and what it imports: token.zig imports nothing, so eval.zig's fields wait.
    const slice = await recipe.plan!({ args: recipe.args!.parse({ input: 'calc/src', slice: 'token.zig', out: join(work, 'sliced-plan-rs') }), model: 'm', cwd: FIXTURES });
    expect(Object.fromEntries(slice.facts)['struct fields']).toMatch(/^\d+ to map \(\d+ need an agent\) of 8 in the tree$/);
    expect(slice.phases[0]!.note).toMatch(/of the 1 file\(s\) the slice needs \(its files and their imports; \d+ more wait for their own slices\)/);
  });
});
