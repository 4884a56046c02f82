/**
 * The journal of a run, `journal.jsonl`: one JSON line per event that costs or settles money, appended and
 * fsync'd before the call goes on. Kept exactly as the model answered (never redacted, so a replay is
 * identical) and readable by its owner only (mode 0600). Every line is validated when read; a torn last line
 * (a crash mid-write) is tolerated and cut off, a bad line anywhere else is refused with its line number.
 *
 * Lines (format 2):
 * - `start`: an agent call was admitted and is about to reach the model (counts against the agent cap);
 * - `attempt`: one paid answer, with its usage and cost and the answer itself (`final`: not a tool-use turn);
 * - `agent`: the call settled (`ok` or `failed`, with the error);
 * - `batch`: requests were submitted as one Message Batch (`--batch`): its id and, per request, the call's key and
 *   occurrence, its `customId` and a hash of the request, so a resumed run collects that batch instead of paying
 *   again. The answer of each entry is an `attempt` line carrying `batch: { id, customId }`.
 * Format 1 journals (one `agent` line per call, with its value and usage) are still read.
 */
import { chmodSync, closeSync, fdatasyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MigrateError } from '../errors.js';
import { firstIssue } from './run-info.js';

const count = z.number().int().nonnegative();
const usage = z.object({ inputTokens: count, outputTokens: count, cacheReadTokens: count, cacheWriteTokens: count, cacheWrite1hTokens: count.optional() });
const error = z.object({ code: z.string(), message: z.string() });
const call = { key: z.string().min(1), occurrence: count, label: z.string(), phase: z.string(), model: z.string(), at: z.string() };

const startLine = z.object({ v: z.literal(2), type: z.literal('start'), ...call, session: z.number().int().positive() });
/** Where an answer came from when it came from a Message Batch (priced at the batch discount). */
const batchRef = z.object({ id: z.string().min(1), customId: z.string().min(1) });
const attemptLine = z.object({ v: z.literal(2), type: z.literal('attempt'), ...call, answer: z.string(), final: z.boolean(), usage, costUsd: z.number().nonnegative(), batch: batchRef.optional() });
const batchEntry = z.object({ customId: z.string().min(1), key: z.string().min(1), occurrence: count, label: z.string(), phase: z.string(), model: z.string(), requestHash: z.string().min(1) });
const batchLine = z.object({ v: z.literal(2), type: z.literal('batch'), id: z.string().min(1), entries: z.array(batchEntry).min(1), at: z.string() });
const agentLine = z.object({
  v: z.literal(2),
  type: z.literal('agent'),
  ...call,
  status: z.enum(['ok', 'failed']),
  error: error.optional(),
  tries: count,
  requests: count,
  durationMs: z.number().nonnegative(),
});
const legacyAgentLine = z.object({
  v: z.literal(1),
  type: z.literal('agent'),
  ...call,
  status: z.enum(['ok', 'failed']),
  value: z.unknown().optional(),
  error: error.optional(),
  usage,
  costUsd: z.number().nonnegative(),
  tries: count,
  requests: count.optional(),
  durationMs: z.number().nonnegative(),
});
const journalLine = z.union([startLine, attemptLine, agentLine, legacyAgentLine, batchLine]);

export type StartLine = z.infer<typeof startLine>;
export type AttemptLine = z.infer<typeof attemptLine>;
export type AgentLine = z.infer<typeof agentLine>;
export type BatchLine = z.infer<typeof batchLine>;
export type BatchLineEntry = z.infer<typeof batchEntry>;
export type LegacyAgentLine = z.infer<typeof legacyAgentLine>;
export type JournalLine = z.infer<typeof journalLine>;

export interface LoadedJournal {
  /** False when there is no journal file. */
  exists: boolean;
  lines: JournalLine[];
  /** True when the last line was incomplete and was ignored. */
  tornTail: boolean;
  /** Bytes up to and including the last newline: where a torn tail is cut off. */
  cleanBytes: number;
}

export async function readJournalFile(path: string): Promise<LoadedJournal> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, lines: [], tornTail: false, cleanBytes: 0 };
    throw new MigrateError('STATE_IO', `Could not read the journal ${path}: ${(cause as Error).message}`, { cause, details: { path } });
  }
  const rows = text.split('\n');
  const endsClean = text.length === 0 || text.endsWith('\n');
  const lines: JournalLine[] = [];
  let tornTail = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const last = i === rows.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (cause) {
      if (last && !endsClean) {
        tornTail = true;
        continue;
      }
      throw corrupt(path, i + 1, `it is not valid JSON (${(cause as Error).message})`);
    }
    const parsed = journalLine.safeParse(value);
    if (!parsed.success) throw corrupt(path, i + 1, `it is not a journal entry (${firstIssue(parsed.error)})`);
    lines.push(parsed.data);
  }
  return { exists: true, lines, tornTail, cleanBytes: Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)) };
}

function corrupt(path: string, line: number, why: string): MigrateError {
  return new MigrateError(
    'JOURNAL_CORRUPT',
    `Line ${line} of the journal ${path} is damaged: ${why}. Only a torn last line is expected after a crash. Fix or remove that line (the calls it recorded are then paid for again), or start a new run.`,
    { details: { path, line } },
  );
}

/**
 * Appends lines; the appends of one turn of the event loop share one write and one fsync (group commit).
 * The write and the fsync are synchronous, done once per batch on the next turn: a fdatasync costs a
 * fraction of a millisecond, less than the two thread-pool round trips of the asynchronous calls, and calls
 * wait for it inside their scheduler slots.
 */
export class JournalWriter {
  private pending: Array<{ line: string; resolve: () => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private failure: MigrateError | null = null;
  private closed = false;

  private constructor(
    private readonly fd: number,
    readonly path: string,
  ) {}

  /** Opens for appending (mode 0600); a torn tail is cut off first so new lines start clean. */
  static async open(path: string, loaded: LoadedJournal): Promise<JournalWriter> {
    try {
      const fd = openSync(path, 'a', 0o600);
      chmodSync(path, 0o600);
      if (loaded.tornTail) ftruncateSync(fd, loaded.cleanBytes);
      return new JournalWriter(fd, path);
    } catch (cause) {
      throw writeError(path, cause);
    }
  }

  /** Resolves once the line is on disk (written and fsync'd). After a failed write every append fails. */
  append(line: JournalLine): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(line)}\n`, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      if (this.failure) throw this.failure;
      if (this.closed) throw new Error('the journal is closed');
      const bytes = Buffer.from(batch.map((p) => p.line).join(''));
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
      fdatasyncSync(this.fd);
      for (const p of batch) p.resolve();
    } catch (cause) {
      this.failure ??= writeError(this.path, cause);
      for (const p of batch) p.reject(this.failure);
    }
  }

  async close(): Promise<void> {
    this.flush();
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // closing twice, or a descriptor the failure took with it
    }
  }
}

function writeError(path: string, cause: unknown): MigrateError {
  if (cause instanceof MigrateError) return cause;
  const errno = (cause as NodeJS.ErrnoException).code;
  return new MigrateError('STATE_IO', `Could not write the journal ${path}${errno ? ` (${errno})` : ''}: ${(cause as Error).message}. The run stopped so that no call is paid without being recorded; free space or fix the directory, then resume.`, {
    cause,
    details: { path, ...(errno ? { errno } : {}) },
  });
}
