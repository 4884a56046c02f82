/**
 * A test double for {@link ProcessRunner}: answers each call from a script instead of
 * starting a process, and records the calls. Steps are matched by command and arguments;
 * a step is used once unless it says `repeat`.
 */
import { MigrateError } from '../errors.js';
import type { ProcessResult, ProcessRunner, RunOptions } from './process-runner.js';

/** One recorded call. */
export interface RecordedCall {
  cmd: string;
  args: readonly string[];
  options: RunOptions;
}

/** One scripted answer. */
export interface ScriptStep {
  /** The command this step answers (`cargo`). */
  cmd: string;
  /**
   * Which arguments it answers: an array is a prefix the call's arguments must start with;
   * a function decides. Default: any arguments.
   */
  args?: readonly string[] | ((args: readonly string[]) => boolean);
  /** The answer; missing fields default to a successful, silent run. */
  result?: Partial<ProcessResult> | ((call: RecordedCall) => Partial<ProcessResult>);
  /** Reject with this instead (e.g. a `COMMAND_NOT_FOUND` MigrateError). */
  error?: Error;
  /** Pretend the process ran this long; a call whose `timeoutMs` is shorter times out. Default 0. */
  delayMs?: number;
  /** Answer any number of matching calls. Default false (used once). */
  repeat?: boolean;
}

function matches(step: ScriptStep, cmd: string, args: readonly string[]): boolean {
  if (step.cmd !== cmd) return false;
  if (step.args === undefined) return true;
  if (typeof step.args === 'function') return step.args(args);
  return step.args.every((arg, i) => args[i] === arg);
}

/** Answers calls from a script; throws `SCRIPT_EXHAUSTED` for a call no step answers. */
export class ScriptedRunner implements ProcessRunner {
  readonly calls: RecordedCall[] = [];
  private readonly steps: { step: ScriptStep; used: boolean }[];

  constructor(script: readonly ScriptStep[]) {
    this.steps = script.map((step) => ({ step, used: false }));
  }

  /** Steps never used (repeatable steps excluded). */
  remaining(): ScriptStep[] {
    return this.steps.filter((s) => !s.used && s.step.repeat !== true).map((s) => s.step);
  }

  async run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
    const call: RecordedCall = { cmd, args: [...args], options };
    this.calls.push(call);
    const entry = this.steps.find((s) => (!s.used || s.step.repeat === true) && matches(s.step, cmd, args));
    if (entry === undefined) {
      throw new MigrateError(
        'SCRIPT_EXHAUSTED',
        `The scripted runner has no step for \`${[cmd, ...args].join(' ')}\`. Add a step with cmd "${cmd}" to the script.`,
        { details: { command: cmd, args: [...args] } },
      );
    }
    entry.used = true;
    const { step } = entry;
    const delay = step.delayMs ?? 0;
    const timedOut = options.timeoutMs !== undefined && options.timeoutMs > 0 && delay > options.timeoutMs;
    const waitMs = timedOut ? (options.timeoutMs ?? 0) : delay;
    if (waitMs > 0) await sleep(waitMs, options.signal);
    if (options.signal?.aborted) {
      throw new MigrateError('ABORTED', `\`${cmd}\` was aborted.`, { details: { command: cmd } });
    }
    if (step.error !== undefined) throw step.error;
    const answer = typeof step.result === 'function' ? step.result(call) : (step.result ?? {});
    return {
      code: timedOut ? null : 0,
      signal: timedOut ? 'SIGTERM' : null,
      stdout: '',
      stderr: '',
      durationMs: waitMs,
      ...answer,
      timedOut: timedOut || answer.timedOut === true,
    };
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
