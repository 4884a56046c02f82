/** `migrate runs [--json]` and `migrate status <runId> [--json]` */
import { MigrateError } from '../../errors.js';
import { JsonlRunStore } from '../../store/jsonl-store.js';
import { RUN_STATUSES, type RunInfo } from '../../store/run-info.js';
import { resolveRunRef } from '../run-ref.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { resolveStateDir } from '../settings.js';
import { formatTable } from '../table.js';
import { buildRunReport } from '../../report/run-report.js';
import { parseOptions } from '../parse-options.js';
import { duration, tokens, usd } from '../format.js';
import { summarizeRun, type RunSummary } from '../../workflow/run-summary.js';

const COMMON_OPTIONS = { json: { type: 'boolean' }, 'state-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const RUNS_OPTIONS = { ...COMMON_OPTIONS, recipe: { type: 'string' }, status: { type: 'string' } } as const;
const STATUS_OPTIONS = { ...COMMON_OPTIONS, last: { type: 'boolean' }, watch: { type: 'boolean' } } as const;

const STATUS_FILTERS = [...RUN_STATUSES, 'damaged'] as const;

export async function runsCommand(words: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions('runs', words, RUNS_OPTIONS);
  const stateDir = await resolveStateDir(values['state-dir'], io);
  if (values.help) {
    io.out(HELP['runs']!);
    return 0;
  }
  const wanted = values.status;
  if (wanted !== undefined && !(STATUS_FILTERS as readonly string[]).includes(wanted)) {
    throw new MigrateError('BAD_OPTION', `--status expects one of ${STATUS_FILTERS.join(', ')}; got "${wanted}".`);
  }
  const runs = (await new JsonlRunStore(stateDir).list()).filter(
    (r) => (values.recipe === undefined || (r.ok && r.info.recipe === values.recipe)) && (wanted === undefined || (r.ok ? r.info.status : 'damaged') === wanted),
  );
  if (values.json) {
    const rows = runs.map((r) =>
      r.ok
        ? { id: r.info.id, recipe: r.info.recipe, status: r.info.status, outcome: r.info.outcome ?? null, startedAt: r.info.startedAt, totals: r.info.totals }
        : { id: r.id, status: 'damaged', problem: r.problem },
    );
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (runs.length === 0) {
    const filtered = values.recipe !== undefined || wanted !== undefined;
    io.out(filtered ? `No runs in ${stateDir} match${values.recipe !== undefined ? ` --recipe ${values.recipe}` : ''}${wanted !== undefined ? ` --status ${wanted}` : ''}.` : `No runs in ${stateDir}. Start one with: migrate run <recipe-file>`);
    return 0;
  }
  io.out(
    formatTable(
      ['id', 'recipe', 'input', 'status', 'outcome', 'started', 'duration', 'agents', 'cost'],
      runs.map((r) =>
        r.ok
          ? [r.info.id, r.info.recipe, inputOf(r.info), r.info.status, outcomeOf(r.info), r.info.startedAt.replace('T', ' ').slice(0, 19), durationOf(r.info), String(r.info.totals.agents), usd(r.info.totals.costUsd)]
          : [r.id, '-', '-', 'damaged', '-', '-', '-', '-', '-'],
      ),
    ),
  );
  const damaged = runs.filter((r) => !r.ok);
  for (const r of damaged) if (!r.ok) io.out(`\n${r.id} is damaged: ${r.problem}`);
  return 0;
}

export async function statusCommand(words: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions('status', words, STATUS_OPTIONS);
  const stateDir = await resolveStateDir(values['state-dir'], io);
  if (values.help) {
    io.out(HELP['status']!);
    return 0;
  }
  const store = new JsonlRunStore(stateDir);
  const id = await resolveRunRef(store, 'status', positionals, values.last === true);
  if (values.json) {
    const info = await store.info(id);
    const summary = await summarizeRun(store, id);
    io.out(JSON.stringify(buildRunReport(info, summary.phases, summary.failed), null, 2));
    return 0;
  }
  if (!values.watch) {
    io.out(statusText(await store.info(id), await summarizeRun(store, id)));
    return 0;
  }
  // --watch: the status again whenever it changes, until the run is no longer running.
  let shown = '';
  for (;;) {
    const info = await store.info(id);
    const text = statusText(info, await summarizeRun(store, id));
    if (text !== shown) {
      io.out(io.terminal ? `\x1b[H\x1b[2J${text}` : `${shown === '' ? '' : '\n'}${new Date().toISOString()}\n${text}`);
      shown = text;
    }
    if (info.status !== 'running') return 0;
    await new Promise((resolve) => setTimeout(resolve, WATCH_INTERVAL_MS));
  }
}

/** How often `status --watch` reads the run again. */
const WATCH_INTERVAL_MS = 1000;

function statusText(info: RunInfo, summary: RunSummary): string {
  // Agents, tokens and cost from the journal, as the phase table below: they agree even while the run goes on.
  const t = { ...info.totals, ...summary };
  const lines = [
    `run       ${info.id}`,
    `recipe    ${info.recipe}${info.recipeFile ? ` (${info.recipeFile})` : ''}`,
    `status    ${info.status}`,
    ...(info.outcome ? [`outcome   ${info.outcome.ok ? 'ok' : 'NOT OK'}: ${info.outcome.summary}`] : []),
    `started   ${info.startedAt}${info.finishedAt ? `, finished ${info.finishedAt}` : ''} (${info.sessions} session${info.sessions === 1 ? '' : 's'})`,
    `settings  model ${info.settings.model}, concurrency ${info.settings.concurrency}, max agents ${info.settings.maxAgents}, budget ${info.settings.budgetUsd === null ? 'none' : `$${info.settings.budgetUsd}`}`,
    `agents    ${t.agents} reached the model; latest session: ${t.replayed} replayed, ${t.failed} failed`,
    `tokens    in ${t.inputTokens}, out ${t.outputTokens}, cache read ${t.cacheReadTokens}, cache write ${t.cacheWriteTokens}`,
    `cost      $${t.costUsd.toFixed(4)}`,
  ];
  if (info.error) lines.push(`error     ${info.error.code}: ${info.error.message}`);
  lines.push(...summaryLines(summary));
  if (info.status !== 'completed' && info.status !== 'running') lines.push(`resume    migrate resume ${info.id}`);
  return lines.join('\n');
}

function summaryLines(summary: RunSummary): string[] {
  const lines: string[] = [];
  if (summary.phases.length > 0) {
    const rows = summary.phases.map((p) => [p.phase, String(p.agents), String(p.ok), String(p.failed), tokens(p.inputTokens), tokens(p.outputTokens), usd(p.costUsd)]);
    lines.push('', ...formatTable(['phase', 'agents', 'ok', 'failed', 'tokens in', 'tokens out', 'cost'], rows).split('\n'));
  }
  if (summary.failed.length > 0) {
    lines.push('', `failed calls (${summary.failed.length}; a resume sends them again):`);
    for (const f of summary.failed.slice(0, 50)) lines.push(`  ${f.phase} · ${f.label}: ${f.error.code}: ${f.error.message}`);
    if (summary.failed.length > 50) lines.push(`  … and ${summary.failed.length - 50} more (migrate status --json lists all)`);
  }
  return lines;
}

/** The recipe's verdict, short: `ok: builds, 57/57 tests`, `NOT OK: build fails: …`; `-` when it gave none. */
function outcomeOf(info: RunInfo): string {
  if (!info.outcome) return '-';
  const text = `${info.outcome.ok ? 'ok' : 'NOT OK'}: ${info.outcome.summary}`;
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/** What the run worked on: its `input` argument, else its argument words. */
function inputOf(info: RunInfo): string {
  const input = info.args['input'];
  const text = typeof input === 'string' ? input : (info.argv ?? []).join(' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text || '-';
}

function durationOf(info: RunInfo): string {
  const end = info.finishedAt ?? (info.status === 'running' ? new Date().toISOString() : info.updatedAt);
  return duration(Date.parse(end) - Date.parse(info.startedAt));
}
