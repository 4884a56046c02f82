/** Writes the run report (`report.json`, `report.md`) into the run's state directory when a run ends. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redact, redactedJson } from '../redact.js';
import { buildRunReport, renderRunReport } from '../report/run-report.js';
import { readRunInfo } from '../workflow/run-store.js';
import { summarizeRun } from '../workflow/run-summary.js';

/** Returns the Markdown report's path. */
export async function writeRunReport(stateDir: string, runId: string, dir: string): Promise<string> {
  const info = await readRunInfo(stateDir, runId);
  const { phases, failed } = await summarizeRun(dir);
  const report = buildRunReport(info, phases, failed);
  await writeFile(join(dir, 'report.json'), `${redactedJson(report, 2)}\n`);
  const md = join(dir, 'report.md');
  await writeFile(md, redact(renderRunReport(report)));
  return md;
}
