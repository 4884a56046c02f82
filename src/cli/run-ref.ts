/** The run a command names: an id, a unique start of one (as gh takes), or `--last`. */
import { MigrateError } from '../errors.js';
import type { RunStore } from '../store/run-store.js';

export async function resolveRunRef(store: RunStore, command: string, positionals: readonly string[], last: boolean): Promise<string> {
  if (last && positionals.length === 0) return store.resolveId({ last: true });
  if (!last && positionals.length === 1) return store.resolveId(positionals[0]!);
  const got = positionals.length === 0 ? 'none' : positionals.join(' ');
  throw new MigrateError(
    'BAD_INPUT',
    `migrate ${command} expects one run id (or the start of one), or --last for the latest run; got ${last ? `--last and ${got}` : got}. \`migrate runs\` lists them.`,
  );
}
