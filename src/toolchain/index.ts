/**
 * The toolchain layer: running processes (behind {@link ProcessRunner}), an allow-listed
 * `exec` for recipes, cargo build and test, rustc's JSON diagnostics, machine-applicable
 * fixes, libtest output, and attributing failures to files.
 */
export { NodeProcessRunner, buildEnv, DEFAULT_KILL_GRACE_MS, DEFAULT_MAX_OUTPUT_BYTES } from '../process/process-runner.js';
export type { ProcessResult, ProcessRunner, RunOptions } from '../process/process-runner.js';
export { ScriptedRunner } from '../process/scripted-runner.js';
export type { RecordedCall, ScriptStep } from '../process/scripted-runner.js';
export { assertAllowed, createExec, DEFAULT_ALLOWED_COMMANDS, DEFAULT_EXEC_TIMEOUT_MS } from '../process/exec.js';
export type { Exec, ExecConfig } from '../process/exec.js';

export { findCargo, whichSync } from './find-cargo.js';
export type { CargoInfo, FindCargoOptions } from './find-cargo.js';
export { cargoErrors, DEFAULT_CARGO_TIMEOUT_MS } from './cargo-options.js';
export type { CargoOptions, CargoStep } from './cargo-options.js';
export { cargoBuild } from './cargo-build.js';
export type { BuildResult, CargoBuildOptions } from './cargo-build.js';
export { cargoTest, testArtifacts, testTotals } from './cargo-test.js';
export type { CargoTestOptions, TestRunResult } from './cargo-test.js';

export { readMessageStream } from './cargo-messages.js';
export type {
  BuildFinished,
  CargoMessage,
  CompilerArtifact,
  CompilerMessage,
  MessageStream,
  RawDiagnostic,
  RawSpan,
  RawTarget,
} from './cargo-messages.js';
export { CratePaths } from './crate-paths.js';
export type { ResolvedPath } from './crate-paths.js';
export { dedupeDiagnostics, diagnosticKey, diagnosticsFromMessages, groupDiagnostics, toDiagnostic } from './diagnostics.js';
export type {
  Applicability,
  Diagnostic,
  DiagnosticChild,
  DiagnosticLevel,
  DiagnosticSet,
  DiagnosticSource,
  DiagnosticTarget,
  Span,
  Suggestion,
  SuggestionEdit,
} from './diagnostic-types.js';
export { applySuggestions } from './apply-suggestions.js';
export type {
  ApplySuggestionsOptions,
  ApplySuggestionsResult,
  SkipReason,
  SkippedSuggestion,
  SuggestionRecord,
} from './apply-suggestions.js';

export { parseFailure, parseHeaders, parseTestOutput } from './test-output.js';
export type { ArtifactInfo } from './test-output.js';
export type {
  SourceLocation,
  TestBinary,
  TestBinaryKind,
  TestCase,
  TestFailure,
  TestOutcome,
  TestSummary,
  TestTotals,
} from './test-types.js';
export { attributeFailure, attributeFailures, failuresByFile, moduleFileFor, parseDocTestName } from './attribution.js';
export type { AttributionOptions, FailureAttribution } from './attribution.js';
