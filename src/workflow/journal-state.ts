/**
 * What a run's journal says, derived once when a session starts: the money and agents already spent
 * (budget and agent cap are computed from here, so no kill can lift them), and the answers a resumed
 * session can replay instead of paying again.
 *
 * A call (content key + occurrence) can be replayed when its last paid answer was final (not a tool-use turn):
 * its value is that answer, checked again against the call's schema when the recipe asks for it. A format-1
 * journal line carries the value itself.
 */
import type { AttemptLine, BatchLine, JournalLine } from '../store/journal-file.js';
import { addUsage, ZERO_USAGE, type Usage } from '../model/types.js';

export interface CallRecord {
  key: string;
  occurrence: number;
  label: string;
  phase: string;
  /** Times the call was admitted (reached the model), over all sessions. */
  starts: number;
  usage: Usage;
  costUsd: number;
  /** Paid answers (schema retries and tool turns included). */
  answers: number;
  requests: number;
  /** The last paid answer. */
  last?: AttemptLine;
  /** A format-1 line's value (the call completed in a session of the old format). */
  legacy?: { value: unknown };
  /** Message Batch entries submitted for this call whose answer is not journaled yet (a resume collects them). */
  pendingBatches?: PendingBatchEntry[];
  /** How the call last settled, if it did. */
  settled?: 'ok' | 'failed';
  error?: { code: string; message: string };
  at?: string;
}

export interface PendingBatchEntry {
  batchId: string;
  customId: string;
  requestHash: string;
}

export interface Charge {
  model: string;
  usage: Usage;
  costUsd: number;
}

export class JournalState {
  /** Agent calls that reached the model, over all sessions. */
  agentsStarted = 0;
  /** Every paid answer, in order. */
  readonly charges: Charge[] = [];
  readonly calls = new Map<string, CallRecord>();
  /** Every batch the journal records, by id. */
  readonly batches = new Map<string, BatchLine>();

  static from(lines: readonly JournalLine[]): JournalState {
    const state = new JournalState();
    for (const line of lines) state.add(line);
    return state;
  }

  private add(line: JournalLine): void {
    if (line.type === 'batch') {
      this.batches.set(line.id, line);
      for (const entry of line.entries) {
        const record = this.record(entry);
        (record.pendingBatches ??= []).push({ batchId: line.id, customId: entry.customId, requestHash: entry.requestHash });
      }
      return;
    }
    const record = this.record(line);
    switch (line.type) {
      case 'start':
        // Tried again (a resume of a call that failed or never settled): it is unsettled until its next agent line.
        this.agentsStarted++;
        record.starts++;
        delete record.settled;
        delete record.error;
        break;
      case 'attempt':
        this.charges.push({ model: line.model, usage: line.usage, costUsd: line.costUsd });
        record.usage = addUsage(record.usage, line.usage);
        record.costUsd += line.costUsd;
        record.answers++;
        record.last = line;
        if (line.batch && record.pendingBatches) {
          const { id, customId } = line.batch;
          record.pendingBatches = record.pendingBatches.filter((p) => !(p.batchId === id && p.customId === customId));
        }
        break;
      case 'agent':
        record.settled = line.status;
        record.at = line.at;
        if (line.error) record.error = line.error;
        else delete record.error;
        if (line.v === 1) {
          // Format 1: one line per settled call, holding its whole cost and, when ok, its value.
          this.agentsStarted++;
          record.starts++;
          this.charges.push({ model: line.model, usage: line.usage, costUsd: line.costUsd });
          record.usage = addUsage(record.usage, line.usage);
          record.costUsd += line.costUsd;
          record.answers += line.tries;
          record.requests += line.requests ?? line.tries;
          if (line.status === 'ok') record.legacy = { value: line.value };
        } else {
          record.requests += line.requests;
        }
        break;
    }
  }

  private record(line: Pick<AttemptLine, 'key' | 'occurrence' | 'label' | 'phase'>): CallRecord {
    const id = callId(line.key, line.occurrence);
    let record = this.calls.get(id);
    if (!record) {
      record = { key: line.key, occurrence: line.occurrence, label: line.label, phase: line.phase, starts: 0, usage: ZERO_USAGE, costUsd: 0, answers: 0, requests: 0 };
      this.calls.set(id, record);
    }
    return record;
  }

  call(key: string, occurrence: number): CallRecord | undefined {
    return this.calls.get(callId(key, occurrence));
  }

  /**
   * A batch entry of this call, submitted by an earlier session for exactly this request (same hash) and not
   * collected yet: a resume collects it from its batch instead of paying again.
   */
  pendingBatch(key: string, occurrence: number, requestHash: string): PendingBatchEntry | undefined {
    return this.call(key, occurrence)?.pendingBatches?.find((p) => p.requestHash === requestHash);
  }

  /** Marks a pending batch entry collected (this session journaled its answer, or gave it up). */
  collected(key: string, occurrence: number, customId: string): void {
    const record = this.call(key, occurrence);
    if (record?.pendingBatches) record.pendingBatches = record.pendingBatches.filter((p) => p.customId !== customId);
  }

  /** Calls whose answer a resume can take from the journal. */
  get replayable(): number {
    let n = 0;
    for (const record of this.calls.values()) if (replayableAnswer(record) !== undefined) n++;
    return n;
  }
}

/** The journaled answer of a call: the text of its last final answer, or a format-1 value. */
export function replayableAnswer(record: CallRecord): { text: string } | { value: unknown } | undefined {
  if (record.last && record.last.final && record.settled !== 'failed') return { text: record.last.answer };
  if (record.legacy && record.settled === 'ok') return { value: record.legacy.value };
  return undefined;
}

const callId = (key: string, occurrence: number): string => `${key}#${occurrence}`;
