/**
 * Builds the run's MigrationReport (report.json) and writes it; the recipe writes its Markdown rendering first.
 * The report covers the whole crate: this run's files, and every file an earlier run into the same output
 * handled, with its latest outcome (from the earlier report.json, else the manifest), over a crate-wide summary.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeHollowTest, hollowTests } from 'migrate-kit';
import type { BuildSummary, HollowTestEntry, ItemOutcome, MigrationReport, ReportItem, TestSummary, TokenCounts } from 'migrate-kit';
import type { PortResult } from './port.js';
import { writeAtomic } from './output-files.js';
import type { UsageBook } from './usage.js';

export interface ReportInput {
  runId: string;
  input: string;
  out: string;
  slices: string[];
  command: string;
  hashes: Record<string, string>;
  results: PortResult[];
  /** Files earlier runs into the same output handled and this run did not: zig → what is known of them. */
  earlier: ReadonlyMap<string, EarlierFile>;
  /** Files of the input tree. */
  treeFiles: number;
  /** Rust file → fix-loop rounds that changed it. */
  changed: ReadonlyMap<string, number>;
  /** Zig tests per file. */
  tests: ReadonlyMap<string, number>;
  usage: UsageBook;
  build?: BuildSummary;
  testSummary?: TestSummary;
  warnings: string[];
}

/** A file an earlier run handled: its output and outcome from the manifest, its report item when report.json had one. */
export interface EarlierFile {
  output?: string;
  outcome: ItemOutcome;
  runId?: string;
  item?: ReportItem;
}

const OUTCOMES = new Set<string>(['approved', 'unapproved', 'failed', 'skipped', 'ok', 'unchanged']);

/**
 * The items of the report an earlier run left in the output (`report.json`), by path; empty when there is none.
 * A report that is not one (damaged, another tool's) is not trusted: `warn` says so and the manifest is used.
 */
export async function earlierItems(out: string, warn: (message: string) => void): Promise<Map<string, ReportItem & { runId: string }>> {
  const text = await readFile(join(out, 'report.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return new Map();
  try {
    const report = JSON.parse(text) as Partial<MigrationReport>;
    if (!Array.isArray(report.items) || typeof report.runId !== 'string') throw new Error('no items');
    const items = new Map<string, ReportItem & { runId: string }>();
    for (const item of report.items) {
      if (typeof item?.path !== 'string' || !OUTCOMES.has(item.outcome)) throw new Error('bad item');
      items.set(item.path, { ...item, runId: item.runId ?? report.runId });
    }
    return items;
  } catch {
    warn(`${join(out, 'report.json')} is not a migration report this recipe wrote; the earlier files' outcomes come from .migrate-kit.json alone`);
    return new Map();
  }
}

function sumTokens(a: TokenCounts | undefined, b: TokenCounts): TokenCounts {
  return a === undefined ? b : { input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheWrite: a.cacheWrite + b.cacheWrite };
}

async function todosIn(out: string, output: string | undefined): Promise<Array<{ line: number; text: string }>> {
  if (output === undefined) return [];
  const text = await readFile(join(out, output), 'utf8').catch(() => '');
  return text.split('\n').flatMap((line, i) => (line.includes('TODO(port)') ? [{ line: i + 1, text: line.trim().replace(/^\/\/\s*/, '') }] : []));
}

/** The tests of the output as it stands that lost their Zig test's teeth (the gate's rule, see `hollowTests`). */
async function hollowIn(input: ReportInput, zig: string, output: string | undefined): Promise<HollowTestEntry[]> {
  if (output === undefined) return [];
  const [zigText, rustText] = await Promise.all([readFile(join(input.input, zig), 'utf8').catch(() => undefined), readFile(join(input.out, output), 'utf8').catch(() => undefined)]);
  if (zigText === undefined || rustText === undefined) return [];
  try {
    return hollowTests(zigText, rustText).map((h) => ({ test: h.rustName, line: h.rustLine, sourceTest: h.zigName, sourceLine: h.zigLine, reason: h.reason, problem: describeHollowTest(h) }));
  } catch {
    return [];
  }
}

export async function buildReport(input: ReportInput): Promise<MigrationReport> {
  const items: ReportItem[] = [];
  for (const r of [...input.results].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const usage = input.usage.item(r.path);
    const wrote = r.outcome !== 'failed' && r.outcome !== 'skipped' && r.output !== undefined;
    const hollow = wrote ? await hollowIn(input, r.path, r.output) : [];
    const item: ReportItem = {
      path: r.path,
      ...(wrote ? { output: r.output } : {}),
      outcome: r.outcome,
      ...(r.reviewers.length > 0 ? { reviewers: r.reviewers } : {}),
      reviewRounds: r.reviewRounds,
      fixRounds: wrote ? (input.changed.get(r.output!) ?? 0) : 0,
      todos: wrote ? await todosIn(input.out, r.output) : [],
      tokens: usage.tokens,
      costUsd: usage.costUsd,
      agents: usage.agents,
      tests: input.tests.get(r.path) ?? 0,
      ...(r.error !== undefined ? { error: r.error } : {}),
      ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
      ...(hollow.length > 0 ? { hollowTests: hollow } : {}),
      runId: input.runId,
    };
    items.push(item);
  }
  for (const [zig, file] of [...input.earlier.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const fixRounds = file.output !== undefined ? (input.changed.get(file.output) ?? 0) : 0;
    const hollow = await hollowIn(input, zig, file.output);
    // The earlier outcome stands: a later fix loop edits the file, it does not review it again.
    const before = file.item;
    items.push({
      path: zig,
      ...(file.output !== undefined ? { output: file.output } : {}),
      outcome: file.outcome,
      ...(before?.reviewers !== undefined ? { reviewers: before.reviewers } : {}),
      ...(before?.reviewRounds !== undefined ? { reviewRounds: before.reviewRounds } : {}),
      fixRounds,
      todos: await todosIn(input.out, file.output),
      // What the file has cost so far: the earlier runs' figures and this run's fixers.
      tokens: sumTokens(before?.tokens, input.usage.item(zig).tokens),
      costUsd: (before?.costUsd ?? 0) + input.usage.item(zig).costUsd,
      agents: (before?.agents ?? 0) + input.usage.item(zig).agents,
      tests: input.tests.get(zig) ?? 0,
      ...(before?.error !== undefined ? { error: before.error } : {}),
      warnings: [`handled by an earlier run into this output${file.runId !== undefined ? ` (${file.runId})` : ''}${fixRounds > 0 ? "; edited by this run's fix loop" : ''}`],
      ...(file.runId !== undefined ? { runId: file.runId } : {}),
      ...(hollow.length > 0 ? { hollowTests: hollow } : {}),
    });
  }
  const count = (outcome: string): number => input.results.filter((r) => r.outcome === outcome).length;
  const crateCount = (outcome: string): number => items.filter((i) => i.outcome === outcome).length;
  const total = input.usage.total;
  return {
    version: 1,
    recipe: 'zig-to-rust',
    runId: input.runId,
    input: input.input,
    output: input.out,
    slices: input.slices,
    command: input.command,
    hashes: input.hashes,
    generatedAt: new Date().toISOString(),
    items,
    totals: {
      files: input.results.length,
      approved: count('approved'),
      unapproved: count('unapproved'),
      failed: count('failed'),
      skipped: count('skipped'),
      agents: total.agents,
      requests: total.requests,
      inputTokens: total.tokens.input,
      outputTokens: total.tokens.output,
      cacheReadTokens: total.tokens.cacheRead,
      cacheWriteTokens: total.tokens.cacheWrite,
      costUsd: total.costUsd,
    },
    crate: {
      files: input.treeFiles,
      ported: items.filter((i) => i.output !== undefined).length,
      approved: crateCount('approved'),
      unapproved: crateCount('unapproved'),
      failed: crateCount('failed'),
      skipped: crateCount('skipped'),
      left: Math.max(0, input.treeFiles - items.length),
    },
    ...(input.build !== undefined ? { build: input.build } : {}),
    ...(input.testSummary !== undefined ? { tests: input.testSummary } : {}),
    ...(input.warnings.length > 0 ? { warnings: input.warnings } : {}),
  };
}

/** Writes report.json (not among the recorded files: it holds the records). MIGRATION_REPORT.md is written before it. */
export async function writeReport(out: string, report: MigrationReport): Promise<string> {
  const path = join(out, 'report.json');
  await writeAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
