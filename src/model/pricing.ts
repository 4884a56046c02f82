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

export class PriceTable {
  private readonly byId = new Map<string, ModelPrice>();

  constructor(
    entries: readonly ModelPrice[],
    /** Where the table came from, for error messages. */
    readonly source: string,
  ) {
    for (const entry of entries) for (const id of entry.ids) this.byId.set(id, entry);
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
    return new PriceTable(parsed.data.models, path);
  }

  /** The table shipped with migrate-kit, or the file named by `MIGRATE_PRICE_TABLE`. */
  static default(env: NodeJS.ProcessEnv = process.env): PriceTable {
    const override = env['MIGRATE_PRICE_TABLE'];
    return PriceTable.fromFile(override ?? new URL('./prices.json', import.meta.url).pathname);
  }

  /** Known model ids (without date suffixes). */
  get models(): string[] {
    return [...this.byId.keys()].sort();
  }

  /** The price of a model id; a dated variant (`<id>-YYYYMMDD`) matches its base id. */
  lookup(model: string): ModelPrice | undefined {
    return this.byId.get(model) ?? this.byId.get(model.replace(/-\d{8}$/, ''));
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
  cost(model: string, usage: Usage): number {
    return this.costParts(model, usage).totalUsd;
  }

  /** USD cost of one usage record, split: uncached input, output, cache writes (5m and 1h rates), cache reads. */
  costParts(model: string, usage: Usage): CostParts {
    const price = this.priceOf(model);
    const write1h = usage.cacheWrite1hTokens ?? 0;
    const write5m = Math.max(0, usage.cacheWriteTokens - write1h);
    const inputUsd = (usage.inputTokens * price.input) / 1_000_000;
    const outputUsd = (usage.outputTokens * price.output) / 1_000_000;
    const cacheWriteUsd = (write5m * price.cacheWrite5m + write1h * price.cacheWrite1h) / 1_000_000;
    const cacheReadUsd = (usage.cacheReadTokens * price.cacheRead) / 1_000_000;
    return { inputUsd, outputUsd, cacheWriteUsd, cacheReadUsd, totalUsd: inputUsd + outputUsd + cacheWriteUsd + cacheReadUsd };
  }
}
