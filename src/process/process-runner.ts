/**
 * The process-runner interface every command of the toolchain goes through, and its real
 * implementation on `child_process.spawn`. Never uses a shell. On POSIX the child leads its
 * own process group, so a timeout or an abort kills it and everything it started (cargo's
 * rustc jobs, build scripts, test binaries), not just the direct child.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { MigrateError } from '../errors.js';

/** Options of one process run. */
export interface RunOptions {
  /** Working directory. Default: the current directory of this process. */
  cwd?: string;
  /**
   * Variables merged over `process.env` (or over nothing when `inheritEnv` is false); a
   * value of `undefined` removes the variable. Default: none.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Start from `process.env`. Default true. */
  inheritEnv?: boolean;
  /** Kill the process group after this many milliseconds. Default: no timeout. */
  timeoutMs?: number;
  /** Aborting kills the process group; `run` then rejects with code `ABORTED`. Default: none. */
  signal?: AbortSignal;
  /** Bytes of stdout and of stderr kept, each; the rest is read and dropped. Default 32 MiB. */
  maxOutputBytes?: number;
  /** Milliseconds between SIGTERM and SIGKILL when killing. Default 2000. */
  killGraceMs?: number;
  /** Text written to the child's stdin, which is then closed. Default: stdin is empty. */
  input?: string;
}

/** What a finished (or killed) process left behind. */
export interface ProcessResult {
  /** Exit code, or null when the process ended by a signal. */
  code: number | null;
  /** The signal that ended it (`SIGTERM`, `SIGKILL`, …), or null. */
  signal: string | null;
  stdout: string;
  stderr: string;
  /** True when the run hit `timeoutMs` and was killed. */
  timedOut: boolean;
  durationMs: number;
  /** True when output beyond `maxOutputBytes` was dropped from stdout / stderr. */
  stdoutTruncated?: boolean;
  stderrTruncated?: boolean;
  /** Process id of the child (also its process group id on POSIX). */
  pid?: number;
}

/** Runs one command to completion. Implementations never use a shell. */
export interface ProcessRunner {
  run(cmd: string, args: readonly string[], options?: RunOptions): Promise<ProcessResult>;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
export const DEFAULT_KILL_GRACE_MS = 2_000;

/** Builds the child's environment from `process.env` and the overrides. */
function buildEnv(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = options.inheritEnv === false ? {} : { ...process.env };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Collects a stream's bytes up to a cap, then keeps draining without storing. */
class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept.length < chunk.length) this.truncated = true;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return new TextDecoder('utf-8').decode(Buffer.concat(this.chunks));
  }
}

/** Process groups still alive; killed if this process exits first. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}

/** The real runner, on `child_process.spawn`. */
export class NodeProcessRunner implements ProcessRunner {
  run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
    const started = performance.now();
    const cap = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const grace = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    if (options.signal?.aborted) return Promise.reject(abortedError(cmd, 0));

    return new Promise<ProcessResult>((resolve, reject) => {
      const child = spawn(cmd, args, {
        cwd: options.cwd,
        env: buildEnv(options),
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      const stdout = new CappedBuffer(cap);
      const stderr = new CappedBuffer(cap);
      let timedOut = false;
      let aborted = false;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      let graceTimer: NodeJS.Timeout | undefined;
      let hardTimer: NodeJS.Timeout | undefined;
      const pid = child.pid;
      if (pid !== undefined) {
        installExitHook();
        liveGroups.add(pid);
      }

      const cleanup = (): void => {
        clearTimeout(timer);
        clearTimeout(graceTimer);
        clearTimeout(hardTimer);
        options.signal?.removeEventListener('abort', onAbort);
        if (pid !== undefined) liveGroups.delete(pid);
      };
      const finish = (code: number | null, signal: string | null): void => {
        if (settled) return;
        settled = true;
        cleanup();
        const durationMs = Math.round(performance.now() - started);
        if (aborted) {
          reject(abortedError(cmd, durationMs));
          return;
        }
        resolve({
          code,
          signal,
          stdout: stdout.text(),
          stderr: stderr.text(),
          timedOut,
          durationMs,
          ...(stdout.truncated ? { stdoutTruncated: true } : {}),
          ...(stderr.truncated ? { stderrTruncated: true } : {}),
          ...(pid !== undefined ? { pid } : {}),
        });
      };
      const kill = (): void => {
        if (pid === undefined) return;
        killGroup(pid, 'SIGTERM');
        graceTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), grace);
        // Streams held open by a process that left the group must not hang us.
        hardTimer = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish(child.exitCode, child.signalCode ?? 'SIGKILL');
        }, grace + 2_000);
      };
      function onAbort(): void {
        aborted = true;
        kill();
      }

      child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.stdin?.on('error', () => {
        // the child may exit without reading its input
      });
      child.stdin?.end(options.input ?? '');
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (settled) return;
        settled = true;
        cleanup();
        reject(spawnError(cmd, options.cwd, error));
      });
      child.on('close', (code, signal) => finish(code, signal));
      if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
        timer = setTimeout(() => {
          timedOut = true;
          kill();
        }, options.timeoutMs);
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function abortedError(cmd: string, durationMs: number): MigrateError {
  return new MigrateError('ABORTED', `\`${cmd}\` was aborted; its process group was killed.`, {
    details: { command: cmd, durationMs },
  });
}

function spawnError(cmd: string, cwd: string | undefined, error: NodeJS.ErrnoException): MigrateError {
  if (error.code === 'ENOENT' && cwd !== undefined && !existsDir(cwd)) {
    return new MigrateError('PROCESS_FAILED', `Cannot run \`${cmd}\`: the working directory ${cwd} does not exist.`, {
      cause: error,
      details: { command: cmd, cwd },
    });
  }
  if (error.code === 'ENOENT') {
    return new MigrateError('COMMAND_NOT_FOUND', `Expected \`${cmd}\` on PATH, but it was not found. Install it or fix PATH.`, {
      cause: error,
      details: { command: cmd },
    });
  }
  return new MigrateError('PROCESS_FAILED', `Cannot start \`${cmd}\`: ${error.message}`, {
    cause: error,
    details: { command: cmd, errno: error.code },
  });
}

function existsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
