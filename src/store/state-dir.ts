/** The state directory is checked before a plan is shown, so a bad `--state-dir` is bad input, not a failure after start. */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MigrateError } from '../errors.js';

/** Throws BAD_OPTION unless `dir` is a writable directory, or can be created as one (nothing is created here). */
export async function checkStateDir(dir: string): Promise<void> {
  let path = dir;
  for (;;) {
    const info = await stat(path).catch(() => undefined);
    if (info) {
      if (!info.isDirectory()) {
        throw new MigrateError('BAD_OPTION', `The state directory must be a directory, but ${path} is a file${path === dir ? '' : ` (on the way to ${dir})`}. Pass another --state-dir (or MIGRATE_STATE_DIR).`, { details: { stateDir: dir } });
      }
      try {
        await access(path, constants.W_OK);
      } catch {
        throw new MigrateError('BAD_OPTION', `The state directory ${dir} cannot be written: ${path} is not writable. Pass another --state-dir (or MIGRATE_STATE_DIR).`, { details: { stateDir: dir } });
      }
      return;
    }
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}
