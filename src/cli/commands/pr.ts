/** `migrate pr <runId> [--base B] [--branch N] [--per-item] [--push] [--remote R] [--draft] [--title T] [--allow-dirty] [--offline]` */
import { MigrateError } from '../../errors.js';
import type { PrOptions } from '../../git/types.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { printPrSummary, pullRequestsForRun } from '../pull-requests.js';
import { resolveStateDir } from '../settings.js';
import { parseOptions } from '../parse-options.js';
import { JsonlRunStore } from '../../store/jsonl-store.js';
import { resolveRunRef } from '../run-ref.js';

const PR_OPTION_SPEC = {
  base: { type: 'string' },
  branch: { type: 'string' },
  'per-item': { type: 'boolean' },
  push: { type: 'boolean' },
  remote: { type: 'string' },
  draft: { type: 'boolean' },
  title: { type: 'string' },
  'allow-dirty': { type: 'boolean' },
  offline: { type: 'boolean' },
  'state-dir': { type: 'string' },
  json: { type: 'boolean' },
  last: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function prCommand(words: string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('pr', words, PR_OPTION_SPEC);
  const v = parsed.values;
  if (v.help) {
    io.out(HELP['pr']!);
    return 0;
  }
  if (v.offline && v.push) throw new MigrateError('BAD_OPTION', '--offline and --push contradict each other: --offline pushes nothing. Give one of them.');
  for (const name of ['base', 'branch', 'remote', 'title'] as const) {
    if (v[name] !== undefined && v[name].trim() === '') throw new MigrateError('BAD_OPTION', `--${name} needs a value.`);
  }
  const options: PrOptions = {
    ...(v.base !== undefined ? { base: v.base } : {}),
    ...(v.branch !== undefined ? { branch: v.branch } : {}),
    ...(v.remote !== undefined ? { remote: v.remote } : {}),
    ...(v.title !== undefined ? { title: v.title } : {}),
    perItem: v['per-item'] === true,
    push: v.push === true,
    draft: v.draft === true,
    allowDirty: v['allow-dirty'] === true,
    offline: v.offline === true,
  };
  const stateDir = await resolveStateDir(v['state-dir'], io);
  const runId = await resolveRunRef(new JsonlRunStore(stateDir), 'pr', parsed.positionals, v.last === true);
  const summary = await pullRequestsForRun(runId, stateDir, options, io);
  return printPrSummary(summary, io, v.json === true);
}
