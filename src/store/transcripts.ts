/**
 * Transcripts: one JSON line per agent call that reached the model, with the prompt, each try's
 * answer and usage, and the outcome; secrets redacted (structurally: every string inside is redacted). Each session of a run appends to its own
 * file, `transcripts/session-<n>.jsonl`, in batches (one small file per call cost more than the
 * calls themselves at thousands of calls). Written in the background; `flush()` waits.
 */
import { appendFile, mkdir, readFile, readdir } from 'node:fs/promises';
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

export class TranscriptWriter {
  private pending: string[] = [];
  private writing: Promise<void> | null = null;
  private readonly file: string;
  /** Failures to write transcripts: reported, never fatal to the run. */
  readonly errors: string[] = [];

  constructor(
    private readonly dir: string,
    session: number,
  ) {
    this.file = join(dir, `session-${session}.jsonl`);
  }

  write(transcript: Transcript): void {
    this.pending.push(`${redactedJson(transcript)}\n`);
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      while (this.pending.length > 0) {
        const batch = this.pending.join('');
        this.pending = [];
        await appendFile(this.file, batch);
      }
    } catch (error) {
      this.errors.push(`${this.file}: ${(error as Error).message}`);
      this.pending = [];
    } finally {
      this.writing = null;
    }
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }
}

/** Every transcript of a run, session by session, in the order written. */
export async function readTranscripts(dir: string): Promise<Transcript[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => /^session-\d+\.jsonl$/.test(f));
  files.sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));
  const all: Transcript[] = [];
  for (const file of files) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (!line) continue;
      try {
        all.push(JSON.parse(line) as Transcript);
      } catch {
        // a torn last line after a crash: the journal, not the transcript, is the record
      }
    }
  }
  return all;
}
