/** Help texts for `migrate --help` and `migrate <command> --help`. */
import { commandList } from './command-table.js';
import { runOptionsHelp } from './run-option-table.js';

const RUN_OPTIONS = runOptionsHelp();

export const HELP: Record<string, string> = {
  runOptions: RUN_OPTIONS,
  main: `migrate — migration recipes of LLM agents with durable, resumable, budgeted runs

Usage: migrate <command> [options]

Commands:
${commandList()}

Environment:
  ANTHROPIC_API_KEY      the API key (required for runs)
  ANTHROPIC_BASE_URL     another Messages API server (optional)
  MIGRATE_STATE_DIR      default for --state-dir (before the config file)
  GITHUB_TOKEN           opens pull requests through the GitHub REST API when gh is not logged in
  GITHUB_API_URL         the REST API root (default https://api.github.com; GitHub Enterprise)
  MIGRATE_PRICE_TABLE    a price table file to use instead of the shipped one

Config: migrate.config.json (or migrate.config.ts) in the working directory gives defaults for
model, slots, maxAgents, budget, cacheTtl, stateDir, exclude and recipePaths; options override it.

Exit codes: 0 done (and the outcome ok), 1 failed items, a failed recipe or an outcome that is not ok,
2 bad input (also: a run or output in use, damaged state), 3 interrupted, 4 budget exhausted,
5 agent cap reached.
Run 'migrate <command> --help' for a command's options.`,
  run: `Usage: migrate run <recipe-file> [options] [-- recipe args]

Runs a recipe file whose default export is { name, description, args?, run(ctx) }.
Recipe arguments after -- are given as --name value, --flag, --no-flag; bare words go to "_".
The file may be anywhere on disk (.ts needs nothing installed). migrate run <file> --help shows
the recipe's own arguments; migrate recipe check <file> type-checks it without running it.

${RUN_OPTIONS}`,
  resume: `Usage: migrate resume <runId|--last> [options]

Replays the run's recipe from the top: answers already in its journal are replayed with no
request; only calls that never got one are sent. The run's recipe file, arguments and settings
are reused; options given here override the settings (e.g. a higher --budget or --max-agents).
One process at a time: a run another process holds is refused (exit 2) naming it. The run id may be
given by its start, as long as only one run starts so; --last resumes the latest run.

${runOptionsHelp('resume')}`,
  recipe: `Usage: migrate recipe <list|show|eject|check> …

  list [--json]                 the recipes found here: ./migrate-recipes/ (ejected copies), the config's
                                recipePaths, the built-ins; the first of a name wins
  show <name|file> [--json]     description, arguments with defaults, phases, prompt files
  eject <name> [DIR] [--force]  copy a recipe with its prompts into ./migrate-recipes/<name>/ (or DIR) to
                                edit; the copy then takes precedence over the built-in of that name
  check <file|name> [--json]    type-check a recipe against migrate-kit's types (file:line:column), list
                                its phases and check its prompt templates; runs nothing. Exit 1 on errors

Prompt templates: {{name}} is a variable, {{! note }} a comment, \\{{ literal braces. A variable the
recipe does not provide is an error naming the file and line.`,
  config: `Usage: migrate config [--json] [run options]

Prints the effective settings and where each came from: a command-line option, MIGRATE_STATE_DIR,
the config file (migrate.config.json, or migrate.config.ts with export default defineConfig({ … })),
or the default. Give run options (--budget 5, …) to see them override.

Settings: model, slots (--concurrency), maxAgents, budget (USD), cacheTtl (5m|1h|auto), stateDir,
exclude (globs, for recipes with an exclude argument), recipePaths (folders of recipes).`,
  runs: `Usage: migrate runs [--recipe NAME] [--status STATUS] [--state-dir DIR] [--json]

Lists the runs in the state dir: id, recipe, input, status, outcome, start, duration, agents, cost.
A run whose state is damaged is listed as damaged, with what is wrong.
  --recipe NAME      only runs of this recipe
  --status STATUS    only runs with this status: running, completed, failed, interrupted,
                     budget-exhausted, agent-cap or damaged
  --json             an array of { id, recipe, status, outcome, startedAt, totals }`,
  status: `Usage: migrate status <runId|--last> [--watch] [--state-dir DIR] [--json]

Shows one run: status, outcome, settings, totals, agents per phase, failed calls, and how to resume
it. A run id may be given by its start, as long as only one run starts so.
  --last     the latest run
  --watch    show it again whenever it changes, until the run is no longer running
  --json     the run report: { version, id, recipe, status, …, phases, failedCalls, error, outcome, result }`,
  dashboard: `Usage: migrate dashboard [runId|--last] [--port N] [--open] [--state-dir DIR]

Serves a read-only web page of one run (default: the latest) on 127.0.0.1 and prints its URL, which carries
a random token (requests without it get 403). The page follows the run's state files as they grow, so it
works for a run going on in another process and for a finished run, and updates itself (Server-Sent
Events): phases with progress and cost, every file with its stage, reviewer verdicts and TODOs, live
agents, money against the budget and tokens over time, the fix loop by round, each file's source and
output side by side with the review findings on their lines and the diff between versions, warnings and
failed calls. Nothing is loaded from the network; secrets are redacted as in reports. Ctrl-C stops it.
\`migrate run\`/\`resume\`/\`migrate <recipe>\` take --dashboard to serve it while they run.

  --last           the latest run (a run id may also be given by its start)
  --port N         listen on this port (default: a free one)
  --open           open the page in the default browser (xdg-open, open); if that fails, a notice
  --state-dir DIR  where runs are kept`,
  demo: `Usage: migrate demo [--out DIR]

Ports a small bundled Zig project (a calculator: 5 files, 23 tests) to Rust with the built-in zig-to-rust
recipe, against a fake Messages API started in this process whose scripted model answers from a golden
port (with a few wrong answers on purpose, so the gate, the reviewers and the fix loop have work). It shows
the real plan, progress, report and cargo test, with no API key, no network and nothing paid. Needs cargo.

  --out DIR   where the Zig input, the Rust crate and the run state go (default: ./migrate-demo; must be
              empty or missing)`,
  pr: `Usage: migrate pr <runId|--last> [options]

Makes a pull request of a run's output: a new branch from the current HEAD (not the default
branch) with one commit holding the run's output files only (.gitignore respected; build caches
such as target/ never committed), its body in pr.md in the run directory, and a .patch beside it.
Your checkout is not touched: no checkout, no stash, HEAD and the index stay as they are.
Then, first that applies: gh logged in → gh pr create; GITHUB_TOKEN and a GitHub remote → the REST
API; otherwise offline: the local branch, pr.md and the patch, with instructions.

Options:
  --last           the latest run (a run id may also be given by its start)
  --base BRANCH    the branch the PR goes into (default: the current branch's upstream, else the
                   current branch)
  --branch NAME    the new branch (default: migrate/<recipe>/<slice-or-input>; a suffix -2, -3, …
                   when that exists here or on the remote; a NAME given here is never reused)
  --per-item       one branch and PR per file (per item of a recipe's list of changes)
  --push           push the branch even when no PR can be opened (never forced)
  --remote NAME    remote to push to (default: the upstream's remote, else origin)
  --draft          open the PR as a draft
  --title T        the PR title (with --per-item, the prefix of each title)
  --allow-dirty    include uncommitted changes in the output paths that the run did not make
  --offline        push nothing and open nothing: the branch, pr.md and the patch only
  --state-dir DIR  where runs are kept
  --json           print the result (branches, commits, URLs) as JSON
  -h, --help       show this help

Exit codes: 0 done, 1 a push or an opening failed (the branch is kept), 2 bad input (unknown run,
no report, dirty output paths, nothing to commit, an existing --branch).`,
};
