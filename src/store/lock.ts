/**
 * Exclusive locks on files: one writer per run and per output directory. The lock file holds who has it
 * (pid, host, process start time, when, what for). A lock whose holder is gone (dead process, or a pid reused
 * by another process) is taken over, and the caller is told whose it was. Hand-written rather than
 * proper-lockfile: that library decides staleness by mtime and needs a refresh timer; here a holder is stale
 * exactly when its process is gone, which /proc tells without timers.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MigrateError } from '../errors.js';
import { currentProcess, processAlive, type ProcessIdentity } from './process-identity.js';

export interface LockHolder extends ProcessIdentity {
  /** When the lock was taken (ISO). */
  since: string;
  /** What holds it, for messages: `run 2026…-zig-to-rust-ab12`, `migrate resume`, … */
  purpose: string;
  /** Unique per acquisition, so a release never removes someone else's lock. */
  token: string;
}

export interface Lock {
  readonly path: string;
  readonly holder: LockHolder;
  /** The holder this lock was taken over from (a process that is gone). */
  readonly tookOver?: LockHolder;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

/** A lock file that cannot be parsed is a holder that was cut off while writing: stale once this old. */
const UNREADABLE_STALE_MS = 5_000;

export async function acquireLock(path: string, purpose: string, what: string): Promise<Lock> {
  await mkdir(dirname(path), { recursive: true });
  const holder: LockHolder = { ...currentProcess(), since: new Date().toISOString(), purpose, token: randomBytes(8).toString('hex') };
  let tookOver: LockHolder | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(`${JSON.stringify(holder)}\n`);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      return { path, holder, ...(tookOver ? { tookOver } : {}), release: () => releaseLock(path, holder.token) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MigrateError('STATE_IO', `Could not create the lock ${path}: ${(error as Error).message}`, { cause: error, details: { path, errno: (error as NodeJS.ErrnoException).code } });
      }
    }
    const current = await readHolder(path);
    if (current === 'gone') continue;
    if (current === 'unreadable') {
      const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age < UNREADABLE_STALE_MS) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
    } else if (processAlive(current)) {
      throw lockedError(path, what, current);
    }
    if (await removeStale(path, current)) tookOver = current === 'unreadable' ? undefined : current;
  }
  throw new MigrateError('LOCKED', `Could not take the lock ${path} for ${what}: other processes kept taking it. Try again.`, { details: { path } });
}

/** The live holder of a lock, or undefined when it is free (or held by a process that is gone). */
export async function liveHolder(path: string): Promise<LockHolder | undefined> {
  const current = await readHolder(path);
  return typeof current === 'object' && processAlive(current) ? current : undefined;
}

export function lockedError(path: string, what: string, holder: LockHolder): MigrateError {
  return new MigrateError(
    'LOCKED',
    `${what} is in use by ${holder.purpose} (process ${holder.pid} on ${holder.host}, since ${holder.since}). Wait for it to end or stop it (Ctrl-C in its terminal); if that process is really gone from another machine, remove ${path}.`,
    { details: { path, holder } },
  );
}

async function readHolder(path: string): Promise<LockHolder | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') return value as LockHolder;
  } catch {
    // cut off while written
  }
  return 'unreadable';
}

/**
 * Moves a stale lock out of the way. Two processes may both find it stale: the rename lets only one move it,
 * and a lock that turns out to be fresh (someone took it meanwhile) is put back.
 */
async function removeStale(path: string, seen: LockHolder | 'unreadable'): Promise<boolean> {
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return false;
  }
  const moved = await readHolder(aside);
  const same = seen === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && moved.token === seen.token;
  if (!same) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return same;
}

async function releaseLock(path: string, token: string): Promise<void> {
  const current = await readHolder(path);
  if (typeof current === 'object' && current.token === token) await unlink(path).catch(() => undefined);
}
