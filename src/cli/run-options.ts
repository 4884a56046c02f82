/** Options shared by the commands that run a recipe (`run`, `resume`), parsed and checked. */
import { MigrateError } from '../errors.js';
import { CACHE_TTL_POLICIES, type CacheTtlPolicy } from '../workflow/cache-gate.js';
import { MAX_SLOTS } from '../workflow/scheduler.js';
import { isProviderName, PROVIDER_NAMES, type ProviderName } from '../model/provider-registry.js';
import { parseOptions } from './parse-options.js';
import { RUN_OPTIONS } from './run-option-table.js';
import { sandboxSettingsFromOptions } from '../process/sandbox.js';
import type { SettingFlags } from './settings.js';

export { DEFAULT_BUDGET_USD } from './run-option-table.js';

/** The parser's spec: the run option table itself (`parseArgs` reads `type`, `short` and `multiple`). */
export const RUN_OPTION_SPEC = RUN_OPTIONS;

export interface RunCliOptions {
  yes: boolean;
  /** `--dry-run`: print the plan and exit, with no model call and no key needed. */
  dryRun: boolean;
  json: boolean;
  help: boolean;
  /** `--pr`: make the run's pull request (`migrate pr <runId>`) when it completes. */
  pr?: boolean;
  /** `--repay` (resume): go on although the journal lost calls run.json recorded, paying for them again. */
  repay?: boolean;
  /** `--dashboard`: serve the run's live dashboard (127.0.0.1, a token in the URL) while the command runs. */
  dashboard?: boolean;
  /** The settings given on the command line (see settings.ts for the effective ones). */
  flags: SettingFlags;
}

/** Splits `words` at the first `--`: options before it, the recipe's own arguments after. */
export function splitAtDashDash(words: readonly string[]): { own: string[]; rest: string[] } {
  const at = words.indexOf('--');
  return at < 0 ? { own: [...words], rest: [] } : { own: words.slice(0, at), rest: words.slice(at + 1) };
}

export function parseRunOptions(command: string, words: string[]): { options: RunCliOptions; positionals: string[] } {
  const parsed = parseOptions(command, words, RUN_OPTION_SPEC);
  const v = parsed.values;
  const flags: SettingFlags = {};
  if (v['state-dir'] !== undefined) flags.stateDir = v['state-dir'];
  if (v.concurrency !== undefined) flags.concurrency = wholeNumber('--concurrency', v.concurrency, 1, MAX_SLOTS);
  if (v['max-agents'] !== undefined) flags.maxAgents = wholeNumber('--max-agents', v['max-agents'], 0, Number.MAX_SAFE_INTEGER);
  if (v.budget !== undefined) flags.budgetUsd = positiveUsd(v.budget);
  if (v.model !== undefined) flags.model = v.model;
  if (v.provider !== undefined) flags.provider = providerName(v.provider);
  if (v['cache-ttl'] !== undefined) flags.cacheTtl = cacheTtl(v['cache-ttl']);
  if (v.batch === true) flags.batch = true;
  if (v['batch-window'] !== undefined) flags.batchWindowMs = seconds('--batch-window', v['batch-window']);
  const sandbox = sandboxSettingsFromOptions(v);
  if (sandbox !== undefined) flags.sandbox = sandbox;
  const options: RunCliOptions = { yes: v.yes === true, dryRun: v['dry-run'] === true, json: v.json === true, help: v.help === true, flags };
  if (v.pr === true) options.pr = true;
  if (v.repay === true) options.repay = true;
  if (v.dashboard === true) options.dashboard = true;
  return { options, positionals: parsed.positionals };
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
    throw new MigrateError('BAD_OPTION', `${name} expects a whole number from ${min} to ${max}; got "${text}".`);
  }
  return n;
}

function cacheTtl(text: string): CacheTtlPolicy {
  const value = text.trim() as CacheTtlPolicy;
  if (!CACHE_TTL_POLICIES.includes(value)) {
    throw new MigrateError('BAD_OPTION', `--cache-ttl expects one of ${CACHE_TTL_POLICIES.join(', ')}; got "${text}".`);
  }
  return value;
}

function seconds(name: string, text: string): number {
  const n = Number(text.trim().replace(/s$/, ''));
  if (!/\d/.test(text) || !Number.isFinite(n) || n < 0 || n > 3600) throw new MigrateError('BAD_OPTION', `${name} expects a number of seconds from 0 to 3600, such as 2 or 0.5; got "${text}".`);
  return Math.round(n * 1000);
}

function providerName(text: string): ProviderName {
  const value = text.trim();
  if (!isProviderName(value)) throw new MigrateError('BAD_OPTION', `--provider expects one of ${PROVIDER_NAMES.join(', ')}; got "${text}".`);
  return value;
}

function positiveUsd(text: string): number {
  const n = Number(text.replace(/^\$/, ''));
  if (!Number.isFinite(n) || n <= 0) {
    throw new MigrateError('BAD_OPTION', `--budget expects a positive amount of USD such as 5 or 12.50; got "${text}".`);
  }
  return n;
}
