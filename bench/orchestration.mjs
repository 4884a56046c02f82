// Orchestration benchmark: the workflow runtime's own overhead, with a scripted (simulated) model.
//
//   npm run build && node bench/orchestration.mjs [--calls 1000,10000]
//   npm run bench -- orchestration [--calls 1000,10000]
//
// Needs the compiled package: run `npm run build` first (it imports ../dist/).
//
// (a) Throughput: N agent calls with distinct prompts through ctx.parallel and the scheduler
//     (default 16 slots), zero-latency scripted provider, each one journaled (fsync'd, group
//     commit) with its transcript. calls/s = N / whole run (startRun → done, fsyncs included).
//     Checks the journal has N lines. Second figure: a resumed run that replays all N from the
//     journal (no model request). The first run in the process is cold (the JIT has not optimised
//     the runtime yet); it is printed as such, then three 1,000-call warm-up runs (not printed) come
//     before the measured ones, which show the steady state: the median of 3 runs for each N.
//     Target: at least 5,000 calls/s.
// (b) Makespan: 48 items × 3 stages, 8 slots, per-call latency simulated by the scripted
//     provider's delayMs (seeded PRNG; stage means 30/60/20 ms, ±60%). Lower bound =
//     max(longest item chain, total work / slots). Printed for ctx.pipeline (no barrier) and for
//     the same work with a barrier per stage (one ctx.parallel per stage, stage after stage).
//     Makespan is wall-clock time around the pipeline/stages inside the recipe. Target: pipeline
//     makespan / bound at most 1.10.
//     A third row runs the pipeline the way zig-to-rust ports now do (issue 13): each item imports up to
//     two earlier items (seeded) and its first stage starts only when theirs has finished (a port waits
//     for its imports' gated ports). Its bound is max(the dependency-aware critical path, total work /
//     slots), where the critical path is the latest finish with unlimited slots: an item starts when its
//     imports' first stages end and then runs its three stages.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prng } from './lib/prng.mjs';

const distIndex = new URL('../dist/index.js', import.meta.url);
if (!existsSync(distIndex) || !existsSync(new URL('../dist/testing/index.js', import.meta.url))) {
  console.error('bench/orchestration.mjs needs the compiled package, and dist/ is missing or incomplete.\nRun `npm run build` first, then run this benchmark again.');
  process.exit(2);
}
const { startRun } = await import(distIndex.href);
const { ScriptedProvider } = await import(new URL('../dist/testing/index.js', import.meta.url).href);

const THROUGHPUT_TARGET = 5000; // calls/s
const REPEATS = 3;
const RATIO_TARGET = 1.1;
const ITEMS = 48;
const SLOTS = 8;
const STAGE_MEANS_MS = [30, 60, 20];
const SPREAD = 0.6; // latency = mean × (1 ± SPREAD), uniform

function parseArgs(argv) {
  let calls = [1000, 10000];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--calls' || argv[i].startsWith('--calls=')) {
      const value = argv[i].includes('=') ? argv[i].split('=')[1] : argv[++i];
      calls = String(value ?? '').split(',').map(Number);
      if (calls.length === 0 || calls.some((n) => !Number.isInteger(n) || n < 1)) fail(`--calls expects whole numbers separated by commas, such as --calls 1000,10000; got "${value}".`);
    } else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('Usage: node bench/orchestration.mjs [--calls 1000,10000]');
      process.exit(0);
    } else fail(`Unknown argument "${argv[i]}". Usage: node bench/orchestration.mjs [--calls 1000,10000]`);
  }
  return { calls };
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** Runs a recipe to the end in `stateDir`; returns the result and the wall-clock seconds of the whole run. */
async function timedRun(options) {
  const t0 = performance.now();
  const handle = await startRun(options);
  const result = await handle.done;
  const seconds = (performance.now() - t0) / 1000;
  if (result.status !== 'completed') throw new Error(`The benchmark run ended "${result.status}": ${result.error?.message ?? 'no error'}`);
  return { result, seconds };
}

/** One fresh run of n journaled calls and one resume that replays them all; checks both. */
async function measure(n) {
  const stateDir = await mkdtemp(join(tmpdir(), 'migrate-bench-'));
  try {
    const recipe = {
      name: 'bench-throughput',
      description: 'N distinct agent calls in parallel',
      run: async (ctx) => {
        const outcomes = await ctx.parallel(Array.from({ length: n }, (_, i) => () => ctx.agent(`call ${i}`, { label: 'call' })));
        const failed = outcomes.filter((o) => o.status !== 'ok');
        if (failed.length > 0) throw new Error(`${failed.length} calls failed, first: ${failed[0].error.message}`);
      },
    };
    const provider = new ScriptedProvider(() => 'ok');
    const fresh = await timedRun({ recipe, provider, stateDir, maxAgents: n });
    // Each call journals three lines: its start, its paid answer and how it settled.
    const lines = (await readFile(join(fresh.result.dir, 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean).length;
    if (lines !== 3 * n || provider.calls.length !== n) throw new Error(`Expected ${3 * n} journal lines and ${n} model calls; got ${lines} lines, ${provider.calls.length} calls.`);
    const idle = new ScriptedProvider(() => {
      throw new Error('a resumed run must not call the model');
    });
    const resumed = await timedRun({ recipe, provider: idle, stateDir, maxAgents: n, resumeId: fresh.result.runId });
    if (resumed.result.totals.replayed !== n || idle.calls.length !== 0) throw new Error(`The resumed run replayed ${resumed.result.totals.replayed} of ${n} calls and sent ${idle.calls.length}.`);
    return { fresh: fresh.seconds, resumed: resumed.seconds };
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function throughput(counts) {
  const rows = [['calls', 'run', 'seconds', 'calls/s', `target ≥ ${THROUGHPUT_TARGET}/s`]];
  const rate = (n, s) => Math.round(n / s);
  const cold = await measure(1000);
  rows.push([1000, 'cold first run (journaled)', cold.fresh.toFixed(3), rate(1000, cold.fresh), '']);
  for (let i = 0; i < 3; i++) await measure(1000); // warm-up, not printed
  for (const n of counts) {
    const runs = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await measure(n));
    const fresh = median(runs.map((r) => r.fresh));
    const resumed = median(runs.map((r) => r.resumed));
    rows.push([n, 'fresh (journaled)', fresh.toFixed(3), rate(n, fresh), rate(n, fresh) >= THROUGHPUT_TARGET ? 'met' : 'MISSED']);
    rows.push([n, 'resumed (replayed)', resumed.toFixed(3), rate(n, resumed), '']);
  }
  console.log(`(a) Throughput: journaled agent calls per second, zero-latency scripted model, 16 slots (median of ${REPEATS} runs)\n`);
  table(rows);
}

async function makespan() {
  const rand = prng(20240601);
  const latency = Array.from({ length: ITEMS }, () => STAGE_MEANS_MS.map((mean) => Math.round(mean * (1 + SPREAD * (2 * rand() - 1)))));
  const longestChain = Math.max(...latency.map((stages) => stages.reduce((a, b) => a + b, 0)));
  const totalWork = latency.flat().reduce((a, b) => a + b, 0);
  const bound = Math.max(longestChain, totalWork / SLOTS);
  // The prompt names the item and stage; the script answers after that call's simulated latency.
  const prompt = (mode, item, stage) => `${mode} item ${item} stage ${stage}`;
  const provider = new ScriptedProvider((call) => {
    const [, item, stage] = /item (\d+) stage (\d+)/.exec(call.prompt).map(Number);
    return { text: 'ok', delayMs: latency[item][stage] };
  });
  // Dependencies: item i waits for up to two earlier items' first stage (like a port for its imports' gated ports).
  const deps = latency.map((_, i) => (i === 0 ? [] : [...new Set([Math.floor(rand() * i), ...(rand() < 0.5 ? [Math.floor(rand() * i)] : [])])]));
  const firstDone = [];
  let depChain = 0;
  latency.forEach((stages, i) => {
    const start = Math.max(0, ...deps[i].map((d) => firstDone[d]));
    firstDone[i] = start + stages[0];
    depChain = Math.max(depChain, start + stages.reduce((a, b) => a + b, 0));
  });
  const depBound = Math.max(depChain, totalWork / SLOTS);
  const modes = {
    'pipeline, items wait for their imports': async (ctx) => {
      const gated = latency.map(() => {
        let resolve;
        const promise = new Promise((r) => (resolve = r));
        return { promise, resolve };
      });
      const stage = (s) => (_prev, item) => ctx.agent(prompt('deps', item, s), { label: `stage${s}` });
      return ctx.pipeline(
        latency.map((_, i) => i),
        async (_prev, item) => {
          await Promise.all(deps[item].map((d) => gated[d].promise));
          const value = await stage(0)(_prev, item);
          gated[item].resolve();
          return value;
        },
        stage(1),
        stage(2),
      );
    },
    pipeline: async (ctx) => {
      const stage = (s) => (_prev, item) => ctx.agent(prompt('pipeline', item, s), { label: `stage${s}` });
      return ctx.pipeline(latency.map((_, i) => i), stage(0), stage(1), stage(2));
    },
    'barrier per stage': async (ctx) => {
      const all = [];
      for (let s = 0; s < STAGE_MEANS_MS.length; s++) all.push(...(await ctx.parallel(latency.map((_, i) => () => ctx.agent(prompt('barrier', i, s), { label: `stage${s}` })))));
      return all;
    },
  };
  const rows = [['mode', 'makespan ms', 'bound ms', 'ratio', `target ≤ ${RATIO_TARGET.toFixed(2)}`]];
  const stateDir = await mkdtemp(join(tmpdir(), 'migrate-bench-'));
  try {
    for (const [mode, work] of Object.entries(modes)) {
      let ms = 0;
      const recipe = {
        name: 'bench-makespan',
        description: `${ITEMS} items × 3 stages`,
        run: async (ctx) => {
          const t0 = performance.now();
          const outcomes = await work(ctx);
          ms = performance.now() - t0;
          if (outcomes.some((o) => o.status !== 'ok')) throw new Error(`a ${mode} call failed`);
        },
      };
      await timedRun({ recipe, provider, stateDir, concurrency: SLOTS });
      const own = mode.startsWith('pipeline, items wait') ? depBound : bound;
      const ratio = ms / own;
      rows.push([mode, ms.toFixed(0), own.toFixed(0), ratio.toFixed(3), mode.startsWith('pipeline') ? (ratio <= RATIO_TARGET ? 'met' : 'MISSED') : '']);
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
  console.log(`\n(b) Makespan: ${ITEMS} items × 3 stages (mean ${STAGE_MEANS_MS.join('/')} ms ±${SPREAD * 100}%), ${SLOTS} slots`);
  console.log(`    bound = max(longest item chain ${longestChain} ms, total work ${totalWork} ms / ${SLOTS} slots = ${(totalWork / SLOTS).toFixed(0)} ms)`);
  console.log(`    with imports: bound = max(dependency-aware critical path ${depChain} ms, ${(totalWork / SLOTS).toFixed(0)} ms)\n`);
  table(rows);
}

const { calls } = parseArgs(process.argv.slice(2));
await throughput(calls);
await makespan();
