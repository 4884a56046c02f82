/**
 * The run store: everything a run keeps between sessions, behind one interface so the runtime never
 * touches files itself — run info (`run.json`), the journal, transcripts, and the lock that lets one
 * process at a time write a run. {@link JsonlRunStore} (directories of JSON and JSONL files) is the default.
 */
import type { LoadedJournal, JournalLine } from './journal-file.js';
import type { EventLogAppender, EventLogChunk } from './event-log.js';
import type { Lock } from './lock.js';
import type { RunInfo } from './run-info.js';
import type { TranscriptWriter } from './transcripts.js';

/** A run as `runs` lists it: readable, or damaged with what is wrong. */
export type RunListing = { ok: true; info: RunInfo } | { ok: false; id: string; dir: string; problem: string };

export interface JournalAppender {
  readonly path: string;
  /** Resolves once the line is durable; rejects with STATE_IO (and every later append does too). */
  append(line: JournalLine): Promise<void>;
  close(): Promise<void>;
}

export interface RunStore {
  /** Where the runs live, for messages. */
  readonly location: string;
  newRunId(recipe: string): string;
  /** The run's directory: reports and PR files are written there. */
  runDir(runId: string): string;
  /** Takes the run's exclusive lock (LOCKED naming the holder when a live process has it). */
  lock(runId: string, purpose: string): Promise<Lock>;
  /**
   * The id a user's words name: an id, a unique prefix of one, or the latest run (`last`). RUN_NOT_FOUND with the
   * known ids when none matches, BAD_INPUT with the candidates when a prefix is ambiguous.
   */
  resolveId(ref: string | { last: true }): Promise<string>;
  /** run.json, validated (RUN_NOT_FOUND, RUN_DAMAGED); a `running` run whose process is gone reads as `interrupted`. */
  info(runId: string): Promise<RunInfo>;
  /** Replaces run.json atomically. */
  writeInfo(info: RunInfo): Promise<void>;
  /** Every run, oldest first; damaged ones are listed as such, never hidden and never fatal. */
  list(): Promise<RunListing[]>;
  /** The journal, validated (JOURNAL_CORRUPT naming the line). */
  readJournal(runId: string): Promise<LoadedJournal>;
  openJournal(runId: string, loaded: LoadedJournal): Promise<JournalAppender>;
  transcripts(runId: string, session: number): TranscriptWriter;
  /**
   * Opens the run's event log (`events.jsonl`, mode 0600) for appending the run's redacted events. A failed write is
   * given to `onError` once and never stops the run.
   */
  openEventLog(runId: string, onError: (error: Error) => void): Promise<EventLogAppender>;
  /** The events appended to the run's event log after byte `offset` (0: from the start), for viewers that follow a run. */
  readEvents(runId: string, offset?: number): Promise<EventLogChunk>;
}
