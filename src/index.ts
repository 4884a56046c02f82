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
  Outcome,
  PipelineOutcome,
  Recipe,
  RecipeContext,
  RunStatus,
  RunTotals,
  Stage,
} from './workflow/types.js';
export { AnthropicProvider, type AnthropicProviderOptions } from './model/anthropic-provider.js';
export { PriceTable, type ModelPrice } from './model/pricing.js';
export type { JsonSchema, ModelMessage, ModelRequest, ModelResponse, Provider, Usage } from './model/types.js';
