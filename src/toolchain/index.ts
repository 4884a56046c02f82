/**
 * The toolchain layer: running processes (behind {@link ProcessRunner}), an allow-listed
 * `exec` for recipes, cargo build and test, rustc's JSON diagnostics, machine-applicable
 * fixes, libtest output, and attributing failures to files.
 */
export { NodeProcessRunner } from '../process/process-runner.js';
export type { ProcessResult, ProcessRunner, RunOptions } from '../process/process-runner.js';
export { ScriptedRunner } from '../process/scripted-runner.js';
export type { RecordedCall, ScriptStep } from '../process/scripted-runner.js';
export { createExec } from '../process/exec.js';
export type { Exec, ExecConfig, ExecOptions } from '../process/exec.js';
export {
  DEFAULT_SANDBOX_CPU_SECONDS,
  DEFAULT_SANDBOX_MEMORY_MB,
  defaultSandbox,
  resolveSandbox,
  Sandbox,
  SANDBOX_MODES,
  SandboxedRunner,
} from '../process/sandbox.js';
export type { SandboxMode, SandboxPlan, SandboxPolicy, SandboxSettings } from '../process/sandbox.js';
export { probeSandbox } from '../process/sandbox-probe.js';
export type { SandboxSupport } from '../process/sandbox-probe.js';
export { SANDBOX_ENV_NAMES, sandboxEnvironment } from '../process/sandbox-env.js';

export { findCargo } from './find-cargo.js';
export type { CargoInfo, FindCargoOptions } from './find-cargo.js';
export { cargoErrors, DEFAULT_CARGO_TIMEOUT_MS } from './cargo-options.js';
export type { CargoOptions, CargoStep } from './cargo-options.js';
export { cargoBuild } from './cargo-build.js';
export type { BuildResult, CargoBuildOptions } from './cargo-build.js';
export { cargoTest } from './cargo-test.js';
export type { CargoTestOptions, TestRunResult } from './cargo-test.js';

export { readMessageStream } from './cargo-messages.js';
export type {
  CargoMessage,
  MessageStream,
  RawDiagnostic,
  RawSpan,
} from './cargo-messages.js';
export { CratePaths } from './crate-paths.js';
export type { ResolvedPath } from './crate-paths.js';
export { diagnosticsFromMessages, groupDiagnostics } from './diagnostics.js';
export type {
  Applicability,
  Diagnostic,
  DiagnosticChild,
  DiagnosticLevel,
  DiagnosticSet,
  DiagnosticSource,
  Span,
  Suggestion,
  SuggestionEdit,
} from './diagnostic-types.js';
export { applySuggestions } from './apply-suggestions.js';
export type {
  ApplySuggestionsOptions,
  ApplySuggestionsResult,
  SkippedSuggestion,
  SuggestionRecord,
} from './apply-suggestions.js';

export { parseFailure, parseTestOutput } from './test-output.js';
export type { ArtifactInfo } from './test-output.js';
export type {
  SourceLocation,
  TestBinary,
  TestBinaryKind,
  TestCase,
  TestFailure,
  TestSummary,
  TestTotals,
} from './test-types.js';
export { attributeFailures, failuresByFile, moduleFileFor, parseDocTestName } from './attribution.js';
export type { FailureAttribution } from './attribution.js';
