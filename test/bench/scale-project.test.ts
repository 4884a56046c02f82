/**
 * The scale harness's project generator (bench/lib/scale-project.mjs) at N=12: the fixture layout the golden
 * model reads, a golden crate that passes the recipe's gate and builds and passes `cargo test`, faults that do
 * what fixtures/zig-to-rust/README.md says, and one end-to-end run of the recipe through the CLI with the golden
 * model behind the fake server (exit 0, outcome ok). The full benchmark is bench/scale.mjs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexProject } from '../../src/source/index.js';
import { startFakeAnthropicServer, ZigToRustGoldenModel } from '../../src/testing/index.js';
import { gate } from '../../recipes/zig-to-rust/gate.js';
import { buildLayout, moduleTree, topModules } from '../../recipes/zig-to-rust/layout.js';
import { FAULT_KINDS, writeScaleProject } from '../../bench/lib/scale-project.mjs';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'scale-project-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const project = join(work, 'scaleproj');
const summary = writeScaleProject(project, { files: 12, seed: 1, faultRate: 0 });

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(sub, { withFileTypes: true })) {
      const path = join(sub, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(ext)) out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

const read = (path: string): string => readFileSync(path, 'utf8');

describe('scale project generator', () => {
  it('writes a fixture-shaped project: src/**/*.zig, golden crate with the recipe module tree, fields.json', async () => {
    const zig = files(join(project, 'src'), '.zig');
    expect(zig).toHaveLength(12);
    expect(summary).toMatchObject({ files: 12, faultRate: 0 });
    expect(summary.depth).toBeGreaterThan(1); // files import each other
    expect(summary.imports).toBeGreaterThan(0);
    expect(summary.tests).toBeGreaterThanOrEqual(24);
    expect(read(join(project, 'golden/Cargo.toml'))).toContain('name = "scaleproj"');
    // Same output for the same options: a benchmark input, not a random one.
    const again = writeScaleProject(join(work, 'again'), { files: 12, seed: 1, faultRate: 0 });
    expect(again).toEqual(summary);
    expect(read(join(work, 'again/src', zig[5]!))).toBe(read(join(project, 'src', zig[5]!)));

    const { index, items } = await indexProject(join(project, 'src'));
    expect(index.files.slice().sort()).toEqual(zig);
    // The golden crate's lib.rs and mod.rs files are what the recipe writes for the whole tree.
    const layout = buildLayout(index.files, 'scaleproj');
    const tree = moduleTree(layout, new Set(index.files));
    expect(tree.blocks.size).toBe(0);
    for (const [path, content] of tree.files) expect(read(join(project, 'golden', path)), path).toBe(content);
    const rust = files(join(project, 'golden/src'), '.rs').filter((f) => !/(^|\/)(lib|mod)\.rs$/.test(f));
    expect(rust).toEqual([...layout.entries.values()].map((e) => e.rust.replace(/^src\//, '')).sort());

    // Every golden port passes the recipe's deterministic gate (parity of pub names and tests, std only, …).
    const modules = topModules(layout);
    for (const item of items) {
      const entry = layout.entries.get(item.path)!;
      const result = gate(item, read(join(project, 'golden', entry.rust)), [], { crate: 'scaleproj', bin: false, modules, rustPath: entry.rust, zigSource: read(item.absPath) });
      expect(result.findings, item.path).toEqual([]);
    }
    expect(items.reduce((n, item) => n + item.tests.length, 0)).toBe(summary.tests);

    // fields.json answers exactly the struct-field rows of the index.
    const fields = JSON.parse(read(join(project, 'fields.json'))) as Record<string, { fields: Array<{ struct: string; field: string; class: string }> }>;
    const key = (file: string, struct: string, field: string): string => `${file} ${struct}.${field}`;
    const answered = Object.entries(fields).flatMap(([file, entry]) => entry.fields.map((r) => key(file, r.struct, r.field)));
    expect(answered.sort()).toEqual(index.structFields.map((r) => key(r.file, r.struct, r.field)).sort());
    expect(answered).toHaveLength(summary.structFields);
  });

  it('writes faults that do what the fixture README says: fixes restore the golden file, a rejection names the changed line', async () => {
    const dir = join(work, 'faulty');
    const faulty = writeScaleProject(dir, { files: 40, seed: 3, faultRate: 1 });
    for (const kind of FAULT_KINDS) expect(faulty.faults[kind].length, kind).toBeGreaterThan(0);
    const { items } = await indexProject(join(dir, 'src'));
    const itemOf = new Map(items.map((item) => [item.path, item]));
    for (const kind of FAULT_KINDS) {
      for (const zig of faulty.faults[kind]) {
        const rel = zig.replace(/\.zig$/, '');
        const file = kind === 'cascade' ? 'no-compile' : kind;
        const golden = read(join(dir, 'golden/src', `${rel}.rs`));
        const fault = read(join(dir, 'faults', `${rel}.${file}.rs`));
        expect(fault).not.toBe(golden);
        // The fault is a port the gate lets through: only cargo or a reviewer can catch it.
        expect(gate(itemOf.get(zig)!, fault, [], { crate: 'scaleproj', bin: false, rustPath: `src/${rel}.rs` }).findings, zig).toEqual([]);
        if (kind === 'rejected') {
          const review = JSON.parse(read(join(dir, 'faults', `${rel}.rejected.review.json`))) as { verdict: string; findings: Array<{ line: number }> };
          expect(review.verdict).toBe('revise');
          const line = fault.split('\n')[review.findings[0]!.line - 1]!;
          expect(golden.split('\n')).not.toContain(line);
          continue;
        }
        const fix = JSON.parse(read(join(dir, 'faults', `${rel}.${file}.fix.json`))) as { edits: Array<{ old: string; new: string }> };
        let text = fault;
        for (const edit of fix.edits) {
          expect(text.split(edit.old)).toHaveLength(2); // exactly once
          text = text.replace(edit.old, edit.new);
        }
        expect(text).toBe(golden);
      }
    }
  });

  it('golden crate builds and passes cargo test with one #[test] per Zig test block', { timeout: 180_000 }, () => {
    const result = spawnSync('cargo', ['test', '--offline', '--quiet'], { cwd: join(project, 'golden'), env: { ...process.env, CARGO_TARGET_DIR: join(work, 'golden-target') }, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const passed = [...result.stdout.matchAll(/test result: ok\. (\d+) passed; 0 failed/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(passed).toBe(summary.tests);
  });

  it('the recipe ports it end to end through the CLI with the golden model: exit 0, outcome ok', { timeout: 240_000 }, async () => {
    const server = await startFakeAnthropicServer({ answer: new ZigToRustGoldenModel(project).forFakeServer() });
    try {
      const out = join(work, 'scaleproj-rs');
      const result = await runCli(['zig-to-rust', join(project, 'src'), '--out', out, '--target-dir', join(work, 'target'), '--state-dir', join(work, 'state'), '--yes', '--json'], { cwd: work, env: server.env() });
      expect(result.code, result.stderr.slice(-3000)).toBe(0);
      const printed = JSON.parse(result.stdout) as { status: string; value: { outcome: { ok: boolean; summary: string }; approved: number } };
      expect(printed.status).toBe('completed');
      expect(printed.value.outcome).toEqual({ ok: true, summary: `builds, ${summary.tests}/${summary.tests} tests` });
      expect(printed.value.approved).toBe(12);
      for (const rel of files(join(project, 'golden/src'), '.rs')) expect(read(join(out, 'src', rel)), rel).toBe(read(join(project, 'golden/src', rel)));
    } finally {
      await server.close();
    }
  });
});
