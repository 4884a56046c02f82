/**
 * Renders a {@link MigrationReport} as Markdown (`MIGRATION_REPORT.md`): the verdict, a summary of outcomes,
 * build and tests (for a report with a crate-wide summary: the whole crate first, then this run's slice),
 * then a table of files, then the details worth a human's look (failures, unapproved files, TODOs, warnings). A build or tests the report does not hold are "not run", never a success. Pure: the same
 * report always gives the same text (`files`, the hashes of the output, is not shown).
 */
import { cell, tokens, usd } from './markdown.js';
import type { CrateSummary, MigrationReport, ReportItem } from './types.js';

const OUTCOME_ORDER = ['failed', 'unapproved', 'skipped', 'approved', 'ok', 'unchanged'];

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function reviewers(item: ReportItem): string {
  if (item.reviewers === undefined || item.reviewers.length === 0) return '—';
  return item.reviewers.map((r) => `${r.angle}: ${r.verdict}${r.findings > 0 ? ` (${r.findings})` : ''}${r.verdict === 'skipped' && r.reason !== undefined ? ` (${r.reason})` : ''}`).join(', ');
}

function filesLine(report: MigrationReport): string {
  const t = report.totals;
  return `- **Files${report.crate !== undefined ? ' (this run)' : ''}:** ${t.files} — ${t.approved} approved, ${t.unapproved} unapproved, ${t.failed} failed, ${t.skipped} skipped`;
}

function crateLine(c: CrateSummary): string {
  const rest = [c.failed > 0 ? `${c.failed} failed` : '', c.skipped > 0 ? `${c.skipped} skipped` : ''].filter((x) => x !== '');
  return `- **Files:** ${c.ported} of ${c.files} ported (${c.approved} approved, ${c.unapproved} unapproved)${rest.length > 0 ? `; ${rest.join(', ')}` : ''}; ${c.left === 0 ? 'none left to port' : `${c.left} left to port`}`;
}

function buildAndTestLines(report: MigrationReport): string[] {
  const lines: string[] = [];
  const b = report.build;
  if (b !== undefined) {
    const state = b.ok ? 'builds' : `does not build (${b.errors} error${b.errors === 1 ? '' : 's'}${b.pending > 0 ? `, ${b.pending} pending on files not ported yet` : ''})`;
    lines.push(`- **Build:** ${state}; ${b.warnings} warning${b.warnings === 1 ? '' : 's'}; ${b.rounds} fix round${b.rounds === 1 ? '' : 's'}, ${b.suggestionsApplied} compiler suggestion${b.suggestionsApplied === 1 ? '' : 's'} applied; stopped: ${b.stoppedBy}`);
  } else {
    lines.push('- **Build:** not run');
  }
  const s = report.tests;
  if (s !== undefined) {
    const rounds = `${s.rounds} fix round${s.rounds === 1 ? '' : 's'}; stopped: ${s.stoppedBy}`;
    if (s.total === 0) {
      lines.push(`- **Tests:** none ran (${s.zigTests === 0 ? 'the Zig source has no test blocks either' : `the Zig source has ${s.zigTests}`}); ${rounds}`);
    } else {
      // Skipped tests ran but checked nothing: never counted as passed, and said so.
      const skipped = s.skipped !== undefined && s.skipped > 0 ? `, ${s.skipped} skipped` : '';
      const match = s.total === s.zigTests && skipped === '' ? 'as many as the Zig source has' : `${skipped !== '' ? 'skipped tests do not count as passed; ' : ''}the Zig source has ${s.zigTests}`;
      lines.push(`- **Tests:** ${s.passed}/${s.total} passed${skipped}${s.failed > 0 ? `, ${s.failed} failed` : ''} (${match}); ${rounds}`);
    }
  } else {
    lines.push(`- **Tests:** not run${b !== undefined && !b.ok ? ' (the build fails)' : ''}`);
  }
  const hollow = report.items.filter((i) => (i.hollowTests?.length ?? 0) > 0);
  if (hollow.length > 0) {
    const n = hollow.reduce((sum, i) => sum + i.hollowTests!.length, 0);
    lines.push(`- **Hollow tests:** ${n} in ${hollow.length} file${hollow.length === 1 ? '' : 's'} (no assertion, far fewer than the Zig test, or an early return; listed below)`);
  }
  const d = report.differential;
  if (d !== undefined) lines.push(differentialLine(d));
  return lines;
}

/** What differential checking did, and what it did not check: never a claim beyond the functions it ran. */
function differentialLine(d: NonNullable<MigrationReport['differential']>): string {
  if (!d.ran) return `- **Differential check:** not run (${d.note ?? 'no reason given'})`;
  const skipped = Object.entries(d.skipped).sort(([a], [b]) => (a < b ? -1 : 1)).map(([why, n]) => `${n} ${why}`).join(', ');
  const dev = d.deviations;
  const result = dev.remaining === 0 ? (dev.found === 0 ? 'no deviation' : `${dev.found} deviation${dev.found === 1 ? '' : 's'} found, all fixed`) : `${dev.remaining} deviation${dev.remaining === 1 ? '' : 's'} remain${dev.remaining === 1 ? 's' : ''} (listed below)${dev.fixed > 0 ? `, ${dev.fixed} fixed` : ''}`;
  const k = d.kinds;
  const kinds = k === undefined ? [] : [k.structs > 0 ? `${k.structs} struct${k.structs === 1 ? '' : 's'} through ${k.structs === 1 ? 'its constructor' : 'their constructors'}` : '', k.roundTrips > 0 ? `${k.roundTrips} round trip${k.roundTrips === 1 ? '' : 's'}` : '', k.dataFiles > 0 ? `${k.dataFiles} data file${k.dataFiles === 1 ? '' : 's'} of the project` : ''].filter((x) => x !== '');
  return [
    `- **Differential check:** ${d.functions.checked} of ${d.functions.total} pub fn${d.functions.total === 1 ? '' : 's'} checked on ${d.inputs} input${d.inputs === 1 ? '' : 's'}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}: ${result}`,
    `; ${d.bothTrap} input${d.bothTrap === 1 ? '' : 's'} trap on both sides`,
    d.notRun > 0 ? `; ${d.notRun} not run` : '',
    d.functions.skipped > 0 ? `; not checked: ${skipped}` : '',
    d.rejectedInputs > 0 ? `; ${d.rejectedInputs} generated input${d.rejectedInputs === 1 ? '' : 's'} the port cannot take left out (not UTF-8 for a \`&str\`, not ASCII for a \`char\`)` : '',
    d.reverted.length > 0 ? `; fixes reverted (they broke the build or tests): ${d.reverted.map(code).join(', ')}` : '',
    `; ${d.rounds} fix round${d.rounds === 1 ? '' : 's'}${d.compiler !== undefined ? `; ${d.compiler}` : ''}${d.note !== undefined ? `; ${d.note}` : ''}`,
  ].join('');
}

function agentsLine(report: MigrationReport): string {
  const t = report.totals;
  return `- **Agents:** ${t.agents}${t.requests !== undefined ? ` (${t.requests} requests)` : ''}; tokens: ${tokens(t.inputTokens)} in, ${tokens(t.outputTokens)} out, ${tokens(t.cacheReadTokens)} cache reads, ${tokens(t.cacheWriteTokens)} cache writes; cost ${usd(t.costUsd)}`;
}

function fileTable(items: readonly ReportItem[], runId?: string): string[] {
  const rows = [...items].sort((a, b) => OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // With a crate-wide report, which run gave each file its outcome.
  const byRun = runId !== undefined;
  return [
    `| file | output | outcome | reviewers | review rounds | fix rounds | TODOs | tokens in/out | cost |${byRun ? ' run |' : ''}`,
    `|---|---|---|---|---|---|---|---|---|${byRun ? '---|' : ''}`,
    ...rows.map((i) =>
      [
        code(i.path),
        i.output !== undefined ? code(i.output) : '—',
        i.outcome,
        reviewers(i),
        String(i.reviewRounds ?? 0),
        String(i.fixRounds ?? 0),
        String(i.todos?.length ?? 0),
        `${tokens(i.tokens.input + i.tokens.cacheRead + i.tokens.cacheWrite)}/${tokens(i.tokens.output)}`,
        usd(i.costUsd),
        ...(byRun ? [i.runId === undefined ? '—' : i.runId === runId ? 'this run' : code(i.runId)] : []),
      ]
        .map(cell)
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
  ];
}

function details(items: readonly ReportItem[]): string[] {
  const lines: string[] = [];
  for (const item of [...items].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const notes: string[] = [];
    if (item.error !== undefined) notes.push(`- error: ${item.error.split('\n')[0]}`);
    for (const warning of item.warnings ?? []) notes.push(`- ${warning.split('\n').join('\n  ')}`);
    for (const todo of item.todos ?? []) notes.push(`- ${item.output ?? item.path}:${todo.line}: ${todo.text}`);
    for (const h of item.hollowTests ?? []) notes.push(`- hollow test ${code(h.test)} (${item.output ?? item.path}:${h.line}): ${h.problem}`);
    if (item.unchecked !== undefined && item.unchecked.length > 0) notes.push(`- not checked against the Zig: ${item.unchecked.map((u) => `${code(u.fn)} (${u.reason})`).join(', ')}`);
    for (const d of item.deviations ?? []) notes.push(`- deviation in ${code(d.fn)}: on ${code(d.input)} the Zig gives ${code(d.zig)}, the port ${code(d.rust)}${d.count > 1 ? ` (${d.count} inputs show this; the smallest is shown)` : ''}`);
    if (notes.length === 0) continue;
    lines.push('', `### ${code(item.path)} (${item.outcome})`, '', ...notes);
  }
  return lines;
}

export function renderMigrationReport(report: MigrationReport): string {
  const where = [
    `- **Input:** ${code(report.input)}${report.slices.length > 0 && report.crate === undefined ? ` (slices: ${report.slices.map(code).join(', ')})` : ''}`,
    `- **Output:** ${code(report.output)}`,
  ];
  const run = [`- **Run:** ${code(report.runId)}, ${report.generatedAt}`, `- **Command:** ${code(report.command)}`];
  const lines = [
    `# Migration report: ${report.recipe}`,
    '',
    ...(report.outcome !== undefined ? [`**Outcome: ${report.outcome.ok ? 'ok' : 'not ok'}** — ${report.outcome.summary}`, ''] : []),
    ...where,
    // A crate-wide report: the whole crate first (every file by its latest outcome, the crate's build and
    // tests), then what this run's slice did.
    ...(report.crate !== undefined
      ? [
          '',
          '## Whole crate',
          '',
          crateLine(report.crate),
          ...buildAndTestLines(report),
          '',
          '## This run',
          '',
          ...run,
          `- **Slice:** ${report.slices.length > 0 ? report.slices.map(code).join(', ') : 'the whole tree'}`,
          filesLine(report),
          agentsLine(report),
        ]
      : [...run, filesLine(report), ...buildAndTestLines(report), agentsLine(report)]),
    '',
    '## Files',
    '',
    ...fileTable(report.items, report.crate !== undefined ? report.runId : undefined),
  ];
  const more = details(report.items);
  if (more.length > 0) lines.push('', '## Needs a look', ...more);
  if (report.warnings !== undefined && report.warnings.length > 0) {
    lines.push('', '## Warnings', '', ...report.warnings.map((w) => `- ${w.split('\n').join('\n  ')}`));
  }
  const hashes = Object.entries(report.hashes);
  if (hashes.length > 0) {
    lines.push('', '## Reproducibility', '', 'sha256 (first 16 hex digits) of the recipe and its prompts:', '', ...hashes.map(([file, hash]) => `- ${code(file)} ${code(hash)}`));
  }
  return `${lines.join('\n')}\n`;
}
