/**
 * The lock of an output directory (one run writes it at a time) lives in migrate-kit's own folder inside
 * it, `.migrate-kit/`, which recipes keep out of commits. The CLI checks it at plan time, before a cent is spent.
 */
import { join } from 'node:path';
import { liveHolder, lockedError } from './lock.js';

export const outputLockPath = (dir: string): string => join(dir, '.migrate-kit', 'lock');

/** Throws LOCKED naming the holder when a live process holds `dir`'s output lock. */
export async function assertOutputFree(dir: string): Promise<void> {
  const holder = await liveHolder(outputLockPath(dir));
  if (holder) throw lockedError(outputLockPath(dir), `The output directory ${dir}`, holder);
}
