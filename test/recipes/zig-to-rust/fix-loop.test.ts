import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWithScript, type ScriptedCall } from '../../../src/testing/index.js';
import type { BuildSummary, TestSummary } from '../../../src/index.js';
import { buildLoop, rankProblems, testLoop, type FixEnv, type FixState } from '../../../recipes/zig-to-rust/fix-loop.js';
import { OutputFiles, sha256, type FileRecord } from '../../../recipes/zig-to-rust/output-files.js';
import { loadPrompts } from '../../../recipes/zig-to-rust/prompts.js';
import { UsageBook } from '../../../recipes/zig-to-rust/usage.js';

const scratch = mkdtempSync(join(tmpdir(), 'z2r-fixloop-'));
const targetDir = join(scratch, 'target');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function crate(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  const all = { 'Cargo.toml': `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n\n[workspace]\n`, ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface LoopOptions {
  fixersPerRound?: number;
  imports?: Map<string, string[]>;
  /** Run the build loop only. */
  buildOnly?: boolean;
}

async function loops(out: string, ports: string[], script: (call: ScriptedCall) => unknown, missing: string[][] = [], carried: Record<string, FileRecord> = {}, options: LoopOptions = {}) {
  const files = new OutputFiles(out, 'run-1', carried);
  const prompts = await loadPrompts();
  const recipe = {
    name: 'fix-loop-test',
    description: '',
    async run(ctx: any) {
      const env: FixEnv = {
        ctx,
        prompts,
        out,
        files,
        crate: 'demo',
        targetDir,
        ports: new Map(ports.map((p) => [p, { zig: p.replace(/^src\//, '').replace(/\.rs$/, '.zig'), absZig: join(out, 'missing.zig') }])),
        missing,
        usage: new UsageBook(),
        system: 'system',
        prefix: [{ text: 'guide', cache: true }],
        buildRounds: 4,
        testRounds: 2,
        fixersPerRound: options.fixersPerRound ?? 25,
        ...(options.imports !== undefined ? { imports: options.imports } : {}),
      };
      const state: FixState = { changed: new Map(), warnings: [] };
      const build = await buildLoop(env, state);
      const tests = build.ok && options.buildOnly !== true ? await testLoop(env, state, 1) : undefined;
      return { build, tests, state: { changed: Object.fromEntries(state.changed), warnings: state.warnings, buildErrorFiles: state.buildErrorFiles, testsRan: state.testsRan } };
    },
  };
  const run = await runWithScript(recipe, script as never);
  expect(run.status, run.error?.message).toBe('completed');
  return {
    ...(run.value as { build: BuildSummary; tests?: TestSummary; state: { changed: Record<string, number>; warnings: string[]; buildErrorFiles?: number; testsRan?: boolean } }),
    calls: run.provider.calls,
    records: files.all(),
  };
}

function textTask(call: ScriptedCall): string {
  const content = call.request.messages[0]!.content;
  const text = typeof content === 'string' ? content : content.map((b) => ('text' in b ? b.text : '')).join('\n');
  return /^Task: (.+)$/m.exec(text)?.[1] ?? '';
}

describe('fix loop', () => {
  it('applies compiler suggestions, sends errors to a fixer, reports unmatched edits, then fixes a failing test', async () => {
    const out = crate('fixdemo', {
      'src/lib.rs': 'pub mod a;\n',
      'src/a.rs': 'pub fn f() -> u32 {\n    let mut y = 2;\n    y + 1\n}\n\npub fn g() -> String {\n    5\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn f_is_four() {\n        assert_eq!(f(), 4);\n    }\n}\n',
    });
    const prompts: Record<string, string> = {};
    const result = await loops(out, ['src/a.rs'], (call) => {
      const task = textTask(call);
      const content = call.request.messages[0]!.content;
      prompts[task] = typeof content === 'string' ? content : content.map((b) => ('text' in b ? b.text : '')).join('\n');
      if (task === 'fix build errors in src/a.rs (round 1)') return { json: { edits: [{ old: '    6\n', new: '    String::new()\n' }] } };
      if (task === 'fix build errors in src/a.rs (round 2)') return { json: { edits: [{ old: '    5\n', new: '    5.to_string()\n' }] } };
      if (task === 'fix failing tests in src/a.rs (round 1)') return { json: { edits: [{ old: 'y + 1', new: 'y + 2' }] } };
      throw new Error(`unexpected task ${task}`);
    });
    expect(result.calls.map(textTask)).toEqual(['fix build errors in src/a.rs (round 1)', 'fix build errors in src/a.rs (round 2)', 'fix failing tests in src/a.rs (round 1)']);
    expect(prompts['fix build errors in src/a.rs (round 1)']).toMatch(/Step: fix-build\nFile: a.zig\nOutput: src\/a.rs\nRound: 1/);
    expect(prompts['fix build errors in src/a.rs (round 1)']).toContain('error[E0308]: mismatched types');
    expect(prompts['fix build errors in src/a.rs (round 2)']).toMatch(/could not be applied[\s\S]*`old` was not found in the file:\n   old: "    6\\n"/);
    expect(prompts['fix failing tests in src/a.rs (round 1)']).toMatch(/### a::tests::f_is_four \(panicked at src\/a.rs:15:9\)[\s\S]*left: 3\n right: 4/);
    expect(prompts['fix failing tests in src/a.rs (round 1)']).not.toMatch(/\(\d+\) panicked/);
    expect(result.build).toMatchObject({ ok: true, errors: 0, rounds: 2, suggestionsApplied: 1, stoppedBy: 'clean', pending: 0 });
    expect(result.tests).toEqual({ passed: 1, failed: 0, total: 1, zigTests: 1, rounds: 1, stoppedBy: 'clean' });
    expect(readFileSync(join(out, 'src/a.rs'), 'utf8')).toContain('    let y = 2;\n    y + 2\n');
    expect(result.state.changed['src/a.rs']).toBe(3);
    expect(result.state).toMatchObject({ buildErrorFiles: 0, testsRan: true });
    // The suggestion and the fixers' edits are the recipe's writes: recorded with what is on disk now.
    expect(result.records['src/a.rs']).toEqual({ sha256: sha256(readFileSync(join(out, 'src/a.rs'))), runId: 'run-1' });
  });

  it("records the fixers' edits of the recipe's files, but not of a file changed by hand", async () => {
    const ours = 'pub fn f() -> u32 {\n    let mut y = 2;\n    y\n}\n';
    const handEdited = 'pub fn g() -> String {\n    5\n}\n';
    const out = crate('recorddemo', { 'src/lib.rs': 'pub mod a;\npub mod h;\n', 'src/a.rs': ours, 'src/h.rs': handEdited });
    const earlier = { sha256: sha256('pub fn g() -> String {\n    String::new()\n}\n'), runId: 'run-0' };
    const result = await loops(out, ['src/a.rs', 'src/h.rs'], (call) => {
      const task = textTask(call);
      if (task === 'fix build errors in src/h.rs (round 1)') return { json: { edits: [{ old: '    5\n', new: '    5.to_string()\n' }] } };
      throw new Error(`unexpected task ${task}`);
    }, [], { 'src/a.rs': { sha256: sha256(ours), runId: 'run-0' }, 'src/h.rs': earlier });
    expect(result.build).toMatchObject({ ok: true, suggestionsApplied: 1 });
    expect(readFileSync(join(out, 'src/a.rs'), 'utf8')).toContain('    let y = 2;\n');
    expect(readFileSync(join(out, 'src/h.rs'), 'utf8')).toContain('5.to_string()');
    expect(result.records['src/a.rs']).toEqual({ sha256: sha256(readFileSync(join(out, 'src/a.rs'))), runId: 'run-1' });
    expect(result.records['src/h.rs']).toEqual(earlier);
  });

  it('stops sending a file whose errors repeat, and keeps errors about unported files pending', async () => {
    const out = crate('stuckdemo', {
      'src/lib.rs': 'pub mod b;\npub mod c;\n',
      'src/b.rs': 'pub fn h() -> u8 {\n    "no"\n}\n',
      'src/c.rs': 'use crate::later::Thing;\n\npub fn k(_t: Thing) {}\n',
    });
    const result = await loops(out, ['src/b.rs', 'src/c.rs'], () => ({ json: { edits: [] } }), [['later']]);
    expect(result.calls.map(textTask)).toEqual(['fix build errors in src/b.rs (round 1)']);
    expect(result.build).toMatchObject({ ok: false, rounds: 1, pending: 1, stoppedBy: 'stuck' });
    expect(result.state.buildErrorFiles).toBe(2);
    expect(result.state.warnings.join('\n')).toMatch(/src\/b.rs: stuck/);
    expect(result.state.warnings.join('\n')).toMatch(/1 build error\(s\) are pending/);
  });

  it('runs at most --fixers-per-round fixers a round, files whose errors others inherit first; the rest wait without being stuck', async () => {
    // c imports b imports a; d stands alone with the most errors. Each has errors of its own.
    const broken = (n: number) => Array.from({ length: n }, (_, i) => `pub fn f${i}() -> u8 {\n    "no ${i}"\n}\n`).join('\n');
    const out = crate('orderdemo', {
      'src/lib.rs': 'pub mod a;\npub mod b;\npub mod c;\npub mod d;\n',
      'src/a.rs': broken(1),
      'src/b.rs': broken(1),
      'src/c.rs': broken(2),
      'src/d.rs': `${broken(3)}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {\n        let _x: u8 = "test code is checked too";\n    }\n}\n`,
    });
    const imports = new Map([['src/c.rs', ['src/b.rs']], ['src/b.rs', ['src/a.rs']], ['src/a.rs', []], ['src/d.rs', []]]);
    const result = await loops(out, ['src/a.rs', 'src/b.rs', 'src/c.rs', 'src/d.rs'], (call) => {
      // Each fixer rewrites its file's string literals into numbers: the file then builds.
      const file = /in (src\/\w\.rs)/.exec(textTask(call))![1]!;
      const text = readFileSync(join(out, file), 'utf8');
      return { json: { edits: [...new Set(text.match(/"[^"]*"/g) ?? [])].map((old) => ({ old, new: '1' })) } };
    }, [], {}, { fixersPerRound: 2, imports, buildOnly: true });
    // Round 1 takes a and b (inherited by others) although d has the most errors; the rest wait for round 2.
    // The fixers of a round run in parallel: their requests arrive in any order.
    const rounds = new Map<string, string[]>();
    for (const task of result.calls.map(textTask)) {
      const [, file, round] = /^fix build errors in (\S+) \(round (\d)\)$/.exec(task)!;
      rounds.set(round!, [...(rounds.get(round!) ?? []), file!].sort());
    }
    expect(Object.fromEntries(rounds)).toEqual({ 1: ['src/a.rs', 'src/b.rs'], 2: ['src/c.rs', 'src/d.rs'] });
    expect(result.build).toMatchObject({ ok: true, errors: 0, rounds: 2, stoppedBy: 'clean' });
    expect(result.state.warnings.join('\n')).not.toMatch(/stuck/);
    // One `cargo check --all-targets` a round: the test module's error was a build error, and nothing was code-generated.
    const deps = readdirSync(join(targetDir, 'debug', 'deps')).filter((f) => f.includes('orderdemo'));
    expect(deps.some((f) => f.endsWith('.rmeta'))).toBe(true);
    expect(deps.filter((f) => f.endsWith('.rlib') || !/\.(rmeta|d)$/.test(f))).toEqual([]);
  });

  it('ranks problems by the failing files that import them, directly or not, then by size', () => {
    const p = (file: string, errors: number) => ({ file, diagnostics: Array.from({ length: errors }), failures: [] });
    const imports = new Map([['x', ['y']], ['y', ['z']], ['w', ['clean']], ['clean', ['z']]]);
    // z is inherited by y and x (and by w through a file without errors), y by x.
    expect(rankProblems([p('x', 9), p('w', 1), p('y', 1), p('z', 1), p('v', 3)], imports).map((q) => q.file)).toEqual(['z', 'y', 'x', 'v', 'w']);
    expect(rankProblems([p('b', 1), p('a', 1)]).map((q) => q.file)).toEqual(['a', 'b']);
  });
});
