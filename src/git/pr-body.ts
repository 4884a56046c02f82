/**
 * The pull request's text (`pr.md`) and the commit message. The body is for reviewers: what was
 * migrated and how it went, one row per file, the TODOs left, what it cost, and how to reproduce and
 * resume the run. Everything is redacted before it is returned.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { redact } from '../redact.js';
import type { MigrationReport, ReportItem } from '../report/types.js';
import type { FileDiffStat } from './diff-stats.js';
import { oneLine, type PrUnit } from './pr-units.js';
import { insideRel } from './repository.js';
import type { ChangesSource, PrRunInfo } from './types.js';

export interface BodyInput {
  unit: PrUnit;
  run: PrRunInfo;
  /** With absolute paths, as `normalized` in pull-requests.ts leaves them. */
  source: ChangesSource;
  /** The repository top: paths are shown relative to it. */
  top: string;
  stats: readonly FileDiffStat[];
  /** True when this PR is one of several (`--per-item`). */
  perItem: boolean;
}

const MAX_TODOS = 200;
const MAX_ROWS = 500;

export function renderPrBody(input: BodyInput): string {
  const sections = input.source.kind === 'report' ? reportSections(input, input.source.report) : changeSections(input);
  const warning = notReady(input.run);
  const text = [...(warning ? [warning] : []), `## ${input.unit.title}`, ...(input.unit.intro ? [input.unit.intro.trim()] : []), ...sections, footer(input.run)].join('\n\n');
  return `${redact(text)}\n`;
}

/** The first thing a reviewer reads when the recipe's verdict is that the result is not usable as it is. */
function notReady(run: PrRunInfo): string | undefined {
  if (run.outcome?.ok !== false) return undefined;
  const summary = oneLine(run.outcome.summary, 300).replace(/[.\s]+$/, '');
  return [
    `> **Not ready: ${summary}.** This pull request is a draft: the recipe's verdict on run \`${run.id}\` is that its result is not usable as it is.`,
    `> Review it as work in progress; resume the run (see below) or fix what is listed, and mark it ready for review only when that is done.`,
  ].join('\n');
}

function reportSections(input: BodyInput, report: MigrationReport): string[] {
  const { unit, run, top } = input;
  const inputDir = report.input;
  const out = (item: ReportItem): string => (item.output ? rel(top, join(report.output, item.output)) : '—');
  // An input outside the repository is shown from its own folder's name, not as an absolute path of this machine.
  const inputShown = outside(top, inputDir) ? basename(inputDir) : rel(top, inputDir);
  const from = (item: ReportItem): string => (outside(top, inputDir) ? `${inputShown}/${item.path}` : rel(top, join(inputDir, item.path)));
  const items = unit.items;
  const t = report.totals;

  const summary: string[] = ['### Summary', ''];
  if (input.perItem && items.length === 1) {
    const item = items[0]!;
    summary.push(`Ported \`${from(item)}\` → \`${out(item)}\` with the **${report.recipe}** recipe, run \`${run.id}\` (${run.status}). One of ${report.items.length} files of the run; \`migrate pr ${run.id}\` makes one PR of all of them.`, '');
    summary.push(`- **Outcome:** ${item.outcome}${item.reviewRounds ? ` after ${plural(item.reviewRounds, 'review round')}` : ''}`);
  } else {
    const slices = report.slices?.length ? ` (slice${report.slices.length === 1 ? '' : 's'}: ${report.slices.map((s) => `\`${s}\``).join(', ')})` : '';
    summary.push(`Ported \`${inputShown}\`${slices} → \`${rel(top, report.output)}\` with the **${report.recipe}** recipe, run \`${run.id}\` (${run.status}).`, '');
    summary.push(`- **Outcome:** ${plural(t.files ?? report.items.length, 'file')} — ${t.approved ?? 0} approved, ${t.unapproved ?? 0} unapproved, ${t.failed ?? 0} failed, ${t.skipped ?? 0} skipped`);
  }
  summary.push(`- **Build${input.perItem ? ' (whole run)' : ''}:** ${buildLine(report)}`);
  summary.push(`- **Tests${input.perItem ? ' (whole run)' : ''}:** ${testLine(report)}`);
  if (run.status !== 'completed') summary.push(`- **Note:** the run ended \`${run.status}\`; this PR holds what it had finished. Resume it to go on (see below).`);

  const rows = items.slice(0, MAX_ROWS).map((item) => {
    const stat = input.stats.find((s) => item.output && s.path === out(item));
    const reviewers = item.reviewers?.length ? item.reviewers.map((r) => `${r.verdict === 'approve' ? '✅' : '❌'} ${r.angle}${r.findings ? ` (${r.findings})` : ''}`).join('<br>') : '—';
    return [item.output ? `\`${out(item)}\`` : '—', `\`${from(item)}\``, item.outcome, reviewers, String(item.reviewRounds ?? '—'), String(item.fixRounds ?? 0), String(item.todos?.length ?? 0), stat ? diffCell(stat) : '—', usd(item.costUsd)];
  });
  const files = ['### Files', '', table(['file', 'from', 'outcome', 'reviewers', 'review rounds', 'fix rounds', 'TODO(port)', 'diff', 'cost'], rows)];
  if (items.length > MAX_ROWS) files.push('', `… and ${items.length - MAX_ROWS} more files (see \`${rel(top, input.source.kind === 'report' ? input.source.file : '')}\`).`);

  const sections = [summary.join('\n'), files.join('\n')];
  const todos = items.flatMap((item) => (item.todos ?? []).map((todo) => `- [ ] \`${out(item)}:${todo.line}\` ${oneLine(todo.text, 300)}`));
  if (todos.length > 0) {
    const shown = todos.slice(0, MAX_TODOS);
    if (todos.length > shown.length) shown.push(`- … and ${todos.length - shown.length} more (\`grep -rn "TODO(port)" ${rel(top, report.output)}\`)`);
    sections.push([`### Remaining TODO(port) (${todos.length})`, '', ...shown].join('\n'));
  }
  const missing = items.filter((item) => item.outcome === 'failed' || item.outcome === 'skipped' || item.error);
  if (missing.length > 0) {
    sections.push(['### Failed and skipped', '', ...missing.slice(0, MAX_ROWS).map((item) => `- \`${from(item)}\` — ${item.outcome}${item.error ? `: ${oneLine(item.error, 300)}` : ''}`)].join('\n'));
  }
  const runWarnings = input.perItem ? [] : (report.warnings ?? []).map((w) => `- ${oneLine(w, 300)}`);
  const warnings = [...runWarnings, ...items.flatMap((item) => (item.warnings ?? []).map((w) => `- \`${from(item)}\`: ${oneLine(w, 300)}`))];
  if (warnings.length > 0) sections.push(['### Warnings', '', ...warnings.slice(0, 100)].join('\n'));
  sections.push(changesSection(input.stats));

  const tokens = items.reduce(
    (sum, item) => ({ input: sum.input + (item.tokens?.input ?? 0), output: sum.output + (item.tokens?.output ?? 0), cacheRead: sum.cacheRead + (item.tokens?.cacheRead ?? 0), cacheWrite: sum.cacheWrite + (item.tokens?.cacheWrite ?? 0) }),
    { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  );
  sections.push(
    input.perItem
      ? costSection('This file', items.reduce((s, i) => s + (i.costUsd ?? 0), 0), undefined, tokens, `The whole run: ${usd(t.costUsd)} for ${plural(t.agents ?? run.totals.agents, 'agent call')}.`)
      : costSection('The run', t.costUsd ?? run.totals.costUsd, t.agents ?? run.totals.agents, { input: t.inputTokens, output: t.outputTokens, cacheRead: t.cacheReadTokens, cacheWrite: t.cacheWriteTokens }, run.settings?.model ? `Model: \`${run.settings.model}\`.` : undefined),
  );
  sections.push(reproduceSection(report.command || commandOf(run), report.hashes ?? {}), resumeSection(run, top));
  return sections;
}

function changeSections(input: BodyInput): string[] {
  const { run, top } = input;
  const summary = [
    '### Summary',
    '',
    `Changes made by the **${run.recipe}** recipe, run \`${run.id}\` (${run.status}): ${input.unit.paths.map((p) => `\`${rel(top, p)}\``).join(', ')}.`,
  ];
  const hashes: Record<string, string> = {};
  if (run.recipeFile) {
    try {
      hashes[rel(top, run.recipeFile)] = createHash('sha256').update(readFileSync(run.recipeFile)).digest('hex').slice(0, 16);
    } catch {
      // the recipe file is gone: no hash
    }
  }
  const t = run.totals;
  return [
    summary.join('\n'),
    changesSection(input.stats, true),
    costSection('The run', t.costUsd, t.agents, { input: t.inputTokens, output: t.outputTokens, cacheRead: t.cacheReadTokens, cacheWrite: t.cacheWriteTokens }, run.settings?.model ? `Model: \`${run.settings.model}\`.` : undefined),
    reproduceSection(commandOf(run), hashes),
    resumeSection(run, top),
  ];
}

/** Per-file line counts: a table when existing files are replaced (or always), else one line. */
function changesSection(stats: readonly FileDiffStat[], always = false): string {
  const added = stats.reduce((s, f) => s + f.added, 0);
  const removed = stats.reduce((s, f) => s + f.removed, 0);
  const replaces = stats.some((f) => f.status !== 'added');
  if (!replaces && !always) return `### Changes\n\n${plural(stats.length, 'new file')}, +${n(added)} lines; no existing file is replaced.`;
  const rows = stats.slice(0, MAX_ROWS).map((f) => [`\`${f.path}\``, f.status, f.binary ? 'binary' : `+${n(f.added)}`, f.binary ? '' : `−${n(f.removed)}`]);
  const more = stats.length > MAX_ROWS ? `\n\n… and ${stats.length - MAX_ROWS} more files.` : '';
  return `### Changes\n\n${plural(stats.length, 'file')}: ${stats.filter((f) => f.status === 'added').length} added, ${stats.filter((f) => f.status === 'modified').length} modified, ${stats.filter((f) => f.status === 'deleted').length} deleted; +${n(added)} −${n(removed)} lines.\n\n${table(['file', 'change', 'added', 'removed'], rows)}${more}`;
}

function costSection(what: string, costUsd: number, agents: number | undefined, tokens: { input: number; output: number; cacheRead: number; cacheWrite: number }, note?: string): string {
  return [
    '### Cost and tokens',
    '',
    `${what}: **${usd(costUsd)}**${agents !== undefined ? ` for ${plural(agents, 'agent call')}` : ''}.${note ? ` ${note}` : ''}`,
    '',
    table(['input', 'output', 'cache read', 'cache write'], [[n(tokens.input), n(tokens.output), n(tokens.cacheRead), n(tokens.cacheWrite)]]),
  ].join('\n');
}

function reproduceSection(command: string, hashes: Record<string, string>): string {
  const lines = ['### Reproduce', '', '```sh', command, '```'];
  const entries = Object.entries(hashes);
  if (entries.length > 0) lines.push('', 'sha256 of the recipe and its prompts:', '', table(['file', 'sha256'], entries.map(([file, hash]) => [`\`${file}\``, `\`${hash}\``])));
  return lines.join('\n');
}

function resumeSection(run: PrRunInfo, top: string): string {
  const stateRel = insideRel(top, run.stateDir);
  const stateFlag = stateRel && stateRel !== '.migrate' ? ` --state-dir ${stateRel}` : '';
  const why =
    run.status === 'completed'
      ? 'The run completed. Resuming replays it from its journal: finished agent calls are answered from it at no cost, so after a change to the recipe or a prompt only the affected calls are sent again.'
      : `The run ended \`${run.status}\`. Resuming replays it from its journal: finished agent calls are not paid again, only the unfinished ones are sent (raise \`--budget\` if it ran out).`;
  return ['### Resume', '', why, '', '```sh', `migrate resume ${run.id}${stateFlag}`, '```'].join('\n');
}

function footer(run: PrRunInfo): string {
  return `<sub>Made by migrate-kit from run \`${run.id}\` (\`migrate pr ${run.id}\`).</sub>`;
}

/** The commit message: the title, then recipe, input, run id and outcome counts. */
export function commitMessage(input: BodyInput): string {
  const { unit, run, source, top } = input;
  const lines = [unit.title, '', `Recipe: ${run.recipe}`];
  if (source.kind === 'report') {
    const r = source.report;
    const inputDir = r.input;
    lines.push(`Input: ${outside(top, inputDir) ? basename(inputDir) : rel(top, inputDir)}${r.slices?.length ? ` (slices: ${r.slices.join(', ')})` : ''}`);
    lines.push(`Output: ${unit.item ? rel(top, unit.item) : rel(top, r.output)}`);
    lines.push(`Run: ${run.id}`);
    if (input.perItem && unit.items.length === 1) lines.push(`Outcome: ${unit.items[0]!.outcome} (run: ${outcomeCounts(r)})`);
    else lines.push(`Outcome: ${outcomeCounts(r)}`);
  } else {
    lines.push(`Input: ${unit.paths.map((p) => rel(top, p)).join(', ')}`, `Run: ${run.id}`, `Outcome: ${plural(input.stats.length, 'file')} changed`);
  }
  if (run.outcome) lines.push(`Verdict: ${run.outcome.ok ? 'ok' : 'not ready'}: ${oneLine(run.outcome.summary, 300)}`);
  lines.push('', `Migrate-Run: ${run.id}`);
  return `${redact(lines.join('\n'))}\n`;
}

function outcomeCounts(r: MigrationReport): string {
  const t = r.totals;
  return `${plural(t.files ?? r.items.length, 'file')}: ${t.approved ?? 0} approved, ${t.unapproved ?? 0} unapproved, ${t.failed ?? 0} failed, ${t.skipped ?? 0} skipped`;
}

function buildLine(r: MigrationReport): string {
  const b = r.build;
  if (!b) return 'not run';
  const rounds = b.rounds ? `; ${plural(b.rounds, 'fix round')}` : '';
  const suggestions = b.suggestionsApplied ? `, ${plural(b.suggestionsApplied, 'compiler suggestion')} applied` : '';
  const pending = b.pending ? `, ${b.pending} pending on files outside the slice` : '';
  return b.ok
    ? `✅ passes (${plural(b.warnings, 'warning')}${rounds}${suggestions})`
    : `❌ ${plural(b.errors, 'error')}${pending} (${plural(b.warnings, 'warning')}${rounds}${suggestions}; stopped: ${b.stoppedBy})`;
}

function testLine(r: MigrationReport): string {
  const t = r.tests;
  if (!t) return 'not run';
  const mark = t.failed === 0 && t.total > 0 ? '✅' : t.total === 0 ? '⚠️' : '❌';
  const rounds = t.rounds ? `; ${plural(t.rounds, 'fix round')}` : '';
  return `${mark} ${t.passed}/${t.total} passed${t.failed ? `, ${t.failed} failed` : ''} (${plural(t.zigTests, 'test')} in the source${rounds}${t.stoppedBy && t.stoppedBy !== 'clean' ? `; stopped: ${t.stoppedBy}` : ''})`;
}

function diffCell(stat: FileDiffStat): string {
  if (stat.binary) return 'binary';
  return stat.status === 'added' ? `+${n(stat.added)} (new)` : `+${n(stat.added)} −${n(stat.removed)}`;
}

function commandOf(run: PrRunInfo): string {
  const argv = (run.argv ?? []).map(shellWord).join(' ');
  if (run.recipeFile && !/[\\/]recipes[\\/][^\\/]+[\\/]recipe\.[mc]?[jt]s$/.test(run.recipeFile)) {
    return `migrate run ${shellWord(run.cwd ? rel(run.cwd, run.recipeFile) : run.recipeFile)}${argv ? ` -- ${argv}` : ''}`;
  }
  return `migrate ${run.recipe}${argv ? ` ${argv}` : ''}`;
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function table(head: string[], rows: string[][]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

function outside(top: string, path: string): boolean {
  return insideRel(top, path) === undefined;
}

/** `path` relative to `top` (posix), or as it is when outside. */
function rel(top: string, path: string): string {
  const r = insideRel(top, path);
  return r === undefined ? path : r === '' ? '.' : r;
}

function plural(count: number, word: string): string {
  return `${n(count)} ${word}${count === 1 ? '' : 's'}`;
}

function n(value: number): string {
  return Number.isFinite(value) ? value.toLocaleString('en-US') : String(value);
}

function usd(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `$${value.toFixed(value < 1 ? 4 : 2)}`;
}
