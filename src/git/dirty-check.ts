/**
 * Which changes in the paths about to be committed the run did not make. A new file in the output
 * tree is the run's. A tracked file that was modified or deleted is the run's when the run's result
 * names it or a directory above it (a report item's input or output, a listed change) or, for a modified file, when it was
 * last written while the run was going (between its start and its end, two seconds either side).
 * Anything else — an edit made before the run started or after it ended, a deletion nobody listed —
 * is someone else's work, and `migrate pr` refuses to sweep it into the commit unless `--allow-dirty`.
 *
 * This is the fallback for results that give no hashes (a custom recipe's list of changes, an older
 * report). A report with `files` is checked by content hash instead (written-files.ts).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrateError } from '../errors.js';
import type { FileChange } from './snapshot.js';

export interface ForeignChange {
  path: string;
  why: string;
}

export interface RunWindow {
  /** Epoch milliseconds. */
  start: number;
  end: number;
}

const SLACK_MS = 2_000;

export async function findForeignChanges(top: string, changes: readonly FileChange[], listed: ReadonlySet<string>, window: RunWindow | undefined): Promise<ForeignChange[]> {
  const foreign: ForeignChange[] = [];
  for (const change of changes) {
    if (change.status === 'added' || isListed(change.path, listed)) continue;
    if (change.status === 'deleted') {
      foreign.push({ path: change.path, why: 'deleted, and the run does not list it' });
      continue;
    }
    let mtime: number;
    try {
      mtime = (await stat(join(top, change.path))).mtimeMs;
    } catch {
      foreign.push({ path: change.path, why: 'modified, and unreadable now' });
      continue;
    }
    if (window && mtime >= window.start - SLACK_MS && mtime <= window.end + SLACK_MS) continue;
    const when = new Date(mtime).toISOString();
    foreign.push({
      path: change.path,
      why: !window ? `modified (${when})` : mtime < window.start ? `modified ${when}, before the run started` : `modified ${when}, after the run ended`,
    });
  }
  return foreign;
}

/** Named by the run: the path itself, or a directory above it. */
function isListed(path: string, listed: ReadonlySet<string>): boolean {
  if (listed.has(path) || listed.has('')) return true;
  for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) if (listed.has(path.slice(0, at))) return true;
  return false;
}

export function dirtyTreeError(foreign: readonly ForeignChange[], scope: string): MigrateError {
  const shown = foreign.slice(0, 20).map((f) => `  ${f.path}: ${f.why}`);
  if (foreign.length > shown.length) shown.push(`  … and ${foreign.length - shown.length} more`);
  return new MigrateError(
    'DIRTY_TREE',
    `Refusing to commit ${scope}: ${foreign.length} tracked file${foreign.length === 1 ? ' has' : 's have'} uncommitted changes this run did not make:\n${shown.join('\n')}\nCommit or stash them first (\`git stash push -- <path>\`), or pass --allow-dirty to include them in the pull request.`,
    { details: { paths: foreign.map((f) => f.path) } },
  );
}
