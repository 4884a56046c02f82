/**
 * Transcripts: one JSON file per agent call that reached the model, with the prompt, each try's
 * answer and usage, and the outcome; secrets redacted. Written in the background; `flush()` waits.
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
  prompt: string;
  tries: Array<{ answer: string; usage: Usage; error?: string }>;
  value?: unknown;
  error?: { code: string; message: string };
}

export class TranscriptWriter {
  private readonly pending = new Set<Promise<void>>();
  private ready: Promise<unknown> | null = null;
  /** Failures to write a transcript: reported, never fatal to the run. */
  readonly errors: string[] = [];

  constructor(private readonly dir: string) {}

  write(transcript: Transcript): void {
    const slug = transcript.label.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
    const file = join(this.dir, `${transcript.key.slice(0, 12)}-${transcript.occurrence}-${slug}.json`);
    this.ready ??= mkdir(this.dir, { recursive: true });
    const job = this.ready
      .then(() => writeFile(file, `${redactedJson(transcript, 2)}\n`))
      .catch((error: unknown) => {
        this.errors.push(`${file}: ${(error as Error).message}`);
      })
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }
}
