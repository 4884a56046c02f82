/** Builds the run's MigrationReport (report.json) and writes it; the recipe writes its Markdown rendering first. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeHollowTest, hollowTests } from 'migrate-kit';
import type { BuildSummary, HollowTestEntry, MigrationReport, ReportItem, TestSummary } from 'migrate-kit';
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
  /** Files ported by earlier runs into the same output: zig → rust. */
  earlier: ReadonlyMap<string, string>;
  /** Rust file → fix-loop rounds that changed it. */
  changed: ReadonlyMap<string, number>;
  /** Zig tests per file. */
  tests: ReadonlyMap<string, number>;
  usage: UsageBook;
  build?: BuildSummary;
  testSummary?: TestSummary;
  warnings: string[];
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
    };
    items.push(item);
  }
  for (const [zig, output] of [...input.earlier.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const fixRounds = input.changed.get(output) ?? 0;
    const hollow = await hollowIn(input, zig, output);
    items.push({
      path: zig,
      output,
      outcome: fixRounds > 0 ? 'ok' : 'unchanged',
      fixRounds,
      todos: await todosIn(input.out, output),
      tokens: input.usage.item(zig).tokens,
      costUsd: input.usage.item(zig).costUsd,
      agents: input.usage.item(zig).agents,
      tests: input.tests.get(zig) ?? 0,
      warnings: ['ported by an earlier run into this output'],
      ...(hollow.length > 0 ? { hollowTests: hollow } : {}),
    });
  }
  const count = (outcome: string): number => input.results.filter((r) => r.outcome === outcome).length;
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
