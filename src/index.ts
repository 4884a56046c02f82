/** The public API of migrate-kit: what recipes and users import. */
export { defineRecipe } from './recipes/define-recipe.js';
export { loadRecipe, type LoadedRecipe } from './recipes/load-recipe.js';
export { MigrateError, isMigrateError, type ErrorCode } from './errors.js';
export { startRun, DEFAULT_MODEL, type StartRunOptions, type RunHandle, type RunResult } from './workflow/run.js';
export { listRuns, readRunInfo, type RunInfo, type RunSettings } from './workflow/run-store.js';
export type { WorkflowEvent, WorkflowEventType, EventListener } from './workflow/events.js';
export type {
  AgentOptions,
  AgentResult,
  BudgetView,
  CostSplit,
  Outcome,
  PlanInput,
  PlannedPhase,
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
export { ReadOnlyTools, READ_ONLY_TOOL_NAMES, type ReadOnlyToolName, type ReadOnlyToolsOptions, type ToolResult } from './model/read-only-tools.js';
export { PriceTable, type ModelPrice } from './model/pricing.js';
export type { CacheTtl, JsonSchema, ModelMessage, ModelRequest, ModelResponse, Provider, Usage } from './model/types.js';
export { redact, registerSecret } from './redact.js';
