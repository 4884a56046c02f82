/**
 * Parses libtest's human output (stable Rust has no JSON test output): the `running N tests`
 * blocks on stdout, matched in order with cargo's `Running …` / `Doc-tests …` headers on
 * stderr. Each block gives the status lines, the `---- name stdout ----` failure sections
 * and the `test result:` summary. Both old (`panicked at 'msg', file:l:c`) and new
 * (`(tid) panicked at file:l:c:` + message) panic formats are understood.
 *
 * Skipped tests: libtest has no run-time skip, so a test that cannot run (a missing fixture) returns early
 * and libtest counts it as passed. A test that prints a line `MIGRATE_SKIP: <test name> <reason>` (see
 * {@link SKIP_MARKER}) before it returns is reported as `skipped` instead. The line is expected on stderr,
 * written straight to `std::io::stderr()` (not with `eprintln!`), which libtest does not capture: it then
 * reaches cargo's stderr under the binary's `Running` header whatever the capture flags, and never splits
 * libtest's status lines on stdout. A marker line on stdout (`--nocapture`) is read too.
 */
import type { TestBinary, TestBinaryKind, TestCase, TestFailure, TestSummary } from './test-types.js';

/** What cargo said about a test executable (from `compiler-artifact` messages), by executable path. */
export interface ArtifactInfo {
  kind: TestBinaryKind;
  name: string;
  /** Crate-relative root file. */
  srcPath?: string;
}

interface Header {
  kind: TestBinaryKind;
  name: string;
  srcPath?: string;
  executable?: string;
  notes: string[];
}

const RUNNING = /^\s*Running (unittests )?(.+?) \((.+)\)\s*$/;
const DOC_TESTS = /^\s*Doc-tests (\S+)\s*$/;
const BLOCK_START = /^running (\d+) tests?$/;
const STATUS = /^test (.+?) \.\.\. ?(.*)$/;
const RESULT =
  /^test result: (ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored; (\d+) measured; (\d+) filtered out(?:; finished in ([\d.]+)s)?/;
const SECTION = /^---- (.+) (?:stdout|stderr) ----$/;
const PANIC_NEW = /^thread '([^']*)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):?$/;
const PANIC_OLD = /^thread '([^']*)'(?: \(\d+\))? panicked at '(.*)', (.+?):(\d+):(\d+)$/;
const ARROW = /^\s*--> (.+?):(\d+):(\d+)$/;
const CRASH = /^thread '([^']*)'(?: \(\d+\))? (?:has overflowed its stack|panicked at)/;

/** The prefix of a skip marker line: `MIGRATE_SKIP: <test name> <reason>` (the test name as libtest prints it). */
export const SKIP_MARKER = 'MIGRATE_SKIP';
const SKIP_LINE = new RegExp(`^${SKIP_MARKER}: (\\S+)(?: (.*))?$`);

/** The skip markers among `lines` (test name → reason), and the lines that are not markers. */
function takeSkips(lines: readonly string[], skips: Map<string, string>): string[] {
  const rest: string[] = [];
  for (const line of lines) {
    const m = SKIP_LINE.exec(line.trim());
    if (m === null) rest.push(line);
    else if (!skips.has(m[1] ?? '')) skips.set(m[1] ?? '', (m[2] ?? '').trim());
  }
  return rest;
}

/** Tests that passed but printed a skip marker become `skipped` (a failed test stays failed). */
function markSkips(binary: TestBinary, skips: ReadonlyMap<string, string>): void {
  if (skips.size === 0) return;
  for (const test of binary.tests) {
    const reason = skips.get(test.name);
    if (reason === undefined || test.outcome !== 'passed') continue;
    test.outcome = 'skipped';
    if (reason !== '') test.skipReason = reason;
  }
}

function headerKind(unit: boolean, src: string): TestBinaryKind {
  if (!unit) return 'test';
  return src === 'src/main.rs' || src.startsWith('src/bin/') ? 'bin' : 'lib';
}

function stemOf(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.rs$/, '');
}

/** The binaries cargo announced on stderr, in order, each with the stderr lines that followed. */
function parseHeaders(stderr: string, artifacts: ReadonlyMap<string, ArtifactInfo> = new Map()): Header[] {
  const headers: Header[] = [];
  let closing = false;
  for (const line of stderr.split(/\r?\n/)) {
    if (/^error: \d+ targets? failed/.test(line)) closing = true; // cargo's closing summary
    const running = RUNNING.exec(line);
    const doc = running === null ? DOC_TESTS.exec(line) : null;
    if (running !== null) {
      const src = running[2] ?? '';
      const executable = running[3] ?? '';
      const known = artifacts.get(executable);
      headers.push({
        kind: known?.kind ?? headerKind(running[1] !== undefined, src),
        name: known?.name ?? stemOf(src),
        srcPath: known?.srcPath ?? src,
        executable,
        notes: [],
      });
    } else if (doc !== null) {
      headers.push({ kind: 'doc', name: doc[1] ?? '', notes: [] });
    } else if (headers.length > 0 && !closing && line.trim() !== '') {
      headers[headers.length - 1]?.notes.push(line);
    }
  }
  return headers;
}

function toCase(name: string, rest: string): TestCase | undefined {
  const shouldPanic = name.endsWith(' - should panic');
  const clean = shouldPanic ? name.slice(0, -' - should panic'.length) : name;
  const base = shouldPanic ? { name: clean, shouldPanic: true } : { name: clean };
  if (rest === 'ok') return { ...base, outcome: 'passed' };
  if (rest === 'FAILED') return { ...base, outcome: 'failed' };
  if (rest === 'ignored') return { ...base, outcome: 'ignored' };
  if (rest.startsWith('ignored, ')) return { ...base, outcome: 'ignored', ignoreReason: rest.slice('ignored, '.length) };
  if (rest.startsWith('bench:')) return { ...base, outcome: 'bench' };
  return undefined;
}

/** Reads a failure section: panic message and location, or the `Error:` / compile error. */
export function parseFailure(name: string, lines: readonly string[]): TestFailure {
  const output = lines.join('\n').trim();
  const failure: TestFailure = { name, output };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const old = PANIC_OLD.exec(line);
    const now = old === null ? PANIC_NEW.exec(line) : null;
    if (old !== null) {
      failure.message = old[2] ?? '';
      failure.location = { file: old[3] ?? '', line: Number(old[4]), column: Number(old[5]) };
      return failure;
    }
    if (now !== null) {
      failure.location = { file: now[2] ?? '', line: Number(now[3]), column: Number(now[4]) };
      const message: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const m = lines[j] ?? '';
        if (m === '' || m.startsWith('note: run with `RUST_BACKTRACE') || m === 'stack backtrace:') break;
        message.push(m);
      }
      failure.message = message.join('\n');
      return failure;
    }
  }
  const error = lines.find((l) => /^error(\[\w+\])?: /.test(l) || l.startsWith('Error: '));
  if (error !== undefined) failure.message = error;
  const arrow = lines.map((l) => ARROW.exec(l)).find((m) => m !== null);
  if (arrow) failure.location = { file: arrow[1] ?? '', line: Number(arrow[2]), column: Number(arrow[3]) };
  return failure;
}

function summaryOf(m: RegExpExecArray): TestSummary {
  const summary: TestSummary = {
    ok: m[1] === 'ok',
    passed: Number(m[2]),
    failed: Number(m[3]),
    ignored: Number(m[4]),
    measured: Number(m[5]),
    filteredOut: Number(m[6]),
  };
  if (m[7] !== undefined) summary.seconds = Number(m[7]);
  return summary;
}

/** Parses one `running N tests` block (lines after that line). */
function parseBlock(header: Header, announced: number, lines: readonly string[]): TestBinary {
  const binary: TestBinary = { ...header, announced, tests: [], failures: [], crashed: false, slow: [] };
  const pending = new Set<string>();
  let section: { name: string; lines: string[] } | undefined;
  const close = (): void => {
    if (section !== undefined) binary.failures.push(parseFailure(section.name, section.lines));
    section = undefined;
  };
  for (const line of lines) {
    const opened = SECTION.exec(line);
    if (opened !== null) {
      close();
      section = { name: opened[1] ?? '', lines: [] };
      continue;
    }
    if (section !== undefined) {
      if (line === 'failures:') close();
      else section.lines.push(line);
      continue;
    }
    const result = RESULT.exec(line);
    if (result !== null) {
      binary.summary = summaryOf(result);
      continue;
    }
    const slow = /^test (.+) has been running for over \d+ seconds$/.exec(line);
    if (slow !== null) {
      binary.slow.push(slow[1] ?? '');
      continue;
    }
    const status = STATUS.exec(line);
    if (status === null) continue;
    const test = toCase(status[1] ?? '', (status[2] ?? '').trim());
    if (test === undefined) {
      pending.add(status[1] ?? ''); // `--test-threads=1` prints the name before the result
      continue;
    }
    pending.delete(status[1] ?? '');
    binary.tests.push(test);
  }
  close();
  for (const name of pending) if (!binary.slow.includes(name)) binary.slow.push(name);
  if (binary.summary === undefined) markCrash(binary);
  return binary;
}

/** A block without a summary: the binary died; name the test its stderr blames. */
function markCrash(binary: TestBinary): void {
  binary.crashed = true;
  const reported = new Set(binary.tests.map((t) => t.name));
  for (const note of binary.notes) {
    const m = CRASH.exec(note);
    const name = m?.[1];
    if (name === undefined || name === 'main' || name === '<unnamed>' || reported.has(name)) continue;
    reported.add(name);
    binary.tests.push({ name, outcome: 'failed' });
    binary.failures.push({ name, output: binary.notes.join('\n'), message: note, crashed: true });
  }
}

/**
 * Parses `cargo test` output: `stdout` is libtest's text (for a `--message-format=json` run,
 * what follows `build-finished`), `stderr` is cargo's. `artifacts` (by executable path) gives
 * exact target kinds; without it the kind is guessed from the `Running` line.
 */
export function parseTestOutput(
  stdout: string,
  stderr: string,
  artifacts: ReadonlyMap<string, ArtifactInfo> = new Map(),
): TestBinary[] {
  const headers = parseHeaders(stderr, artifacts);
  const blocks: { announced: number; lines: string[] }[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const start = BLOCK_START.exec(line);
    if (start !== null) blocks.push({ announced: Number(start[1]), lines: [] });
    else blocks[blocks.length - 1]?.lines.push(line);
  }
  const binaries: TestBinary[] = [];
  const count = Math.max(headers.length, blocks.length);
  for (let i = 0; i < count; i++) {
    const found = headers[i] ?? { kind: 'unknown' as const, name: '', notes: [] };
    const skips = new Map<string, string>();
    const header = { ...found, notes: takeSkips(found.notes, skips) };
    const block = blocks[i];
    if (block === undefined) {
      // announced by cargo but never started (or its output was lost)
      binaries.push({ ...header, announced: 0, tests: [], failures: [], crashed: true, slow: [] });
      continue;
    }
    const binary = parseBlock(header, block.announced, takeSkips(block.lines, skips));
    markSkips(binary, skips);
    binaries.push(binary);
  }
  return binaries;
}
