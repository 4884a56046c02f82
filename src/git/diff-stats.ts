/**
 * Lines added and removed per changed file, counted with the `diff` package (line diff of the HEAD
 * version against the committed one). While reading the new contents it also looks for literal
 * secrets (the tokens in the environment) that must never be committed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffLines } from 'diff';
import type { Repository } from './repository.js';
import type { ChangeStatus, FileChange } from './snapshot.js';

export interface FileDiffStat {
  path: string;
  status: ChangeStatus;
  added: number;
  removed: number;
  /** Binary content: no line counts. */
  binary?: boolean;
  /** The line diff gave up (a huge edit): counts are whole-file. */
  approximate?: boolean;
}

export interface ChangeInspection {
  stats: FileDiffStat[];
  /** Paths whose new content holds one of the secrets. */
  secretsIn: string[];
}

/** Files larger than this are counted, not diffed. */
const MAX_DIFF_BYTES = 2 * 1024 * 1024;

export async function inspectChanges(repo: Repository, changes: readonly FileChange[], secrets: readonly string[]): Promise<ChangeInspection> {
  const stats: FileDiffStat[] = [];
  const secretsIn: string[] = [];
  for (const change of changes) {
    const after = change.status === 'deleted' ? '' : await readFile(join(repo.top, change.path)).then((b) => b.toString('utf8'), () => '');
    if (secrets.some((s) => after.includes(s))) secretsIn.push(change.path);
    const blob = change.status === 'added' ? undefined : await repo.git.exec(['cat-file', 'blob', `${repo.head.sha}:${change.path}`]);
    const before = blob?.code === 0 ? blob.stdout : '';
    stats.push({ path: change.path, status: change.status, ...lineStats(before, after) });
  }
  return { stats, secretsIn };
}

/** Added and removed lines between two texts. */
export function lineStats(before: string, after: string): Pick<FileDiffStat, 'added' | 'removed' | 'binary' | 'approximate'> {
  if (before.includes('\0') || after.includes('\0')) return { added: 0, removed: 0, binary: true };
  if (before === '') return { added: countLines(after), removed: 0 };
  if (after === '') return { added: 0, removed: countLines(before) };
  if (before.length + after.length > MAX_DIFF_BYTES) return { added: countLines(after), removed: countLines(before), approximate: true };
  const parts = diffLines(before, after, { maxEditLength: 20_000 });
  if (parts === undefined) return { added: countLines(after), removed: countLines(before), approximate: true };
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    if (part.added) added += part.count;
    else if (part.removed) removed += part.count;
  }
  return { added, removed };
}

function countLines(text: string): number {
  if (text === '') return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}
