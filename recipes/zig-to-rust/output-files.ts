/**
 * Writing the output crate's files, and the record of what the recipe wrote: for each file (path relative to
 * the output, posix) the sha256 of the content as last written by this run, or by the earlier run that wrote
 * it (carried over through the manifest). Hashes are taken when a file is written, never by reading the tree
 * back at the end, so a file edited by hand keeps the hash of what the recipe wrote and `migrate pr` leaves
 * the hand edit out. The record goes into `report.json` as `files`.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const TEMP_SUFFIX = '.migrate-kit-tmp';

/** Writes a file through a temporary name, so a crash never leaves half a file (see `sweepTemporaryFiles`). */
export async function writeAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}${TEMP_SUFFIX}`);
  await writeFile(temp, content);
  await rename(temp, path);
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export interface FileRecord {
  /** sha256 (hex) of the content the recipe wrote. */
  sha256: string;
  /** The run that wrote it. */
  runId: string;
}

export class OutputFiles {
  private readonly records = new Map<string, FileRecord>();

  /**
   * @param out the output directory (absolute)
   * @param runId this run
   * @param carried the records of earlier runs into the same output (the manifest's `outputs`)
   */
  constructor(
    readonly out: string,
    readonly runId: string,
    carried: Readonly<Record<string, FileRecord>> = {},
  ) {
    for (const [rel, record] of Object.entries(carried)) this.records.set(rel, { sha256: record.sha256, runId: record.runId });
  }

  /** Writes a whole file whose content the recipe made, and records it as this run's. */
  async write(rel: string, content: string): Promise<void> {
    await writeAtomic(join(this.out, rel), content);
    this.records.set(rel, { sha256: sha256(content), runId: this.runId });
  }

  /**
   * Writes a whole file only when its content differs (keeps cargo's fingerprints and mtimes still). Content
   * that is already there is the recipe's all the same: an earlier run's record of it is kept, else it is
   * recorded as this run's.
   */
  async writeIfChanged(rel: string, content: string): Promise<boolean> {
    const current = await readFile(join(this.out, rel), 'utf8').catch(() => undefined);
    if (current !== content) {
      await this.write(rel, content);
      return true;
    }
    const hash = sha256(content);
    if (this.records.get(rel)?.sha256 !== hash) this.records.set(rel, { sha256: hash, runId: this.runId });
    return false;
  }

  /**
   * Writes a new version of a file made from its current content (a fixer's edits, a generated block). It
   * is recorded only when that content was the recipe's (see {@link noteDerived}).
   */
  async derive(rel: string, before: string, after: string): Promise<boolean> {
    if (after === before) return false;
    await writeAtomic(join(this.out, rel), after);
    this.noteDerived(rel, before, after);
    return true;
  }

  /**
   * Records a change already made on disk from `before` to `after` (compiler suggestions): as this run's when
   * `before` was what the recipe had written (or the file has no record), else the old record stays, so
   * changes made by hand are never passed off as the recipe's.
   */
  noteDerived(rel: string, before: string | Buffer, after: string | Buffer): void {
    if (!this.owns(rel, before)) return;
    this.records.set(rel, { sha256: sha256(after), runId: this.runId });
  }

  /** Whether `content` is what the recipe last wrote to the file (true when the file has no record). */
  owns(rel: string, content: string | Buffer): boolean {
    const record = this.records.get(rel);
    return record === undefined || record.sha256 === sha256(content);
  }

  get(rel: string): FileRecord | undefined {
    return this.records.get(rel);
  }

  /** Every record, sorted by path; `without` leaves some out (the manifest does not list itself). */
  all(without: readonly string[] = []): Record<string, FileRecord> {
    const skip = new Set(without);
    return Object.fromEntries(
      [...this.records.entries()]
        .filter(([rel]) => !skip.has(rel))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([rel, record]) => [rel, { ...record }]),
    );
  }
}
