/** The public API of migrate-kit: what recipes and users import. */
export { defineRecipe } from './recipes/define-recipe.js';
export { loadRecipe, type LoadedRecipe } from './recipes/load-recipe.js';
export { loadPromptTemplate, parsePromptTemplate, renderPrompt, type PromptTemplate, type PromptTemplateOptions, type PromptValue, type PromptValues } from './recipes/prompt-template.js';
export { defineConfig, type MigrateConfig } from './cli/config-file.js';
/** zod, re-exported so a recipe anywhere on disk can declare typed `args` and schemas with nothing installed. */
export { z } from 'zod';
export { MigrateError, isMigrateError, type ErrorCode } from './errors.js';
export { startRun, DEFAULT_MODEL, type StartRunOptions, type RunHandle, type RunResult } from './workflow/run.js';
export { JsonlRunStore } from './store/jsonl-store.js';
export type { RunStore, RunListing, JournalAppender } from './store/run-store.js';
export type { EventLogAppender, EventLogChunk } from './store/event-log.js';
export type { RunInfo, RunSettings, RunOutcome } from './store/run-info.js';
export type { Lock, LockHolder } from './store/lock.js';
export type { WorkflowEvent, WorkflowEventType, EventListener, ItemFinding } from './workflow/events.js';
export { itemStage, itemFile, itemReview, ITEM_STAGES } from './workflow/item-events.js';
export type {
  AgentOptions,
  AgentUsageInfo,
  AgentResult,
  BudgetView,
  CostSplit,
  Outcome,
  PlanInput,
  PlannedPhase,
  PromptDeclaration,
  Range,
  RecipePlan,
  PipelineOutcome,
  Recipe,
  RecipeContext,
  RunStatus,
  RunTotals,
  Stage,
} from './workflow/types.js';
export type { ContextBlock } from './workflow/prompt-layout.js';
export type { CacheTtlPolicy } from './workflow/cache-gate.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './workflow/retry-policy.js';
export { AnthropicProvider, type AnthropicProviderOptions } from './model/anthropic-provider.js';
// Bedrock and Vertex: `await createProvider('bedrock' | 'vertex', { env, prices })` (their SDKs load on demand).
export type { BedrockProviderOptions } from './model/bedrock-provider.js';
export type { VertexProviderOptions } from './model/vertex-provider.js';
export { PROVIDERS, PROVIDER_NAMES, createProvider, providerDefinition, type ProviderDefinition, type ProviderName, type CreateProviderOptions } from './model/provider-registry.js';
export { DEFAULT_BATCH_SETTINGS, type BatchSettings } from './workflow/batcher.js';
export { ReadOnlyTools, READ_ONLY_TOOL_NAMES, type ReadOnlyToolName, type ReadOnlyToolsOptions, type ToolResult } from './model/read-only-tools.js';
export { PriceTable, type ModelPrice } from './model/pricing.js';
export type { BatchApi, BatchEntry, BatchOutcome, BatchStatus, CacheTtl, JsonSchema, ModelMessage, ModelRequest, ModelResponse, Provider, Usage } from './model/types.js';
export { redact, redactValue, registerSecret } from './redact.js';

// The source layer (tree-sitter): work items, the project index, slices, parity and naming rules.
export {
  allFunctions,
  buildImportGraph,
  buildProjectIndex,
  chunkFile,
  compileGlob,
  counterpartKinds,
  createSliceFilter,
  DEFAULT_CHUNK_LINES,
  describeHollowTest,
  hollowTests,
  estimateTokens,
  fileStructNames,
  indexProject,
  isFileReexport,
  listSources,
  parity,
  parseRust,
  rustInterface,
  resolveSlices,
  returnsType,
  rustEscapes,
  rustIdentifier,
  rustNamesFor,
  rustTestNames,
  screamingSnakeCase,
  snakeCase,
  split,
  summarizeItem,
  typeName,
  zigTestAssertions,
} from './source/index.js';
export type {
  Chunk,
  ChunkOptions,
  Declaration,
  DeclarationKind,
  Field,
  GenericInfo,
  GlobMatcher,
  HollowReason,
  HollowTest,
  ImportGraph,
  ImportInfo,
  ImportKind,
  InterfaceSummary,
  ListOptions,
  MissingImport,
  ParityGap,
  ParityResult,
  ParseError,
  ProjectIndex,
  ProjectTotals,
  RustEscape,
  RustEscapeKind,
  RustFileInfo,
  RustInterfaceOptions,
  RustItem,
  RustItemKind,
  Slice,
  SourceError,
  SplitOptions,
  SplitStream,
  StructFieldRow,
  TestInfo,
  WorkItem,
} from './source/index.js';

// The toolchain layer: cargo build and test, diagnostics, compiler suggestions, test failures by file.
export { applySuggestions, attributeFailures, cargoBuild, cargoTest, createExec, DEFAULT_CARGO_TIMEOUT_MS, failuresByFile, findCargo } from './toolchain/index.js';
// The sandbox that model-written code runs in (cargo, and ctx.exec with { sandbox: true }).
export { defaultSandbox, probeSandbox, resolveSandbox, Sandbox, SANDBOX_ENV_NAMES, SANDBOX_MODES } from './toolchain/index.js';
export type { ExecOptions, SandboxMode, SandboxPlan, SandboxPolicy, SandboxSettings, SandboxSupport } from './toolchain/index.js';
export type {
  Applicability,
  ApplySuggestionsOptions,
  ApplySuggestionsResult,
  BuildResult,
  CargoBuildOptions,
  CargoInfo,
  CargoOptions,
  CargoTestOptions,
  Diagnostic,
  DiagnosticLevel,
  DiagnosticSet,
  Exec,
  ExecConfig,
  FailureAttribution,
  FindCargoOptions,
  SkippedSuggestion,
  Span,
  Suggestion,
  SuggestionEdit,
  SuggestionRecord,
  TestBinary,
  TestCase,
  TestFailure,
  TestRunResult,
  TestTotals,
} from './toolchain/index.js';

// Migration reports (report.json and its Markdown rendering).
export type { BuildSummary, CrateSummary, HollowTestEntry, ItemOutcome, MigrationReport, ReportItem, TestSummary, TokenCounts } from './report/types.js';
// What a recipe's run() returns for `migrate pr` to find its work: { report } or { changes }.
export type { ChangeItem, RecipeChanges, RecipeOutcome, RecipeRunResult } from './report/types.js';
export { renderMigrationReport } from './report/render-migration-report.js';
export type { Workspace } from './workflow/workspace.js';
export { buildRunReport, renderRunReport, type RunReport } from './report/run-report.js';
