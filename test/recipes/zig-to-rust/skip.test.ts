/**
 * Skipped tests: the port of `error.SkipZigTest` is `zig_skip!`, a std-only helper the recipe writes into the
 * crate when a port uses it; it prints `MIGRATE_SKIP: <test> <reason>` on the uncaptured stderr and returns.
 * The toolchain counts such tests as skipped, never passed, and the reports and the outcome say so.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeModuleTree } from '../../../recipes/zig-to-rust/crate-files.js';
import { buildLayout } from '../../../recipes/zig-to-rust/layout.js';
import { OutputFiles } from '../../../recipes/zig-to-rust/output-files.js';
import { cargoToml, SKIP_MARKER, skipHelper, usesSkip, zigStdFiles } from '../../../recipes/zig-to-rust/scaffold.js';
import { renderSummary } from '../../../src/cli/progress/summary.js';
import { initialProgress } from '../../../src/cli/progress/progress-state.js';
import { renderMigrationReport } from '../../../src/report/render-migration-report.js';
import type { MigrationReport } from '../../../src/report/types.js';
import { runWithScript, type ScriptedCall } from '../../../src/testing/index.js';
import { cargoTest, parseTestOutput } from '../../../src/toolchain/index.js';
import { SKIP_MARKER as TOOLCHAIN_MARKER } from '../../../src/toolchain/test-output.js';
import recipe from '../../../recipes/zig-to-rust/recipe.js';

const work = mkdtempSync(join(tmpdir(), 'z2r-skip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

const SHAPES = `pub fn area(w: u32, h: u32) -> u32 {
    w * h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_of_a_square() {
        assert_eq!(area(3, 3), 9);
    }

    #[test]
    fn reads_the_fixture() {
        let Ok(data) = std::fs::read("testdata/shapes.bin") else {
            zig_skip!("testdata/shapes.bin is missing");
        };
        assert_eq!(data.len(), 4);
    }

    #[test]
    fn result_test_skips() -> Result<(), String> {
        if !std::path::Path::new("testdata/other.bin").exists() {
            crate::zig_skip!("{} is missing", "testdata/other.bin");
        }
        Err("unreachable when the fixture is missing".into())
    }

    #[test]
    fn skips_then_fails() {
        crate::zig_skip::skip("printed the marker, then panicked");
        panic!("a failed test stays failed");
    }
}
`;

const MAIN = `fn main() {}

#[cfg(test)]
mod tests {
    #[test]
    fn bin_test_skips() {
        skipper::zig_skip!("no fixture for the binary");
    }
}
`;

const ZIG = `const std = @import("std");

pub fn answer() u8 {
    return 42;
}

test "answer" {
    try std.testing.expect(answer() == 42);
}

test "reads the fixture" {
    const file = std.fs.cwd().openFile("testdata/missing.bin", .{}) catch return error.SkipZigTest;
    file.close();
}
`;

const RUST = `pub fn answer() -> u8 {
    42
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer() {
        assert!(super::answer() == 42);
    }

    #[test]
    fn reads_the_fixture() {
        let Ok(_file) = std::fs::File::open("testdata/missing.bin") else {
            zig_skip!("testdata/missing.bin missing")
        };
    }
}
`;

function promptText(call: ScriptedCall): string {
  const content = call.request.messages[0]!.content;
  return typeof content === 'string' ? content : content.map((b) => ('text' in b ? b.text : '')).join('\n');
}

/** Answers every step: the port above, approving reviews, no edits. */
function answer(call: ScriptedCall): unknown {
  const step = /^Step: (.+)$/m.exec(promptText(call))?.[1] ?? '';
  if (step === 'map-fields') return { json: { fields: [] } };
  if (step.startsWith('review')) return { json: { verdict: 'approve', findings: [] } };
  if (step.startsWith('fix') || step.endsWith('-edits')) return { json: { edits: [] } };
  return { json: { rust_source: RUST, todos: [], confidence: 0.9 } };
}

describe('the skip convention (zig_skip!)', () => {
  it('is written into the crate only when a port uses it, declared first in lib.rs', async () => {
    const layout = buildLayout(['shapes.zig', 'util.zig', 'main.zig'], 'skipper', 'main.zig');
    const plain = join(work, 'plain');
    write(plain, { 'src/shapes.rs': 'pub fn area() {}\n', 'src/util.rs': '' });
    await writeModuleTree(new OutputFiles(plain, 'r1'), layout, new Set(['shapes.zig', 'util.zig']));
    expect(readFileSync(join(plain, 'src/lib.rs'), 'utf8')).toBe('pub mod shapes;\npub mod util;\n');
    expect(() => readFileSync(join(plain, 'src/zig_skip.rs'))).toThrow();

    const files = new OutputFiles(join(work, 'uses'), 'r1');
    write(files.out, { 'src/shapes.rs': SHAPES, 'src/util.rs': '' });
    await writeModuleTree(files, layout, new Set(['shapes.zig', 'util.zig']));
    expect(readFileSync(join(files.out, 'src/lib.rs'), 'utf8')).toBe('#[macro_use]\n#[doc(hidden)]\npub mod zig_skip;\npub mod shapes;\npub mod util;\n');
    expect(readFileSync(join(files.out, 'src/zig_skip.rs'), 'utf8')).toBe(skipHelper('zig_skip'));
    expect(Object.keys(files.all())).toEqual(expect.arrayContaining(['src/zig_skip.rs', 'src/lib.rs'])); // recorded as the recipe's

    // A ported zig_skip.zig keeps its module name; the helper moves aside.
    const clash = buildLayout(['zig_skip.zig'], 'skipper');
    const other = new OutputFiles(join(work, 'clash'), 'r1');
    write(other.out, { 'src/zig_skip.rs': '#[test]\nfn t() { zig_skip!("x"); }\n' });
    await writeModuleTree(other, clash, new Set(['zig_skip.zig']));
    expect(readFileSync(join(other.out, 'src/lib.rs'), 'utf8')).toBe('#[macro_use]\n#[doc(hidden)]\npub mod zig_skip_helper;\npub mod zig_skip;\n');
    expect(usesSkip('zig_skip ! ("x")')).toBe(false);
    expect(usesSkip('skipper::zig_skip!("x")')).toBe(true);
    expect(SKIP_MARKER).toBe(TOOLCHAIN_MARKER);
  });

  it('counts a test that printed the marker as skipped, not passed, on a real cargo test run', { timeout: 180_000 }, async () => {
    const layout = buildLayout(['shapes.zig', 'main.zig'], 'skipper', 'main.zig');
    const files = new OutputFiles(join(work, 'crate'), 'r1');
    write(files.out, { 'Cargo.toml': cargoToml('skipper'), ...Object.fromEntries(zigStdFiles()), 'src/shapes.rs': SHAPES, 'src/main.rs': MAIN });
    await writeModuleTree(files, layout, new Set(['shapes.zig', 'main.zig']));

    const run = await cargoTest(files.out, { targetDir: join(work, 'target') });
    expect(run.compiled, JSON.stringify(run.diagnostics.errors.map((e) => e.message))).toBe(true);
    // libtest says 4 passed (3 skips + 1 real pass) and 1 failed; the skips are taken out of passed.
    expect(run.totals).toEqual({ passed: 1, failed: 1, ignored: 0, skipped: 3, total: 5 });
    const tests = run.binaries.flatMap((b) => b.tests.map((t) => `${b.kind} ${t.name} ${t.outcome}${t.skipReason !== undefined ? ` (${t.skipReason})` : ''}`)).sort();
    expect(tests).toEqual([
      'bin tests::bin_test_skips skipped (no fixture for the binary)',
      'lib shapes::tests::area_of_a_square passed',
      'lib shapes::tests::reads_the_fixture skipped (testdata/shapes.bin is missing)',
      'lib shapes::tests::result_test_skips skipped (testdata/other.bin is missing)',
      'lib shapes::tests::skips_then_fails failed',
    ]);
    // The marker lines are taken out of the binary's notes (stderr): they are not crash output.
    expect(run.binaries.flatMap((b) => b.notes).filter((n) => n.includes(SKIP_MARKER))).toEqual([]);
    expect(run.failures.map((f) => f.test)).toEqual(['shapes::tests::skips_then_fails']);
  });

  it('reads markers on stderr under their binary, and on stdout (--nocapture), from text', () => {
    const block = (lines: string[], passed: number) => ['', `running ${lines.length} tests`, ...lines, '', `test result: ok. ${passed} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s`, ''];
    const stdout = [
      ...block(['test a::t1 ... ok', 'test a::t2 ... ok'], 2),
      ...block(['MIGRATE_SKIP: tests::t2 printed with --nocapture', 'test tests::t1 ... ok', 'test tests::t2 ... ok'], 2),
    ].join('\n');
    const stderr = [
      '     Running unittests src/lib.rs (target/debug/deps/k-1)',
      'MIGRATE_SKIP: a::t1 fixture missing',
      'MIGRATE_SKIP: tests::t1 a name of the other binary',
      '     Running unittests src/main.rs (target/debug/deps/k-2)',
    ].join('\n');
    const [lib, bin] = parseTestOutput(stdout, stderr);
    expect(lib!.tests.map((t) => t.outcome)).toEqual(['skipped', 'passed']);
    expect(lib!.tests[0]!.skipReason).toBe('fixture missing');
    expect(bin!.tests.map((t) => t.outcome)).toEqual(['passed', 'skipped']);
  });

  it('shows skipped tests in MIGRATION_REPORT.md and the CLI summary, apart from the passed ones', () => {
    const report: MigrationReport = {
      version: 1,
      recipe: 'zig-to-rust',
      runId: 'run-1',
      input: '/in',
      output: join(work, 'report'),
      slices: [],
      command: 'migrate zig-to-rust /in',
      hashes: {},
      generatedAt: '2026-01-01T00:00:00.000Z',
      items: [],
      totals: { files: 1, approved: 1, unapproved: 0, failed: 0, skipped: 0, agents: 3, inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 },
      build: { ok: true, errors: 0, warnings: 0, rounds: 0, pending: 0, suggestionsApplied: 0, stoppedBy: 'clean' },
      tests: { passed: 20, failed: 0, skipped: 3, total: 23, zigTests: 23, rounds: 0, stoppedBy: 'clean' },
      outcome: { ok: false, summary: 'builds, 20/23 tests pass, 3 skipped (the Zig has 23)' },
    };
    expect(renderMigrationReport(report)).toContain('- **Tests:** 20/23 passed, 3 skipped (skipped tests do not count as passed; the Zig source has 23); 0 fix rounds; stopped: clean');
    const path = join(work, 'report/report.json');
    write(join(work, 'report'), { 'report.json': JSON.stringify(report) });
    const totals = { agents: 3, replayed: 0, failed: 0, inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 };
    const lines = renderSummary({ runId: 'r', dir: '/state/r', status: 'completed', value: { report: path }, totals, cost: {} } as never, initialProgress({ budgetUsd: null, now: 0 }));
    expect(lines).toContain('  tests 20/23 passed, 3 skipped (the source has 23)');
    expect(lines).toContain('  outcome: NOT OK: builds, 20/23 tests pass, 3 skipped (the Zig has 23)');
  });

  it('a whole run: the Zig version from build.zig.zon in the plan and every system prompt; a SkipZigTest port counted as skipped', { timeout: 300_000 }, async () => {
    const project = join(work, 'project');
    write(project, { 'build.zig.zon': '.{\n    .name = "proj",\n    .version = "0.1.0",\n    .minimum_zig_version = "0.13.0",\n}\n', 'src/fixture.zig': ZIG });
    const raw = { input: join(project, 'src'), out: join(work, 'project-rs'), targetDir: join(work, 'target') };
    const plan = await recipe.plan!({ args: recipe.args!.parse(raw), model: 'claude-sonnet-5-5', cwd: work });
    expect(Object.fromEntries(plan.facts)['zig version']).toBe(`0.13.0 (minimum_zig_version of ${join(project, 'build.zig.zon')})`);
    expect(plan.warnings ?? []).not.toContainEqual(expect.stringMatching(/Zig version is unknown/));

    const run = await runWithScript(recipe, answer as never, { args: raw, cwd: work, sandbox: { mode: 'off' } });
    expect(run.status, run.error?.message).toBe('completed');
    expect(run.provider.calls.length).toBeGreaterThan(0);
    for (const call of run.provider.calls) {
      const system = typeof call.request.system === 'string' ? call.request.system : (call.request.system ?? []).map((b) => b.text).join('\n');
      expect(system).toContain('The Zig sources follow Zig 0.13.0');
    }
    const out = raw.out;
    expect(readFileSync(join(out, 'src/lib.rs'), 'utf8')).toBe('#[macro_use]\n#[doc(hidden)]\npub mod zig_skip;\npub mod fixture;\n');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as MigrationReport;
    expect(report.tests).toMatchObject({ passed: 1, failed: 0, skipped: 1, total: 2, zigTests: 2 });
    expect(report.outcome).toEqual({ ok: false, summary: 'builds, 1/2 tests pass, 1 skipped (the Zig has 2)' });
    expect(readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8')).toContain('- **Tests:** 1/2 passed, 1 skipped (skipped tests do not count as passed; the Zig source has 2)');
    expect(report.files?.['src/zig_skip.rs']).toBeDefined();
  });
});
