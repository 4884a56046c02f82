// Sandbox benchmark: what bubblewrap costs per `cargo test` on the fixture crates (ratio against unconfined).
//
//   npm run build && node bench/sandbox.mjs [--runs 7] [--crates calc,minihttp]
//   npm run bench -- sandbox [flags]
//
// Needs the compiled package (it imports ../dist/), cargo, and a bubblewrap that works here (`--sandbox
// required` would run); without one it says why and exits 2.
//
// For each golden crate of fixtures/zig-to-rust (calc: 23 tests, minihttp: 21), copied to a temporary
// directory: one warm-up `cargo test --offline --no-fail-fast` each way (so both measure an up-to-date
// build plus the test run, what a fix round's test step costs once its crate compiled), then `--runs`
// pairs, alternating the order, of
//
//   unconfined: cargo test through the process runner, this process's environment (`sandbox: false`)
//   sandboxed:  the same through the run's sandbox (bubblewrap, environment allow-list, CPU and memory limits)
//
// It prints the median wall time of each, the difference and the ratio per crate, the ratio over both, and
// the cost of starting one empty sandbox (`bwrap … /bin/true`) for reference.
import { existsSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const distIndex = new URL('../dist/index.js', import.meta.url);
if (!existsSync(distIndex)) {
  console.error('bench/sandbox.mjs needs the compiled package, and dist/ is missing.\nRun `npm run build` first, then run this benchmark again.');
  process.exit(2);
}
const { cargoTest, resolveSandbox } = await import(distIndex.href);
const { NodeProcessRunner } = await import(new URL('../dist/process/process-runner.js', import.meta.url).href);

const USAGE = 'Usage: node bench/sandbox.mjs [--runs 7] [--crates calc,minihttp]';
const options = { runs: 7, crates: ['calc', 'minihttp'] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [name, inline] = argv[i].replace(/^--/, '').split('=');
  const value = inline ?? argv[++i];
  if (name === 'runs' && /^\d+$/.test(value ?? '') && Number(value) >= 1) options.runs = Number(value);
  else if (name === 'crates' && value) options.crates = value.split(',');
  else {
    console.error(`bench/sandbox.mjs: unknown or bad argument "${argv[i]}". ${USAGE}`);
    process.exit(2);
  }
}

let sandbox;
try {
  sandbox = await resolveSandbox({ mode: 'required' });
} catch (error) {
  console.error(`bench/sandbox.mjs: ${error.message}`);
  process.exit(2);
}

const fixtures = fileURLToPath(new URL('../fixtures/zig-to-rust/', import.meta.url));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (n) => `${n.toFixed(0)} ms`;

async function timed(crate, sandboxed) {
  const started = performance.now();
  const result = await cargoTest(crate, { sandbox: sandboxed ? sandbox : false, noFailFast: true });
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Error(`cargo test failed in ${crate} (${sandboxed ? 'sandboxed' : 'unconfined'}): ${result.cargoErrors.join('; ') || `${result.totals.failed} failed`}`);
  return { elapsed, passed: result.totals.passed };
}

const work = mkdtempSync(join(tmpdir(), 'migrate-bench-sandbox-'));
const ratios = [];
try {
  // One empty sandbox, for reference: what bubblewrap adds to any command.
  const runner = sandbox.runner(new NodeProcessRunner(), { writable: [work] });
  const starts = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await runner.run('true', [], { cwd: work });
    starts.push(performance.now() - t);
  }
  const plain = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await new NodeProcessRunner().run('true', [], { cwd: work });
    plain.push(performance.now() - t);
  }
  console.log(`sandbox: ${sandbox.summary()}`);
  console.log(`empty command: unconfined ${ms(median(plain))}, sandboxed ${ms(median(starts))} (median of 10)\n`);
  console.log('crate      tests  unconfined  sandboxed  difference  ratio');
  for (const name of options.crates) {
    const src = join(fixtures, name, 'golden');
    if (!existsSync(src)) throw new Error(`no fixture crate ${src}`);
    const crate = join(work, name);
    cpSync(src, crate, { recursive: true });
    await timed(crate, false); // warm: compile everything
    await timed(crate, true);
    const a = [];
    const b = [];
    let passed = 0;
    for (let i = 0; i < options.runs; i++) {
      const order = i % 2 === 0 ? [false, true] : [true, false];
      for (const sandboxed of order) {
        const { elapsed, passed: p } = await timed(crate, sandboxed);
        (sandboxed ? b : a).push(elapsed);
        passed = p;
      }
    }
    const ua = median(a);
    const sb = median(b);
    ratios.push(sb / ua);
    console.log(`${name.padEnd(10)} ${String(passed).padStart(5)}  ${ms(ua).padStart(10)}  ${ms(sb).padStart(9)}  ${`+${ms(sb - ua)}`.padStart(10)}  ${(sb / ua).toFixed(2)}x`);
  }
  const overall = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
  console.log(`\nsandboxed / unconfined per cargo test (geometric mean over ${ratios.length} crate(s), median of ${options.runs} runs each): ${overall.toFixed(2)}x`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
