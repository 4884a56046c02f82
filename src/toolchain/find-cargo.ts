/**
 * Finds cargo before anything expensive happens: where it is, which version, and a
 * `CARGO_MISSING` error that says how to install it when it is absent or unusable.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { MigrateError, isMigrateError } from '../errors.js';
import { NodeProcessRunner } from '../process/process-runner.js';
import type { ProcessRunner } from '../process/process-runner.js';

export interface FindCargoOptions {
  /** Runs `cargo --version`. Default: a {@link NodeProcessRunner}. */
  runner?: ProcessRunner;
  /** The cargo command or path. Default `cargo`. */
  cargo?: string;
  /** Environment overrides (e.g. `PATH`), merged over `process.env`. Default none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Timeout for `cargo --version` and `rustc --version`. Default 30 s. */
  timeoutMs?: number;
}

export interface CargoInfo {
  /** The command used (`cargo` or the given path). */
  command: string;
  /** The file on PATH the command resolved to, when it could be found. */
  path?: string;
  /** `cargo --version` output, e.g. `cargo 1.95.0 (f2d3ce0bd 2026-03-21)`. */
  version: string;
  /** The semantic version alone, e.g. `1.95.0`. */
  semver?: string;
  /** `rustc --version` output, when rustc runs. */
  rustcVersion?: string;
}

const INSTALL_HINT =
  'Install Rust with rustup (https://rustup.rs: `curl --proto =https --tlsv1.2 -sSf https://sh.rustup.rs | sh`), ' +
  'then open a new shell or add ~/.cargo/bin to PATH.';

/** The executable a bare command resolves to on PATH, or undefined. */
function whichSync(command: string, pathValue: string | undefined): string | undefined {
  if (isAbsolute(command) || command.includes('/')) return command;
  for (const dir of (pathValue ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function missing(command: string, why: string, cause?: unknown): MigrateError {
  return new MigrateError('CARGO_MISSING', `Expected \`${command}\` to run for the build and test loop, but ${why}. ${INSTALL_HINT}`, {
    ...(cause !== undefined ? { cause } : {}),
    details: { command },
  });
}

/** Checks that cargo runs; resolves with its version, or rejects with `CARGO_MISSING`. */
export async function findCargo(options: FindCargoOptions = {}): Promise<CargoInfo> {
  const runner = options.runner ?? new NodeProcessRunner();
  const command = options.cargo ?? 'cargo';
  const env = options.env ?? {};
  const pathValue = 'PATH' in env ? env['PATH'] : process.env['PATH'];
  const timeoutMs = options.timeoutMs ?? 30_000;
  let version: string;
  try {
    const result = await runner.run(command, ['--version'], { env, timeoutMs });
    if (result.timedOut) throw missing(command, `\`${command} --version\` did not answer within ${timeoutMs} ms`);
    if (result.code !== 0) {
      const said = (result.stderr.trim() || result.stdout.trim()).split('\n')[0] ?? '';
      throw missing(command, `\`${command} --version\` failed (exit ${result.code ?? result.signal})${said ? `: ${said}` : ''}`);
    }
    version = result.stdout.trim();
  } catch (error) {
    if (isMigrateError(error, 'CARGO_MISSING') || isMigrateError(error, 'ABORTED')) throw error;
    if (isMigrateError(error, 'COMMAND_NOT_FOUND')) {
      throw missing(command, `it was not found on PATH (${pathValue ?? 'unset'})`, error);
    }
    throw missing(command, `it could not be started (${error instanceof Error ? error.message : String(error)})`, error);
  }
  const info: CargoInfo = { command, version };
  const path = whichSync(command, pathValue);
  if (path !== undefined) info.path = path;
  const semver = /\b(\d+\.\d+\.\d+(?:-[\w.]+)?)\b/.exec(version)?.[1];
  if (semver !== undefined) info.semver = semver;
  try {
    const rustc = await runner.run('rustc', ['--version'], { env, timeoutMs });
    if (rustc.code === 0) info.rustcVersion = rustc.stdout.trim();
  } catch {
    // cargo can still report rustc's absence itself when it builds
  }
  return info;
}
