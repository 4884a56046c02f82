/**
 * `run.json`: what a run is (recipe, arguments, settings), how it stands (status, totals) and how it ended
 * (error, result, outcome). Validated with zod when read; `version` is the file's format.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export const RUN_INFO_VERSION = 2;

export const RUN_STATUSES = ['running', 'completed', 'failed', 'interrupted', 'budget-exhausted', 'agent-cap'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const count = z.number().int().nonnegative();
const usd = z.number().nonnegative();

const totalsSchema = z.object({
  agents: count,
  replayed: count,
  failed: count,
  inputTokens: count,
  outputTokens: count,
  cacheReadTokens: count,
  cacheWriteTokens: count,
  costUsd: usd,
});

const settingsSchema = z.object({
  model: z.string().min(1),
  concurrency: z.number().int().positive(),
  maxAgents: count,
  budgetUsd: z.number().positive().nullable(),
  cacheTtl: z.enum(['5m', '1h', 'auto']).optional(),
  /** The model provider's registry name (`anthropic`, `bedrock`, `vertex`); absent in runs from before it existed (anthropic). */
  provider: z.string().min(1).optional(),
  /** `--batch`: calls marked `batch: true` go through Message Batches; a resume keeps it. */
  batch: z.boolean().optional(),
});

const changeItemSchema = z.object({ path: z.string(), title: z.string().optional(), body: z.string().optional() });

export const runInfoSchema = z.object({
  version: z.number().int().positive().max(RUN_INFO_VERSION).optional(),
  id: z.string().min(1),
  recipe: z.string(),
  recipeFile: z.string().optional(),
  args: z.record(z.string(), z.unknown()),
  argv: z.array(z.string()).optional(),
  cwd: z.string().optional(),
  status: z.enum(RUN_STATUSES),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  sessions: z.number().int().positive(),
  pid: z.number().int(),
  host: z.string().optional(),
  settings: settingsSchema,
  totals: totalsSchema,
  cost: z.object({ inputUsd: usd, outputUsd: usd, cacheWriteUsd: usd, cacheReadUsd: usd }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  result: z
    .object({
      report: z.string().optional(),
      changes: z.object({ title: z.string().optional(), body: z.string().optional(), items: z.array(changeItemSchema) }).optional(),
    })
    .optional(),
  outcome: z.object({ ok: z.boolean(), summary: z.string() }).optional(),
  /** The sandbox settings of model-written code (`--sandbox*`); a resume keeps them. Absent in runs from before it existed. */
  /** The recipe file and its prompt templates when the run started: path → sha256 (16 hex digits); a resume warns when they changed. */
  fingerprint: z.record(z.string(), z.string()).optional(),
  sandbox: z
    .object({ mode: z.enum(['auto', 'required', 'off']), env: z.array(z.string()), cpuSeconds: count, memoryMb: count })
    .optional(),
});

export type RunInfo = z.infer<typeof runInfoSchema>;
export type RunSettings = RunInfo['settings'];
export type RunTotalsRecord = RunInfo['totals'];
export type CostSplit = NonNullable<RunInfo['cost']>;
/** Same shape as `RecipeRunResult` in `report/types.ts` (the store does not import the report layer). */
export type RunResultRef = NonNullable<RunInfo['result']>;
export type RunOutcome = NonNullable<RunInfo['outcome']>;

/** Picks `report` / `changes` out of what a recipe returned; undefined when it returned neither (or something else). */
export function runResultRef(value: unknown, cwd: string): RunResultRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { report, changes } = value as { report?: unknown; changes?: unknown };
  const ref: RunResultRef = {};
  const abs = (path: string): string => (isAbsolute(path) ? path : resolve(cwd, path));
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  if (text(report)) ref.report = abs(report);
  if (typeof changes === 'object' && changes !== null && Array.isArray((changes as { items?: unknown }).items)) {
    const c = changes as { title?: unknown; body?: unknown; items: unknown[] };
    const items = c.items.flatMap((item) => {
      const i = (typeof item === 'string' ? { path: item } : item) as { path?: unknown; title?: unknown; body?: unknown } | null;
      if (i === null || typeof i !== 'object' || !text(i.path)) return [];
      return [{ path: abs(i.path), ...(text(i.title) ? { title: i.title } : {}), ...(text(i.body) ? { body: i.body } : {}) }];
    });
    ref.changes = { ...(text(c.title) ? { title: c.title } : {}), ...(text(c.body) ? { body: c.body } : {}), items };
  }
  return ref.report !== undefined || ref.changes !== undefined ? ref : undefined;
}

/** The recipe's verdict from what its `run()` returned (`{ outcome: { ok, summary } }`), if it gave one. */
export function runOutcome(value: unknown): RunOutcome | undefined {
  const outcome = (value as { outcome?: unknown } | null | undefined)?.outcome;
  if (typeof outcome !== 'object' || outcome === null) return undefined;
  const { ok, summary } = outcome as { ok?: unknown; summary?: unknown };
  return typeof ok === 'boolean' ? { ok, summary: typeof summary === 'string' ? summary : ok ? 'ok' : 'not ok' } : undefined;
}

/** The first problem zod found, as `field.path: message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? issue.path.join('.') : '(the whole value)';
  return `${where}: ${issue.message}`;
}
