/**
 * The options of the commands that run a recipe (`run`, `resume`, `migrate <recipe>`), described once: the
 * argument parser's spec, the `--help` text and the README's option table all come from this table (a test
 * fails when the README's table is not the one {@link runOptionsMarkdown} makes).
 */
import { DEFAULT_SANDBOX_CPU_SECONDS, DEFAULT_SANDBOX_MEMORY_MB } from '../process/sandbox.js';
import { DEFAULT_MODEL } from '../workflow/run.js';
import { DEFAULT_MAX_AGENTS, DEFAULT_SLOTS, MAX_SLOTS } from '../workflow/scheduler.js';

export const DEFAULT_BUDGET_USD = 25;

interface RunOptionDoc {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's placeholder: `N`, `USD`, `5m|1h|auto`. */
  value?: string;
  /** The default as shown (Markdown). */
  shown: string;
  /** One line for `--help`. */
  help: string;
  /** The README's meaning column (Markdown). */
  doc: string;
}

/** Every run option, in the order help and the README list them. Also the spec `parseArgs` reads (it ignores the other fields). */
export const RUN_OPTIONS = {
  yes: { type: 'boolean', short: 'y', shown: 'off', help: 'start without asking (required when stdin is not a terminal)', doc: 'start without asking. Without it the command asks `[y/N]` on a terminal, and refuses (exit 2) when stdin is not a terminal, instead of waiting' },
  'dry-run': { type: 'boolean', shown: 'off', help: 'print the plan and cost estimate, then exit: no model call, no key needed', doc: 'print the plan and cost estimate and exit 0: no model call, no API key needed, nothing written' },
  'state-dir': { type: 'string', value: 'DIR', shown: "`$MIGRATE_STATE_DIR`, else the config's `stateDir`, else `./.migrate`", help: 'where runs are kept', doc: 'where runs are kept (`runs`, `status` and `resume` look there too)' },
  concurrency: { type: 'string', value: 'N', shown: String(DEFAULT_SLOTS), help: `agent calls in flight at once, 1-${MAX_SLOTS}`, doc: 'agent calls in flight at once (1–256)' },
  'max-agents': { type: 'string', value: 'N', shown: String(DEFAULT_MAX_AGENTS), help: 'agent calls that may reach the model in the run; a run that reaches it stops with status agent-cap (exit 5)', doc: 'agent calls that may reach the model in the whole run (counted from the journal, so no kill lifts it); the plan shows what it needs against the cap and warns, with a cap that would do, when it may not finish under it. A run that reaches the cap ends with status `agent-cap` (exit 5) and resumes with a higher `--max-agents`' },
  budget: { type: 'string', value: 'USD', shown: String(DEFAULT_BUDGET_USD), help: 'no new agent starts once this much is spent', doc: 'no new agent starts once this much is spent; the run ends `budget-exhausted` and can be resumed with a higher budget' },
  provider: { type: 'string', value: 'anthropic|bedrock|vertex', shown: '`anthropic`', help: 'where Claude is reached: the Anthropic API (ANTHROPIC_API_KEY), Amazon Bedrock (AWS_REGION and AWS credentials) or Google Vertex AI (CLOUD_ML_REGION, ANTHROPIC_VERTEX_PROJECT_ID, Google credentials); checked before anything is spent', doc: 'where Claude is reached: the Anthropic API, Amazon Bedrock or Google Vertex AI; see [Providers](#providers). Its credentials are checked before anything is spent (exit 2 with what is missing); model ids are mapped to the provider\'s through the price table' },
  model: { type: 'string', value: 'ID', shown: `\`${DEFAULT_MODEL}\``, help: "default model for the recipe's agents", doc: "default model for the recipe's agents; must be in the price table" },
  'cache-ttl': { type: 'string', value: '5m|1h|auto', shown: '`5m`', help: 'prompt-cache TTL for context the recipe marks cacheable; auto picks 1h for a prefix once its uses are more than 5 minutes apart', doc: 'prompt-cache TTL for context a recipe marks cacheable; `auto` switches a prefix to `1h` once two of its uses were more than 5 minutes apart' },
  batch: { type: 'boolean', shown: 'off', help: 'send the calls a recipe marks batch: true (zig-to-rust: the field map and the reviews) through the Message Batches API at half price; they may take up to 24 h (anthropic provider only)', doc: 'send the calls a recipe marks `batch: true` (zig-to-rust: the field map and the reviews) through the Message Batches API: half price, answered within 24 hours instead of seconds; see [Batches](#batches-at-half-price). Anthropic provider only; the plan shows the estimate with and without it; a resume keeps it' },
  'batch-window': { type: 'string', value: 'SECONDS', shown: '2', help: 'with --batch: how long requests are collected before a batch is submitted (100 requests submit at once)', doc: 'with `--batch`: how long requests are collected before they are submitted as one batch (100 waiting requests are submitted at once)' },
  pr: { type: 'boolean', shown: 'off', help: 'when the run completes, make its pull request (migrate pr <runId>); checked before anything is spent', doc: "when the run completes, make its pull request as `migrate pr <runId>` does with its defaults (an interrupted or failed run gets none; a run whose outcome is not ok gets a draft). Checked before anything is spent: an output the plan names that is not inside a git work tree stops the command with exit 2. If making the PR fails the run's result stands and the command exits 1 (unless the run's own code is not 0)" },
  repay: { type: 'boolean', shown: 'off', help: 'resume only: go on although the journal is missing or holds fewer calls than run.json recorded, paying for them again', doc: '`resume` only: go on although the journal is missing or holds fewer calls than `run.json` recorded, paying for the lost ones again' },
  json: { type: 'boolean', shown: 'off', help: "print the run's result (with --dry-run: the plan) as JSON on stdout", doc: "with `--dry-run`: the plan as JSON on stdout (`{ recipe, facts, phases, total, assumptions, warnings, settings }`); otherwise the run's result as JSON when it ends (`{ id, status, outcome, dir, totals, value, error, plan }`)" },
  dashboard: { type: 'boolean', shown: 'off', help: 'serve a live web dashboard of the run on 127.0.0.1 (a free port, a random token in the URL) and print its URL; it stops when the command ends (migrate dashboard <runId> serves it after)', doc: 'serve a live web dashboard of the run on 127.0.0.1 (a free port, a random token in its URL) while the command runs, and print its URL; see [Dashboard](#dashboard). `migrate dashboard <runId>` serves it again later, or from another terminal' },
  sandbox: { type: 'string', value: 'auto|required|off', shown: '`auto`', help: 'how cargo build/test of model-written code is confined: bubblewrap (no network, writes only to the crate, its target dir and a private /tmp); auto falls back to unconfined with a warning, required refuses to start without it', doc: 'how commands that build or run model-written code (`cargo build`/`test`, `ctx.exec` with `{ sandbox: true }`) are confined; see [Sandbox](#sandbox). `auto`: bubblewrap where it works, else unconfined after one warning in the plan; `required`: refuse to start without it (exit 2); `off`: unconfined' },
  'sandbox-env': { type: 'string', multiple: true, value: 'NAME', shown: 'none', help: 'pass this environment variable to sandboxed commands too (repeatable; keys and tokens are kept out unless named here)', doc: 'also pass this variable of your environment to sandboxed commands (repeatable, or comma-separated); everything else outside the allow-list, keys and tokens included, stays out' },
  'sandbox-cpu': { type: 'string', value: 'SECONDS', shown: String(DEFAULT_SANDBOX_CPU_SECONDS), help: 'CPU time per sandboxed process, 0 for none', doc: 'CPU time per sandboxed process (0: no limit)' },
  'sandbox-memory': { type: 'string', value: 'SIZE', shown: `\`${DEFAULT_SANDBOX_MEMORY_MB / 1024}G\``, help: 'address space per sandboxed process, e.g. 4G, 0 for none', doc: 'address space per sandboxed process, as `8G`, `512M` or MiB (0: no limit)' },
  help: { type: 'boolean', short: 'h', shown: '', help: 'show this help', doc: '' },
} as const satisfies Record<string, RunOptionDoc>;

const flag = (name: string, o: RunOptionDoc): string => `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;

/** Options whose default, on `resume`, is what the run had (its stored settings). */
const KEPT_BY_RESUME = new Set(['batch', 'provider', 'concurrency', 'max-agents', 'budget', 'model', 'cache-ttl', 'sandbox', 'sandbox-env', 'sandbox-cpu', 'sandbox-memory']);

/** The `Options:` block of `migrate run --help` (and recipes'); for `resume`, the kept settings say so. */
export function runOptionsHelp(command: 'run' | 'resume' = 'run', width = 100): string {
  const column = 25;
  const lines = ['Options:'];
  for (const [name, o] of Object.entries(RUN_OPTIONS) as Array<[string, RunOptionDoc]>) {
    const left = `  ${flag(name, o)}`;
    const shownDefault =
      command === 'resume' && KEPT_BY_RESUME.has(name) ? ' (default: as the run had it)' : o.shown && o.shown !== 'off' && o.shown !== 'none' ? ` (default: ${o.shown.replace(/`/g, '')})` : '';
    const words = `${o.help}${shownDefault}`.split(' ');
    const body: string[] = [];
    let line = '';
    for (const word of words) {
      if (line && column + line.length + 1 + word.length > width) {
        body.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) body.push(line);
    const pad = ' '.repeat(column);
    if (left.length + 1 <= column) lines.push(`${left.padEnd(column)}${body[0] ?? ''}`, ...body.slice(1).map((l) => pad + l));
    else lines.push(left, ...body.map((l) => pad + l));
  }
  return lines.join('\n');
}

/** The README's table of run options. */
export function runOptionsMarkdown(): string {
  const rows = (Object.entries(RUN_OPTIONS) as Array<[string, RunOptionDoc]>)
    .filter(([name]) => name !== 'help')
    .map(([name, o]) => `| \`${flag(name, o).replace(/\|/g, '\\|')}\` | ${o.shown} | ${o.doc} |`);
  return ['| option | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
