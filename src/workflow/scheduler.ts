/**
 * The scheduler: at most `slots` agent calls in flight (p-queue), later pipeline stages first
 * (priority), and the run's limits checked the moment a call would start: interruption, the
 * agent cap and the USD budget. A call refused by a limit rejects at once with a clear error.
 */
import PQueue from 'p-queue';
import { MigrateError } from '../errors.js';
import type { Budget } from './budget.js';

export interface SchedulerOptions {
  runId: string;
  /** Concurrent agent calls. Default 16, 1 to 256. */
  slots: number;
  /** Agent calls that may reach the model in the whole run. Default 1000. */
  maxAgents: number;
  budget: Budget;
  /** Calls that reached the model in earlier sessions of this run. */
  agentsBefore: number;
}

export const DEFAULT_SLOTS = 16;
export const MAX_SLOTS = 256;
export const DEFAULT_MAX_AGENTS = 1000;

export class Scheduler {
  private readonly queue: PQueue;
  private started: number;
  private stopReason: MigrateError | null = null;
  /** Set once a call was refused because the budget was spent. */
  budgetRefused = false;
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly options: SchedulerOptions) {
    if (!Number.isInteger(options.slots) || options.slots < 1 || options.slots > MAX_SLOTS) {
      throw new MigrateError('BAD_OPTION', `Concurrency must be a whole number from 1 to ${MAX_SLOTS}; got ${options.slots}.`);
    }
    if (!Number.isInteger(options.maxAgents) || options.maxAgents < 0) {
      throw new MigrateError('BAD_OPTION', `The agent cap must be a whole number of at least 0; got ${options.maxAgents}.`);
    }
    this.queue = new PQueue({ concurrency: options.slots });
    this.started = options.agentsBefore;
  }

  /** Agent calls started against the model, this session and before. */
  get agentsStarted(): number {
    return this.started;
  }

  get queued(): number {
    return this.queue.size;
  }

  /** Runs `task` in a slot once one is free and every limit allows it. Higher priority starts first. */
  schedule<T>(task: () => Promise<T>, priority = 0): Promise<T> {
    return this.queue.add(
      async () => {
        this.admit();
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
          return await task();
        } finally {
          this.inFlight--;
        }
      },
      { priority },
    ) as Promise<T>;
  }

  /** No new call starts after this; queued calls reject with `reason`, calls in flight go on. */
  stop(reason: MigrateError): void {
    this.stopReason ??= reason;
  }

  get stopped(): boolean {
    return this.stopReason !== null;
  }

  /** Resolves when nothing is queued or in flight. */
  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }

  private admit(): void {
    if (this.stopReason) throw this.stopReason;
    const { budget, maxAgents, runId } = this.options;
    if (budget.exhausted) {
      this.budgetRefused = true;
      throw new MigrateError(
        'BUDGET_EXHAUSTED',
        `Budget exhausted: $${budget.spentUsd.toFixed(4)} of the $${budget.totalUsd.toFixed(2)} budget is spent, so no new agent starts. Resume with a higher budget: migrate resume ${runId} --budget <USD>.`,
        { details: { spentUsd: budget.spentUsd, budgetUsd: budget.totalUsd } },
      );
    }
    if (this.started >= maxAgents) {
      throw new MigrateError(
        'AGENT_CAP_REACHED',
        `Agent cap reached: this run may send at most ${maxAgents} agent calls to the model and all have been used. Resume with a higher cap: migrate resume ${runId} --max-agents <N>.`,
        { details: { maxAgents } },
      );
    }
    this.started++;
  }
}
