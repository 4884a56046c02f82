/**
 * The effective settings of a command and where each came from. Order, first wins:
 * a command-line option > an environment variable (`MIGRATE_STATE_DIR`) > the config file in the
 * working directory (`migrate.config.json` or `.ts`) > the built-in default. `migrate resume` puts the
 * run's own settings between the environment and the config file.
 */
import { basename, resolve } from 'node:path';
import { DEFAULT_MODEL } from '../workflow/run.js';
import { DEFAULT_CACHE_TTL, type CacheTtlPolicy } from '../workflow/cache-gate.js';
import type { SandboxSettings } from '../process/sandbox.js';
import { DEFAULT_MAX_AGENTS, DEFAULT_SLOTS } from '../workflow/scheduler.js';
import { DEFAULT_PROVIDER, type ProviderName } from '../model/provider-registry.js';
import { loadConfig } from './config-file.js';
import type { CliIo } from './io.js';
import { DEFAULT_BUDGET_USD } from './run-options.js';

export interface Setting<T> {
  value: T;
  /** `--budget`, `MIGRATE_STATE_DIR`, `migrate.config.json` or `default`. */
  source: string;
}

export interface EffectiveSettings {
  /** The config file read, if any. */
  configFile?: string;
  model: Setting<string>;
  /** The model provider (`--provider`, config `provider`). */
  provider: Setting<ProviderName>;
  slots: Setting<number>;
  maxAgents: Setting<number>;
  budget: Setting<number>;
  cacheTtl: Setting<CacheTtlPolicy>;
  /** `--batch` (config `batch`): calls marked `batch: true` go through Message Batches. */
  batch: Setting<boolean>;
  /** `--batch-window` in milliseconds, when given. */
  batchWindowMs?: number;
  /** The `--sandbox*` options given (the rest default in the process layer: mode auto, 1200 s CPU, 8 GiB). */
  sandbox: Setting<SandboxSettings>;
  /** Absolute. */
  stateDir: Setting<string>;
  exclude: Setting<string[]>;
  recipePaths: Setting<string[]>;
}

/** Values given on the command line (undefined: not given). */
export interface SettingFlags {
  model?: string;
  provider?: ProviderName;
  concurrency?: number;
  maxAgents?: number;
  budgetUsd?: number;
  cacheTtl?: CacheTtlPolicy;
  batch?: boolean;
  batchWindowMs?: number;
  /** `--sandbox`, `--sandbox-env`, `--sandbox-cpu`, `--sandbox-memory`: only those given. */
  sandbox?: SandboxSettings;
  /** The `--state-dir` word as given. */
  stateDir?: string;
}

/** `StartRunOptions.batch` as the CLI gives it. */
type RunBatch = true | { windowMs: number };

type Layer<T> = [value: T | undefined, source: string];

function pick<T>(...layers: Array<Layer<T>>): Setting<T> {
  for (const [value, source] of layers) if (value !== undefined) return { value, source };
  throw new Error('settings: the last layer must be a default');
}

export async function resolveSettings(flags: SettingFlags, io: CliIo): Promise<EffectiveSettings> {
  const { file, config } = await loadConfig(io.cwd);
  const from = file ? basename(file) : 'config';
  const envStateDir = io.env['MIGRATE_STATE_DIR'] || undefined;
  const stateDir = pick<string>([flags.stateDir, '--state-dir'], [envStateDir, 'MIGRATE_STATE_DIR'], [config.stateDir, from], ['.migrate', 'default']);
  return {
    ...(file ? { configFile: file } : {}),
    model: pick([flags.model, '--model'], [config.model, from], [DEFAULT_MODEL, 'default']),
    provider: pick<ProviderName>([flags.provider, '--provider'], [config.provider, from], [DEFAULT_PROVIDER, 'default']),
    slots: pick([flags.concurrency, '--concurrency'], [config.slots, from], [DEFAULT_SLOTS, 'default']),
    maxAgents: pick([flags.maxAgents, '--max-agents'], [config.maxAgents, from], [DEFAULT_MAX_AGENTS, 'default']),
    budget: pick([flags.budgetUsd, '--budget'], [config.budget, from], [DEFAULT_BUDGET_USD, 'default']),
    cacheTtl: pick<CacheTtlPolicy>([flags.cacheTtl, '--cache-ttl'], [config.cacheTtl, from], [DEFAULT_CACHE_TTL, 'default']),
    batch: pick<boolean>([flags.batch, '--batch'], [config.batch, from], [false, 'default']),
    ...(flags.batchWindowMs !== undefined ? { batchWindowMs: flags.batchWindowMs } : {}),
    sandbox: pick<SandboxSettings>([flags.sandbox, '--sandbox'], [{}, 'default']),
    stateDir: { value: resolve(io.cwd, stateDir.value), source: stateDir.source },
    exclude: pick([config.exclude, from], [[], 'default']),
    recipePaths: pick([config.recipePaths?.map((p) => resolve(io.cwd, p)), from], [[], 'default']),
  };
}

/** The settings as `startRun` options. */
export function runSettings(settings: EffectiveSettings): { stateDir: string; model: string; providerName: ProviderName; concurrency: number; maxAgents: number; budgetUsd: number; cacheTtl: CacheTtlPolicy; sandbox: SandboxSettings; batch?: RunBatch } {
  return {
    stateDir: settings.stateDir.value,
    model: settings.model.value,
    providerName: settings.provider.value,
    concurrency: settings.slots.value,
    maxAgents: settings.maxAgents.value,
    budgetUsd: settings.budget.value,
    cacheTtl: settings.cacheTtl.value,
    ...(settings.batch.value ? { batch: settings.batchWindowMs !== undefined ? { windowMs: settings.batchWindowMs } : true } : {}),
    sandbox: settings.sandbox.value,
  };
}

/** Only the state dir (for `runs`, `status`): `--state-dir` > `MIGRATE_STATE_DIR` > config > `./.migrate`. */
export async function resolveStateDir(flag: string | undefined, io: CliIo): Promise<string> {
  return (await resolveSettings(flag === undefined ? {} : { stateDir: flag }, io)).stateDir.value;
}
