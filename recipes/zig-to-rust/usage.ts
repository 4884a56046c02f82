/** What the agents cost, per item (Zig file) and in total, for the report. */
import type { AgentUsageInfo } from 'migrate-kit';
import type { TokenCounts } from 'migrate-kit';

export interface ItemUsage {
  tokens: TokenCounts;
  costUsd: number;
  agents: number;
  requests: number;
}

const empty = (): ItemUsage => ({ tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, costUsd: 0, agents: 0, requests: 0 });

export class UsageBook {
  private readonly items = new Map<string, ItemUsage>();
  readonly total: ItemUsage = empty();

  /** An `onUsage` callback that books a call under an item. */
  recorder(item: string): (info: AgentUsageInfo) => void {
    return (info) => {
      for (const target of [this.get(this.items, item), this.total]) {
        target.tokens.input += info.usage.inputTokens;
        target.tokens.output += info.usage.outputTokens;
        target.tokens.cacheRead += info.usage.cacheReadTokens;
        target.tokens.cacheWrite += info.usage.cacheWriteTokens;
        target.costUsd += info.costUsd;
        if (info.requests > 0) target.agents++;
        target.requests += info.requests;
      }
    };
  }

  item(path: string): ItemUsage {
    return this.items.get(path) ?? empty();
  }

  private get(map: Map<string, ItemUsage>, key: string): ItemUsage {
    let entry = map.get(key);
    if (entry === undefined) map.set(key, (entry = empty()));
    return entry;
  }
}
