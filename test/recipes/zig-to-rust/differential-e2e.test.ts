/**
 * zig-to-rust's differential phase end to end on the calc fixture: the built CLI, the fake Anthropic server with the
 * golden model, a real cargo, and the Zig 0.11 compiler from the devDependency (`--zig`). A port with a planted
 * deviation (eval.rs divides by negative numbers wrongly, which no ported test covers) is found, fixed by the
 * deviation fixer, and checked clean again: the golden port shows no deviation.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, ZigToRustGoldenModel, type FakeAnthropicServer } from '../../../src/testing/index.js';
import { runCli } from '../../helpers/cli.js';
import { E2E_TIMEOUT, FIXTURES, MALFORMED, readReport, tasks, tree } from '../../helpers/zig-to-rust.js';
import { ZIG } from '../../helpers/zig-compiler.js';

const work = mkdtempSync(join(tmpdir(), 'z2r-e2e-differential-'));
const target = join(work, 'target');
const input = join(FIXTURES, 'calc/src');
const servers: FakeAnthropicServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(work, { recursive: true, force: true });
});

async function server(deviation: boolean): Promise<FakeAnthropicServer> {
  const model = new ZigToRustGoldenModel(join(FIXTURES, 'calc'), { malformed: MALFORMED.calc, deviation });
  const s = await startFakeAnthropicServer({ answer: model.forFakeServer() });
  servers.push(s);
  return s;
}

describe.skipIf(!existsSync(ZIG))('zig-to-rust differential phase on calc', () => {
  // One run (each costs a whole port with Zig and cargo builds): the planted deviation is found, and once it is fixed
  // the port is the golden one, re-checked clean, which is the golden port's check.
  it('finds a planted deviation no test covers, fixes it, re-checks clean; the checked and skipped functions counted', { timeout: E2E_TIMEOUT }, async () => {
    const s = await server(true);
    const out = join(work, 'deviation-rs');
    const result = await runCli(['zig-to-rust', input, '--out', out, '--target-dir', target, '--zig', ZIG, '--yes', '--state-dir', join(work, 'state-deviation')], { cwd: work, env: s.env() });
    expect(result.code, result.stderr).toBe(0);
    const report = readReport(out);
    // The tests passed with the deviating port: only the differential phase could see it.
    expect(report.tests).toMatchObject({ passed: 23, failed: 0, total: 23 });
    const d = report.differential!;
    expect(d.deviations.found).toBeGreaterThanOrEqual(1);
    expect(d.deviations).toEqual({ found: d.deviations.found, fixed: d.deviations.found, remaining: 0 });
    expect(d.rounds).toBe(1);
    expect(d.reverted).toEqual([]);
    expect(d).toMatchObject({ ran: true, notRun: 0 });
    // evaluate(allocator, []const u8) Error!f64 ↔ evaluate(&str) -> Result<f64, Error> and
    // applyOp(token.Op, f64, f64) EvalError!f64 ↔ apply_op(Op, f64, f64) -> Result<f64, EvalError>; Calculator
    // through init (run, sum, and last: ?Entry printed field by field), Stack as its tests instantiate it (i32,
    // u8, u32) through init (push, pop, peek, count, isEmpty, slice, clear), Op's three functions. The rest take
    // or return tokens, are destructors, or live in the binary.
    expect(d.functions).toEqual({ checked: 17, skipped: 8, total: 25 });
    expect(d.skipped).toEqual({ 'entry point': 1, 'in the binary': 1, 'unsupported parameter': 3, 'unsupported result': 1, destructor: 2 });
    expect(d.kinds).toEqual({ structs: 2, roundTrips: 0, dataFiles: 0 });
    // Which ones, and why, under each file.
    expect(report.items.find((i) => i.path === 'token.zig')!.unchecked).toEqual([{ fn: 'tokenize', reason: 'unsupported result: slice of Token' }]);
    expect(report.items.find((i) => i.path === 'stack.zig')!.unchecked).toEqual([{ fn: 'Stack.deinit', reason: 'destructor (deinit): the port frees on drop' }]);
    expect(readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8')).toContain('- not checked against the Zig: `tokenize` (unsupported result: slice of Token)');
    expect(d.inputs).toBeGreaterThan(100);
    expect(d.compiler).toContain('0.11');
    // The harness copy lives in the work area, never in the crate's src/.
    expect(existsSync(join(out, '.migrate-kit/differential/crate/src/__differential.rs'))).toBe(true);
    expect(existsSync(join(out, 'src/__differential.rs'))).toBe(false);
    expect(tree(join(out, 'src'))).toEqual(tree(join(FIXTURES, 'calc/golden/src')));
    // The fixer saw the function, the smallest input, and both outputs: Zig divides by a negative number, the port errs.
    const fixers = tasks(s.messageRequests()).filter((t) => t.step === 'fix-deviation');
    expect(fixers.map((t) => t.task)).toEqual(['fix deviations in src/eval.rs (round 1)']);
    const prompt = JSON.stringify(fixers[0]!.entry.body);
    expect(prompt).toMatch(/evaluate\(\\"[^"]*\/[^"]*-[^"]*\\"\)`: the Zig gives -?[\d.]+; the port gives error\.DivisionByZero/);
    // Fixed back to the golden port, re-checked clean; the outcome is ok and the report lists nothing.
    expect(readFileSync(join(out, 'src/eval.rs'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'calc/golden/src/eval.rs'), 'utf8'));
    expect(report.items.find((i) => i.path === 'eval.zig')!.deviations).toBeUndefined();
    expect(report.items.find((i) => i.path === 'eval.zig')!.fixRounds).toBe(1);
    expect(report.outcome).toEqual({ ok: true, summary: 'builds, 23/23 tests' });
    expect(readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8')).toMatch(/- \*\*Differential check:\*\* 17 of 25 pub fns checked on \d+ inputs \(2 structs through their constructors\): \d+ deviations? found, all fixed/);
    // applyOp shows it directly: dividing by a negative number.
    expect(prompt).toMatch(/applyOp\(\.div, [^)]*, -[^)]*\)`: the Zig gives (?:-?[\d.e+-]+|-?inf|nan|-0\.0); the port gives error\.DivisionByZero/);
  });
});
