/**
 * After the field-map batches: make the field map agree with itself, then challenge its doubtful rows.
 *
 * - Reconcile: rows are grouped by shape (the same field, name and Zig type, of structs that share a name or a
 *   shape across files; see field-groups.ts). Only groups whose classes disagree go to an agent, one per group,
 *   with every row's evidence and each struct's source; it answers one row per row shown.
 * - Refute (Bun's method): `UNKNOWN` rows and rows below {@link LOW_CONFIDENCE} go to two refuters per file
 *   (batched like the field map); a row is overturned only when both vote `overturn` with the same class.
 *
 * Both are capped: at most `extraAgents` calls (the field map's share of the run's agents, less its batches),
 * reconcile groups first, then refuter pairs with UNKNOWN rows first. Rows of earlier runs (the cache) are
 * settled: shown as evidence, never changed.
 */
import type { RecipeContext, WorkItem } from 'migrate-kit';
import { describe, rethrowStop } from './errors.js';
import type { FieldRow } from './field-map.js';
import { fenced, header, type Prompts } from './prompts.js';
import { reconcileSchema, refuteSchema } from './schemas.js';
import type { UsageBook } from './usage.js';

/** Rows whose agent gave a confidence below this are doubtful (refuted like UNKNOWN rows). */
export const LOW_CONFIDENCE = 0.6;
/** Output tokens per row of an answer (class, Rust type, one or two sentences of evidence), and the bounds. */
export const ROW_OUTPUT_TOKENS = 220;
export const MIN_OUTPUT_TOKENS = 2048;
export const MAX_OUTPUT_TOKENS = 32_000;
/** Agents per ported file in the run (port, two reviewers, a revision or repair): the base of the field map's share. */
export const AGENTS_PER_FILE = 4;
const MAX_SOURCE_LINES = 200;
/** A reconcile prompt shows the sources of at most this many files of the group (every row is shown). */
const MAX_GROUP_FILES = 8;

/** `max_tokens` for an answer of `rows` rows: rows × a per-row budget, within a floor and a cap. */
export function answerTokens(rows: number): number {
  return Math.min(MAX_OUTPUT_TOKENS, Math.max(MIN_OUTPUT_TOKENS, 512 + rows * ROW_OUTPUT_TOKENS));
}

/** A confidence as 0–1 (an answer of 85 means 85%); undefined stays undefined. */
export function normalConfidence(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return value > 1 ? Math.min(1, value / 100) : Math.max(0, value);
}

export const isDoubtful = (row: FieldRow): boolean => row.class === 'UNKNOWN' || (row.confidence !== undefined && row.confidence < LOW_CONFIDENCE);

/**
 * Reconcile and refuter calls the field map may make: its share of the run's agents (`share` of all, the run
 * estimated as {@link AGENTS_PER_FILE} per ported file plus the field map), less the batches. `share` ≥ 1: no cap.
 */
export function extraAgentCap(share: number, batches: number, portedFiles: number): number {
  if (share >= 1) return Number.POSITIVE_INFINITY;
  if (share <= 0) return 0;
  return Math.max(0, Math.floor((share / (1 - share)) * AGENTS_PER_FILE * portedFiles + 1e-9) - batches);
}

export interface ReconcileEnv {
  ctx: RecipeContext<any>;
  prompts: Prompts;
  usage: UsageBook;
  /** Zig source of every readable file. */
  texts: ReadonlyMap<string, string>;
  itemOf: ReadonlyMap<string, WorkItem>;
  /** The module layout lines for a set of files (`- a.zig → crate::a`). */
  layoutOf: (files: readonly string[]) => string;
  /** The prompt parts of a file's refuters: its source and its uses in other files. */
  fileContext: (file: string, rows: readonly FieldRow[]) => { source: string; uses: string };
  batchSize: number;
  extraAgents: number;
  groupKey: (file: string, struct: string, field: string, zigType: string) => string;
}

export interface ReconcileResult {
  rows: FieldRow[];
  warnings: string[];
  /** Calls made (or replayed) by reconcile and refuters. */
  calls: { reconcile: number; refute: number; skipped: number };
}

export const rowId = (r: { file: string; struct: string; field: string }): string => `${r.file}\u0000${r.struct}\u0000${r.field}`;

/** The disagreeing groups among `rows`: two or more classes, at least one row of this run. Sorted by key. */
export function disagreeingGroups(rows: readonly FieldRow[], fresh: ReadonlySet<string>, groupKey: ReconcileEnv['groupKey']): FieldRow[][] {
  const groups = new Map<string, FieldRow[]>();
  for (const row of rows) {
    const key = groupKey(row.file, row.struct, row.field, row.zig_type);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()]
    .filter(([, list]) => new Set(list.map((r) => r.class)).size > 1 && list.some((r) => fresh.has(rowId(r))))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, list]) => list);
}

/** `rows`: the agents' rows (this run's and earlier runs'); `fresh`: row ids of this run's, the only ones changed. */
export async function reconcileAndRefute(env: ReconcileEnv, rows: readonly FieldRow[], fresh: ReadonlySet<string>): Promise<ReconcileResult> {
  const warnings: string[] = [];
  const current = new Map(rows.map((r) => [rowId(r), { ...r }]));
  let left = env.extraAgents;
  const calls = { reconcile: 0, refute: 0, skipped: 0 };

  // Reconcile: one agent per disagreeing group.
  const groups = disagreeingGroups(rows, fresh, env.groupKey);
  const asked = groups.slice(0, Math.max(0, Math.min(groups.length, left)));
  if (asked.length < groups.length) {
    calls.skipped += groups.length - asked.length;
    warnings.push(`field map: ${groups.length - asked.length} disagreeing group(s) not reconciled (the field map's share of the run's agents is used up; raise --field-map-share)`);
  }
  left -= asked.length;
  calls.reconcile = asked.length;
  const reconciled = await env.ctx.parallel(asked.map((group) => () => reconcileGroup(env, group, fresh)));
  for (const [i, outcome] of reconciled.entries()) {
    const group = asked[i]!;
    if (outcome.status === 'failed') {
      rethrowStop(outcome.error);
      warnings.push(`field map: reconciling ${group[0]!.struct}.${group[0]!.field} failed (${describe(outcome.error)}); its rows keep their classes`);
      continue;
    }
    for (const answer of outcome.value.fields) {
      const id = rowId(answer);
      const row = current.get(id);
      if (row === undefined || !fresh.has(id) || !group.some((g) => rowId(g) === id)) continue;
      const confidence = normalConfidence(answer.confidence);
      current.set(id, { ...row, class: answer.class, rust_type: answer.rust_type, evidence: answer.evidence, ...(confidence !== undefined ? { confidence } : {}) });
    }
  }

  // Refuters: two per batch of doubtful rows of one file; UNKNOWN first.
  const doubtful = new Map<string, FieldRow[]>();
  for (const row of current.values()) if (fresh.has(rowId(row)) && isDoubtful(row)) doubtful.set(row.file, [...(doubtful.get(row.file) ?? []), row]);
  const units: Array<{ file: string; rows: FieldRow[]; part: number; parts: number }> = [];
  for (const [file, list] of [...doubtful.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const parts = Math.ceil(list.length / env.batchSize);
    for (let p = 0; p < parts; p++) units.push({ file, rows: list.slice(p * env.batchSize, (p + 1) * env.batchSize), part: p + 1, parts });
  }
  const unknownFirst = [...units].sort((a, b) => Number(b.rows.some((r) => r.class === 'UNKNOWN')) - Number(a.rows.some((r) => r.class === 'UNKNOWN')));
  const run = unknownFirst.slice(0, Math.max(0, Math.floor(left / 2)));
  if (run.length < units.length) {
    calls.skipped += 2 * (units.length - run.length);
    warnings.push(`field map: ${units.length - run.length} batch(es) of doubtful rows not refuted (the field map's share of the run's agents is used up; raise --field-map-share)`);
  }
  calls.refute = 2 * run.length;
  const votes = await env.ctx.parallel(run.flatMap((unit) => [1, 2].map((n) => () => refute(env, unit, n))));
  for (const [i, unit] of run.entries()) {
    const pair = [votes[2 * i]!, votes[2 * i + 1]!];
    for (const outcome of pair) {
      if (outcome.status === 'failed') {
        rethrowStop(outcome.error);
        warnings.push(`field map: a refuter of ${unit.file} failed (${describe(outcome.error)}); its rows stand`);
      }
    }
    if (pair.some((o) => o.status === 'failed')) continue;
    const [first, second] = pair.map((o) => (o.status === 'ok' ? o.value.votes : []));
    for (const row of unit.rows) {
      const a = first!.find((v) => v.struct === row.struct && v.field === row.field);
      const b = second!.find((v) => v.struct === row.struct && v.field === row.field);
      if (a?.verdict !== 'overturn' || b?.verdict !== 'overturn' || a.class !== b.class || a.class === row.class) continue;
      current.set(rowId(row), {
        ...row,
        class: a.class,
        rust_type: a.rust_type,
        evidence: `Overturned by two refuters (was ${row.class}): ${a.evidence.trim()} / ${b.evidence.trim()}`,
        confidence: LOW_CONFIDENCE,
      });
    }
  }
  return { rows: rows.map((r) => current.get(rowId(r))!), warnings, calls };
}

async function reconcileGroup(env: ReconcileEnv, group: readonly FieldRow[], fresh: ReadonlySet<string>) {
  const first = group[0]!;
  const files = [...new Set(group.map((r) => r.file))].sort();
  const label = `reconcile field map: ${first.struct.split('.').pop()}.${first.field}: ${first.zig_type.replace(/\s+/g, '')} (${files.slice(0, MAX_GROUP_FILES).join(', ')}${files.length > MAX_GROUP_FILES ? `, ${files.length - MAX_GROUP_FILES} more` : ''})`;
  const rowsText = group
    .map((r) => `- file ${r.file}, struct ${r.struct}, field ${r.field}: \`${r.zig_type}\` → ${r.class} \`${r.rust_type}\`${r.confidence !== undefined ? ` (confidence ${r.confidence})` : ''}${fresh.has(rowId(r)) ? '' : ' [settled by an earlier run: evidence only]'} — ${r.evidence.replace(/\s+/g, ' ')}`)
    .join('\n');
  const prompt = env.prompts.render('reconcile-fields', {
    header: header(label, 'reconcile-fields', first.file),
    rows: fenced(rowsText),
    sources: files.slice(0, MAX_GROUP_FILES).map((file) => `### ${file}\n\n${fenced(structSource(env, file, group.filter((r) => r.file === file).map((r) => r.struct)), 'zig')}`).join('\n\n'),
    layout: env.layoutOf(files),
  });
  return env.ctx.agent(prompt, {
    label,
    schema: reconcileSchema,
    batch: true,
    system: env.prompts.texts.system,
    context: [{ text: env.prompts.texts.guide, cache: true }],
    maxTokens: answerTokens(group.length),
    onUsage: env.usage.recorder(first.file),
  });
}

async function refute(env: ReconcileEnv, unit: { file: string; rows: FieldRow[]; part: number; parts: number }, n: number) {
  const label = `refute field map of ${unit.file}${unit.parts > 1 ? ` (part ${unit.part} of ${unit.parts})` : ''} (refuter ${n} of 2)`;
  const { source, uses } = env.fileContext(unit.file, unit.rows);
  const prompt = env.prompts.render('refute-fields', {
    header: header(label, 'refute-fields', unit.file),
    zig_path: unit.file,
    fields: fenced(unit.rows.map((r) => `- ${r.struct}.${r.field}: \`${r.zig_type}\` → ${r.class} \`${r.rust_type}\`${r.confidence !== undefined ? ` (confidence ${r.confidence})` : ''} — ${r.evidence.replace(/\s+/g, ' ')}`).join('\n')),
    source,
    uses,
    layout: env.layoutOf([unit.file]),
  });
  const answer = await env.ctx.agent(prompt, {
    label,
    schema: refuteSchema,
    batch: true,
    system: env.prompts.texts.system,
    context: [{ text: env.prompts.texts.guide, cache: true }],
    maxTokens: answerTokens(unit.rows.length),
    onUsage: env.usage.recorder(unit.file),
  });
  return answer;
}

/** The declarations holding the structs, from the file's source (at most MAX_SOURCE_LINES lines each). */
function structSource(env: ReconcileEnv, file: string, structs: readonly string[]): string {
  const lines = (env.texts.get(file) ?? '').split('\n');
  const item = env.itemOf.get(file);
  const tops = new Set(structs.map((s) => s.split('.')[0]!));
  const decls = item?.declarations.filter((d) => tops.has(d.name)) ?? [];
  if (decls.length === 0) return lines.slice(0, MAX_SOURCE_LINES).join('\n');
  return decls
    .map((d) => {
      const end = Math.min(d.endLine, d.startLine + MAX_SOURCE_LINES - 1);
      return `// ${file} lines ${d.startLine}-${end}${end < d.endLine ? ` (of ${d.endLine})` : ''}\n${lines.slice(d.startLine - 1, end).join('\n')}`;
    })
    .join('\n\n');
}
