// Scale: the zig-to-rust recipe on a generated N-file Zig project with a scripted model, real cargo and faults.
//
//   npm run build && node bench/scale.mjs [--files 1300] [--seed 1] [--latency-ms 100] [--fault-rate 0.08]
//                                         [--concurrency 16] [--keep DIR] [--no-resume] [--json]
//   npm run bench -- scale [flags]
//
// Needs the compiled package (dist/) and cargo. Steps:
//   1. bench/lib/scale-project.mjs writes a project of --files Zig files with its golden crate, field-map answers
//      and faults at --fault-rate (split evenly: does not compile; a signature change that breaks every importer;
//      a failing test; a port the behaviour reviewer rejects), chosen with a PRNG seeded by --seed.
//   2. The fake Messages API on 127.0.0.1 answers with ZigToRustGoldenModel (migrate-kit/testing) over that
//      project; each answer waits --latency-ms × the step's weight (port 1, repair/revise 0.8, review 0.5,
//      fix 0.5, map fields 0.4) × a factor in [0.5, 1.5) drawn per task label (seeded: the same on every run).
//      A porter's repair of its own compile errors (the port phase's `cargo check`) gets the faulty port again, so
//      no-compile faults reach the fix loop; --port-repairs lets the golden model fix them there instead.
//   3. `migrate zig-to-rust <dir>/src --dry-run` (the plan), then the real run through the CLI (--yes, no agent cap
//      or budget in the way), then `migrate resume <runId>` of the finished run (every call replayed).
// Figures (definitions in README.md, "Benchmarks", "scale"): plan time; agents by phase; requests and tokens;
// port-phase makespan / lower bound; fix rounds and fixers per round; peak RSS of the migrate process; journal
// size; resume time. The CLI runs in a child process with bench/lib/scale-rss-hook.mjs preloaded (peak RSS).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './lib/prng.mjs';
import { watchCargo } from './lib/scale-cargo-watch.mjs';
import { DEFAULT_FAULT_RATE, DEFAULT_FILES, FAULT_KINDS, writeScaleProject } from './lib/scale-project.mjs';

const distTesting = new URL('../dist/testing/index.js', import.meta.url);
const BIN = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const HOOK = fileURLToPath(new URL('./lib/scale-rss-hook.mjs', import.meta.url));
if (!existsSync(distTesting) || !existsSync(BIN)) {
  console.error('bench/scale.mjs needs the compiled package, and dist/ is missing or incomplete.\nRun `npm run build` first, then run this benchmark again.');
  process.exit(2);
}
const { startFakeAnthropicServer, ZigToRustGoldenModel, parseTaskHeader } = await import(distTesting.href);

const USAGE = 'Usage: node bench/scale.mjs [--files 1300] [--seed 1] [--latency-ms 100] [--fault-rate 0.08] [--concurrency 16] [--port-repairs] [--keep DIR] [--no-resume] [--json]';
/** Latency of each step, relative to --latency-ms (a port). */
const STEP_WEIGHT = { 'map-fields': 0.4, port: 1, repair: 0.8, 'repair-edits': 0.8, 'repair-file': 0.8, revise: 0.8, 'revise-edits': 0.8, 'revise-file': 0.8, 'review-behaviour': 0.5, 'review-ownership': 0.5, 'fix-build': 0.5, 'fix-test': 0.5 };
const PORT_STEPS = new Set(['port', 'repair', 'repair-edits', 'repair-file', 'revise', 'revise-edits', 'revise-file', 'review-behaviour', 'review-ownership']);

function fail(message) {
  console.error(`bench/scale.mjs: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { files: DEFAULT_FILES, seed: 1, 'latency-ms': 100, 'fault-rate': DEFAULT_FAULT_RATE, concurrency: 16, keep: undefined, resume: true, json: false, portRepairs: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (arg === '--no-resume') o.resume = false;
    else if (arg === '--port-repairs') o.portRepairs = true;
    else if (arg === '--json') o.json = true;
    else {
      const [name, inline] = arg.replace(/^--/, '').split('=');
      if (!arg.startsWith('--') || !(name in o)) fail(`Unknown argument "${arg}". ${USAGE}`);
      const raw = inline ?? argv[++i];
      if (raw === undefined) fail(`--${name} needs a value. ${USAGE}`);
      if (name === 'keep') o.keep = raw;
      else {
        const value = Number(raw);
        if (!Number.isFinite(value) || value < 0) fail(`--${name} expects a number; got "${raw}".`);
        if (name === 'fault-rate' && value > 1) fail('--fault-rate is a share of files, 0 to 1.');
        if ((name === 'files' || name === 'concurrency') && (!Number.isInteger(value) || value < 1)) fail(`--${name} expects a whole number of at least 1.`);
        o[name] = value;
      }
    }
  }
  return o;
}

/** FNV-1a of a string: the per-task seed of its latency factor. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function firstUserText(body) {
  const first = Array.isArray(body.messages) ? body.messages[0]?.content : undefined;
  if (typeof first === 'string') return first;
  return Array.isArray(first) ? first.filter((b) => b?.type === 'text').map((b) => b.text).join('\n') : '';
}

/** Runs the built CLI; stderr lines are timestamped (ms since spawn) as they arrive. */
function runCli(args, { env, cwd, rssFile }) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', HOOK, BIN, ...args], { cwd, env: { ...process.env, ...env, ...(rssFile ? { SCALE_RSS_FILE: rssFile } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let partial = '';
  const lines = [];
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    const at = performance.now() - started;
    const text = partial + d.toString();
    const parts = text.split('\n');
    partial = parts.pop();
    for (const line of parts) lines.push({ at, line });
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      if (partial !== '') lines.push({ at: performance.now() - started, line: partial });
      resolve({ code, stdout, lines, ms: performance.now() - started });
    }),
  );
}

/** The time (ms since spawn) of the first stderr line matching `re`. */
const lineAt = (lines, re) => lines.find((l) => re.test(l.line))?.at;

function dirBytes(dir) {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    n += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return n;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const k = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : String(n));

/**
 * The port phase's lower bound from the requests it made, with each request's simulated latency as its cost:
 * max(critical path, total work / slots). A file's own chain is its port and gate repairs (`pre`), then per review
 * round the longer of its reviews plus its revision (`post`). The recipe starts a file's port once the files it
 * imports have a gated port, so the critical path is the longest path through the import graph of `pre` links
 * ending in a file's whole chain. `free` is the same bound without those waits.
 */
function portBound(requests, slots, edges) {
  const pre = new Map();
  const post = new Map();
  const reviews = new Map();
  let work = 0;
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const r of requests) {
    work += r.delay;
    if (r.step.startsWith('review-')) {
      const key = `${r.file}\u0000${r.round ?? 0}`;
      reviews.set(key, Math.max(reviews.get(key) ?? 0, r.delay));
    } else if ((r.step === 'port' || r.step.startsWith('repair')) && !/revision \d+/.test(r.task)) add(pre, r.file, r.delay);
    else add(post, r.file, r.delay);
  }
  for (const [key, ms] of reviews) add(post, key.split('\u0000')[0], ms);
  const files = new Set([...pre.keys(), ...post.keys()]);
  const ready = new Map();
  const readyOf = (file, seen = new Set()) => {
    if (ready.has(file)) return ready.get(file);
    if (seen.has(file)) return 0;
    seen.add(file);
    let at = 0;
    for (const dep of edges[file] ?? []) if (files.has(dep)) at = Math.max(at, readyOf(dep, seen) + (pre.get(dep) ?? 0));
    ready.set(file, at);
    return at;
  };
  let critical = 0;
  let longestFile = 0;
  for (const file of files) {
    const own = (pre.get(file) ?? 0) + (post.get(file) ?? 0);
    longestFile = Math.max(longestFile, own);
    critical = Math.max(critical, readyOf(file) + own);
  }
  return { bound: Math.max(critical, work / slots), critical, free: Math.max(longestFile, work / slots), longestFile, work, perSlot: work / slots };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const work = o.keep ?? mkdtempSync(join(tmpdir(), 'mk-bench-scale-'));
  mkdirSync(work, { recursive: true });
  const project = join(work, 'scaleproj');
  const out = join(work, 'scaleproj-rs');
  const state = join(work, 'state');
  const target = join(work, 'target');
  for (const dir of [out, state]) rmSync(dir, { recursive: true, force: true });
  const log = (line) => !o.json && console.log(line);

  // 1. The project.
  let t = performance.now();
  const gen = writeScaleProject(project, { files: o.files, seed: o.seed, faultRate: o['fault-rate'] });
  const genMs = performance.now() - t;
  log(`scale: ${gen.files} Zig files, ${k(gen.zigLines)} lines, ${gen.tests} tests, ${gen.structFields} struct fields, ${gen.imports} imports (longest chain ${gen.depth} files); generated in ${s(genMs)} into ${project}`);
  log(`faults (rate ${o['fault-rate']}, seed ${o.seed}): ${FAULT_KINDS.map((kind) => `${kind} ${gen.faults[kind].length}`).join(', ')}; files importing a cascade fault: ${gen.cascadeDependents}`);

  // 2. The scripted model behind the fake server, with latencies and a request log of our own.
  const model = new ZigToRustGoldenModel(project);
  const golden = model.forFakeServer();
  const requests = [];
  let errors = 0;
  let phase = 'run';
  const answer = (req) => {
    const text = firstUserText(req.body);
    const head = parseTaskHeader(text);
    const retry = Array.isArray(req.body.messages) && req.body.messages.length > 1;
    const step = head?.step ?? 'unknown';
    const factor = 0.5 + prng(hash(`${o.seed}\u0000${head?.task ?? text.slice(0, 200)}\u0000${retry}`))();
    const delay = Math.round(o['latency-ms'] * (STEP_WEIGHT[step] ?? 0.5) * factor);
    requests.push({ phase, step, task: head?.task ?? '', file: head?.file ?? '', round: head?.round, retry, arrival: performance.now(), delay });
    // A porter that cannot repair its own compile errors (unless --port-repairs): the port-phase `cargo check`
    // repair gets the faulty port again, so the fault reaches the fix loop, where the fixer repairs it.
    if (!o.portRepairs && step.startsWith('repair') && (/^Reason: compile$/m.test(text) || /\bcompile\b/.test(head.task))) {
      const rel = (head.output ?? '').replace(/^src\//, '').replace(/\.rs$/, '');
      const faulty = join(project, 'faults', `${rel}.no-compile.rs`);
      // Edit answers (repair, repair-edits) change nothing; a whole-file answer (repair-file) is the faulty port.
      if (existsSync(faulty)) return { json: step.endsWith('-file') ? { rust_source: readFileSync(faulty, 'utf8'), todos: [], confidence: 0.5 } : { edits: [] }, delayMs: delay };
    }
    try {
      return { ...golden(req), delayMs: delay };
    } catch (error) {
      errors++;
      return { status: 500, error: { type: 'api_error', message: `scale bench: the golden model could not answer: ${error.message}` } };
    }
  };
  const server = await startFakeAnthropicServer({ answer });
  // The server keeps every request body; fold finished ones into totals so the bench itself stays small.
  const usage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, requests: 0 };
  const fold = () => {
    const keep = [];
    for (const entry of server.requests) {
      if (entry.path !== '/v1/messages' || entry.endedAt === 0) {
        if (entry.endedAt === 0) keep.push(entry);
        continue;
      }
      usage.requests++;
      usage.input += entry.usage?.input_tokens ?? 0;
      usage.output += entry.usage?.output_tokens ?? 0;
      usage.cacheRead += entry.usage?.cache_read_input_tokens ?? 0;
      usage.cacheWrite += entry.usage?.cache_creation_input_tokens ?? 0;
    }
    server.requests.length = 0;
    server.requests.push(...keep);
  };
  const folding = setInterval(fold, 2000);
  const env = { ...server.env(), MIGRATE_STATE_DIR: '' };
  const input = join(project, 'src');
  const common = ['--out', out, '--target-dir', target, '--state-dir', state, '--concurrency', String(o.concurrency), '--max-agents', '1000000', '--budget', '1000000'];

  try {
    // 3. The plan.
    const plan = await runCli(['zig-to-rust', input, ...common, '--dry-run'], { env, cwd: work });
    if (plan.code !== 0) throw new Error(`the plan (--dry-run) exited ${plan.code}:\n${plan.lines.map((l) => l.line).join('\n').slice(-3000)}`);
    const baseline = await runCli(['--help'], { env, cwd: work });
    log(`plan: ${s(plan.ms)} wall for \`migrate zig-to-rust --dry-run\` (node start-up and --help alone: ${s(baseline.ms)})`);

    // 4. The run.
    const rssFile = join(work, 'rss-run.json');
    const cargo = watchCargo(work);
    const runStarted = performance.now();
    const run = await runCli(['zig-to-rust', input, ...common, '--yes', '--json'], { env, cwd: work, rssFile });
    fold();
    cargo.stop();
    const runRequests = requests.filter((r) => r.phase === 'run');
    let result;
    try {
      result = JSON.parse(run.stdout);
    } catch {
      throw new Error(`the run printed no JSON result (exit ${run.code}):\n${run.lines.map((l) => l.line).join('\n').slice(-4000)}`);
    }
    const runId = result.id ?? result.runId ?? readdirSync(join(state, 'runs'))[0];
    const runDir = join(state, 'runs', runId);
    const info = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    const report = existsSync(join(out, 'report.json')) ? JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) : undefined;
    const journalText = readFileSync(join(runDir, 'journal.jsonl'), 'utf8');
    const journal = journalText.split('\n').filter((l) => l.endsWith('}')).map((l) => JSON.parse(l));
    const agentsByPhase = {};
    for (const e of journal) if (e.type === 'start') agentsByPhase[e.phase ?? '?'] = (agentsByPhase[e.phase ?? '?'] ?? 0) + 1;
    const rss = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : undefined;

    // Phase windows from the progress lines (▸ <phase> … ▸ <phase> done).
    const phaseMs = (name) => {
      const start = lineAt(run.lines, new RegExp(`^▸ ${name}$`));
      const end = lineAt(run.lines, new RegExp(`^▸ ${name} (done|failed)`));
      return start !== undefined && end !== undefined ? { start, end, ms: end - start } : undefined;
    };
    const phases = { map: phaseMs('map fields'), port: phaseMs('port'), fix: phaseMs('fix loop') };
    const portRequests = runRequests.filter((r) => PORT_STEPS.has(r.step));
    // cargo processes per phase window (their start, relative to the run's spawn).
    const cargoRuns = cargo.list().map((c) => ({ ...c, at: c.first - runStarted }));
    const cargoIn = (p) => {
      const list = p === undefined ? [] : cargoRuns.filter((c) => c.at >= p.start && c.at < p.end);
      return { runs: list.length, ms: Math.round(list.reduce((n, c) => n + c.ms, 0)), commands: [...new Set(list.map((c) => c.command.replace(/ --message-format=json/, '')))] };
    };
    const edges = JSON.parse(readFileSync(join(project, 'scale.json'), 'utf8')).edges;
    const bound = portBound(portRequests, o.concurrency, edges);
    const makespan = phases.port?.ms;

    // Fix rounds: fixers per (loop, round), from the task labels.
    const rounds = new Map();
    for (const r of runRequests) {
      if (r.retry || (r.step !== 'fix-build' && r.step !== 'fix-test')) continue;
      const m = /\((test )?round (\d+)\)$/.exec(r.task);
      const loop = r.step === 'fix-test' || m?.[1] !== undefined ? 'test' : 'build';
      const key = `${loop} ${m?.[2] ?? '?'}`;
      rounds.set(key, (rounds.get(key) ?? 0) + 1);
    }
    const roundList = (loop) => [...rounds.entries()].filter(([key]) => key.startsWith(loop)).map(([key, n]) => `r${key.split(' ')[1]}: ${n}`);

    const figures = {
      files: gen.files,
      zigLines: gen.zigLines,
      tests: gen.tests,
      faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, gen.faults[kind].length])),
      cascadeDependents: gen.cascadeDependents,
      latencyMs: o['latency-ms'],
      concurrency: o.concurrency,
      planMs: Math.round(plan.ms),
      startupMs: Math.round(baseline.ms),
      runMs: Math.round(run.ms),
      exit: run.code,
      status: info.status,
      outcome: info.outcome ?? report?.outcome,
      agentsByPhase,
      agents: info.totals?.agents,
      requests: usage.requests,
      schemaRetries: runRequests.filter((r) => r.retry).length,
      modelErrors: errors,
      tokens: { input: info.totals?.inputTokens, output: info.totals?.outputTokens, cacheRead: info.totals?.cacheReadTokens, cacheWrite: info.totals?.cacheWriteTokens },
      costUsd: info.totals?.costUsd,
      phaseMs: Object.fromEntries(Object.entries(phases).map(([name, p]) => [name, p ? Math.round(p.ms) : undefined])),
      port: {
        makespanMs: makespan === undefined ? undefined : Math.round(makespan),
        boundMs: Math.round(bound.bound),
        criticalPathMs: Math.round(bound.critical),
        workPerSlotMs: Math.round(bound.perSlot),
        ratio: makespan === undefined ? undefined : makespan / bound.bound,
        freeBoundMs: Math.round(bound.free),
        freeRatio: makespan === undefined ? undefined : makespan / bound.free,
        requests: portRequests.length,
      },
      build: report?.build,
      tests: report?.tests,
      fixersPerRound: Object.fromEntries(rounds),
      cargo: { port: cargoIn(phases.port), fix: cargoIn(phases.fix), all: cargoRuns.length },
      peakRssMb: rss ? rss.maxRssKb / 1024 : undefined,
      cpuSeconds: rss ? (rss.userMs + rss.systemMs) / 1000 : undefined,
      journal: { bytes: Buffer.byteLength(journalText), records: journal.length, transcriptsBytes: dirBytes(join(runDir, 'transcripts')) },
      approved: report?.totals?.approved,
      unapproved: report?.totals?.unapproved,
      failed: report?.totals?.failed,
    };

    // 5. Resume the finished run: every call is replayed from the journal.
    if (o.resume) {
      phase = 'resume';
      const before = requests.length;
      const rssResume = join(work, 'rss-resume.json');
      const cargoResume = watchCargo(work);
      const resumeStarted = performance.now();
      const resume = await runCli(['resume', runId, '--state-dir', state, '--yes', '--json'], { env, cwd: work, rssFile: rssResume });
      fold();
      cargoResume.stop();
      const resumeCargo = cargoResume.list().map((c) => ({ ...c, at: c.first - resumeStarted }));
      let resumed;
      try {
        resumed = JSON.parse(resume.stdout);
      } catch {
        resumed = undefined;
      }
      const fixStart = lineAt(resume.lines, /^▸ fix loop$/);
      figures.resume = {
        ms: Math.round(resume.ms),
        exit: resume.code,
        status: resumed?.status,
        requests: requests.length - before,
        untilFixLoopMs: fixStart === undefined ? undefined : Math.round(fixStart),
        cargoRuns: resumeCargo.length,
        cargoMs: Math.round(resumeCargo.reduce((n, c) => n + c.ms, 0)),
        cargoBeforeFixLoopMs: Math.round(resumeCargo.filter((c) => fixStart === undefined || c.at < fixStart).reduce((n, c) => n + c.ms, 0)),
        peakRssMb: existsSync(rssResume) ? JSON.parse(readFileSync(rssResume, 'utf8')).maxRssKb / 1024 : undefined,
        sameOutcome: JSON.stringify(resumed?.value?.outcome) === JSON.stringify(figures.outcome),
      };
    }

    if (o.json) {
      console.log(JSON.stringify(figures, null, 2));
      return;
    }
    const rows = [
      ['run', `${s(figures.runMs)} wall, exit ${figures.exit}, status ${figures.status}; outcome ${figures.outcome?.ok ? 'ok' : 'NOT ok'}: ${figures.outcome?.summary ?? '?'}`],
      ['files', `${figures.approved ?? '?'} approved, ${figures.unapproved ?? '?'} unapproved, ${figures.failed ?? '?'} failed`],
      ['agents by phase', `${Object.entries(agentsByPhase).map(([p, n]) => `${p} ${n}`).join(', ')} (total ${figures.agents})`],
      ['requests', `${figures.requests} (${figures.schemaRetries} schema retries, ${figures.modelErrors} the model could not answer)`],
      ['tokens', `in ${k(figures.tokens.input ?? 0)}, out ${k(figures.tokens.output ?? 0)}, cache read ${k(figures.tokens.cacheRead ?? 0)}, cache write ${k(figures.tokens.cacheWrite ?? 0)}; $${(figures.costUsd ?? 0).toFixed(2)} at list prices`],
      ['phases', Object.entries(figures.phaseMs).map(([p, ms]) => `${p} ${ms === undefined ? '?' : s(ms)}`).join(', ')],
      ['port makespan / bound', figures.port.ratio === undefined ? '?' : `${figures.port.ratio.toFixed(3)} (${s(figures.port.makespanMs)} / ${s(figures.port.boundMs)}: critical path through the imports ${s(figures.port.criticalPathMs)}, work per slot ${s(figures.port.workPerSlotMs)}; ${figures.port.requests} requests); without import waits ${figures.port.freeRatio.toFixed(3)} (bound ${s(figures.port.freeBoundMs)})`],
      ['cargo (seen in /proc)', `port phase ${figures.cargo.port.runs} run(s), ${s(figures.cargo.port.ms)} (${figures.cargo.port.commands.join('; ') || '-'}); fix loop ${figures.cargo.fix.runs} run(s), ${s(figures.cargo.fix.ms)} (${figures.cargo.fix.commands.join('; ') || '-'})`],
      ['build loop', figures.build ? `${figures.build.rounds} fix round(s), stopped ${figures.build.stoppedBy}; fixers per round ${roundList('build').join(', ') || 'none'}` : 'not run'],
      ['test loop', figures.tests ? `${figures.tests.rounds} fix round(s), stopped ${figures.tests.stoppedBy}, ${figures.tests.passed}/${figures.tests.total} passed; fixers per round ${roundList('test').join(', ') || 'none'}` : 'not run'],
      ['peak RSS (migrate process)', figures.peakRssMb === undefined ? '?' : `${figures.peakRssMb.toFixed(0)} MB (CPU ${figures.cpuSeconds.toFixed(1)} s)`],
      ['journal', `${mb(figures.journal.bytes)}, ${figures.journal.records} records; transcripts ${mb(figures.journal.transcriptsBytes)}`],
    ];
    if (figures.resume) {
      const r = figures.resume;
      rows.push(['resume (replay) of the finished run', `${s(r.ms)} wall, exit ${r.exit}, ${r.requests} requests, same outcome: ${r.sameOutcome}; to the fix loop ${r.untilFixLoopMs === undefined ? '?' : s(r.untilFixLoopMs)}, of which cargo ${s(r.cargoBeforeFixLoopMs)} (${r.cargoRuns} cargo runs in all, ${s(r.cargoMs)})`]);
    }
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log('');
    for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  } finally {
    clearInterval(folding);
    await server.close();
    if (o.keep === undefined) rmSync(work, { recursive: true, force: true });
    else log(`\nkept: ${work}`);
  }
}

await main();
