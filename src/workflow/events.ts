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
);

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
