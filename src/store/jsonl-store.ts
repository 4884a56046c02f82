/**
 * The default run store: `<stateDir>/runs/<runId>/` with `run.json` (replaced atomically: write, fsync,
 * rename), `journal.jsonl`, `events.jsonl`, `transcripts/` and `lock`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrateError } from '../errors.js';
import { JournalWriter, readJournalFile, type LoadedJournal } from './journal-file.js';
import { acquireLock, liveHolder, type Lock } from './lock.js';
import { firstIssue, RUN_INFO_VERSION, runInfoSchema, type RunInfo } from './run-info.js';
import type { JournalAppender, RunListing, RunStore } from './run-store.js';
import { TranscriptWriter } from './transcripts.js';
import { EventLogWriter, readEventLog, type EventLogAppender, type EventLogChunk } from './event-log.js';

export const runsDir = (stateDir: string): string => join(stateDir, 'runs');
export const runDir = (stateDir: string, runId: string): string => join(runsDir(stateDir), runId);
export const journalPath = (dir: string): string => join(dir, 'journal.jsonl');
export const eventLogPath = (dir: string): string => join(dir, 'events.jsonl');

/** A sortable, readable, unique id: `20261121-153012-my-recipe-a1b2`. */
export function newRunId(recipe: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const slug = recipe.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'recipe';
  return `${stamp}-${slug}-${randomBytes(2).toString('hex')}`;
}

export class JsonlRunStore implements RunStore {
  constructor(readonly location: string) {}

  newRunId(recipe: string): string {
    return newRunId(recipe);
  }

  runDir(runId: string): string {
    return runDir(this.location, runId);
  }

  async lock(runId: string, purpose: string): Promise<Lock> {
    await this.ensureStateDir();
    return acquireLock(join(this.runDir(runId), 'lock'), purpose, `Run ${runId}`);
  }

  async resolveId(ref: string | { last: true }): Promise<string> {
    const ids = (await readdir(runsDir(this.location)).catch(() => [] as string[])).filter((id) => !id.startsWith('.')).sort();
    if (typeof ref !== 'string') {
      // Ids start with their UTC start time, so the last in order is the latest run.
      const last = ids.at(-1);
      if (last === undefined) throw new MigrateError('RUN_NOT_FOUND', `There are no runs in ${runsDir(this.location)} yet, so --last names none. Start one, or pass the --state-dir the runs were started with.`);
      return last;
    }
    if (ids.includes(ref)) return ref;
    const matches = ref === '' ? [] : ids.filter((id) => id.startsWith(ref));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new MigrateError('BAD_INPUT', `"${ref}" is the start of ${matches.length} runs: ${matches.slice(0, 8).join(', ')}${matches.length > 8 ? ', …' : ''}. Give more of the id.`, { details: { ref, matches } });
    }
    return ref; // info() says it is not found, with the known ids
  }

  async info(runId: string): Promise<RunInfo> {
    const dir = this.runDir(runId);
    const path = join(dir, 'run.json');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new MigrateError('STATE_IO', `Could not read ${path}: ${(error as Error).message}`, { cause: error });
      if (await isDirectory(dir)) throw damaged(path, 'the file is missing');
      const known = (await this.list()).map((r) => (r.ok ? r.info.id : r.id));
      throw new MigrateError(
        'RUN_NOT_FOUND',
        `No run "${runId}" in ${runsDir(this.location)}. ${known.length > 0 ? `Known runs: ${known.join(', ')}.` : 'There are no runs there yet.'} Check the id (\`migrate runs\` lists them) or pass the --state-dir the run was started with.`,
        { details: { runId, known } },
      );
    }
    return withLiveness(parseInfo(path, text), join(dir, 'lock'));
  }

  async writeInfo(info: RunInfo): Promise<void> {
    const dir = this.runDir(info.id);
    const tmp = join(dir, `.run.json.${process.pid}.tmp`);
    try {
      await mkdir(dir, { recursive: true });
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(`${JSON.stringify({ ...info, version: RUN_INFO_VERSION }, null, 2)}\n`);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(tmp, join(dir, 'run.json'));
    } catch (cause) {
      const errno = (cause as NodeJS.ErrnoException).code;
      throw new MigrateError('STATE_IO', `Could not write ${join(dir, 'run.json')}${errno ? ` (${errno})` : ''}: ${(cause as Error).message}`, { cause, details: { path: join(dir, 'run.json'), ...(errno ? { errno } : {}) } });
    }
  }

  async list(): Promise<RunListing[]> {
    let names: string[];
    try {
      names = await readdir(runsDir(this.location));
    } catch {
      return [];
    }
    const runs: RunListing[] = [];
    for (const id of names.sort()) {
      const dir = this.runDir(id);
      if (!(await isDirectory(dir))) continue;
      try {
        runs.push({ ok: true, info: await this.info(id) });
      } catch (error) {
        runs.push({ ok: false, id, dir, problem: error instanceof Error ? error.message : String(error) });
      }
    }
    return runs;
  }

  readJournal(runId: string): Promise<LoadedJournal> {
    return readJournalFile(journalPath(this.runDir(runId)));
  }

  async openJournal(runId: string, loaded: LoadedJournal): Promise<JournalAppender> {
    await mkdir(this.runDir(runId), { recursive: true });
    return JournalWriter.open(journalPath(this.runDir(runId)), loaded);
  }

  transcripts(runId: string, session: number): TranscriptWriter {
    return new TranscriptWriter(join(this.runDir(runId), 'transcripts'), session);
  }

  async openEventLog(runId: string, onError: (error: Error) => void): Promise<EventLogAppender> {
    await mkdir(this.runDir(runId), { recursive: true });
    return new EventLogWriter(eventLogPath(this.runDir(runId)), onError);
  }

  readEvents(runId: string, offset = 0): Promise<EventLogChunk> {
    return readEventLog(eventLogPath(this.runDir(runId)), offset);
  }

  /** The state directory must be a directory (or creatable as one): a clear error before anything starts. */
  private async ensureStateDir(): Promise<void> {
    try {
      await mkdir(runsDir(this.location), { recursive: true });
    } catch (cause) {
      throw new MigrateError('BAD_OPTION', `The state directory ${this.location} cannot hold runs: ${(cause as Error).message}. Pass a directory with --state-dir (or MIGRATE_STATE_DIR).`, { cause });
    }
  }
}

function parseInfo(path: string, text: string): RunInfo {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw damaged(path, text.trim() === '' ? 'the file is empty' : `it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = runInfoSchema.safeParse(value);
  if (!parsed.success) throw damaged(path, firstIssue(parsed.error));
  return parsed.data;
}

function damaged(path: string, why: string): MigrateError {
  return new MigrateError('RUN_DAMAGED', `The run's state ${path} is damaged: ${why}. Its journal (beside it) still holds every paid answer; restore run.json from a backup, or start a new run.`, { details: { path } });
}

/** A run recorded as `running` whose lock holder is gone was killed: report it as interrupted. */
async function withLiveness(info: RunInfo, lockPath: string): Promise<RunInfo> {
  if (info.status !== 'running') return info;
  return (await liveHolder(lockPath)) ? info : { ...info, status: 'interrupted' };
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
