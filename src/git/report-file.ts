/** Reading a run's `report.json` (the `MigrationReport` contract) with checks that say what is wrong. */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { MigrateError } from '../errors.js';
import type { MigrationReport } from '../report/types.js';

export async function readReport(file: string): Promise<MigrationReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new MigrateError('NO_CHANGES_SOURCE', `Could not read the run's report ${file}: ${(error as Error).message}. Was the output directory moved or deleted?`, { cause: error, details: { file } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MigrateError('NO_CHANGES_SOURCE', `The report ${file} is not valid JSON: ${(error as Error).message}.`, { cause: error, details: { file } });
  }
  const problems = reportProblems(value);
  if (problems.length > 0) {
    throw new MigrateError('NO_CHANGES_SOURCE', `The report ${file} does not follow the MigrationReport format (src/report/types.ts): ${problems.join('; ')}.`, { details: { file, problems } });
  }
  const report = value as MigrationReport;
  // A relative output is taken relative to the report's own directory.
  if (!isAbsolute(report.output)) report.output = resolve(dirname(file), report.output);
  return report;
}

function reportProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['expected a JSON object'];
  const r = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['recipe', 'runId', 'input', 'output'] as const) if (typeof r[key] !== 'string') problems.push(`"${key}" should be a string`);
  if (!Array.isArray(r['items'])) problems.push('"items" should be an array');
  else {
    r['items'].forEach((item, i) => {
      const it = item as Record<string, unknown> | null;
      if (typeof it !== 'object' || it === null || typeof it['path'] !== 'string' || typeof it['outcome'] !== 'string') problems.push(`items[${i}] needs "path" and "outcome"`);
    });
  }
  if (typeof r['totals'] !== 'object' || r['totals'] === null) problems.push('"totals" should be an object');
  if (r['slices'] !== undefined && !Array.isArray(r['slices'])) problems.push('"slices" should be an array');
  const files = r['files'];
  if (files !== undefined) {
    if (typeof files !== 'object' || files === null || Array.isArray(files)) problems.push('"files" should be an object: { "<path under output>": { sha256, runId } }');
    else {
      const bad = Object.entries(files as Record<string, unknown>).find(([, f]) => {
        const e = f as { sha256?: unknown; runId?: unknown } | null;
        return typeof e !== 'object' || e === null || typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(e.sha256) || typeof e.runId !== 'string';
      });
      if (bad) problems.push(`files["${bad[0]}"] needs "sha256" (64 hex digits) and "runId"`);
    }
  }
  return problems.slice(0, 8);
}
