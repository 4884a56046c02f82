import { describe, expect, it } from 'vitest';
import { PriceTable } from '../../src/model/pricing.js';
import { estimatePlan } from '../../src/workflow/plan-estimate.js';

describe('plan estimate', () => {
  const prices = PriceTable.default({});
  const plan = {
    facts: [['files', '2'] as [string, string]],
    assumptions: [],
    phases: [
      { title: 'port', agents: { low: 2, high: 4 }, inputTokens: { low: 1_000_000, high: 2_000_000 }, outputTokens: { low: 100_000, high: 300_000 } },
      { title: 'review', agents: { low: 4, high: 8 }, inputTokens: { low: 1_000_000, high: 1_000_000 }, outputTokens: { low: 0, high: 0 }, cachedInputTokens: { low: 800_000, high: 800_000 } },
    ],
  };

  it('prices each phase at the model’s rates and sums the ranges', () => {
    const e = estimatePlan(plan, 'claude-sonnet-5-5', prices);
    // port: low 1M×2 + 0.1M×10 = $3; high 2M×2 + 0.3M×10 = $7
    expect(e.phases[0]!.usd.low).toBeCloseTo(3, 9);
    expect(e.phases[0]!.usd.high).toBeCloseTo(7, 9);
    // review low: 0.2M uncached × 2 + 0.8M cached × 0.2 = $0.56; high adds one cache write of 1/8 of the cached part (0.1M × (2.5 − 0.2))
    expect(e.phases[1]!.usd.low).toBeCloseTo(0.56, 9);
    expect(e.phases[1]!.usd.high).toBeCloseTo(0.56 + 0.1 * 2.3, 9);
    expect(e.total.agents).toEqual({ low: 6, high: 12 });
    expect(e.total.usd.low).toBeCloseTo(3.56, 9);
  });

  it('prices the batchable part of each phase at half with --batch: the estimate with and without batching', () => {
    const batched = { ...plan, phases: [{ ...plan.phases[0]!, batchable: 0.25 }, { ...plan.phases[1]!, batchable: true }] };
    const e = estimatePlan(batched, 'claude-sonnet-5-5', prices);
    expect(e.phases.map((p) => p.batchable)).toEqual([0.25, 1]);
    // port: a quarter at half price; review: all of it.
    expect(e.phases[0]!.batchUsd.low).toBeCloseTo(3 * 0.875, 9);
    expect(e.phases[1]!.batchUsd.high).toBeCloseTo((0.56 + 0.1 * 2.3) / 2, 9);
    expect(e.total.usd.low).toBeCloseTo(3.56, 9);
    expect(e.total.batchUsd.low).toBeCloseTo(3 * 0.875 + 0.28, 9);
    // Without batchable phases both figures are the same.
    const plain = estimatePlan(plan, 'claude-sonnet-5-5', prices);
    expect(plain.total.batchUsd).toEqual(plain.total.usd);
  });

  it('uses the 1-hour write rate when the cache TTL is 1h, and refuses an unknown model', () => {
    const e = estimatePlan(plan, 'claude-sonnet-5-5', prices, '1h');
    expect(e.phases[1]!.usd.high).toBeCloseTo(0.56 + 0.1 * 3.8, 9);
    expect(() => estimatePlan(plan, 'nope-1', prices)).toThrow(expect.objectContaining({ code: 'UNKNOWN_MODEL' }));
  });
});
