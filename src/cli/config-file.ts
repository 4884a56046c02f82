/**
 * `migrate.config.json` (or `migrate.config.ts`, `.mts`, `.js`, `.mjs`) in the working directory: defaults
 * for the CLI. Command-line options override it; see `settings.ts` for the whole order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MigrateError } from '../errors.js';
import { importUserModule } from '../recipes/load-module.js';
import { DEFAULT_MAX_AGENTS, DEFAULT_SLOTS, MAX_SLOTS } from '../workflow/scheduler.js';
import { DEFAULT_MODEL } from '../workflow/run.js';
import { DEFAULT_BUDGET_USD } from './run-option-table.js';
import { CACHE_TTL_POLICIES } from '../workflow/cache-gate.js';
import { PROVIDER_NAMES } from '../model/provider-registry.js';

const CONFIG_FILES = ['migrate.config.json', 'migrate.config.ts', 'migrate.config.mts', 'migrate.config.js', 'migrate.config.mjs'] as const;

/**
 * The settings, their defaults as shown and what they mean (Markdown), described once: `migrate config` prints
 * them and the README's table is {@link configSettingsMarkdown} (a test compares them).
 */
export const CONFIG_SETTINGS = {
  model: { shown: `\`${DEFAULT_MODEL}\``, doc: 'default model (`--model`)' },
  slots: { shown: String(DEFAULT_SLOTS), doc: 'agent calls in flight (`--concurrency`)' },
  maxAgents: { shown: String(DEFAULT_MAX_AGENTS), doc: 'agent cap of a run (`--max-agents`)' },
  budget: { shown: String(DEFAULT_BUDGET_USD), doc: 'USD limit of a run (`--budget`)' },
  cacheTtl: { shown: '`5m`', doc: '`5m`, `1h` or `auto` (`--cache-ttl`)' },
  stateDir: { shown: '`.migrate`', doc: 'where runs are kept (`--state-dir`), relative to the working directory' },
  exclude: { shown: 'none', doc: 'globs given to a recipe that has an `exclude` argument, when the command line gives none (both built-ins do)' },
  recipePaths: {
    shown: 'none',
    doc: 'folders searched for recipes after `./migrate-recipes/`, before the built-ins; each holds recipe folders (`<name>/recipe.ts`) or single-file recipes (`<name>.ts`), or is one recipe folder itself',
  },
  provider: { shown: '`anthropic`', doc: '`anthropic`, `bedrock` or `vertex` (`--provider`); see [Providers](#providers)' },
  batch: { shown: '`false`', doc: 'send the calls recipes mark `batch: true` through Message Batches at half price (`--batch`)' },
} as const;

/** The README's table of config settings. */
export function configSettingsMarkdown(): string {
  const rows = Object.entries(CONFIG_SETTINGS).map(([name, s]) => `| \`${name}\` | ${s.shown} | ${s.doc} |`);
  return ['| setting | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

const configSchema = z
  .strictObject({
    $schema: z.string(),
    model: z.string().min(1),
    provider: z.enum(PROVIDER_NAMES),
    slots: z.number().int().min(1).max(MAX_SLOTS),
    maxAgents: z.number().int().min(0),
    budget: z.number().positive(),
    cacheTtl: z.enum(CACHE_TTL_POLICIES),
    batch: z.boolean(),
    stateDir: z.string().min(1),
    exclude: z.array(z.string().min(1)),
    recipePaths: z.array(z.string().min(1)),
  })
  .partial();

/** The settings a config file may give; every one is optional. */
export type MigrateConfig = Omit<z.input<typeof configSchema>, '$schema'>;

/** Gives a `migrate.config.ts` its types: `export default defineConfig({ slots: 8, budget: 10 })`. */
export function defineConfig(config: MigrateConfig): MigrateConfig {
  return config;
}

export interface LoadedConfig {
  /** Absolute path of the config file; undefined when there is none. */
  file?: string;
  config: MigrateConfig;
}

const cache = new Map<string, Promise<LoadedConfig>>();

/** The config of a working directory (read once per process). */
export function loadConfig(cwd: string): Promise<LoadedConfig> {
  let loaded = cache.get(cwd);
  if (!loaded) {
    loaded = readConfig(cwd);
    cache.set(cwd, loaded);
    loaded.catch(() => cache.delete(cwd));
  }
  return loaded;
}

async function readConfig(cwd: string): Promise<LoadedConfig> {
  const found = CONFIG_FILES.map((name) => join(cwd, name)).filter((f) => existsSync(f));
  if (found.length === 0) return { config: {} };
  if (found.length > 1) {
    throw new MigrateError('CONFIG_INVALID', `Found more than one config file in ${cwd}: ${found.map((f) => f.slice(cwd.length + 1)).join(', ')}. Keep one.`, { details: { files: found } });
  }
  const file = found[0]!;
  let raw: unknown;
  if (file.endsWith('.json')) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new MigrateError('CONFIG_INVALID', `Config file ${file} is not valid JSON: ${(cause as Error).message}.`, { cause, details: { file } });
    }
  } else {
    const module = await importUserModule(file, 'Config file').catch((cause: unknown) => {
      throw new MigrateError('CONFIG_INVALID', (cause as Error).message, { cause, details: { file } });
    });
    raw = module['default'];
    if (raw === undefined) throw new MigrateError('CONFIG_INVALID', `Config file ${file} has no default export. Write: export default defineConfig({ … }) (defineConfig from 'migrate-kit').`, { details: { file } });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const known = Object.keys(CONFIG_SETTINGS);
    const problems = parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return `  ${issue.keys.map((k) => `"${k}"`).join(', ')}: not a setting; the settings are ${known.join(', ')}`;
      return `  ${issue.path.join('.') || '(the file)'}: ${issue.message}`;
    });
    throw new MigrateError('CONFIG_INVALID', `Config file ${file} is not valid:\n${problems.join('\n')}\nFix it, or run \`migrate config\` to see the effective settings.`, { details: { file } });
  }
  const { $schema: _ignored, ...config } = parsed.data;
  return { file, config };
}
