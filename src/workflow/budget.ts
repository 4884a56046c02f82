/** Money and tokens spent by a run, against its USD limit. */
import type { CostParts } from '../model/pricing.js';
import type { Usage } from '../model/types.js';
import type { BudgetView } from './types.js';

export class Budget implements BudgetView {
  spentUsd = 0;
  inputTokens = 0;
  outputTokens = 0;
  cacheReadTokens = 0;
  cacheWriteTokens = 0;
  inputUsd = 0;
  outputUsd = 0;
  cacheWriteUsd = 0;
  cacheReadUsd = 0;

  constructor(
    /** USD limit; `Infinity` for none. */
    public totalUsd: number,
  ) {}

  get remainingUsd(): number {
    return Math.max(0, this.totalUsd - this.spentUsd);
  }

  get exhausted(): boolean {
    return this.spentUsd >= this.totalUsd;
  }

  /** Adds spent money and tokens; `parts` splits the cost (unknown for old journal entries: counted as input). */
  charge(usage: Usage, costUsd: number, parts?: CostParts): void {
    this.spentUsd += costUsd;
    this.inputUsd += parts?.inputUsd ?? costUsd;
    this.outputUsd += parts?.outputUsd ?? 0;
    this.cacheWriteUsd += parts?.cacheWriteUsd ?? 0;
    this.cacheReadUsd += parts?.cacheReadUsd ?? 0;
    this.inputTokens += usage.inputTokens;
    this.outputTokens += usage.outputTokens;
    this.cacheReadTokens += usage.cacheReadTokens;
    this.cacheWriteTokens += usage.cacheWriteTokens;
  }

  /** A read-only snapshot view for recipes. */
  view(): BudgetView {
    const self = this;
    return {
      get totalUsd() {
        return self.totalUsd;
      },
      get spentUsd() {
        return self.spentUsd;
      },
      get remainingUsd() {
        return self.remainingUsd;
      },
      get inputTokens() {
        return self.inputTokens;
      },
      get outputTokens() {
        return self.outputTokens;
      },
    };
  }
}
