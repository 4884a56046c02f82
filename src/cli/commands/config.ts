/** `migrate config [--json] [run options]`: the effective settings and where each came from. */
import { MigrateError } from '../../errors.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { parseRunOptions } from '../run-options.js';
import { CONFIG_SETTINGS } from '../config-file.js';
import { resolveSettings, type EffectiveSettings, type Setting } from '../settings.js';
import { formatTable } from '../table.js';

export async function configCommand(words: string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseRunOptions('config', words);
  if (options.help) {
    io.out(HELP['config']!);
    return 0;
  }
  if (positionals.length > 0) throw new MigrateError('BAD_INPUT', `migrate config takes no bare words; got ${positionals.join(' ')}. See: migrate config --help`);
  const settings = await resolveSettings(options.flags, io);
  const rows = settingRows(settings);
  if (options.json) {
    io.out(JSON.stringify({ configFile: settings.configFile ?? null, settings: Object.fromEntries(rows.map(([key, s]) => [key, s])) }, null, 2));
    return 0;
  }
  const show = (key: string, s: Setting<unknown>): string =>
    key === 'budget' ? `$${s.value}` : Array.isArray(s.value) ? (s.value.length > 0 ? s.value.join(', ') : '(none)') : String(s.value);
  io.out(
    [
      `config file: ${settings.configFile ?? '(none: add migrate.config.json or migrate.config.ts here)'}`,
      '',
      formatTable(['setting', 'value', 'from', 'meaning'], rows.map(([key, s]) => [key, show(key, s), s.source, CONFIG_SETTINGS[key].doc.replace(/`/g, '')])),
      '',
      'Order: a command-line option, then MIGRATE_STATE_DIR (state dir only), then the config file, then the default.',
    ].join('\n'),
  );
  return 0;
}

function settingRows(s: EffectiveSettings): Array<[keyof typeof CONFIG_SETTINGS, Setting<unknown>]> {
  return [
    ['model', s.model],
    ['slots', s.slots],
    ['maxAgents', s.maxAgents],
    ['budget', s.budget],
    ['cacheTtl', s.cacheTtl],
    ['stateDir', s.stateDir],
    ['exclude', s.exclude],
    ['recipePaths', s.recipePaths],
    ['provider', s.provider],
    ['batch', s.batch],
  ];
}
