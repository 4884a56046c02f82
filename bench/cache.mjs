// Prompt-cache benchmark: 40 agents sharing a 10k-token prefix, with and without the first-sibling-goes-first rule.
//
//   npm run build && node bench/cache.mjs [--agents 40] [--prefix-tokens 10000] [--concurrency 16] [--latency-ms 80]
//   npm run bench -- cache [flags]
//
// Needs the compiled package: run `npm run build` first (it imports ../dist/).
//
// Each agent gets the same system prompt and one shared context block marked `cache: true` (the "porting guide",
// `--prefix-tokens` long in the fake's estimate of 4 characters per token), then its own short prompt. The
// runs go through the real SDK to the fake Messages API on 127.0.0.1, which computes cache usage from the
// requests' cache_control breakpoints (first use writes, a use within the TTL reads; an entry exists once
// the writing request's answer is sent) and answers after `--latency-ms`.
//
//   with rule:    siblings with the same cold prefix wait for the first one's answer, then read the cache.
//   without rule: every sibling in flight at once writes the prefix (cacheWarmup: false).
//   no cache:     the same context without cache markers (for reference).
//
// Input cost = uncached input + cache writes + cache reads, priced from the shipped table (claude-sonnet-5-5:
// input 2, write 5m 2.50, read 0.20 USD per million). Target: input cost at least 3x lower with the rule.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const distIndex = new URL('../dist/index.js', import.meta.url);
const distTesting = new URL('../dist/testing/index.js', import.meta.url);
if (!existsSync(distIndex) || !existsSync(distTesting)) {
  console.error('bench/cache.mjs needs the compiled package, and dist/ is missing or incomplete.\nRun `npm run build` first, then run this benchmark again.');
  process.exit(2);
}
const { startRun, AnthropicProvider } = await import(distIndex.href);
const { startFakeAnthropicServer } = await import(distTesting.href);

const TARGET_RATIO = 3;
const USAGE = 'Usage: node bench/cache.mjs [--agents 40] [--prefix-tokens 10000] [--concurrency 16] [--latency-ms 80]';

function fail(message) {
  console.error(`bench/cache.mjs: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { agents: 40, 'prefix-tokens': 10_000, concurrency: 16, 'latency-ms': 80 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const [name, inline] = arg.replace(/^--/, '').split('=');
    if (!arg.startsWith('--') || !(name in options)) fail(`Unknown argument "${arg}". ${USAGE}`);
    const value = Number(inline ?? argv[++i]);
    if (!Number.isInteger(value) || value < 1) fail(`--${name} expects a whole number of at least 1; got "${inline ?? argv[i]}".`);
    options[name] = value;
  }
  if (options.concurrency > 256) fail('--concurrency is at most 256.');
  return options;
}

const options = parseArgs(process.argv.slice(2));
const SYSTEM = 'You port Zig to Rust. Follow the porting guide exactly.';
// A guide of `prefix-tokens` tokens in the fake's estimate (system + guide = the cached prefix).
const GUIDE = `# Porting guide\n${'Zig slices become Rust slices; an allocator parameter becomes an owned value or a borrow. '.repeat(Math.ceil((options['prefix-tokens'] * 4) / 90))}`.slice(0, options['prefix-tokens'] * 4 - SYSTEM.length);

function recipe(cache) {
  return {
    name: 'cache-bench',
    description: 'agents sharing a cached prefix',
    run: (ctx) =>
      ctx.parallel(
        Array.from({ length: options.agents }, (_, i) => () =>
          ctx.agent(`Port src/file${i}.zig:\npub fn f${i}(a: []const u8) usize { return a.len; }`, {
            label: `port-${i}`,
            system: SYSTEM,
            context: [cache ? { text: GUIDE, cache: true } : GUIDE],
            maxTokens: 1024,
          }),
        ),
      ),
  };
}

async function measure(name, { cache, warmup }) {
  const server = await startFakeAnthropicServer({ answer: (req) => ({ text: `fn f() {} // ${req.lastUserText.length} chars`, delayMs: options['latency-ms'] }) });
  const stateDir = await mkdtemp(join(tmpdir(), 'mk-bench-cache-'));
  try {
    const provider = new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {} });
    const started = performance.now();
    const handle = await startRun({ recipe: recipe(cache), provider, stateDir, concurrency: options.concurrency, cacheWarmup: warmup });
    const result = await handle.done;
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'completed') fail(`the "${name}" run ended ${result.status}: ${result.error?.message ?? ''}`);
    const log = server.messageRequests();
    const failed = result.value.filter((o) => o.status !== 'ok').length;
    if (failed > 0) fail(`${failed} agent(s) failed in the "${name}" run.`);
    return {
      name,
      requests: log.length,
      writes: log.filter((r) => (r.usage?.cache_creation_input_tokens ?? 0) > 0).length,
      reads: log.filter((r) => (r.usage?.cache_read_input_tokens ?? 0) > 0).length,
      writeTokens: result.totals.cacheWriteTokens,
      readTokens: result.totals.cacheReadTokens,
      inputTokens: result.totals.inputTokens,
      inputUsd: result.cost.inputUsd + result.cost.cacheWriteUsd + result.cost.cacheReadUsd,
      totalUsd: result.totals.costUsd,
      seconds,
    };
  } finally {
    await server.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  rows.forEach((row, i) => {
    console.log(row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

console.log(`Prompt cache: ${options.agents} agents, a shared prefix of ${options['prefix-tokens']} tokens, ${options.concurrency} slots, ${options['latency-ms']} ms per answer (fake server, real SDK)\n`);
await measure('warm-up (not shown)', { cache: true, warmup: true }); // JIT and SDK start-up would skew the first run's time
const withRule = await measure('with rule', { cache: true, warmup: true });
const withoutRule = await measure('without rule', { cache: true, warmup: false });
const noCache = await measure('no cache markers', { cache: false, warmup: true });
table([
  ['run', 'requests', 'cache writes', 'cache reads', 'write tok', 'read tok', 'input tok', 'input $', 'total $', 'wall s'],
  ...[withRule, withoutRule, noCache].map((r) => [r.name, r.requests, r.writes, r.reads, r.writeTokens, r.readTokens, r.inputTokens, r.inputUsd.toFixed(4), r.totalUsd.toFixed(4), r.seconds.toFixed(2)]),
]);
const ratio = withoutRule.inputUsd / withRule.inputUsd;
console.log(`\nInput cost without the rule / with it: ${ratio.toFixed(2)}x (target at least ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`);
console.log(`Input cost without cache markers / with the rule: ${(noCache.inputUsd / withRule.inputUsd).toFixed(2)}x`);
console.log(`Wall time cost of the rule: ${(withRule.seconds - withoutRule.seconds).toFixed(2)} s (the first sibling goes alone)`);
