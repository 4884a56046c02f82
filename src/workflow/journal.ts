/**
 * The durable journal of a run: one JSON line per completed (or failed) agent call, appended and
 * fsync'd before the result is used. Concurrent appends are written together (group commit), so
 * durability costs one fsync per batch, not per call. A torn last line (a crash mid-write) is
 * tolerated; a broken line anywhere else is reported.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { MigrateError } from '../errors.js';
import { redactedJson } from '../redact.js';
import type { Usage } from '../model/types.js';

export interface JournalEntry {
  v: 1;
  type: 'agent';
  key: string;
  /** The n-th call with this key in the run (identical calls are answered in turn). */
  occurrence: number;
  label: string;
  phase: string;
  model: string;
  status: 'ok' | 'failed';
  /** The result the recipe received (text or validated object). */
  value?: unknown;
  error?: { code: string; message: string };
  usage: Usage;
  costUsd: number;
  /** Model answers received (schema retries and tool turns included). */
  tries: number;
  /** HTTP requests sent, failed ones (429, 529, …) included. Absent in journals written before it existed. */
  requests?: number;
  durationMs: number;
  at: string;
}

export interface LoadedJournal {
  entries: JournalEntry[];
  /** True when the last line was incomplete and was ignored. */
  tornTail: boolean;
  /** Bytes up to and including the last newline: where a torn tail is cut off. */
  cleanBytes: number;
}

export async function readJournal(path: string): Promise<LoadedJournal> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], tornTail: false, cleanBytes: 0 };
    throw new MigrateError('STATE_IO', `Could not read the journal ${path}: ${(error as Error).message}`, { cause: error });
  }
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n') || text.length === 0;
  const entries: JournalEntry[] = [];
  let tornTail = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const isLast = i === lines.length - 1 || (i === lines.length - 2 && lines[lines.length - 1] === '');
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch (cause) {
      if (isLast && !endsClean) {
        tornTail = true;
        continue;
      }
      throw new MigrateError('JOURNAL_CORRUPT', `Line ${i + 1} of the journal ${path} is not valid JSON (${(cause as Error).message}). Only a torn last line is expected after a crash; move the file aside to start the run's calls afresh.`, { cause, details: { path, line: i + 1 } });
    }
  }
  return { entries, tornTail, cleanBytes: Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)) };
}

export class JournalWriter {
  private pending: Array<{ line: string; resolve: () => void; reject: (e: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  /** Opens for appending; a torn tail is cut off first so new lines start clean. */
  static async open(path: string, loaded: LoadedJournal): Promise<JournalWriter> {
    const handle = await open(path, 'a+');
    if (loaded.tornTail) await handle.truncate(loaded.cleanBytes);
    return new JournalWriter(handle, path);
  }

  /** Resolves once the entry is on disk (written and fsync'd). */
  append(entry: JournalEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${redactedJson(entry)}\n`, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.handle.appendFile(batch.map((p) => p.line).join(''));
        await this.handle.datasync();
        for (const p of batch) p.resolve();
      } catch (error) {
        const wrapped = new MigrateError('STATE_IO', `Could not write the journal ${this.path}: ${(error as Error).message}`, { cause: error });
        for (const p of batch) p.reject(wrapped);
      }
    }
    this.flushing = null;
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }
}

/** Completed results by key and occurrence, for replay. */
export class ReplayIndex {
  private readonly byKey = new Map<string, Map<number, JournalEntry>>();

  constructor(entries: readonly JournalEntry[]) {
    for (const entry of entries) if (entry.status === 'ok') this.add(entry);
  }

  add(entry: JournalEntry): void {
    let byOccurrence = this.byKey.get(entry.key);
    if (!byOccurrence) this.byKey.set(entry.key, (byOccurrence = new Map()));
    byOccurrence.set(entry.occurrence, entry);
  }

  get(key: string, occurrence: number): JournalEntry | undefined {
    return this.byKey.get(key)?.get(occurrence);
  }
}
