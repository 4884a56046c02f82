/**
 * Which changes under a report's output the run wrote, decided by content hash against the report's
 * `files` (`MigrationReport.files`: every file of the output the recipe wrote, with the sha256 of what it
 * wrote and the run that wrote it). This replaces the mtime window of `dirty-check.ts` wherever a report
 * gives hashes: a slice's report lists every earlier file as `unchanged`, so "the run names it" says nothing
 * about a local edit to one of them, and an mtime says nothing about whose edit it was.
 *
 * A changed file is the run's only when its work-tree content hashes to the recorded value:
 *
 * - added or modified, recorded, same hash: the run's (whichever of the runs the report names wrote it);
 * - recorded with another hash: "modified after the run wrote it";
 * - not recorded: "not written by this run";
 * - deleted: never the run's. The contract records what was written, not what was removed, so a
 *   deletion cannot be shown to be the run's; committing it on a guess would remove someone's file in
 *   the pull request. It is left out (the commit keeps the file as HEAD has it) and listed, recorded
 *   ("deleted after the run wrote it") or not ("deleted, and the run did not write it").
 *
 * One exception: the report file itself, when it lies in the output, is the run's when it changed and
 * still exists: it holds the hashes, so it cannot hold its own, and it is what this command read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { insideRel } from './repository.js';
import type { FileChange } from './snapshot.js';
import type { LeftOutFile } from './types.js';

export interface WrittenFiles {
  /** The output directory (absolute, real), which `files` keys are relative to. */
  output: string;
  /** The report's `files`. */
  files: Readonly<Record<string, { sha256: string; runId: string }>>;
  /** The run being made into a PR: files another run wrote say which in their reason. */
  runId: string;
  /** The report file (absolute, real). */
  reportFile?: string;
}

export interface SortedChanges {
  /** Changes whose content is what the run wrote. */
  ours: FileChange[];
  /** The rest, with why (in the order of `changes`). */
  leftOut: LeftOutFile[];
}

/** Splits `changes` (paths relative to `top`) into what the run wrote and what it did not. */
export async function sortByWriter(top: string, changes: readonly FileChange[], written: WrittenFiles): Promise<SortedChanges> {
  const ours: FileChange[] = [];
  const leftOut: LeftOutFile[] = [];
  for (const change of changes) {
    const why = await notOurs(top, change, written);
    if (why === undefined) ours.push(change);
    else leftOut.push({ path: change.path, why });
  }
  return { ours, leftOut };
}

/** Why `change` is not the run's; undefined when it is. */
async function notOurs(top: string, change: FileChange, written: WrittenFiles): Promise<string | undefined> {
  const absolute = join(top, change.path);
  const key = insideRel(written.output, absolute);
  const entry = key !== undefined && Object.prototype.hasOwnProperty.call(written.files, key) ? written.files[key] : undefined;
  const by = entry && entry.runId !== written.runId ? ` (run ${entry.runId})` : '';
  if (change.status === 'deleted') return entry ? `deleted after the run wrote it${by}` : 'deleted, and the run did not write it';
  if (written.reportFile !== undefined && absolute === written.reportFile) return undefined;
  if (!entry) return 'not written by this run';
  let hash: string;
  try {
    if (!(await lstat(absolute)).isFile()) return `not a regular file, so not what the run wrote${by}`;
    hash = await sha256File(absolute);
  } catch {
    return `unreadable now${by}`;
  }
  return hash === entry.sha256.toLowerCase() ? undefined : `modified after the run wrote it${by}`;
}

/** sha256 (hex) of a file's bytes, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
