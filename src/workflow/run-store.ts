/**
 * Where runs live on disk: `<stateDir>/runs/<runId>/` with `run.json`, `journal.jsonl` and
 * `transcripts/`. `run.json` is replaced atomically (write, fsync, rename).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { MigrateError } from '../errors.js';
import { redactedJson } from '../redact.js';
import type { CacheTtlPolicy } from './cache-gate.js';
import type { CostSplit, RunStatus, RunTotals } from './types.js';

export interface RunSettings {
  model: string;
  concurrency: number;
  maxAgents: number;
  /** `null` means no limit (JSON has no Infinity). */
  budgetUsd: number | null;
  /** The prompt-cache TTL policy; absent in runs started before it existed (they used `5m`). */
  cacheTtl?: CacheTtlPolicy;
}

export interface RunInfo {
  id: string;
  recipe: string;
  /** Absolute path of the recipe file, used by `resume`. */
  recipeFile?: string;
  /** The recipe's raw arguments (as given after `--`). */
  args: Record<string, unknown>;
  /** Raw argument words, to show how to reproduce the run. */
  argv?: string[];
  /** The directory the run was started from (relative paths in `args` are resolved against it). */
  cwd?: string;
  status: RunStatus;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Sessions (first run and each resume). */
  sessions: number;
  /** Process id of the session that is (or was last) running the run. */
  pid: number;
  settings: RunSettings;
  totals: RunTotals;
  /** The cost split (uncached input, output, cache writes, cache reads), written when a session ends. */
  cost?: CostSplit;
  error?: { code: string; message: string };
  /**
   * What `migrate pr` needs from the recipe's returned value (only `report` and `changes`, paths made
   * absolute against `cwd`), written when a session ends. The contract is `RecipeRunResult` in `report/types.ts`.
   */
  result?: RunResultRef;
}

/** Same shape as `RecipeRunResult` in `report/types.ts` (the workflow layer does not import the report layer). */
export interface RunResultRef {
  report?: string;
  changes?: { title?: string; body?: string; items: Array<{ path: string; title?: string; body?: string }> };
}

/** Picks `report` / `changes` out of what a recipe returned; undefined when it returned neither (or something else). */
export function runResultRef(value: unknown, cwd: string): RunResultRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { report, changes } = value as { report?: unknown; changes?: unknown };
  const ref: RunResultRef = {};
  const abs = (path: string): string => (isAbsolute(path) ? path : resolve(cwd, path));
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  if (text(report)) ref.report = abs(report);
  if (typeof changes === 'object' && changes !== null && Array.isArray((changes as { items?: unknown }).items)) {
    const c = changes as { title?: unknown; body?: unknown; items: unknown[] };
    const items = c.items.flatMap((item) => {
      const i = (typeof item === 'string' ? { path: item } : item) as { path?: unknown; title?: unknown; body?: unknown } | null;
      if (i === null || typeof i !== 'object' || !text(i.path)) return [];
      return [{ path: abs(i.path), ...(text(i.title) ? { title: i.title } : {}), ...(text(i.body) ? { body: i.body } : {}) }];
    });
    ref.changes = { ...(text(c.title) ? { title: c.title } : {}), ...(text(c.body) ? { body: c.body } : {}), items };
  }
  return ref.report !== undefined || ref.changes !== undefined ? ref : undefined;
}

export const runsDir = (stateDir: string): string => join(stateDir, 'runs');
export const runDir = (stateDir: string, runId: string): string => join(runsDir(stateDir), runId);
export const journalPath = (dir: string): string => join(dir, 'journal.jsonl');
export const transcriptsDir = (dir: string): string => join(dir, 'transcripts');

/** A sortable, readable, unique id: `20261121-153012-my-recipe-a1b2`. */
export function newRunId(recipe: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const slug = recipe.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'recipe';
  return `${stamp}-${slug}-${randomBytes(2).toString('hex')}`;
}

export async function writeRunInfo(dir: string, info: RunInfo): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.run.json.${process.pid}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(`${redactedJson(info, 2)}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, 'run.json'));
}

export async function readRunInfo(stateDir: string, runId: string): Promise<RunInfo> {
  const path = join(runDir(stateDir, runId), 'run.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new MigrateError('STATE_IO', `Could not read ${path}: ${(error as Error).message}`, { cause: error });
    const known = (await listRuns(stateDir)).map((r) => r.id);
    throw new MigrateError(
      'RUN_NOT_FOUND',
      `No run "${runId}" in ${runsDir(stateDir)}. ${known.length > 0 ? `Known runs: ${known.join(', ')}.` : 'There are no runs there yet.'} Check the id (\`migrate runs\` lists them) or pass the --state-dir the run was started with.`,
      { details: { runId, known } },
    );
  }
  return withLiveness(JSON.parse(text) as RunInfo);
}

/** All runs in the state dir, oldest first; unreadable entries are skipped. */
export async function listRuns(stateDir: string): Promise<RunInfo[]> {
  let names: string[];
  try {
    names = await readdir(runsDir(stateDir));
  } catch {
    return [];
  }
  const runs: RunInfo[] = [];
  for (const name of names.sort()) {
    try {
      runs.push(withLiveness(JSON.parse(await readFile(join(runsDir(stateDir), name, 'run.json'), 'utf8')) as RunInfo));
    } catch {
      // a run directory whose run.json is missing or half-written is not listed
    }
  }
  return runs;
}

/** A run recorded as `running` whose process is gone was killed: report it as interrupted. */
function withLiveness(info: RunInfo): RunInfo {
  return info.status === 'running' && !processAlive(info.pid) ? { ...info, status: 'interrupted' } : info;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
