/**
 * What an earlier `migrate pr` of the run recorded in `pr.json`: the pull requests it opened, by branch and
 * commit. A branch reused as up to date whose PR is open already is not opened again (GitHub would refuse
 * a second PR for the same head anyway), and its URL is carried over.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrOutcome } from './types.js';

export type OpenedBefore = Pick<PrOutcome, 'commit' | 'via'> & { url: string; number?: number };

/** Branch → the PR opened for it; empty when there is no readable pr.json. */
export async function readOpenedPrs(runDir: string): Promise<Map<string, OpenedBefore>> {
  const opened = new Map<string, OpenedBefore>();
  let value: unknown;
  try {
    value = JSON.parse(await readFile(join(runDir, 'pr.json'), 'utf8'));
  } catch {
    return opened;
  }
  const prs = (value as { prs?: unknown } | null)?.prs;
  if (!Array.isArray(prs)) return opened;
  for (const pr of prs as Array<Partial<Record<keyof PrOutcome, unknown>>>) {
    if (typeof pr?.branch !== 'string' || typeof pr.commit !== 'string' || typeof pr.url !== 'string' || (pr.via !== 'gh' && pr.via !== 'rest')) continue;
    opened.set(pr.branch, { commit: pr.commit, via: pr.via, url: pr.url, ...(typeof pr.number === 'number' ? { number: pr.number } : {}) });
  }
  return opened;
}
