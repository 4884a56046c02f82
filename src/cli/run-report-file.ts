/** Writes the run report (`report.json`, `report.md`) into the run's state directory when a run ends. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redact, redactedJson } from '../redact.js';
import { buildRunReport, renderRunReport } from '../report/run-report.js';
import type { RunStore } from '../store/run-store.js';
import { summarizeRun } from '../workflow/run-summary.js';

/** Returns the Markdown report's path. */
export async function writeRunReport(store: RunStore, runId: string): Promise<string> {
  const info = await store.info(runId);
  const { phases, failed } = await summarizeRun(store, runId);
  const report = buildRunReport(info, phases, failed);
  const dir = store.runDir(runId);
  await writeFile(join(dir, 'report.json'), `${redactedJson(report, 2)}\n`);
  const md = join(dir, 'report.md');
  await writeFile(md, redact(renderRunReport(report)));
  return md;
}
