/**
 * Who hears about long commands (cargo) while they run: the workflow runtime installs a reporter for the
 * duration of a recipe (an AsyncLocalStorage, so runs in one process do not hear each other's commands), and
 * the toolchain wraps each command it runs in {@link reportCommand}. Outside a run nothing is reported.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CommandStart {
  /** The command and its subcommand, without flags: `cargo check`, `cargo test`. */
  title: string;
  command: string;
  args: readonly string[];
}

export interface CommandEnd {
  durationMs: number;
  code: number | null;
  timedOut: boolean;
}

export interface CommandReporter {
  /** A command started; returns the function to call when it ended. */
  started(command: CommandStart): (end: CommandEnd) => void;
}

const storage = new AsyncLocalStorage<CommandReporter>();

/** Runs `fn` with `reporter` hearing about every command reported inside it. */
export function withCommandReporter<T>(reporter: CommandReporter, fn: () => T): T {
  return storage.run(reporter, fn);
}

/** `cargo check --offline …` → `cargo check`: the command and the words before the first flag. */
export function commandTitle(command: string, args: readonly string[]): string {
  const words: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') || words.length >= 2) break;
    words.push(arg);
  }
  const base = command.split(/[\\/]/).pop() ?? command;
  return [base, ...words].join(' ');
}

/** Runs a command through `run`, telling the current reporter (if any) when it starts and ends. A reporter that throws is ignored. */
export async function reportCommand<R extends { code: number | null; timedOut: boolean; durationMs: number }>(command: string, args: readonly string[], run: () => Promise<R>): Promise<R> {
  const reporter = storage.getStore();
  if (reporter === undefined) return run();
  let end: ((e: CommandEnd) => void) | undefined;
  try {
    end = reporter.started({ title: commandTitle(command, args), command, args: [...args] });
  } catch {
    end = undefined;
  }
  const started = Date.now();
  try {
    const result = await run();
    safely(() => end?.({ durationMs: result.durationMs, code: result.code, timedOut: result.timedOut }));
    return result;
  } catch (error) {
    safely(() => end?.({ durationMs: Date.now() - started, code: null, timedOut: false }));
    throw error;
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // a broken reporter never breaks the command
  }
}
