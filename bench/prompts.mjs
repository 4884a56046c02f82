// Prompts benchmark: what the zig-to-rust recipe sends, per phase and per step, on the fixtures with the golden model.
//
//   npm run build && node bench/prompts.mjs [--before DIR]
//   npm run bench -- prompts [--before DIR]
//
// Runs the built CLI (`dist/cli/bin.js zig-to-rust <fixture>/src --yes`) of this checkout against the fake
// Messages API on 127.0.0.1, whose scripted model (the fixture's golden model, with its injected faults)
// answers every task, and sums the fake server's request log by step (the `Step:` line of each task):
// requests, uncached input, cache reads and writes, output tokens. With `--before DIR` (another checkout of
// migrate-kit, built, with its node_modules) it runs that one too, each with its own golden model, and
// prints the issue-13 targets:
//
//   review calls on files without pointer fields  (files whose ownership review this checkout skipped) ≥ 30% fewer
//   revise/repair output tokens                    ≥ 70% lower than the before checkout's (whole-file answers)
//   cache reads                                    ≥ 70% of all input tokens (this checkout)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = ['calc', 'minihttp'];
const MALFORMED = { calc: { step: 'port', file: 'token.zig' }, minihttp: { step: 'map-fields', file: 'http/header.zig' } };
const USAGE = 'Usage: node bench/prompts.mjs [--before DIR]';

function parseArgv(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--help' || argv[i] === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (argv[i] === '--before' && argv[i + 1]) options.before = resolve(argv[++i]);
    else {
      console.error(`bench/prompts.mjs: unknown argument "${argv[i]}". ${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

/** Runs the recipe of the checkout at `root` on one fixture; returns the request log and the report. */
async function measure(root, fixture) {
  const testing = join(root, 'dist', 'testing', 'index.js');
  const bin = join(root, 'dist', 'cli', 'bin.js');
  if (!existsSync(testing) || !existsSync(bin)) {
    console.error(`bench/prompts.mjs: ${root} has no dist/ (run npm ci or npm run build there first).`);
    process.exit(2);
  }
  const { startFakeAnthropicServer, ZigToRustGoldenModel } = await import(pathToFileURL(testing).href);
  const dir = join(root, 'fixtures', 'zig-to-rust', fixture);
  const answer = new ZigToRustGoldenModel(dir, { malformed: MALFORMED[fixture] }).forFakeServer();
  const server = await startFakeAnthropicServer({ answer });
  const work = await mkdtemp(join(tmpdir(), 'migrate-prompts-'));
  try {
    const out = join(work, 'out');
    const code = await new Promise((resolveCode) => {
      const child = spawn(process.execPath, [bin, 'zig-to-rust', join(dir, 'src'), '--out', out, '--yes', '--state-dir', join(work, 'state')], {
        cwd: work,
        env: { ...process.env, ...server.env(), MIGRATE_STATE_DIR: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (c) => {
        if (c !== 0) process.stderr.write(`(${fixture} in ${root} exited ${c})\n${stderr.slice(-2000)}\n`);
        resolveCode(c);
      });
    });
    const report = existsSync(join(out, 'report.json')) ? JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) : undefined;
    return { code, requests: server.messageRequests().map(describe), report };
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** A request's task (from the `Task:`/`Step:`/`File:`/`Angle:` lines) and usage. */
function describe(entry) {
  const first = entry.body.messages[0].content;
  const text = typeof first === 'string' ? first : first.map((b) => b.text ?? '').join('\n');
  const line = (name) => new RegExp(`^${name}: (.+)$`, 'm').exec(text)?.[1]?.trim();
  const u = entry.usage ?? {};
  return {
    step: line('Step') ?? '?',
    file: line('File') ?? '?',
    angle: line('Angle'),
    input: u.input_tokens ?? 0,
    cacheRead: u.cache_read_input_tokens ?? 0,
    cacheWrite: u.cache_creation_input_tokens ?? 0,
    output: u.output_tokens ?? 0,
  };
}

function byStep(requests) {
  const steps = new Map();
  for (const r of requests) {
    const key = r.step;
    const s = steps.get(key) ?? { requests: 0, input: 0, cacheRead: 0, cacheWrite: 0, output: 0 };
    s.requests++;
    s.input += r.input;
    s.cacheRead += r.cacheRead;
    s.cacheWrite += r.cacheWrite;
    s.output += r.output;
    steps.set(key, s);
  }
  return steps;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n');
}

function print(title, requests) {
  const steps = byStep(requests);
  const rows = [['step', 'requests', 'input', 'cache read', 'cache write', 'output']];
  const total = { requests: 0, input: 0, cacheRead: 0, cacheWrite: 0, output: 0 };
  for (const [step, s] of [...steps.entries()].sort()) {
    rows.push([step, s.requests, s.input, s.cacheRead, s.cacheWrite, s.output]);
    for (const k of Object.keys(total)) total[k] += s[k];
  }
  rows.push(['total', total.requests, total.input, total.cacheRead, total.cacheWrite, total.output]);
  console.log(`\n${title}\n${table(rows)}`);
  return total;
}

const cacheShare = (t) => t.cacheRead / Math.max(1, t.input + t.cacheRead + t.cacheWrite);
const revisionOutput = (requests) => requests.filter((r) => /^(revise|repair)/.test(r.step)).reduce((n, r) => n + r.output, 0);
const pct = (x) => `${(100 * x).toFixed(0)}%`;

const options = parseArgv(process.argv.slice(2));
const now = [];
const before = [];
const skippedOwnership = new Set();
for (const fixture of FIXTURES) {
  const run = await measure(HERE, fixture);
  now.push(...run.requests);
  for (const item of run.report?.items ?? []) {
    if ((item.reviewers ?? []).some((r) => r.angle === 'ownership' && r.verdict === 'skipped')) skippedOwnership.add(`${fixture}:${item.path}`);
  }
  run.requests.forEach((r) => (r.fixture = fixture));
  print(`${fixture}: this checkout (exit ${run.code}, ${run.report?.outcome?.summary ?? 'no outcome'})`, run.requests);
  if (options.before) {
    const old = await measure(options.before, fixture);
    old.requests.forEach((r) => (r.fixture = fixture));
    before.push(...old.requests);
    print(`${fixture}: ${options.before} (exit ${old.code})`, old.requests);
  }
}
const totalNow = print('both fixtures: this checkout', now);
console.log(`\ncache reads: ${pct(cacheShare(totalNow))} of input tokens (target ≥ 70%: ${cacheShare(totalNow) >= 0.7 ? 'met' : 'MISSED'})`);
if (options.before) {
  const totalBefore = print(`both fixtures: ${options.before}`, before);
  const reviewsOn = (requests) => requests.filter((r) => r.step.startsWith('review') && skippedOwnership.has(`${r.fixture}:${r.file}`)).length;
  const [rNow, rBefore] = [reviewsOn(now), reviewsOn(before)];
  const fewer = rBefore === 0 ? 0 : 1 - rNow / rBefore;
  console.log(`review calls on the ${skippedOwnership.size} files without pointer fields: ${rBefore} → ${rNow} (${pct(fewer)} fewer; target ≥ 30%: ${fewer >= 0.3 ? 'met' : 'MISSED'})`);
  const [oNow, oBefore] = [revisionOutput(now), revisionOutput(before)];
  const lower = oBefore === 0 ? 0 : 1 - oNow / oBefore;
  console.log(`revise/repair output tokens: ${oBefore} → ${oNow} (${pct(lower)} lower; target ≥ 70%: ${lower >= 0.7 ? 'met' : 'MISSED'})`);
  console.log(`cache reads before: ${pct(cacheShare(totalBefore))} of input tokens`);
}
