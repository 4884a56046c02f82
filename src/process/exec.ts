/**
 * `exec` for recipes (exposed as `ctx.exec`): runs only allow-listed commands, with a
 * default timeout, through a {@link ProcessRunner}. A non-zero exit is a result, not an
 * error; a command outside the list is a `COMMAND_NOT_ALLOWED` error before anything runs.
 */
import { MigrateError } from '../errors.js';
import { NodeProcessRunner } from './process-runner.js';
import type { ProcessResult, ProcessRunner, RunOptions } from './process-runner.js';
import { defaultSandbox, type Sandbox, type SandboxPolicy } from './sandbox.js';

/** Commands a recipe may run unless the run configures its own list. */
export const DEFAULT_ALLOWED_COMMANDS: readonly string[] = ['cargo', 'rustc', 'rustfmt', 'git'];

/** Ten minutes: a cold `cargo build` of a large port fits; a hung process does not. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10 * 60 * 1000;

export interface ExecConfig {
  /** Runs the processes. Default: a {@link NodeProcessRunner}. */
  runner?: ProcessRunner;
  /**
   * Command names that may run, matched exactly against the command as given (a path such
   * as `./cargo` or `/tmp/x/cargo` matches only when listed as that path).
   * Default {@link DEFAULT_ALLOWED_COMMANDS}: `cargo`, `rustc`, `rustfmt`, `git`.
   */
  allow?: readonly string[];
  /** Working directory when a call gives none. Default: the current directory. */
  cwd?: string;
  /** Timeout when a call gives none. Default {@link DEFAULT_EXEC_TIMEOUT_MS} (10 minutes). */
  timeoutMs?: number;
  /** Variables merged under each call's own `env`. Default none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Aborts every call (the run's signal); combined with a call's own signal. Default none. */
  signal?: AbortSignal;
  /** Output cap per stream when a call gives none. Default 32 MiB. */
  maxOutputBytes?: number;
  /** The sandbox of calls that ask for one (`{ sandbox: true }`). Default: `auto`, resolved on first use. */
  sandbox?: Sandbox;
}

/** Options of one `exec` call. */
export interface ExecOptions extends RunOptions {
  /**
   * Run the command in the run's sandbox (see `--sandbox`): for anything that builds or runs model-written
   * code. `true` lets it write only its `cwd` (and a private `/tmp`); a policy names the writable directories.
   * Default false: the command runs as it is, with this process's environment.
   */
  sandbox?: boolean | SandboxPolicy;
}

/** Runs an allow-listed command; resolves with its result whatever the exit code. */
export type Exec = (cmd: string, args?: readonly string[], options?: ExecOptions) => Promise<ProcessResult>;

/** Throws `COMMAND_NOT_ALLOWED` unless `cmd` is on the list. */
export function assertAllowed(cmd: string, allow: readonly string[] = DEFAULT_ALLOWED_COMMANDS): void {
  if (allow.includes(cmd)) return;
  const list = allow.length > 0 ? allow.map((c) => `\`${c}\``).join(', ') : 'none';
  throw new MigrateError(
    'COMMAND_NOT_ALLOWED',
    `exec refused \`${cmd}\`: only allow-listed commands may run (allowed: ${list}). ` +
      'Add the command to the allow-list of the run if the recipe really needs it.',
    { details: { command: cmd, allowed: [...allow] } },
  );
}

function combineSignals(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return AbortSignal.any([a, b]);
}

/** Makes the `exec` function a recipe sees. */
export function createExec(config: ExecConfig = {}): Exec {
  const runner = config.runner ?? new NodeProcessRunner();
  const allow = config.allow ?? DEFAULT_ALLOWED_COMMANDS;
  return async (cmd, args = [], options = {}) => {
    assertAllowed(cmd, allow);
    const { sandbox: asked, ...rest } = options;
    const cwd = rest.cwd ?? config.cwd;
    const maxOutputBytes = rest.maxOutputBytes ?? config.maxOutputBytes;
    const signal = combineSignals(config.signal, rest.signal);
    let use: ProcessRunner = runner;
    if (asked !== undefined && asked !== false) {
      const sandbox = config.sandbox ?? (await defaultSandbox());
      use = sandbox.runner(runner, asked === true ? { writable: [cwd ?? process.cwd()] } : asked);
    }
    return use.run(cmd, args, {
      ...rest,
      env: { ...config.env, ...rest.env },
      timeoutMs: rest.timeoutMs ?? config.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS,
      ...(cwd !== undefined ? { cwd } : {}),
      ...(maxOutputBytes !== undefined ? { maxOutputBytes } : {}),
      ...(signal !== undefined ? { signal } : {}),
    });
  };
}
