import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PriceTable } from '../../src/model/pricing.js';

describe('price table', () => {
  const prices = PriceTable.default({});

  it('prices input, output, 5-minute and 1-hour cache writes and cache reads separately', () => {
    // claude-sonnet-5-5: input 2, write5m 2.50, write1h 4, read 0.20, output 10 (USD per million tokens)
    const cost = prices.cost('claude-sonnet-5-5', {
      inputTokens: 1_000_000,
      outputTokens: 500_000,
      cacheWriteTokens: 300_000,
      cacheWrite1hTokens: 100_000,
      cacheReadTokens: 2_000_000,
    });
    expect(cost).toBeCloseTo(2 + 5 + 0.2 * 2.5 + 0.1 * 4 + 2 * 0.2, 10);
  });

  it('prices a dated model id like its base id', () => {
    const usage = { inputTokens: 1000, outputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0 };
    expect(prices.cost('claude-haiku-4-5-20251001', usage)).toBe(prices.cost('claude-haiku-4-5', usage));
    expect(prices.cost('claude-haiku-4-5', usage)).toBeCloseTo((1000 * 1 + 1000 * 5) / 1e6, 12);
  });

  it('refuses an unknown model instead of pricing it at zero', () => {
    expect(() => prices.cost('claude-unknown-1', { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_MODEL', message: expect.stringMatching(/not in the price table.*claude-sonnet-5-5.*MIGRATE_PRICE_TABLE/) }),
    );
  });

  it('loads a user price table from MIGRATE_PRICE_TABLE and validates it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-prices-'));
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ models: [{ family: 'X', ids: ['x-1'], input: 1, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1, output: 5 }] }));
    expect(PriceTable.default({ MIGRATE_PRICE_TABLE: good }).models).toEqual(['x-1']);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ models: [{ family: 'X', ids: ['x-1'], input: -1 }] }));
    expect(() => PriceTable.default({ MIGRATE_PRICE_TABLE: bad })).toThrow(expect.objectContaining({ code: 'PRICE_TABLE_INVALID' }));
  });
});

describe('provider model ids and the batch price', () => {
  const table = PriceTable.default({});

  it('maps Anthropic ids to Bedrock and Vertex ids, takes a provider id as it is, and prices every spelling alike', () => {
    expect(table.providerModelId('bedrock', 'claude-sonnet-5-5')).toBe('anthropic.claude-sonnet-5-5-v1:0');
    expect(table.providerModelId('bedrock', 'claude-haiku-4-5-20251001')).toBe('anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(table.providerModelId('vertex', 'claude-opus-4-5')).toBe('claude-opus-4-5@20251101');
    expect(table.providerModelId('bedrock', 'global.anthropic.claude-opus-4-5-20251101-v1:0')).toBe('global.anthropic.claude-opus-4-5-20251101-v1:0');
    expect(table.providerModelId('anthropic', 'claude-sonnet-5-5')).toBe('claude-sonnet-5-5');
    expect(() => table.providerModelId('bedrock', 'claude-unknown-1')).toThrow(expect.objectContaining({ code: 'UNKNOWN_MODEL' }));
    const usage = { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
    expect(table.cost('anthropic.claude-sonnet-5-5-v1:0', usage)).toBe(table.cost('claude-sonnet-5-5', usage));
    expect(table.cost('claude-sonnet-4-5@20250929', usage)).toBe(3);
    expect(table.models).not.toContain('anthropic.claude-sonnet-5-5-v1:0');
  });

  it('prices batched usage at half, cache included', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 };
    const full = table.costParts('claude-sonnet-5-5', usage);
    const batched = table.costParts('claude-sonnet-5-5', usage, { batch: true });
    expect(table.batchDiscount).toBe(0.5);
    expect(batched.totalUsd).toBeCloseTo(full.totalUsd / 2, 12);
    expect(batched.cacheWriteUsd).toBeCloseTo(full.cacheWriteUsd / 2, 12);
  });
});
