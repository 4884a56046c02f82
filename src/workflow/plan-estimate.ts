/**
 * Prices a recipe's plan: each phase's token ranges at the model's prices, cached input at the
 * cache-read rate (plus one cache write of the cached part per phase at the high end), output at
 * the output rate. The figures are a range, and the plan's assumptions say what they rest on.
 */
import type { PriceTable } from '../model/pricing.js';
import type { CacheTtl } from '../model/types.js';
import type { RecipePlan, Range } from './types.js';

export interface PhaseEstimate {
  title: string;
  agents: Range;
  inputTokens: Range;
  outputTokens: Range;
  usd: Range;
  /** The cost when the phase's batchable calls go through Message Batches (`--batch`): their share of `usd` at half price. */
  batchUsd: Range;
  /** The share (0–1) of the phase's cost the recipe sends with `batch: true`. */
  batchable: number;
  note?: string;
}

export interface PlanEstimate {
  model: string;
  phases: PhaseEstimate[];
  total: { agents: Range; inputTokens: Range; outputTokens: Range; usd: Range; batchUsd: Range };
}

const add = (a: Range, b: Range): Range => ({ low: a.low + b.low, high: a.high + b.high });
const ZERO: Range = { low: 0, high: 0 };

export function estimatePlan(plan: RecipePlan, model: string, prices: PriceTable, cacheTtl: CacheTtl = '5m'): PlanEstimate {
  const batchFactor = 1 - prices.batchDiscount;
  const price = prices.priceOf(model);
  const writeRate = cacheTtl === '1h' ? price.cacheWrite1h : price.cacheWrite5m;
  const usdFor = (input: number, cached: number, output: number, cacheWrites: number): number =>
    ((input - cached) * price.input + cached * price.cacheRead + cacheWrites * (writeRate - price.cacheRead) + output * price.output) / 1_000_000;
  const phases = plan.phases.map((phase): PhaseEstimate => {
    const cached = phase.cachedInputTokens ?? ZERO;
    // Low: everything cached is read. High: the cached part is written once more per 10 agents (cache misses, expiry).
    const writesHigh = phase.agents.high > 0 ? (cached.high / Math.max(1, phase.agents.high)) * Math.ceil(phase.agents.high / 10) : 0;
    const usd = {
      low: usdFor(phase.inputTokens.low, Math.min(cached.low, phase.inputTokens.low), phase.outputTokens.low, 0),
      high: usdFor(phase.inputTokens.high, Math.min(cached.high, phase.inputTokens.high), phase.outputTokens.high, writesHigh),
    };
    const batchable = phase.batchable === true ? 1 : typeof phase.batchable === 'number' && phase.batchable > 0 ? Math.min(1, phase.batchable) : 0;
    const factor = 1 - batchable * (1 - batchFactor);
    return {
      title: phase.title,
      agents: phase.agents,
      inputTokens: phase.inputTokens,
      outputTokens: phase.outputTokens,
      usd,
      batchUsd: { low: usd.low * factor, high: usd.high * factor },
      batchable,
      ...(phase.note ? { note: phase.note } : {}),
    };
  });
  return {
    model,
    phases,
    total: {
      agents: phases.reduce((r, p) => add(r, p.agents), ZERO),
      inputTokens: phases.reduce((r, p) => add(r, p.inputTokens), ZERO),
      outputTokens: phases.reduce((r, p) => add(r, p.outputTokens), ZERO),
      usd: phases.reduce((r, p) => add(r, p.usd), ZERO),
      batchUsd: phases.reduce((r, p) => add(r, p.batchUsd), ZERO),
    },
  };
}
