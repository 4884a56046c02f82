/** Exit codes of the `migrate` command (documented in the README). */
import type { RunResult } from '../workflow/run.js';

export const EXIT = {
  ok: 0,
  /** The run finished, but some items (agents) failed, the recipe failed, or the recipe's outcome is not ok. */
  failedItems: 1,
  badInput: 2,
  interrupted: 3,
  budgetExhausted: 4,
  /** The agent cap stopped the run; resumable with a higher --max-agents. */
  agentCap: 5,
} as const;

export function exitCodeFor(result: Pick<RunResult, 'status' | 'totals' | 'outcome'>): number {
  switch (result.status) {
    case 'completed':
      return result.totals.failed > 0 || result.outcome?.ok === false ? EXIT.failedItems : EXIT.ok;
    case 'interrupted':
    case 'running':
      return EXIT.interrupted;
    case 'budget-exhausted':
      return EXIT.budgetExhausted;
    case 'agent-cap':
      return EXIT.agentCap;
    case 'failed':
      return EXIT.failedItems;
  }
}
