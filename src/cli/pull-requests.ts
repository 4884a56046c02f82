/**
 * `migrate pr` and `--pr` on the commands that run a recipe: reads the run (run.json, its report or
 * list of changes), hands it to the git layer, prints what was made and, offline, what to do next.
 */
import { MigrateError, isMigrateError } from '../errors.js';
import { createPullRequests, type PrDeps } from '../git/pull-requests.js';
import { readReport } from '../git/report-file.js';
import type { ChangesSource, PrOptions, PrSummary } from '../git/types.js';
import { redact } from '../redact.js';
import { NodeProcessRunner } from '../process/process-runner.js';
import { JsonlRunStore } from '../store/jsonl-store.js';
import type { RunInfo } from '../store/run-info.js';
import type { RunResult } from '../workflow/run.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

/**
 * Where the run's work is described: `run.json`'s `result`, the report (a MigrationReport) or the
 * change list the recipe's run() returned. (The run directory's own report.json is the run report,
 * not a migration report.)
 */
async function changesSourceOf(info: RunInfo): Promise<ChangesSource> {
  const reportFile = info.result?.report;
  if (reportFile) return { kind: 'report', report: await readReport(reportFile), file: reportFile };
  if (info.result?.changes) return { kind: 'changes', changes: info.result.changes };
  throw new MigrateError(
    'NO_CHANGES_SOURCE',
    `Run ${info.id} (recipe "${info.recipe}", ${info.status}) names no report and no changes, so there is nothing to make a pull request of. A recipe's run() returns { report: '<path of report.json>' } or { changes: { items: [{ path }] } } for \`migrate pr\` to find its work${info.status === 'completed' ? '' : '; this run did not complete, so it may not have got that far (resume it first)'}.`,
    { details: { runId: info.id } },
  );
}

export async function pullRequestsForRun(runId: string, stateDir: string, options: PrOptions, io: CliIo, deps: Partial<PrDeps> = {}): Promise<PrSummary> {
  const store = new JsonlRunStore(stateDir);
  const info = await store.info(runId);
  if (info.status === 'running') {
    throw new MigrateError('BAD_INPUT', `Run ${info.id} is still running (process ${info.pid}). Wait for it to end, then run \`migrate pr ${info.id}\`.`);
  }
  const dir = store.runDir(info.id);
  const source = await changesSourceOf(info);
  // run.json's `outcome` (validated by the store) travels along: a run that is not ok gets a draft PR with it on top.
  return createPullRequests({ ...info, dir, stateDir }, source, options, {
    runner: deps.runner ?? new NodeProcessRunner(),
    env: deps.env ?? io.env,
    log: deps.log ?? ((line) => io.err(line)),
    ...(deps.chooseOpener ? { chooseOpener: deps.chooseOpener } : {}),
  });
}

/** Prints the summary (stdout) and returns the exit code: 1 when a push or an opening failed. */
export function printPrSummary(summary: PrSummary, io: CliIo, json: boolean): number {
  const failed = summary.prs.some((pr) => pr.error !== undefined);
  if (json) {
    io.out(redact(JSON.stringify(summary, null, 2)));
    return failed ? EXIT.failedItems : EXIT.ok;
  }
  const lines: string[] = [];
  const n = summary.prs.length;
  lines.push(`Run ${summary.runId}: ${n} branch${n === 1 ? '' : 'es'} from HEAD ${summary.head.sha.slice(0, 10)}${summary.head.branch ? ` (${summary.head.branch})` : ''} in ${summary.repository}`);
  for (const pr of summary.prs) {
    lines.push('');
    const files = `${pr.files} file${pr.files === 1 ? '' : 's'} (+${pr.added} −${pr.removed})`;
    lines.push(pr.upToDate ? `  ${pr.branch}  up to date: commit ${pr.commit.slice(0, 10)} already holds these ${files}, into ${pr.base}` : `  ${pr.branch}  commit ${pr.commit.slice(0, 10)}, ${files}, into ${pr.base}`);
    lines.push(`    title   ${pr.title}${pr.draft ? ' (draft)' : ''}`);
    if (pr.url) lines.push(`    PR      ${pr.url} (${pr.via === 'gh' ? 'gh' : 'GitHub REST API'}${pr.number !== undefined ? `, #${pr.number}` : ''})`);
    else if (pr.pushed) lines.push(`    pushed  ${pr.pushed.remote}/${pr.pushed.branch}`);
    lines.push(`    body    ${pr.bodyFile}`);
    lines.push(`    patch   ${pr.patchFile}`);
    if (pr.error) lines.push(`    error   ${pr.error}`);
  }
  const leftOut = summary.leftOut ?? [];
  if (leftOut.length > 0) {
    lines.push('', `Left out ${leftOut.length} file${leftOut.length === 1 ? '' : 's'} the run did not write (commit or stash ${leftOut.length === 1 ? 'it' : 'them'}, or pass --allow-dirty):`, ...leftOut.map((f) => `  ${f.path}: ${f.why}`));
  }
  if (summary.skipped.length > 0) lines.push('', `No PR for ${summary.skipped.length} item${summary.skipped.length === 1 ? '' : 's'}:`, ...summary.skipped.map((s) => `  ${s.path}: ${s.why}`));
  for (const note of summary.notes) lines.push('', `Note: ${note}`);
  if (summary.offline) {
    lines.push('', `No pull request was opened: ${summary.offline.reason}. To open ${n === 1 ? 'it' : 'them'}:`, ...summary.offline.instructions.map((l) => `  ${l}`));
  }
  io.out(redact(lines.join('\n')));
  return failed ? EXIT.failedItems : EXIT.ok;
}

/**
 * `--pr` on `run`, `resume` and the recipe commands: after a completed run, `migrate pr <runId>` with
 * its defaults. Returns the exit code: the run's, or 1 when the run succeeded and the PR step failed.
 */
export async function pullRequestsAfterRun(result: Pick<RunResult, 'runId' | 'status'>, stateDir: string, io: CliIo, code: number): Promise<number> {
  if (result.status !== 'completed') {
    io.err(`migrate: no pull request: the run ended ${result.status}. Resume it, or make one from what it has with: migrate pr ${result.runId}`);
    return code;
  }
  try {
    const summary = await pullRequestsForRun(result.runId, stateDir, {}, io);
    const prCode = printPrSummary(summary, io, false);
    return code !== EXIT.ok ? code : prCode;
  } catch (error) {
    const message = isMigrateError(error) ? error.message : error instanceof Error ? error.message : String(error);
    io.err(`migrate: no pull request: ${redact(message)}\nWhen that is fixed: migrate pr ${result.runId}`);
    return code !== EXIT.ok ? code : EXIT.failedItems;
  }
}
