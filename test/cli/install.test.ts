/**
 * The packed package works outside this repository: `npm pack`, laid out as `npm install -g --prefix` lays it
 * out, then `migrate-kit` run from an unrelated directory. The registry is not reached: the package's
 * production dependencies are linked in from this checkout's node_modules (what `npm ls --omit=dev` lists).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let installed: string;
let bin: string;

beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'mk-install-'));
  // dist/ is built by `npm test` before the suite runs, so the pack needs no prepare script.
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
  installed = join(work, 'prefix', 'lib', 'node_modules', 'migrate-kit');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', join(work, tarball), '-C', installed, '--strip-components=1']);
  const production = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const path of production) {
    const rel = relative(join(ROOT, 'node_modules'), path);
    if (rel.startsWith('..') || rel === '' || rel.includes(`${'node_modules'}`)) continue; // the package itself, or nested under another
    const target = join(installed, 'node_modules', rel);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(path, target);
  }
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  bin = join(installed, pkg.bin['migrate-kit']!);
}, 120_000);

function migrateKit(args: string[], cwd: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ANTHROPIC_API_KEY: '', MIGRATE_STATE_DIR: '' }, timeout: 60_000 });
}

describe('installed from the packed package', () => {
  it('has a migrate-kit command beside migrate', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ migrate: 'dist/cli/bin.js', 'migrate-kit': 'dist/cli/bin.js' });
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('plans a zig-to-rust port from an unrelated directory, with the recipes, prompts, prices and grammars of the package', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'mk-elsewhere-'));
    cpSync(join(ROOT, 'fixtures', 'zig-to-rust', 'calc', 'src'), join(elsewhere, 'calc'), { recursive: true });
    const version = migrateKit(['--version'], elsewhere);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const plan = migrateKit(['zig-to-rust', 'calc', '--dry-run', '--sandbox', 'off'], elsewhere);
    expect(plan.stderr).toMatch(/Plan: zig-to-rust/);
    expect(plan.stderr).toMatch(/files\s+5 .zig files/);
    expect(plan.stderr).toMatch(/\$\d/); // priced from the package's price table
    expect(plan.status).toBe(0);
    expect(existsSync(join(elsewhere, '.migrate'))).toBe(false);
    const list = migrateKit(['recipe', 'list'], elsewhere);
    expect(list.stdout).toMatch(/zig-to-rust/);
    expect(list.stdout).toMatch(/audit/);
  });
});
