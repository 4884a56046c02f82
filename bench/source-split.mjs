// Source layer benchmark: the streaming split of a Zig tree (speed, overhead against bare parsing, memory).
//
//   npm run build && node bench/source-split.mjs            # generated corpus: 4,000 files, ~1.1M lines
//   node bench/source-split.mjs path/to/zig/tree            # any Zig tree
//   options: --dist <dir> (compiled sources, default ./dist), --files N, --lines N (generated corpus)
//
// Prints lines/s and MB/s with the main thread, 1 and 2 worker threads; extraction overhead against
// bare tree-sitter parsing of the same bytes; time to first item; peak RSS in each quarter of the
// run, and on a corpus three times larger (it must not grow with the corpus). Every measurement
// runs in a fresh process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus } from './lib/source-corpus.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dist = resolve(process.env['MIGRATE_BENCH_DIST'] ?? option('--dist', join(here, '..', 'dist')));

async function load(module) {
  return import(pathToFileURL(join(dist, 'source', module)).href);
}

function zigFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !['zig-cache', '.zig-cache', 'zig-out', '.git'].includes(entry.name)) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.zig')) out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

// ---- child measurements (one per process) ----

async function childSplit(root, workers) {
  const { split } = await load('split.js');
  const total = zigFiles(root).length;
  // Peak RSS (whole process, all threads) within each quarter of the run.
  const quarters = [0, 0, 0, 0];
  let done = 0;
  const sample = () => {
    const q = Math.min(3, Math.floor((done / total) * 4));
    quarters[q] = Math.max(quarters[q], process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 20);
  const start = performance.now();
  let first = 0;
  let lines = 0;
  let bytes = 0;
  const stream = split(root, { workers });
  for await (const item of stream) {
    if (first === 0) first = performance.now() - start;
    lines += item.lines;
    bytes += item.bytes;
    done++;
  }
  const ms = performance.now() - start;
  clearInterval(timer);
  sample();
  const quartersMb = quarters.map((q) => q / 1e6);
  return { ms, first, lines, bytes, files: stream.stats.items, mode: stream.stats.mode, threads: stream.stats.threads, peakMb: Math.max(...quartersMb), quartersMb };
}

async function childOverhead(root) {
  // Same bytes, same thread, interleaved per file so machine noise hits both sides alike.
  const { parseText } = await load('tree-sitter.js');
  const { parseZig } = await load('zig-parser.js');
  const { buildWorkItem } = await load('work-item.js');
  const tick = () => new Promise((r) => setImmediate(r));
  let bare = 0;
  let extract = 0;
  let item = 0;
  let since = 0;
  for (const path of zigFiles(root)) {
    const bytes = readFileSync(path);
    const text = bytes.toString('utf8');
    let t = performance.now();
    parseText('zig', text);
    bare += performance.now() - t;
    t = performance.now();
    parseZig(text);
    extract += performance.now() - t;
    t = performance.now();
    buildWorkItem(root, relative(root, path), bytes);
    item += performance.now() - t;
    since += bytes.length;
    if (since > 4e6) {
      since = 0;
      await tick(); // lets node-tree-sitter free the trees
    }
  }
  return { bare, extract, item };
}

async function child() {
  const [kind, root] = args.slice(1);
  const result = kind === 'overhead' ? await childOverhead(root) : await childSplit(root, Number(kind));
  process.stdout.write(JSON.stringify(result));
}

// ---- parent ----

function run(...childArgs) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', ...childArgs], {
    encoding: 'utf8',
    env: { ...process.env, MIGRATE_BENCH_DIST: dist },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out);
}

function main() {
  if (!existsSync(join(dist, 'source', 'split.js'))) {
    console.error(`Expected the compiled source layer at ${join(dist, 'source')}, but it is not there. Run \`npm run build\` first (or pass --dist <dir>).`);
    process.exit(2);
  }
  const given = args.find((a, i) => !a.startsWith('--') && !['--dist', '--files', '--lines'].includes(args[i - 1] ?? ''));
  let root = given === undefined ? undefined : resolve(given);
  let temp;
  let bigger;
  if (root === undefined) {
    temp = mkdtempSync(join(tmpdir(), 'migrate-bench-'));
    root = temp;
    const made = generateCorpus(root, { files: Number(option('--files', 4000)), lines: Number(option('--lines', 1_000_000)) });
    console.log(`corpus: generated ${made.files} files, ${made.lines} lines, ${(made.bytes / 1e6).toFixed(1)} MB in ${root}`);
  } else console.log(`corpus: ${root}`);
  try {
    const rows = [];
    for (const workers of [0, 1, 2]) {
      const best = [run(String(workers), root), run(String(workers), root)].sort((a, b) => a.ms - b.ms)[0];
      rows.push(best);
      const label = workers === 0 ? 'main thread' : `${workers} worker${workers > 1 ? 's' : ''}`;
      console.log(
        `split, ${label.padEnd(11)}: ${best.files} files ${Math.round(best.lines / (best.ms / 1000)).toLocaleString('en')} lines/s, ${(best.bytes / 1e6 / (best.ms / 1000)).toFixed(2)} MB/s, first item ${best.first.toFixed(0)} ms, peak RSS ${best.peakMb.toFixed(0)} MB (${best.mode}, ${(best.ms / 1000).toFixed(1)} s)`,
      );
    }
    const overhead = run('overhead', root);
    console.log(
      `extraction overhead vs bare tree-sitter parse (same bytes, one thread): parse+extract ${(overhead.extract / overhead.bare).toFixed(3)}x, whole item (decode, sha256, imports, errors) ${(overhead.item / overhead.bare).toFixed(3)}x`,
    );
    // Memory must not grow with the corpus: items stream and trees are released.
    for (const [i, row] of rows.entries()) {
      const label = i === 0 ? 'main thread' : `${i} worker${i > 1 ? 's' : ''}`;
      console.log(`peak RSS by quarter of the run, ${label.padEnd(11)}: ${row.quartersMb.map((mb) => mb.toFixed(0)).join(', ')} MB`);
    }
    if (temp !== undefined) {
      bigger = mkdtempSync(join(tmpdir(), 'migrate-bench-3x-'));
      const made = generateCorpus(bigger, { files: 3 * Number(option('--files', 4000)), lines: 3 * Number(option('--lines', 1_000_000)), seed: 7 });
      for (const workers of [0, 2]) {
        const big = run(String(workers), bigger);
        const small = rows[workers];
        console.log(
          `peak RSS, ${workers === 0 ? 'main thread' : '2 workers  '}: ${small.files} files ${small.peakMb.toFixed(0)} MB, ${made.files} files (3x) ${big.peakMb.toFixed(0)} MB`,
        );
      }
    }
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
    if (bigger !== undefined) rmSync(bigger, { recursive: true, force: true });
  }
}

if (args[0] === '--child') await child();
else main();
