/** The plan shown before a run spends anything: facts, phases with agent and token estimates, cost, settings. */
import type { SandboxPlan } from '../process/sandbox.js';
import type { PlanEstimate } from '../workflow/plan-estimate.js';
import type { RecipePlan } from '../workflow/types.js';
import { range, tokens, usd } from './format.js';
import { formatTable } from './table.js';

export interface PlanSettings {
  model: string;
  /** The provider, when it is not the Anthropic API. */
  provider?: string;
  /** `--batch`: calls marked `batch: true` go through Message Batches. */
  batch?: boolean;
  concurrency: number;
  maxAgents: number;
  budgetUsd: number | null;
  cacheTtl: string;
}

export interface PlanView {
  recipe: string;
  description: string;
  plan: RecipePlan | null;
  estimate: PlanEstimate | null;
  settings: PlanSettings;
  /** Which sandbox applies to the commands that build and run model-written code. */
  sandbox?: SandboxPlan;
  /** The run's own warnings (a resume whose recipe changed since the run started). */
  warnings?: string[];
}

/** The estimate with and without Message Batches, when the plan has phases that can wait. */
function batchLines(view: PlanView): string[] {
  const estimate = view.estimate;
  if (!estimate) return [];
  const batchable = estimate.phases.filter((p) => p.batchable > 0).map((p) => (p.batchable < 1 ? `part of ${p.title}` : p.title));
  if (batchable.length === 0) return [];
  const t = estimate.total;
  const which = `${batchable.join(', ')} at half price, answered within 24 h instead of seconds`;
  return view.settings.batch
    ? ['', `  --batch: ${range(t.batchUsd, usd)} (${which}); without it: ${range(t.usd, usd)}`]
    : ['', `  with --batch: ${range(t.batchUsd, usd)} (${which}); without it (this run): ${range(t.usd, usd)}`];
}

export function renderPlan(view: PlanView): string {
  const lines = [`Plan: ${view.recipe}${view.description ? ` — ${view.description}` : ''}`];
  if (view.plan) {
    const width = Math.max(...view.plan.facts.map(([k]) => k.length), 8);
    for (const [key, value] of view.plan.facts) lines.push(`  ${key.padEnd(width)}  ${value}`);
  }
  if (view.estimate && view.estimate.phases.length > 0) {
    const rows = view.estimate.phases.map((p) => [p.title, range(p.agents), range(p.inputTokens, tokens), range(p.outputTokens, tokens), range(p.usd, usd)]);
    const t = view.estimate.total;
    rows.push(['total', range(t.agents), range(t.inputTokens, tokens), range(t.outputTokens, tokens), range(t.usd, usd)]);
    lines.push('', ...formatTable(['phase', 'agents', 'input tokens', 'output tokens', 'cost'], rows).split('\n').map((l) => `  ${l}`));
    const notes = view.estimate.phases.filter((p) => p.note);
    if (notes.length > 0) lines.push('', ...notes.map((p) => `  ${p.title}: ${p.note}`));
    lines.push(...batchLines(view));
  } else {
    lines.push('', '  No estimate: this recipe has no plan() to say what it will do.');
  }
  const s = view.settings;
  lines.push(
    '',
    `  ${s.provider ? `provider ${s.provider} · ` : ''}model ${s.model} · concurrency ${s.concurrency} · max agents ${s.maxAgents}${view.estimate ? ` (this plan: ${range(view.estimate.total.agents)})` : ''} · budget ${s.budgetUsd === null ? 'none' : usd(s.budgetUsd)} · cache TTL ${s.cacheTtl}`,
  );
  if (view.sandbox) lines.push(`  sandbox: ${view.sandbox.summary}`);
  if (view.estimate && s.budgetUsd !== null && view.estimate.total.usd.high > s.budgetUsd) {
    lines.push(`  Note: the high estimate (${usd(view.estimate.total.usd.high)}) is above the budget; the run stops when the budget is spent and can be resumed with a higher --budget.`);
  }

  if (view.plan && view.plan.assumptions.length > 0) lines.push('', '  Assumptions:', ...view.plan.assumptions.map((a) => `  - ${a}`));
  const warnings = planWarnings(view);
  if (warnings.length > 0) lines.push('', '  Warnings:', ...warnings.map((w) => `  - ${w}`));
  return lines.join('\n');
}

export function planJson(view: PlanView): Record<string, unknown> {
  return {
    recipe: view.recipe,
    facts: Object.fromEntries(view.plan?.facts ?? []),
    phases: view.estimate?.phases ?? [],
    total: view.estimate?.total ?? null,
    assumptions: view.plan?.assumptions ?? [],
    warnings: planWarnings(view),
    settings: { ...view.settings, ...(view.sandbox ? { sandbox: view.sandbox } : {}) },
  };
}

/** The run's own (a resume of a changed recipe), the recipe's, the agent cap's, then the sandbox's (one, in `auto` mode without bubblewrap). */
function planWarnings(view: PlanView): string[] {
  return [...(view.warnings ?? []), ...(view.plan?.warnings ?? []), ...capWarning(view), ...(view.sandbox?.warning !== undefined ? [view.sandbox.warning] : [])];
}

/** A plan that may not finish under the agent cap says so, with a cap that would do and the alternative. */
function capWarning(view: PlanView): string[] {
  const agents = view.estimate?.total.agents;
  const cap = view.settings.maxAgents;
  if (!agents || agents.high <= cap) return [];
  const enough = Math.ceil((agents.high * 1.1) / 10) * 10;
  const how = `Raise the cap (--max-agents ${enough}) or run a smaller part first (zig-to-rust: --slice); a run that reaches the cap stops with status agent-cap and resumes with a higher --max-agents.`;
  return [agents.low > cap
    ? `This run cannot finish under the agent cap: it needs at least ${agents.low} agent calls (up to ${agents.high}) and --max-agents is ${cap}. ${how}`
    : `This run may not finish under the agent cap: it needs ${agents.low}–${agents.high} agent calls and --max-agents is ${cap}. ${how}`];
}
