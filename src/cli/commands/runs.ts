/** `migrate runs [--json]` and `migrate status <runId> [--json]` */
import { MigrateError } from '../../errors.js';
import { listRuns, readRunInfo, type RunInfo } from '../../workflow/run-store.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { resolveStateDir } from '../settings.js';
import { formatTable } from '../table.js';
import { buildRunReport } from '../../report/run-report.js';
import { parseOptions } from '../parse-options.js';
import { duration, tokens, usd } from '../format.js';
import { summarizeRun, type RunSummary } from '../../workflow/run-summary.js';
import { runDir } from '../../workflow/run-store.js';

const LIST_OPTIONS = { json: { type: 'boolean' }, 'state-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

async function parseListOptions(command: string, words: string[], io: CliIo): Promise<{ json: boolean; help: boolean; stateDir: string; positionals: string[] }> {
  const { values, positionals } = parseOptions(command, words, LIST_OPTIONS);
  return { json: values.json === true, help: values.help === true, stateDir: await resolveStateDir(values['state-dir'], io), positionals };
}

export async function runsCommand(words: string[], io: CliIo): Promise<number> {
  const options = await parseListOptions('runs', words, io);
  if (options.help) {
    io.out(HELP['runs']!);
    return 0;
  }
  const runs = await listRuns(options.stateDir);
  if (options.json) {
    io.out(JSON.stringify(runs.map((r) => ({ id: r.id, recipe: r.recipe, status: r.status, startedAt: r.startedAt, totals: r.totals })), null, 2));
    return 0;
  }
  if (runs.length === 0) {
    io.out(`No runs in ${options.stateDir}. Start one with: migrate run <recipe-file>`);
    return 0;
  }
  io.out(
    formatTable(
      ['id', 'recipe', 'input', 'status', 'started', 'duration', 'agents', 'cost'],
      runs.map((r) => [r.id, r.recipe, inputOf(r), r.status, r.startedAt.replace('T', ' ').slice(0, 19), durationOf(r), String(r.totals.agents), usd(r.totals.costUsd)]),
    ),
  );
  return 0;
}

export async function statusCommand(words: string[], io: CliIo): Promise<number> {
  const options = await parseListOptions('status', words, io);
  if (options.help) {
    io.out(HELP['status']!);
    return 0;
  }
  if (options.positionals.length !== 1) {
    throw new MigrateError('BAD_INPUT', `migrate status expects one run id; got ${options.positionals.length === 0 ? 'none' : options.positionals.join(' ')}. \`migrate runs\` lists them.`);
  }
  const info = await readRunInfo(options.stateDir, options.positionals[0]!);
  const summary = await summarizeRun(runDir(options.stateDir, info.id));
  if (options.json) {
    io.out(JSON.stringify(buildRunReport(info, summary.phases, summary.failed), null, 2));
    return 0;
  }
  const t = info.totals;
  const lines = [
    `run       ${info.id}`,
    `recipe    ${info.recipe}${info.recipeFile ? ` (${info.recipeFile})` : ''}`,
    `status    ${info.status}`,
    `started   ${info.startedAt}${info.finishedAt ? `, finished ${info.finishedAt}` : ''} (${info.sessions} session${info.sessions === 1 ? '' : 's'})`,
    `settings  model ${info.settings.model}, concurrency ${info.settings.concurrency}, max agents ${info.settings.maxAgents}, budget ${info.settings.budgetUsd === null ? 'none' : `$${info.settings.budgetUsd}`}`,
    `agents    ${t.agents} reached the model, ${t.replayed} replayed, ${t.failed} failed (latest session)`,
    `tokens    in ${t.inputTokens}, out ${t.outputTokens}, cache read ${t.cacheReadTokens}, cache write ${t.cacheWriteTokens}`,
    `cost      $${t.costUsd.toFixed(4)}`,
  ];
  if (info.error) lines.push(`error     ${info.error.code}: ${info.error.message}`);
  lines.push(...summaryLines(summary));
  if (info.status !== 'completed' && info.status !== 'running') lines.push(`resume    migrate resume ${info.id}`);
  io.out(lines.join('\n'));
  return 0;
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
