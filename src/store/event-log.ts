/**
 * `events.jsonl`: the run's event stream (already redacted by the event bus), one JSON object a line, appended
 * as the run goes (all sessions of a run in one file; each session starts with its `run:started`). It is for
 * people and viewers (the dashboard follows it while the run goes on), not a record: lines are written in the
 * background without fsync, and a failed write never stops the run (the writer reports it once and stops).
 * Readable by its owner only (mode 0600), like the journal.
 */
import { chmod, open, type FileHandle } from 'node:fs/promises';

export interface EventLogAppender {
  readonly path: string;
  /** Queues one event; written on a later turn with whatever else was queued. Never throws. */
  append(event: object): void;
  /** Writes what is queued and closes the file. */
  close(): Promise<void>;
}

/** Appends events; `onError` is called once with the first failure, after which events are dropped. */
export class EventLogWriter implements EventLogAppender {
  private pending: string[] = [];
  private handle: Promise<FileHandle> | undefined;
  private writing: Promise<void> | null = null;
  private failed = false;

  constructor(
    readonly path: string,
    private readonly onError: (error: Error) => void,
  ) {}

  append(event: object): void {
    if (this.failed) return;
    let line: string;
    try {
      line = `${JSON.stringify(event)}\n`;
    } catch (error) {
      return this.fail(error as Error);
    }
    this.pending.push(line);
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      this.handle ??= open(this.path, 'a', 0o600).then(async (h) => {
        await chmod(this.path, 0o600);
        return h;
      });
      const handle = await this.handle;
      while (this.pending.length > 0 && !this.failed) {
        const batch = this.pending.join('');
        this.pending = [];
        await handle.appendFile(batch);
      }
    } catch (error) {
      this.fail(error as Error);
    } finally {
      this.writing = null;
    }
  }

  private fail(error: Error): void {
    this.pending = [];
    if (this.failed) return;
    this.failed = true;
    try {
      this.onError(error);
    } catch {
      // reporting the failure must not fail either
    }
  }

  async close(): Promise<void> {
    while (this.writing) await this.writing;
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await handle.then((h) => h.close()).catch(() => undefined);
  }
}

/** What {@link readEventLog} found past `offset`: the complete lines' events and where the next read starts. */
export interface EventLogChunk {
  events: unknown[];
  /** Bytes up to and including the last complete line read: pass it to the next read. */
  offset: number;
  /** False when there is no file (yet). */
  exists: boolean;
}

/**
 * Reads the events appended after `offset` (a byte position from an earlier read; 0 from the start). A last line
 * still being written is left for the next read; a line that is not JSON is skipped.
 */
export async function readEventLog(path: string, offset = 0): Promise<EventLogChunk> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], offset, exists: false };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = size < offset ? 0 : offset; // a file that shrank was replaced: start again
    if (size === start) return { events: [], offset: start, exists: true };
    const buffer = Buffer.alloc(size - start);
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, start + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const end = buffer.lastIndexOf(0x0a, read - 1);
    if (end < 0) return { events: [], offset: start, exists: true };
    const events: unknown[] = [];
    for (const line of buffer.subarray(0, end).toString('utf8').split('\n')) {
      if (!line) continue;
      try {
        events.push(JSON.parse(line));
      } catch {
        // a damaged line: the log is for viewing, the rest still shows
      }
    }
    return { events, offset: start + end + 1, exists: true };
  } finally {
    await handle.close();
  }
}
