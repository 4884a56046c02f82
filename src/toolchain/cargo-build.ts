/**
 * One build round of the fix loop: `cargo build --message-format=json` and, for the test
 * code, `cargo test --no-run --message-format=json`; their diagnostics deduplicated and
 * grouped by file.
 */
import { CratePaths } from './crate-paths.js';
import { runCargoJson } from './cargo-options.js';
import type { CargoOptions, CargoStep } from './cargo-options.js';
import { groupDiagnostics } from './diagnostics.js';
import type { Diagnostic, DiagnosticSet, DiagnosticSource } from './diagnostic-types.js';

export interface CargoBuildOptions extends CargoOptions {
  /** Also compile the test code (`cargo test --no-run`). Default true. */
  tests?: boolean;
  /** Extra arguments for both steps, e.g. `['--all-targets']` or `['--features', 'x']`. Default none. */
  extraArgs?: readonly string[];
  /** Run `cargo check` instead of `cargo build` for the first step (no code generated: faster). Default false. */
  check?: boolean;
}

export interface BuildResult extends DiagnosticSet {
  /** Every step exited 0 and reported success (warnings allowed). */
  ok: boolean;
  /** A step was killed by the timeout. */
  timedOut: boolean;
  /** The steps as they ran (`build`, then `test --no-run` unless skipped). */
  steps: CargoStep[];
  /** Errors cargo printed itself (bad manifest, …), with no diagnostic to show for them. */
  cargoErrors: string[];
  /** Total milliseconds over the steps. */
  durationMs: number;
}

interface StepOutcome {
  step: CargoStep;
  diagnostics: Diagnostic[];
  success: boolean;
  errors: string[];
}

async function jsonStep(
  crateDir: string,
  subcommand: string[],
  source: DiagnosticSource,
  paths: CratePaths,
  options: CargoBuildOptions,
): Promise<StepOutcome> {
  const { result, step, stream, diagnostics, errors } = await runCargoJson(crateDir, subcommand, options.extraArgs ?? [], options, paths, source);
  return {
    step,
    diagnostics,
    success: result.code === 0 && !result.timedOut && stream.buildSuccess !== false,
    errors,
  };
}

/**
 * Builds the crate (and its tests) and returns the diagnostics. Never throws for a failed
 * build; rejects only when cargo cannot be started (`COMMAND_NOT_FOUND`) or on abort.
 */
export async function cargoBuild(crateDir: string, options: CargoBuildOptions = {}): Promise<BuildResult> {
  const paths = new CratePaths(crateDir, options.workspaceRoot);
  const outcomes: StepOutcome[] = [await jsonStep(crateDir, [options.check === true ? 'check' : 'build'], 'build', paths, options)];
  const first = outcomes[0];
  if (options.tests !== false && first !== undefined && !first.step.timedOut) {
    outcomes.push(await jsonStep(crateDir, ['test', '--no-run'], 'test', paths, options));
  }
  const set = groupDiagnostics(outcomes.flatMap((o) => o.diagnostics));
  const errors = [...new Set(outcomes.flatMap((o) => o.errors))];
  return {
    ...set,
    ok: outcomes.every((o) => o.success),
    timedOut: outcomes.some((o) => o.step.timedOut),
    steps: outcomes.map((o) => o.step),
    cargoErrors: errors,
    durationMs: outcomes.reduce((sum, o) => sum + o.step.durationMs, 0),
  };
}
