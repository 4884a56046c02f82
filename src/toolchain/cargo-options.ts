/**
 * Options shared by every cargo invocation, and the one function that runs cargo with
 * them (environment, target dir, offline, timeout, output cap).
 */
import { isAbsolute, resolve } from 'node:path';
import { NodeProcessRunner } from '../process/process-runner.js';
import { reportCommand } from '../process/command-activity.js';
import type { ProcessResult, ProcessRunner, RunOptions } from '../process/process-runner.js';
import { defaultSandbox, type Sandbox } from '../process/sandbox.js';
import { readMessageStream } from './cargo-messages.js';
import type { MessageStream } from './cargo-messages.js';
import type { CratePaths } from './crate-paths.js';
import type { Diagnostic, DiagnosticSource } from './diagnostic-types.js';
import { diagnosticsFromMessages } from './diagnostics.js';

/** Ten minutes per cargo step by default. */
export const DEFAULT_CARGO_TIMEOUT_MS = 10 * 60 * 1000;

export interface CargoOptions {
  /** Runs cargo. Default: a {@link NodeProcessRunner}. */
  runner?: ProcessRunner;
  /**
   * The sandbox cargo runs in: it compiles and runs model-written code. Writable are the crate, its target
   * directory (and `workspaceRoot`) and a private `/tmp`; the environment is the allow-list. `false` runs
   * cargo as it is, with this process's environment. Default: the `auto` sandbox when no `runner` is given,
   * none when one is (the runner then decides how commands run).
   */
  sandbox?: Sandbox | false;
  /** The cargo command or path. Default `cargo`. */
  cargo?: string;
  /**
   * `CARGO_TARGET_DIR`: keep it outside the crate and reuse it across rounds so repeated
   * builds are incremental. Relative paths resolve against the crate. Default: cargo's own
   * (`<crate>/target`, or whatever the environment says).
   */
  targetDir?: string;
  /** Pass `--offline` (no registry access). Default true. */
  offline?: boolean;
  /** `--jobs N`. Default: cargo's own (the number of CPUs). */
  jobs?: number;
  /** Timeout per cargo step, in milliseconds. Default {@link DEFAULT_CARGO_TIMEOUT_MS} (10 minutes). */
  timeoutMs?: number;
  /** Aborting kills cargo and rejects with `ABORTED`. Default none. */
  signal?: AbortSignal;
  /** Extra environment (merged over `process.env`). Default none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Output cap per stream. Default 32 MiB. */
  maxOutputBytes?: number;
  /**
   * Directory rustc's relative file names are relative to (the workspace root). Default:
   * found per file — the crate directory, else the nearest ancestor holding the file.
   */
  workspaceRoot?: string;
}

/** One cargo invocation as it ran. */
export interface CargoStep {
  command: string;
  args: string[];
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** True when some output was dropped by the output cap. */
  truncated: boolean;
}

/** Common flags: `--offline`, `--jobs`. */
export function commonFlags(options: CargoOptions): string[] {
  const flags: string[] = [];
  if (options.offline !== false) flags.push('--offline');
  if (options.jobs !== undefined) flags.push('--jobs', String(options.jobs));
  return flags;
}

/** Runs `cargo <args>` in the crate with the shared options; returns the raw result and the step. */
export async function runCargo(
  crateDir: string,
  args: string[],
  options: CargoOptions,
  extraEnv: Readonly<Record<string, string | undefined>> = {},
): Promise<{ result: ProcessResult; step: CargoStep }> {
  const base = options.runner ?? new NodeProcessRunner();
  const sandbox = options.sandbox === undefined ? (options.runner === undefined ? await defaultSandbox() : undefined) : options.sandbox || undefined;
  const command = options.cargo ?? 'cargo';
  const env: Record<string, string | undefined> = {
    CARGO_TERM_COLOR: 'never',
    CARGO_TERM_PROGRESS_WHEN: 'never',
    ...extraEnv,
    ...options.env,
  };
  if (options.targetDir !== undefined) {
    env['CARGO_TARGET_DIR'] = isAbsolute(options.targetDir) ? options.targetDir : resolve(crateDir, options.targetDir);
  }
  const writable = [crateDir, ...(env['CARGO_TARGET_DIR'] !== undefined ? [env['CARGO_TARGET_DIR']] : []), ...(options.workspaceRoot !== undefined ? [options.workspaceRoot] : [])];
  const runner = sandbox !== undefined ? sandbox.runner(base, { writable }) : base;
  const runOptions: RunOptions = {
    cwd: crateDir,
    env,
    timeoutMs: options.timeoutMs ?? DEFAULT_CARGO_TIMEOUT_MS,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.maxOutputBytes !== undefined ? { maxOutputBytes: options.maxOutputBytes } : {}),
  };
  // Reported to the run (`command:started`/`command:finished`), so progress shows cargo while it runs.
  const result = await reportCommand(command, args, () => runner.run(command, args, runOptions));
  const step: CargoStep = {
    command,
    args,
    code: result.code,
    signal: result.signal,
    timedOut: result.timedOut,
    durationMs: result.durationMs,
    truncated: result.stdoutTruncated === true || result.stderrTruncated === true,
  };
  return { result, step };
}

/** A `--message-format=json` cargo run, its output read. */
export interface JsonRun {
  result: ProcessResult;
  step: CargoStep;
  stream: MessageStream;
  /** The compiler messages as diagnostics (ungrouped). */
  diagnostics: Diagnostic[];
  /** {@link cargoErrors} of stderr, plus a line saying so when the run timed out. */
  errors: string[];
}

/**
 * Runs `cargo <subcommand> <common flags> --message-format=json <rest>` and reads its
 * messages, diagnostics and cargo errors.
 */
export async function runCargoJson(
  crateDir: string,
  subcommand: readonly string[],
  rest: readonly string[],
  options: CargoOptions,
  paths: CratePaths,
  source: DiagnosticSource,
  extraEnv: Readonly<Record<string, string | undefined>> = {},
): Promise<JsonRun> {
  const args = [...subcommand, ...commonFlags(options), '--message-format=json', ...rest];
  const { result, step } = await runCargo(crateDir, args, options, extraEnv);
  const stream = readMessageStream(result.stdout);
  const diagnostics = diagnosticsFromMessages(stream.messages, paths, source);
  const errors = cargoErrors(result.stderr);
  // The sandbox itself could not start the command (a bind that failed, namespaces refused).
  for (const line of result.stderr.split('\n')) if (/^bwrap: /.test(line)) errors.push(`error: the sandbox could not run cargo: ${line}`);
  if (result.timedOut) errors.push(`error: \`cargo ${subcommand.join(' ')}\` timed out after ${result.durationMs} ms and was killed`);
  return { result, step, stream, diagnostics, errors };
}

const NOISE = [
  /^error: could not compile /,
  /^error: test failed, to rerun pass /,
  /^error: doctest failed, to rerun pass /,
  /^error: \d+ targets? failed:?/,
  /^warning: build failed, waiting for other jobs to finish/,
];

/**
 * Errors cargo itself printed on stderr (a bad manifest, a missing file, an offline
 * resolution failure), each with its `Caused by:` lines — not the per-crate "could not
 * compile" summaries, whose details are in the diagnostics.
 */
export function cargoErrors(stderr: string): string[] {
  const errors: string[] = [];
  let current: string[] | undefined;
  for (const line of stderr.split(/\r?\n/)) {
    if (/^error(\[\w+\])?:/.test(line)) {
      if (current !== undefined) errors.push(current.join('\n').trimEnd());
      current = NOISE.some((re) => re.test(line)) ? undefined : [line];
    } else if (current !== undefined && (line === '' || /^\s/.test(line) || line.startsWith('Caused by:'))) {
      current.push(line);
    } else if (current !== undefined) {
      errors.push(current.join('\n').trimEnd());
      current = undefined;
    }
  }
  if (current !== undefined) errors.push(current.join('\n').trimEnd());
  return errors;
}
