/** Helpers for the zig-to-rust end-to-end tests: the fixture's scripted model behind the fake server, the CLI, the outputs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTaskHeader, startFakeAnthropicServer, ZigToRustGoldenModel, type FakeAnthropicServer, type FakeRequestLogEntry, type TaskHeader } from '../../src/testing/index.js';
import type { MigrationReport } from '../../src/report/types.js';

/** Per-test timeout of the end-to-end tests: each runs the CLI and cargo, slow on a loaded 2-core machine. */
export const E2E_TIMEOUT = 240_000;

export const FIXTURES = fileURLToPath(new URL('../../fixtures/zig-to-rust/', import.meta.url));

/** Which answer of each fixture is the malformed one (see fixtures/zig-to-rust/README.md). */
export const MALFORMED = {
  calc: { step: 'port', file: 'token.zig' },
  minihttp: { step: 'map-fields', file: 'http/header.zig' },
} as const;

export async function fixtureServer(name: 'calc' | 'minihttp', delayMs = 0): Promise<FakeAnthropicServer> {
  const model = new ZigToRustGoldenModel(join(FIXTURES, name), { malformed: MALFORMED[name] });
  const answer = model.forFakeServer();
  return startFakeAnthropicServer({ answer: (req) => ({ ...(answer(req) as object), ...(delayMs > 0 ? { delayMs } : {}) }) });
}

export interface LoggedTask extends TaskHeader {
  /** Messages in the request: 1, or more for a schema retry. */
  messages: number;
  status: number;
  entry: FakeRequestLogEntry;
}

/** The recipe task of each logged message request. */
export function tasks(entries: readonly FakeRequestLogEntry[]): LoggedTask[] {
  return entries.map((entry) => {
    const body = entry.body as { messages: Array<{ content: string | Array<{ text?: string }> }> };
    const first = body.messages[0]!.content;
    const text = typeof first === 'string' ? first : first.map((b) => b.text ?? '').join('\n');
    const head = parseTaskHeader(text);
    if (head === undefined) throw new Error(`request without a task header: ${text.slice(0, 200)}`);
    return { ...head, messages: body.messages.length, status: entry.status, entry };
  });
}

export function readReport(out: string): MigrationReport {
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as MigrationReport;
}

/** Every file under `dir` (posix, relative) with its content; directories in `skip` are left out. */
export function tree(dir: string, skip: readonly string[] = ['target', '.migrate-kit']): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const entry of readdirSync(sub, { withFileTypes: true })) {
      const path = join(sub, entry.name);
      const rel = relative(dir, path).split('\\').join('/');
      if (entry.isDirectory()) {
        if (!skip.includes(rel)) walk(path);
      } else files[rel] = readFileSync(path, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/** The journal's settled calls (its `agent` lines). */
export function journaled(runDir: string): Array<{ label: string; status: string; requests?: number }> {
  const path = join(runDir, 'journal.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line) as { type: string; label: string; status: string; requests?: number })
    .filter((line) => line.type === 'agent');
}

/** Labels of the calls whose final answer is in the journal (an `attempt` line with `final: true`), settled or not. */
export function answeredLabels(runDir: string): string[] {
  const path = join(runDir, 'journal.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line) as { type: string; label: string; final?: boolean })
    .flatMap((line) => (line.type === 'attempt' && line.final === true ? [line.label] : []));
}

/** Sums the usage the fake server reported. */
export function loggedUsage(entries: readonly FakeRequestLogEntry[]): { input: number; output: number; cacheRead: number; cacheWrite: number } {
  const sum = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  for (const e of entries) {
    sum.input += e.usage?.input_tokens ?? 0;
    sum.output += e.usage?.output_tokens ?? 0;
    sum.cacheRead += e.usage?.cache_read_input_tokens ?? 0;
    sum.cacheWrite += e.usage?.cache_creation_input_tokens ?? 0;
  }
  return sum;
}
