/** The summary printed when a run ends: outcomes per phase, files, build and tests, tokens, cost, where things are. */
import { readFileSync } from 'node:fs';
import type { MigrationReport } from '../../report/types.js';
import type { RunResult } from '../../workflow/run.js';
import { tokens, usd } from '../format.js';
import { formatTable } from '../table.js';
import type { ProgressState } from './progress-state.js';

/** The report a recipe's result names (`{ report: '/abs/report.json' }`), if it can be read. */
export function reportOf(result: RunResult): { path: string; report: MigrationReport } | undefined {
  const value = result.value as { report?: unknown } | undefined;
  if (!value || typeof value !== 'object' || typeof value.report !== 'string') return undefined;
  try {
    return { path: value.report, report: JSON.parse(readFileSync(value.report, 'utf8')) as MigrationReport };
  } catch {
    return undefined;
  }
}

export function renderSummary(result: RunResult, state: ProgressState): string[] {
  const t = result.totals;
  const lines = [`migrate: run ${result.runId} ${result.status}`];
  if (state.phases.length > 0) {
    // Calls refused before they started (interrupted, budget spent) get a column of their own when there are any.
    const refused = state.phases.some((p) => p.notStarted > 0);
    const rows = state.phases.map((p) => [p.title, String(p.total), String(p.finished), String(p.failed), ...(refused ? [String(p.notStarted)] : []), String(p.replayed)]);
    lines.push(...formatTable(['phase', 'agents', 'ok', 'failed', ...(refused ? ['not started'] : []), 'replayed'], rows).split('\n').map((l) => `  ${l}`));
  }
  const found = reportOf(result);
  if (found) {
    const { totals, build, tests, outcome } = found.report;
    if (outcome) lines.push(`  outcome: ${outcome.ok ? 'ok' : 'NOT OK'}: ${outcome.summary}`);
    lines.push(`  files ${totals.files}: ${totals.approved} approved, ${totals.unapproved} unapproved, ${totals.failed} failed, ${totals.skipped} skipped`);
    // Only what ran: a report without a build (or tests) says so, never "clean" or "0/0".
    lines.push(build ? `  build ${build.ok ? 'clean' : `${build.errors} error(s)`} after ${build.rounds} fix round(s)${build.pending > 0 ? `, ${build.pending} pending on files not ported yet` : ''}` : '  build not run');
    if (tests) lines.push(`  tests ${tests.total === 0 ? 'none ran' : `${tests.passed}/${tests.total} passed${tests.skipped !== undefined && tests.skipped > 0 ? `, ${tests.skipped} skipped` : ''}${tests.failed > 0 ? `, ${tests.failed} failed` : ''}`} (the source has ${tests.zigTests})`);
    else lines.push(`  tests not run${build && !build.ok ? ' (the build fails)' : ''}`);
  }
  lines.push(
    `  agents ${t.agents} (replayed ${t.replayed}, failed ${t.failed}) · tokens in ${tokens(t.inputTokens)} out ${tokens(t.outputTokens)} · cache read ${tokens(t.cacheReadTokens)} write ${tokens(t.cacheWriteTokens)} · ${usd(t.costUsd)}`,
    `  state: ${result.dir}`,
  );
  if (found) lines.push(`  report: ${found.path.replace(/report\.json$/, 'MIGRATION_REPORT.md')}`);
  if (result.error) lines.push(`  error: ${result.error.message}`);
  const notStarted = state.phases.reduce((n, p) => n + p.notStarted, 0);
  if (result.status === 'budget-exhausted') {
    lines.push(`  Budget exhausted: ${usd(t.costUsd)} of the ${state.budgetUsd === null ? '' : `${usd(state.budgetUsd)} `}budget is spent; ${notStarted} agent call${notStarted === 1 ? '' : 's'} did not start. Resume with a higher budget: migrate resume ${result.runId} --budget <USD>`);
  }
  if (result.status !== 'completed') lines.push(`  resume with: migrate resume ${result.runId}`);
  return lines;
}
