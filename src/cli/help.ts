/** Help texts for `migrate --help` and `migrate <command> --help`. */
import { DEFAULT_MODEL } from '../workflow/run.js';
import { DEFAULT_MAX_AGENTS, DEFAULT_SLOTS, MAX_SLOTS } from '../workflow/scheduler.js';
import { DEFAULT_BUDGET_USD } from './run-options.js';

const RUN_OPTIONS = `Options:
  -y, --yes              start without asking (required when stdin is not a terminal)
  --state-dir DIR        where runs are kept (default: $MIGRATE_STATE_DIR or ./.migrate)
  --concurrency N        agent calls in flight at once, 1-${MAX_SLOTS} (default: ${DEFAULT_SLOTS})
  --max-agents N         agent calls that may reach the model in the run (default: ${DEFAULT_MAX_AGENTS})
  --budget USD           no new agent starts once this much is spent (default: ${DEFAULT_BUDGET_USD})
  --model ID             default model for the recipe's agents (default: ${DEFAULT_MODEL})
  --cache-ttl 5m|1h|auto prompt-cache TTL for context the recipe marks cacheable; auto picks 1h
                         for a prefix once its uses are more than 5 minutes apart (default: 5m)
  --json                 print the run's result as JSON on stdout
  -h, --help             show this help`;

export const HELP: Record<string, string> = {
  runOptions: RUN_OPTIONS,
  main: `migrate — migration recipes of LLM agents with durable, resumable, budgeted runs

Usage: migrate <command> [options]

Commands:
  run <recipe-file> [options] [-- recipe args]   run a recipe (.js, .mjs, .ts, .mts)
  resume <runId> [options]                       resume a run; journaled calls are not paid again
  runs [--json]                                  list runs
  status <runId> [--json]                        show one run

Environment:
  ANTHROPIC_API_KEY      the API key (required for runs)
  ANTHROPIC_BASE_URL     another Messages API server (optional)
  MIGRATE_STATE_DIR      default for --state-dir
  MIGRATE_PRICE_TABLE    a price table file to use instead of the shipped one

Exit codes: 0 done, 1 finished with failed items, 2 bad input, 3 interrupted, 4 budget exhausted.
Run 'migrate <command> --help' for a command's options.`,
  run: `Usage: migrate run <recipe-file> [options] [-- recipe args]

Runs a recipe file whose default export is { name, description, args?, run(ctx) }.
Recipe arguments after -- are given as --name value, --flag, --no-flag; bare words go to "_".

${RUN_OPTIONS}`,
  resume: `Usage: migrate resume <runId> [options]

Replays the run's recipe from the top: calls already in its journal are answered from it
with no request; only calls that never completed are sent. The run's recipe file, arguments
and settings are reused; options given here override the settings (e.g. a higher --budget).

${RUN_OPTIONS.replace(/ \(default: [^)]*\)/g, ' (default: as the run had it)').replace(/--state-dir DIR {8}where runs are kept[^\n]*/, '--state-dir DIR        where runs are kept (default: $MIGRATE_STATE_DIR or ./.migrate)')}`,
  runs: `Usage: migrate runs [--state-dir DIR] [--json]

Lists the runs in the state dir: id, recipe, status, start, agents, cost.
  --json     an array of { id, recipe, status, startedAt, totals }`,
  status: `Usage: migrate status <runId> [--state-dir DIR] [--json]

Shows one run: status, settings, totals, error, and how to resume it.
  --json     { id, recipe, status, startedAt, finishedAt, settings, totals, error }`,
};
