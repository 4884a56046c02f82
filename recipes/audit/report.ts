/** The audit report: the findings that survived refutation (Markdown and JSON), the refuted ones and failures in brief. */
import type { AuditItem } from './work-items.js';

export type Severity = 'high' | 'medium' | 'low';

export interface Finding {
  line: number;
  title: string;
  problem: string;
  evidence: string;
  severity: Severity;
}

export interface JudgedFinding extends Finding {
  /** The item it is about. */
  item: { kind: AuditItem['kind']; name: string; file: string; line: number };
  verdict: 'upheld' | 'refuted';
  /** The refuter's reason. */
  reason: string;
}

export interface AuditReport {
  rule: string;
  input: string;
  files: number;
  items: number;
  routes: number;
  functions: number;
  /** Items beyond --max-items, not audited. */
  skipped: number;
  findings: JudgedFinding[];
  refuted: JudgedFinding[];
  /** Items or findings whose agent failed: what and why. */
  failed: Array<{ what: string; error: string }>;
}

const ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export function sortFindings(findings: JudgedFinding[]): JudgedFinding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.item.file.localeCompare(b.item.file) || a.line - b.line);
}

export function renderMarkdown(report: AuditReport): string {
  const raised = report.findings.length + report.refuted.length;
  const lines = [
    '# Audit report',
    '',
    `**Rule:** ${report.rule}`,
    '',
    `**Input:** \`${report.input}\` — ${report.items} work items (${report.routes} route handlers, ${report.functions} exported functions) in ${report.files} files${report.skipped > 0 ? `; ${report.skipped} more not audited (--max-items)` : ''}.`,
    '',
    `**Findings:** ${report.findings.length} upheld of ${raised} raised (${report.refuted.length} refuted and dropped)${report.failed.length > 0 ? `; ${report.failed.length} agent calls failed` : ''}.`,
    '',
    '## Findings',
    '',
  ];
  if (report.findings.length === 0) lines.push('None survived refutation.', '');
  report.findings.forEach((f, i) => {
    lines.push(
      `### ${i + 1}. [${f.severity}] ${f.title}`,
      '',
      `\`${f.item.file}:${f.line}\` in ${f.item.kind === 'route' ? 'route' : 'function'} \`${f.item.name}\``,
      '',
      f.problem,
      '',
      `Evidence: ${f.evidence}`,
      '',
      `Upheld by the refuter: ${f.reason}`,
      '',
    );
  });
  if (report.refuted.length > 0) {
    lines.push('## Refuted (dropped)', '');
    for (const f of report.refuted) lines.push(`- \`${f.item.file}:${f.line}\` ${f.title} — ${f.reason}`);
    lines.push('');
  }
  if (report.failed.length > 0) {
    lines.push('## Failed', '', 'A resume (`migrate resume <runId>`) sends these again; answered calls are not paid twice.', '');
    for (const f of report.failed) lines.push(`- ${f.what}: ${f.error}`);
    lines.push('');
  }
  return lines.join('\n');
}
