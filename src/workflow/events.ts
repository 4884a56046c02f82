/** The event stream every run emits; the CLI, reports and tests consume it. */
import type { Usage } from '../model/types.js';
import type { RunStatus, RunTotals } from './types.js';

interface AgentRef {
  /** Unique within the session: `<label>#<n>`. */
  id: string;
  label: string;
  phase: string;
}

export type WorkflowEvent = { at: number } & (
  | { type: 'run:started'; runId: string; recipe: string; resumed: boolean; journaled: number }
  | { type: 'run:finished'; runId: string; status: RunStatus; totals: RunTotals; error?: { code: string; message: string } }
  | { type: 'run:interrupting'; runId: string; inFlight: number }
  | { type: 'phase:started'; phase: string }
  | { type: 'phase:finished'; phase: string; ok: boolean }
  | ({ type: 'agent:queued' } & AgentRef)
  | ({ type: 'agent:started'; model: string } & AgentRef)
  | ({ type: 'agent:replayed' } & AgentRef)
  | ({ type: 'agent:retry'; attempt: number; reason: string } & AgentRef)
  | ({ type: 'agent:usage'; model: string; usage: Usage; costUsd: number } & AgentRef)
  | ({ type: 'agent:finished'; durationMs: number } & AgentRef)
  | ({ type: 'agent:failed'; error: { code: string; message: string } } & AgentRef)
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

  emit(event: EventInput): void {
    const stamped = { ...event, at: this.now() } as WorkflowEvent;
    for (const listener of this.listeners) {
      try {
        listener(stamped);
      } catch {
        // A broken listener (a renderer, a test spy) must never break the run.
      }
    }
  }
}
