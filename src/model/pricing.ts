/**
 * Prices usage from one data file (`prices.json`, USD per million tokens). An unknown model is an
 * error, never a price of zero. `MIGRATE_PRICE_TABLE` points at a user's own copy of the file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MigrateError } from '../errors.js';
import type { Usage } from './types.js';

const PriceEntry = z.object({
  family: z.string(),
  ids: z.array(z.string().min(1)),
  input: z.number().nonnegative(),
  cacheWrite5m: z.number().nonnegative(),
  cacheWrite1h: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /**
   * The ids other providers know these models by, per provider and Anthropic id:
   * `{ "bedrock": { "claude-sonnet-5-5": "anthropic.claude-sonnet-5-5-v1:0" }, "vertex": { … } }`.
   */
  providerIds: z.record(z.string(), z.record(z.string(), z.string().min(1))).optional(),
});
const PriceTableFile = z.object({
  batchDiscount: z.number().min(0).max(1).optional(),
  models: z.array(PriceEntry).min(1),
});

export type ModelPrice = z.infer<typeof PriceEntry>;

/** A cost in USD, split by what was paid for. */
export interface CostParts {
  inputUsd: number;
  outputUsd: number;
  cacheWriteUsd: number;
  cacheReadUsd: number;
  totalUsd: number;
}

/** The Message Batches discount when the table does not give one: half price. */
export const DEFAULT_BATCH_DISCOUNT = 0.5;

export interface CostOptions {
  /** Usage of a Message Batches request: every part is priced at `1 - batchDiscount` of the list price. */
  batch?: boolean;
}

export class PriceTable {
  private readonly byId = new Map<string, ModelPrice>();
  private readonly primaryIds = new Set<string>();
  /** provider → Anthropic id → the provider's id. */
  private readonly toProvider = new Map<string, Map<string, string>>();
  /** Fraction of the list price saved on Message Batches usage (0.5: half price). */
  readonly batchDiscount: number;

  constructor(
    entries: readonly ModelPrice[],
    /** Where the table came from, for error messages. */
    readonly source: string,
    batchDiscount: number = DEFAULT_BATCH_DISCOUNT,
  ) {
    this.batchDiscount = batchDiscount;
    for (const entry of entries) {
      for (const id of entry.ids) {
        this.byId.set(id, entry);
        this.primaryIds.add(id);
      }
      for (const [provider, ids] of Object.entries(entry.providerIds ?? {})) {
        let map = this.toProvider.get(provider);
        if (!map) this.toProvider.set(provider, (map = new Map()));
        for (const [anthropicId, providerId] of Object.entries(ids)) {
          map.set(anthropicId, providerId);
          this.byId.set(providerId, entry);
        }
      }
    }
  }

  /**
   * The id `provider` knows `model` by: the table's mapping (`claude-sonnet-5-5` → `anthropic.claude-sonnet-5-5-v1:0`
   * on Bedrock), or `model` itself when it is already one of that provider's ids, or when the provider has no
   * mapping at all (Anthropic). Throws UNKNOWN_MODEL when the provider has ids in the table but none for `model`.
   */
  providerModelId(provider: string, model: string): string {
    const map = this.toProvider.get(provider);
    if (!map) return model;
    const mapped = map.get(model) ?? map.get(model.replace(/-\d{8}$/, ''));
    if (mapped !== undefined) return mapped;
    if ([...map.values()].includes(model) || this.lookupProviderId(model) !== undefined) return model;
    throw new MigrateError(
      'UNKNOWN_MODEL',
      `Model "${model}" has no ${provider} id in the price table (${this.source}). Known ${provider} models: ${[...map.keys()].sort().join(', ')}. ` +
        `Use one of these with --model, give the ${provider} id itself, or add it under providerIds.${provider} in a copy of the table and set MIGRATE_PRICE_TABLE to its path.`,
      { details: { model, provider } },
    );
  }

  /** Loads and validates a price-table file. */
  static fromFile(path: string): PriceTable {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (cause) {
      throw new MigrateError('PRICE_TABLE_INVALID', `Could not read the price table ${path}: ${(cause as Error).message}. Expected a JSON file like the shipped src/model/prices.json.`, { cause });
    }
    const parsed = PriceTableFile.safeParse(raw);
    if (!parsed.success) {
      throw new MigrateError('PRICE_TABLE_INVALID', `The price table ${path} is not valid: ${z.prettifyError(parsed.error)}. Expected { models: [{ family, ids, input, cacheWrite5m, cacheWrite1h, cacheRead, output }] } in USD per million tokens.`);
    }
    return new PriceTable(parsed.data.models, path, parsed.data.batchDiscount ?? DEFAULT_BATCH_DISCOUNT);
  }

  /** The table shipped with migrate-kit, or the file named by `MIGRATE_PRICE_TABLE`. */
  static default(env: NodeJS.ProcessEnv = process.env): PriceTable {
    const override = env['MIGRATE_PRICE_TABLE'];
    return PriceTable.fromFile(override ?? new URL('./prices.json', import.meta.url).pathname);
  }

  /** Known model ids (Anthropic's, without date suffixes). */
  get models(): string[] {
    return [...this.primaryIds].sort();
  }

  /** The providers the table maps model ids for (`bedrock`, `vertex`). */
  get mappedProviders(): string[] {
    return [...this.toProvider.keys()].sort();
  }

  /** The price of a model id; a dated variant (`<id>-YYYYMMDD`) matches its base id. */
  lookup(model: string): ModelPrice | undefined {
    return this.byId.get(model) ?? this.byId.get(model.replace(/-\d{8}$/, '')) ?? this.lookupProviderId(model);
  }

  /** A provider's id in another spelling: a Bedrock inference-profile prefix (`us.`, `eu.`, `global.`, …) or a Vertex `@date`. */
  private lookupProviderId(model: string): ModelPrice | undefined {
    const bare = model.replace(/^(?:us|eu|apac|global|jp|au|us-gov)\.(?=anthropic\.)/, '').replace(/@\d{8}$/, '');
    return bare === model ? undefined : this.byId.get(bare);
  }

  /** Like `lookup`, but an unknown model is a clear UNKNOWN_MODEL error. */
  priceOf(model: string): ModelPrice {
    const price = this.lookup(model);
    if (price) return price;
    throw new MigrateError(
      'UNKNOWN_MODEL',
      `Model "${model}" is not in the price table (${this.source}), so its cost cannot be tracked. ` +
        `Known models: ${this.models.join(', ')}. Use one of these with --model, or add the model's prices to a copy of the table and set MIGRATE_PRICE_TABLE to its path.`,
      { details: { model } },
    );
  }

  /** USD cost of one usage record. */
  cost(model: string, usage: Usage, options: CostOptions = {}): number {
    return this.costParts(model, usage, options).totalUsd;
  }

  /** USD cost of one usage record (at the batch price with `{ batch: true }`), split: uncached input, output, cache writes (5m and 1h rates), cache reads. */
  costParts(model: string, usage: Usage, options: CostOptions = {}): CostParts {
    const price = this.priceOf(model);
    const k = options.batch ? 1 - this.batchDiscount : 1;
    const write1h = usage.cacheWrite1hTokens ?? 0;
    const write5m = Math.max(0, usage.cacheWriteTokens - write1h);
    const inputUsd = (k * usage.inputTokens * price.input) / 1_000_000;
    const outputUsd = (k * usage.outputTokens * price.output) / 1_000_000;
    const cacheWriteUsd = (k * (write5m * price.cacheWrite5m + write1h * price.cacheWrite1h)) / 1_000_000;
    const cacheReadUsd = (k * usage.cacheReadTokens * price.cacheRead) / 1_000_000;
    return { inputUsd, outputUsd, cacheWriteUsd, cacheReadUsd, totalUsd: inputUsd + outputUsd + cacheWriteUsd + cacheReadUsd };
  }
}
