/**
 * The run report every run gets in its state directory (`report.md`, `report.json`): status,
 * settings, totals and cost split, agents per phase, the calls that failed with their last error,
 * and the recipe's own report when it wrote one. A pure function of data the workflow layer reads.
 */
import type { RunInfo } from '../store/run-info.js';
import { cell, usd as money } from './markdown.js';
import type { FailedCall, PhaseSummary } from '../workflow/run-summary.js';

export interface RunReport {
  version: 1;
  id: string;
  recipe: string;
  status: RunInfo['status'];
  startedAt: string;
  finishedAt: string | null;
  sessions: number;
  settings: RunInfo['settings'];
  totals: RunInfo['totals'];
  cost: RunInfo['cost'] | null;
  phases: PhaseSummary[];
  failedCalls: FailedCall[];
  error: RunInfo['error'] | null;
  /** The recipe's verdict on its result (`{ ok, summary }`), when it gave one. */
  outcome: RunInfo['outcome'] | null;
  /** The recipe's own report or change list, when its result named one. */
  result: RunInfo['result'] | null;
}

export function buildRunReport(info: RunInfo, phases: PhaseSummary[], failedCalls: FailedCall[]): RunReport {
  return {
    version: 1,
    id: info.id,
    recipe: info.recipe,
    status: info.status,
    startedAt: info.startedAt,
    finishedAt: info.finishedAt ?? null,
    sessions: info.sessions,
    settings: info.settings,
    totals: info.totals,
    cost: info.cost ?? null,
    phases,
    failedCalls,
    error: info.error ?? null,
    outcome: info.outcome ?? null,
    result: info.result ?? null,
  };
}


export function renderRunReport(report: RunReport): string {
  const t = report.totals;
  const lines = [
    `# Run ${report.id}`,
    '',
    `- recipe: ${report.recipe}`,
    `- status: **${report.status}**${report.error ? ` — ${report.error.code}: ${cell(report.error.message)}` : ''}`,
    ...(report.outcome ? [`- outcome: **${report.outcome.ok ? 'ok' : 'not ok'}** — ${cell(report.outcome.summary)}`] : []),
    `- started ${report.startedAt}${report.finishedAt ? `, finished ${report.finishedAt}` : ''} (${report.sessions} session${report.sessions === 1 ? '' : 's'})`,
    `- model ${report.settings.model}, concurrency ${report.settings.concurrency}, max agents ${report.settings.maxAgents}, budget ${report.settings.budgetUsd === null ? 'none' : `$${report.settings.budgetUsd}`}`,
    `- agents: ${t.agents} reached the model (${t.replayed} replayed and ${t.failed} failed in the latest session)`,
    `- tokens: input ${t.inputTokens}, output ${t.outputTokens}, cache read ${t.cacheReadTokens}, cache write ${t.cacheWriteTokens}`,
    `- cost: ${money(t.costUsd)}${report.cost ? ` (input ${money(report.cost.inputUsd)}, output ${money(report.cost.outputUsd)}, cache writes ${money(report.cost.cacheWriteUsd)}, cache reads ${money(report.cost.cacheReadUsd)})` : ''}`,
  ];
  if (report.result?.report) lines.push(`- the recipe's report: ${report.result.report}`);
  if (report.phases.length > 0) {
    lines.push('', '## Phases', '', '| phase | agents | ok | failed | input tokens | output tokens | cost |', '|---|---|---|---|---|---|---|');
    for (const p of report.phases) lines.push(`| ${cell(p.phase)} | ${p.agents} | ${p.ok} | ${p.failed} | ${p.inputTokens} | ${p.outputTokens} | ${money(p.costUsd)} |`);
  }
  if (report.failedCalls.length > 0) {
    lines.push('', '## Failed calls', '', 'Each is sent again by `migrate resume`.', '', '| phase | agent | error |', '|---|---|---|');
    for (const f of report.failedCalls) lines.push(`| ${cell(f.phase)} | ${cell(f.label)} | ${f.error.code}: ${cell(f.error.message)} |`);
  }
  if (report.status !== 'completed') lines.push('', `Resume with \`migrate resume ${report.id}\`.`);
  return `${lines.join('\n')}\n`;
}
