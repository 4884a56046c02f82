/**
 * Transcripts: one JSON file per agent call that reached the model, with the prompt, each try's
 * answer and usage, and the outcome; secrets redacted. Written in the background by a couple of
 * writers (thousands of concurrent writes cost several times the CPU); `flush()` waits.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactedJson } from '../redact.js';
import type { Usage } from '../model/types.js';

export interface Transcript {
  key: string;
  occurrence: number;
  label: string;
  phase: string;
  model: string;
  system?: string;
  /** The context blocks before the prompt, summarised (they are shared and large): size, hash, cache marker. */
  context?: Array<{ chars: number; sha256: string; cache?: boolean | string }>;
  prompt: string;
  tries: Array<{ answer: string; usage: Usage; error?: string }>;
  /** Tool calls of the tool loop, in order. */
  toolCalls?: Array<{ name: string; input: unknown; isError: boolean; bytes: number }>;
  /** Requests that failed and were retried or ended the call (429, 529, dropped connections, …). */
  requestErrors?: Array<{ code: string; message: string }>;
  value?: unknown;
  error?: { code: string; message: string };
}

/** Transcript files written at once: more only thrash the libuv thread pool the journal's fsync shares. */
const WRITERS = 2;

export class TranscriptWriter {
  private readonly queue: Array<{ file: string; text: string }> = [];
  private readonly writers = new Set<Promise<void>>();
  private active = 0;
  private ready: Promise<unknown> | null = null;
  /** Failures to write a transcript: reported, never fatal to the run. */
  readonly errors: string[] = [];

  constructor(private readonly dir: string) {}

  write(transcript: Transcript): void {
    const slug = transcript.label.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
    const file = join(this.dir, `${transcript.key.slice(0, 12)}-${transcript.occurrence}-${slug}.json`);
    this.queue.push({ file, text: `${redactedJson(transcript, 2)}\n` });
    if (this.active >= WRITERS) return;
    this.active++;
    const writer = this.drain();
    this.writers.add(writer);
    void writer.finally(() => this.writers.delete(writer));
  }

  private async drain(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true });
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        try {
          await this.ready;
          await writeFile(next.file, next.text);
        } catch (error) {
          this.errors.push(`${next.file}: ${(error as Error).message}`);
        }
      }
    } finally {
      // In the same turn as finding the queue empty, so a transcript queued next starts a writer.
      this.active--;
    }
  }

  async flush(): Promise<void> {
    while (this.writers.size > 0) await Promise.all(this.writers);
  }
}
