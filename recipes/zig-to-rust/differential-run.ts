/**
 * Differential checking, the runs: builds the Zig harness against a copy of the input tree (the user's own Zig,
 * outside the sandbox, like their `zig build test`) and the Rust harness in a copy of the crate in the work area
 * (`<out>/.migrate-kit/differential/crate`), compiled and run by cargo in the run's sandbox like every piece of
 * model-written code. A process that dies (a Zig safety panic, a crash, a timeout) is restarted from the next input,
 * so one trap never loses the rest; inputs that never got a record are counted as not run.
 */
import { execFile } from 'node:child_process';
import { access, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { cargoTest } from 'migrate-kit';
import type { RecipeContext } from 'migrate-kit';
import { parseRecords } from './differential-compare.js';
import { blobs, RUST_DATA_DIR, rustHarnessLines, ZIG_DATA_DIR, zigHarnessLines, type HarnessFn } from './differential-harness.js';

/** One Zig file's checkable functions and where its port lives. */
export interface DiffFile {
  /** The Zig file relative to the input root (posix). */
  zig: string;
  /** `crate::eval`: the port's module path. */
  module: string;
  fns: HarnessFn[];
}

/** Records per file: `records[f][i]` is the record of function `f` on input `i`, undefined when it never ran. */
export type SideRecords = Map<string, FileRecords> & { buildMs?: number; runMs?: number };

/** One file's records on one side, and why some or all did not run. */
interface FileRecords {
  records: Array<Array<string | undefined>>;
  error?: string;
}

/** Where the Zig compiler keeps its caches: under the system's temp directory, shared by runs. */
export const ZIG_CACHE = join(tmpdir(), 'migrate-kit-zig-cache');

const ZIG_BUILD_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 20_000;
const MAX_RESTARTS = 200;
const MAX_RUST_RESTARTS = 8;

interface ProcessOutcome {
  stdout: string;
  stderr: string;
  code: number | null;
  timedOut: boolean;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL', ...(signal !== undefined ? { signal } : {}) }, (error, stdout, stderr) => {
      if (error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error(`${cmd} could not be started (not found)`));
      if (error !== null && error.name === 'AbortError') return reject(error);
      const e = error as (Error & { code?: number | string; killed?: boolean; signal?: string }) | null;
      resolve({ stdout: String(stdout), stderr: String(stderr), code: e === null ? 0 : typeof e.code === 'number' ? e.code : null, timedOut: e !== null && e.killed === true && e.signal === 'SIGKILL' });
    });
  });
}

/**
 * Runs `attempt(start)` until every (fn, input) has a record: after a run that stopped early, the first input
 * without a record gets `trap:crash` (or `trap:timeout`) unless the run's last record was a trap it printed
 * itself, and the next run starts after it. Positions are `[fn, input]` in order over `counts`.
 */
export async function withRestarts(
  counts: readonly number[],
  attempt: (fn: number, input: number) => Promise<{ records: Map<string, string>; timedOut: boolean }>,
  maxRestarts: number,
): Promise<Array<Array<string | undefined>>> {
  const records: Array<Array<string | undefined>> = counts.map((n) => new Array<string | undefined>(n).fill(undefined));
  const next = (f: number, i: number): [number, number] | undefined => {
    for (let fn = f, input = i; fn < counts.length; fn++, input = 0) for (let k = input; k < counts[fn]!; k++) if (records[fn]![k] === undefined) return [fn, k];
    return undefined;
  };
  let start: [number, number] | undefined = next(0, 0);
  for (let restarts = 0; start !== undefined && restarts <= maxRestarts; restarts++) {
    const [f0, i0] = start;
    const got = await attempt(f0, i0);
    let last: string | undefined;
    for (const [key, value] of got.records) {
      const [f, i] = key.split(':').map(Number) as [number, number];
      if (records[f] !== undefined && i < records[f]!.length && records[f]![i] === undefined) records[f]![i] = value;
      last = value;
    }
    const missing = next(f0, i0);
    if (missing === undefined) break;
    // The process stopped before `missing`: a trap it printed ends at the previous input; otherwise `missing` killed it.
    if (last === undefined || !last.startsWith('trap:')) records[missing[0]]![missing[1]] = got.timedOut ? 'trap:timeout' : 'trap:crash';
    start = next(missing[0], missing[1]);
  }
  return records;
}

/** The long byte strings (data files) the harnesses embed, written where they look for them. */
async function writeBlobs(dir: string, files: readonly DiffFile[]): Promise<void> {
  const all = blobs(files.flatMap((f) => f.fns));
  if (all.size === 0) return;
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of all) await writeFile(join(dir, name), bytes);
}

/** Zig's compile errors: where each is (the file relative to the build's directory, the line) and what it says. */
function zigErrors(stderr: string): Array<{ file: string; line: number; message: string }> {
  return [...stderr.matchAll(/^(\S[^\n]*?):(\d+):\d+: error: (.*)$/gm)].map((m) => ({ file: m[1]!, line: Number(m[2]), message: m[3]! }));
}

/**
 * The checks to drop for a build's compile errors (check → the first message blamed on it), given the checks each
 * error is in; empty when some error is in none of them (nothing can be dropped to get past it).
 */
function blame(errors: ReadonlyArray<{ checks: readonly number[]; message: string }>): Map<number, string> {
  const blamed = new Map<number, string>();
  for (const { checks, message } of errors) {
    if (checks.length === 0) return new Map();
    for (const k of checks) if (!blamed.has(k)) blamed.set(k, message);
  }
  return blamed;
}

/**
 * One side's records per check (numbered over the files, as in the harnesses) → per file; the checks dropped at
 * compile time get no records and are named in the file's `error` (`<cause> for <fn> (<message>): not run`).
 */
function byFile(files: readonly DiffFile[], records: ReadonlyArray<Array<string | undefined>>, dropped: ReadonlyMap<number, string>, cause: string): Map<string, FileRecords> {
  const result = new Map<string, FileRecords>();
  let k = 0;
  for (const file of files) {
    const mine: Array<Array<string | undefined>> = [];
    const drops: string[] = [];
    for (const f of file.fns) {
      const got = records[k];
      mine.push(dropped.has(k) || got === undefined || got.length !== f.inputs.length ? f.inputs.map(() => undefined) : got);
      if (dropped.has(k)) drops.push(`${f.fn.zigName} (${dropped.get(k)!.split('\n')[0]!.slice(0, 160)})`);
      k++;
    }
    result.set(file.zig, { records: mine, ...(drops.length > 0 ? { error: `${cause} for ${drops.join(', ')}: not run` } : {}) });
  }
  return result;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * The Zig side: the input tree copied to `<work>/zig-src` (so each file's relative imports resolve; the harness
 * sits at the root), one harness for every file built with `zig build-exe` (Debug: safety checks on), then run.
 * When that build fails for a reason no check can be blamed for, each file is built on its own, so one file's
 * trouble never stops the others.
 */
export async function runZigSide(options: { zig: string; input: string; work: string; files: readonly DiffFile[]; signal?: AbortSignal }): Promise<SideRecords> {
  const src = join(options.work, 'zig-src');
  await rm(src, { recursive: true, force: true });
  await cp(options.input, src, { recursive: true, filter: (from) => !/(^|[\\/])(zig-cache|zig-out|\.zig-cache|\.git|target|node_modules)$/.test(relative(options.input, from)) });
  await mkdir(join(options.work, 'zig-bin'), { recursive: true });
  await writeBlobs(join(src, ZIG_DATA_DIR), options.files);
  const result: SideRecords = new Map();
  const timing = { buildMs: 0, runMs: 0 };
  const together = await zigBuildAndRun({ ...options, src, name: '__differential', files: options.files }, timing, options.files.length === 1);
  const parts = together !== undefined ? [together] : [];
  if (together === undefined) {
    for (const [n, file] of options.files.entries()) parts.push((await zigBuildAndRun({ ...options, src, name: `__differential_${n}`, files: [file] }, timing, true))!);
  }
  for (const part of parts) for (const [zig, records] of part) result.set(zig, records);
  result.buildMs = timing.buildMs;
  result.runMs = timing.runMs;
  return result;
}

const failed = (files: readonly DiffFile[], error: string): Map<string, FileRecords> =>
  new Map(files.map((file) => [file.zig, { records: file.fns.map((f) => f.inputs.map(() => undefined)), error }]));

/**
 * Builds one harness for `files` and runs it. A compile error in one check's lines (of the harness, or of a fn in
 * the file that only it calls) drops that check (not run) and the rest are built again, at most 3 times. An error
 * no check can be blamed for gives undefined, unless `final`: then every check of the files is not run, and said so.
 */
async function zigBuildAndRun(
  options: { zig: string; src: string; work: string; name: string; files: readonly DiffFile[]; signal?: AbortSignal },
  timing: { buildMs: number; runMs: number },
  final = false,
): Promise<Map<string, FileRecords> | undefined> {
  const { src, name, files } = options;
  const bin = join(options.work, 'zig-bin', name);
  const checks = files.flatMap((file) => file.fns.map((f) => ({ file, f })));
  const dropped = new Map<number, string>();
  let error: string | undefined;
  const built = Date.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    const harness = zigHarnessLines(files.map((f) => ({ importPath: f.zig.split(sep).join('/'), fns: f.fns })), new Set(dropped.keys()));
    await writeFile(join(src, `${name}.zig`), harness.text);
    await rm(bin, { force: true });
    const build = await run(options.zig, ['build-exe', `${name}.zig`, `-femit-bin=${bin}`, '--cache-dir', join(ZIG_CACHE, 'local'), '--global-cache-dir', join(ZIG_CACHE, 'global')], src, ZIG_BUILD_TIMEOUT_MS, options.signal);
    if (build.code === 0 && (await exists(bin))) {
      error = undefined;
      break;
    }
    error = `the Zig harness did not build: ${(build.timedOut ? 'timed out' : build.stderr).trim().split('\n').slice(0, 6).join(' | ').slice(0, 600)}`;
    // In the harness: the check whose lines hold it; in a file of the project: the checks calling the fn there.
    const blamed = blame(
      zigErrors(build.stderr).map(({ file: where, line, message }) => ({
        message,
        checks:
          where === `${name}.zig`
            ? harness.owners.filter((o) => line >= o.from && line <= o.to).map((o) => o.key)
            : checks.flatMap((c, k) => (c.file.zig.split(sep).join('/') === where && (c.f.fn.lines ?? []).some(([a, b]) => line >= a && line <= b) ? [k] : [])),
      })),
    );
    if (blamed.size === 0) break;
    for (const [key, message] of blamed) dropped.set(key, message);
  }
  timing.buildMs += Date.now() - built;
  if (error !== undefined) return final ? failed(files, error) : undefined;
  const ran = Date.now();
  const records = await withRestarts(
    checks.map((c, k) => (dropped.has(k) ? 0 : c.f.inputs.length)),
    async (f, i) => {
      const got = await run(bin, [String(f), String(i)], src, RUN_TIMEOUT_MS, options.signal);
      return { records: parseRecords(got.stdout), timedOut: got.timedOut };
    },
    MAX_RESTARTS,
  );
  timing.runMs += Date.now() - ran;
  return byFile(files, records, dropped, 'the Zig harness did not build');
}

/** cargo in the run's sandbox, with its own target directory under the run's. */
export interface RustSideOptions {
  ctx: RecipeContext<any>;
  out: string;
  targetDir: string;
  files: readonly DiffFile[];
}

/**
 * The Rust side: the crate copied to `<out>/.migrate-kit/differential/crate`, the harness module added to the
 * copy's root (`src/lib.rs`, else `src/main.rs`) under `#[cfg(test)]`, run with `cargo test` in the sandbox.
 */
export async function runRustSide(options: RustSideOptions): Promise<SideRecords> {
  const copy = join(options.out, '.migrate-kit', 'differential', 'crate');
  await rm(copy, { recursive: true, force: true });
  await mkdir(copy, { recursive: true });
  const skip = /^(target|\.migrate-kit|\.git|report\.json|MIGRATION_REPORT\.md|PORTING\.md|LIFETIMES\.tsv)$/;
  for (const entry of await readdir(options.out)) if (!skip.test(entry)) await cp(join(options.out, entry), join(copy, entry), { recursive: true });
  const lib = (await exists(join(copy, 'src', 'lib.rs'))) ? 'lib' : 'bin';
  const root = join(copy, 'src', lib === 'lib' ? 'lib.rs' : 'main.rs');
  await writeFile(root, `${await readFile(root, 'utf8')}\n#[cfg(test)]\nmod __differential;\n`);
  await writeBlobs(join(copy, RUST_DATA_DIR), options.files);
  const cargo = {
    targetDir: join(options.targetDir, 'differential'),
    signal: options.ctx.signal,
    ...(options.ctx.sandbox !== undefined ? { sandbox: options.ctx.sandbox } : {}),
    extraArgs: [lib === 'lib' ? '--lib' : '--bins'],
    timeoutMs: 600_000,
  };
  // Compile first (a filter no test matches): a compile error in one function's call or inputs drops that
  // function (reported as not run) and the rest are compiled again, at most 3 times.
  const dropped = new Map<number, string>();
  let compileError: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const harness = rustHarnessLines(options.files, new Set(dropped.keys()));
    await writeFile(join(copy, 'src', '__differential.rs'), harness.text);
    const probe = await cargoTest(copy, { ...cargo, filter: '__differential_compile_only__' });
    if (probe.compiled) {
      compileError = undefined;
      break;
    }
    const errors = probe.diagnostics.errors;
    compileError = errors.slice(0, 3).map((d) => `${d.file ?? ''}:${d.primary?.line ?? ''} ${d.message}`).join(' | ') || probe.cargoErrors.slice(0, 3).join(' | ') || 'cargo test failed to compile the harness';
    const blamed = blame(
      errors.map((d) => {
        const line = d.file !== undefined && d.file.endsWith('__differential.rs') ? d.primary?.line : undefined;
        return { message: d.message, checks: line === undefined ? [] : harness.owners.filter((o) => line >= o.from && line <= o.to).map((o) => o.key) };
      }),
    );
    if (blamed.size === 0) break;
    for (const [key, message] of blamed) dropped.set(key, message);
  }
  // Dropped checks have nothing to run: no input is expected from them.
  const counts = options.files.flatMap((file) => file.fns.map((f) => f.inputs.length)).map((n, k) => (dropped.has(k) ? 0 : n));
  const records = await withRestarts(
    counts,
    async (check, input) => {
      await writeFile(join(copy, 'differential.start'), `${check} ${input}\n`);
      await rm(join(copy, 'differential.out'), { force: true });
      if (compileError !== undefined) return { records: new Map(counts.flatMap((n, k) => Array.from({ length: n }, (_, i) => [`${k}:${i}`, 'trap:crash'] as [string, string]))), timedOut: false };
      const test = await cargoTest(copy, { ...cargo, noFailFast: false, filter: 'differential_harness' });
      if (!test.compiled) {
        compileError = test.diagnostics.errors.slice(0, 3).map((d) => `${d.file ?? ''}:${d.primary?.line ?? ''} ${d.message}`).join(' | ') || test.cargoErrors.slice(0, 3).join(' | ') || 'cargo test failed to compile the harness';
        // Nothing can run: every position gets a record so the restarts stop.
        return { records: new Map(counts.flatMap((n, k) => Array.from({ length: n }, (_, i) => [`${k}:${i}`, 'trap:crash'] as [string, string]))), timedOut: false };
      }
      const text = await readFile(join(copy, 'differential.out'), 'utf8').catch(() => '');
      return { records: parseRecords(text), timedOut: test.timedOut };
    },
    MAX_RUST_RESTARTS,
  );
  if (compileError !== undefined) return failed(options.files, `the Rust harness did not compile: ${compileError.slice(0, 600)}`);
  return byFile(options.files, records, dropped, 'the Rust harness did not compile');
}
