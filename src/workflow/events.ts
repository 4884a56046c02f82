/** The event stream every run emits; the CLI, reports and tests consume it. */
import type { Usage } from '../model/types.js';
import { redactValue } from '../redact.js';
import type { RunStatus, RunTotals } from './types.js';

export interface AgentRef {
  /** Unique within the session: `<label>#<n>`. */
  id: string;
  label: string;
  phase: string;
}

export type WorkflowEvent = { at: number } & (
  | { type: 'run:started'; runId: string; recipe: string; resumed: boolean; journaled: number }
  | { type: 'run:finished'; runId: string; status: RunStatus; totals: RunTotals; error?: { code: string; message: string } }
  | { type: 'run:interrupting'; runId: string; inFlight: number }
  /** An error no request can survive (bad key, invalid request, unknown model): no further request is sent. */
  | { type: 'run:stopping'; runId: string; error: { code: string; message: string } }
  /** The live slots changed: halved after a 429/529, or grown by one after a run of successes. */
  | { type: 'scheduler:slots'; slots: number; previous: number; max: number; reason: 'rate-limited' | 'overloaded' | 'recovered' }
  /** A `retry-after` arrived: no request of any agent starts before `until` (epoch ms). */
  | { type: 'scheduler:paused'; until: number; retryAfterMs: number; code: string }
  | { type: 'phase:started'; phase: string }
  | { type: 'phase:finished'; phase: string; ok: boolean }
  | ({ type: 'agent:queued' } & AgentRef)
  | ({ type: 'agent:started'; model: string } & AgentRef)
  | ({ type: 'agent:replayed' } & AgentRef)
  | ({ type: 'agent:retry'; attempt: number; reason: string } & AgentRef)
  /** A request failed in a way worth retrying (429, 529, 5xx, dropped connection); try `attempt` follows after `waitMs` (and any shared pause). */
  | ({ type: 'agent:backoff'; attempt: number; maxTries: number; waitMs: number; error: { code: string; message: string } } & AgentRef)
  /** One read-only tool call of the agent's tool loop. */
  | ({ type: 'agent:tool'; tool: string; path?: string; isError: boolean; bytes: number } & AgentRef)
  | ({ type: 'agent:usage'; model: string; usage: Usage; costUsd: number } & AgentRef)
  | ({ type: 'agent:finished'; durationMs: number } & AgentRef)
  /** `started: false`: refused before it reached the model (interrupted, budget spent, the run stopped): not a failure of its own. */
  | ({ type: 'agent:failed'; started: boolean; error: { code: string; message: string } } & AgentRef)
  | { type: 'log'; phase: string; message: string }
  /** `--batch`: calls were submitted as one Message Batch (`resumed`: a batch of an earlier session being collected). */
  | { type: 'batch:submitted'; batchId: string; requests: number; resumed: boolean }
  /** A poll of a batch: its status and counts (requests move out of `processing` only when the whole batch ends). */
  | { type: 'batch:progress'; batchId: string; status: string; counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number }; elapsedMs: number }
  /** The batch ended and its results were collected. */
  | { type: 'batch:ended'; batchId: string; counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number }; elapsedMs: number }
  /**
   * A work item (a file) reached a stage of the recipe's own pipeline (`queued`, `porting`, `gate`, `compile check`,
   * `review`, `revise`, `approved`, …; `fix` per fix-loop round). Emitted by `itemStage()`; `round` counts review or
   * fix rounds, `detail` says more (errors left, the reason it failed).
   */
  | { type: 'item:stage'; phase: string; item: string; stage: string; round?: number; detail?: string }
  /** The text of one of an item's files at this point (`source`: its input; `output`: what it became so far). Emitted by `itemFile()`. */
  | { type: 'item:file'; phase: string; item: string; role: 'source' | 'output'; path: string; text: string; todos?: number; note?: string }
  /** A reviewer's verdict on an item, with its findings (lines of the output as it stood when reviewed). Emitted by `itemReview()`. */
  | { type: 'item:review'; phase: string; item: string; reviewer: string; verdict: string; round: number; findings: ItemFinding[] }
  /** A long command (cargo) started; `title` is the command and its subcommand (`cargo check`). Emitted by the toolchain. */
  | { type: 'command:started'; phase: string; id: string; title: string; command: string; args: string[] }
  /** The command ended: its exit code (null when killed by a signal) and whether it timed out. */
  | { type: 'command:finished'; phase: string; id: string; title: string; durationMs: number; code: number | null; timedOut: boolean }
);

/** A review finding: the line of the reviewed output it is about, the problem and the evidence. */
export interface ItemFinding {
  line: number;
  problem: string;
  evidence?: string;
}

export type WorkflowEventType = WorkflowEvent['type'];
/** An event without its timestamp, as emitted. */
export type EventInput = WorkflowEvent extends infer E ? (E extends WorkflowEvent ? Omit<E, 'at'> : never) : never;

export type EventListener = (event: WorkflowEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Subscribes; returns the function that unsubscribes. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stamps and delivers an event; strings that look like secrets are redacted first (listeners print and store events). */
  emit(event: EventInput): void {
    const stamped = { ...(redactValue(event)), at: this.now() } as WorkflowEvent;
    for (const listener of this.listeners) {
      try {
        listener(stamped);
      } catch {
        // A broken listener (a renderer, a test spy) must never break the run.
      }
    }
  }
}
