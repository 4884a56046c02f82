/**
 * Follows one run through its state files, as another process may be writing them: the new lines of the event
 * log, `run.json`, and the report once the run has ended, folded into a {@link DashboardState}. Polls (a stat and
 * a read of what was appended), which works the same for a live run, a finished one and one in another process.
 */
import { readFile } from 'node:fs/promises';
import type { MigrationReport } from '../../report/types.js';
import { redactValue } from '../../redact.js';
import type { RunStore } from '../../store/run-store.js';
import { DashboardState } from './dashboard-state.js';

export class RunFollower {
  readonly state = new DashboardState();
  private offset = 0;
  private lastInfo = '';
  private reportLoaded = false;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<boolean> | undefined;
  /** Why the last read failed, if it did (shown on the page; the next poll tries again). */
  problem: string | undefined;
  /** Whether the run has ended (its run.json says so). */
  ended = false;

  constructor(
    private readonly store: RunStore,
    readonly runId: string,
  ) {}

  /** Reads what changed since the last poll; true when anything did. Concurrent calls share one read. */
  poll(): Promise<boolean> {
    this.polling ??= this.read().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async read(): Promise<boolean> {
    let changed = false;
    try {
      // Events first, then run.json: a run that reads as ended has all its events in the log already.
      for (;;) {
        const chunk = await this.store.readEvents(this.runId, this.offset);
        if (chunk.offset < this.offset) changed = true; // the log was replaced
        this.offset = chunk.offset;
        for (const event of chunk.events) this.state.apply(redactValue(event));
        if (chunk.events.length === 0) break;
        changed = true;
      }
      const info = await this.store.info(this.runId);
      const text = JSON.stringify(info);
      if (text !== this.lastInfo) {
        this.lastInfo = text;
        this.state.setInfo(redactValue(info));
        changed = true;
      }
      this.ended = info.status !== 'running';
      if (this.ended && !this.reportLoaded && info.result?.report !== undefined) {
        this.reportLoaded = true;
        const report = await readFile(info.result.report, 'utf8').then((t) => JSON.parse(t) as MigrationReport).catch(() => undefined);
        if (report && Array.isArray(report.items)) {
          this.state.setReport(redactValue(report));
          changed = true;
        }
      }
      if (this.problem !== undefined) changed = true;
      this.problem = undefined;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.problem) changed = true;
      this.problem = message;
    }
    return changed;
  }

  /** Polls every `intervalMs` and calls `onChange` after each poll that found something new. */
  start(onChange: () => void, intervalMs = 250): void {
    if (this.timer) return;
    const tick = async (): Promise<void> => {
      if (await this.poll()) onChange();
    };
    this.timer = setInterval(() => void tick(), intervalMs);
    this.timer.unref();
    void tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
