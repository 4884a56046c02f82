/**
 * `plan()`: what a run would do and roughly what it would cost, before anything is spent. Runs the same
 * preflight as `run()` (so bad input fails here), indexes the tree, and estimates each phase.
 */
import { readFile } from 'node:fs/promises';
import { estimateTokens, indexProject } from 'migrate-kit';
import type { PlannedPhase, PlanInput, RecipePlan, Range } from 'migrate-kit';
import { DEFAULT_ZIG_VERSION, resolveZigVersion, type ZigToRustArgs } from './args.js';
import { cachedFieldRows, fieldMapClosure, MAX_PREFIX_MAP_TOKENS, planFieldMap, plannedChecks } from './field-map.js';
import type { FieldRow } from './field-map.js';
import { binFileOf, buildLayout } from './layout.js';
import { findZig } from './differential-zig.js';
import { criticalPath, dependencies } from './port.js';
import { MAX_PART_LINES, ownershipNeed } from './port-context.js';
import { preflight } from './preflight.js';
import { loadPrompts } from './prompts.js';

const range = (low: number, high: number): Range => ({ low: Math.round(low), high: Math.round(Math.max(low, high)) });
/** Tokens of prompt text around the file in a task (instructions, names, imports). */
const TASK_OVERHEAD = 900;
/** Tokens per field-map row in a prompt and in an answer. */
const ROW_TOKENS = 45;
const ROW_ANSWER_TOKENS = 70;

export async function planMigration(input: PlanInput<ZigToRustArgs>): Promise<RecipePlan> {
  const { args } = input;
  const setup = await preflight(args, input.cwd);
  const zig = await resolveZigVersion(setup.input, args.zigVersion);
  const prompts = await loadPrompts(undefined, { zigVersion: zig.version });
  const { index, items } = await indexProject(setup.input, { exclude: setup.exclude });
  const slice = new Set(setup.sliceFiles);
  const sliceItems = items.filter((item) => slice.has(item.path));
  const readable = sliceItems.filter((item) => item.error === undefined);
  // The field map covers what the slice needs: its files and what they import, transitively.
  const need = fieldMapClosure(index, slice);
  const fieldPlan = planFieldMap(index, items, args.fieldBatch, need);
  const mappedFields = index.structFields.filter((r) => need.has(r.file)).length;
  const layout = buildLayout(index.files, setup.crate, binFileOf(items));
  const guide = estimateTokens(prompts.texts.system) + estimateTokens(prompts.texts.guide);
  const fieldMapTokens = mappedFields * ROW_TOKENS;
  const prefix = guide + (fieldMapTokens <= MAX_PREFIX_MAP_TOKENS ? fieldMapTokens : 0);
  const fileTokens = readable.map((item) => Math.ceil(item.bytes / 3.5));
  const sum = (list: number[]): number => list.reduce((a, b) => a + b, 0);
  const zigTokens = sum(fileTokens);
  const lines = sum(readable.map((i) => i.lines));
  const zigTests = sum(readable.map((i) => i.tests.length));
  const n = readable.length;
  const chunked = readable.filter((i) => i.lines > args.chunkLines);
  // Files over --chunk-lines are ported in parts of at most MAX_PART_LINES lines, one prompt per part.
  const partLines = Math.min(args.chunkLines, MAX_PART_LINES);
  const parts = n + sum(chunked.map((i) => Math.ceil(i.lines / partLines) - 1));
  // The behaviour reviewer for every file; the ownership reviewer only where there is something for it to check.
  const rowsOf = new Map<string, FieldRow[]>();
  for (const r of index.structFields) rowsOf.set(r.file, [...(rowsOf.get(r.file) ?? []), { file: r.file, struct: r.struct, field: r.field, zig_type: r.zigType } as FieldRow]);
  const withOwnership = (await Promise.all(readable.map(async (i) => ownershipNeed(i, await readFile(i.absPath, 'utf8').catch(() => ''), rowsOf.get(i.path) ?? []).run))).filter(Boolean).length;
  const reviewers = n + withOwnership;
  // A port starts once the files it imports have passed their gate: the longest such chain is the phase's critical path.
  const chain = criticalPath(dependencies({ index }, readable));

  // map fields: one agent per batch, not counting what an earlier run cached in the output.
  const cached = await cachedFieldRows(setup.out, items);
  const batches = fieldPlan.batches.filter((b) => !cached.has(b.file));
  const bytesOf = new Map(items.map((i) => [i.path, i.bytes]));
  const batchInput = sum(batches.map((b) => guide + TASK_OVERHEAD + Math.ceil((bytesOf.get(b.file) ?? 0) / 3.5) + b.rows.length * ROW_TOKENS + 600));
  const batchOutput = sum(batches.map((b) => b.rows.length * ROW_ANSWER_TOKENS));
  // Reconcile (one call per disagreeing group) and refuters (two per batch of doubtful rows), capped by --field-map-share.
  const checks = plannedChecks(index, fieldPlan, batches.length, args.fieldMapShare, n);
  const checkInput = batches.length === 0 ? 0 : checks.high * (guide + TASK_OVERHEAD + batchInput / batches.length);
  const checkOutput = checks.high * 10 * ROW_ANSWER_TOKENS;
  const mapPhase: PlannedPhase = {
    title: 'map fields',
    batchable: true, // every call of the phase is sent with batch: true
    agents: range(batches.length, batches.length + checks.high),
    inputTokens: range(batchInput * 0.8, batchInput * 1.2 + checkInput),
    outputTokens: range(batchOutput * 0.6, batchOutput * 1.5 + checkOutput),
    cachedInputTokens: range(Math.max(0, batches.length - 1) * guide, Math.max(0, batches.length + checks.high - 1) * guide),
    note: `${mappedFields} struct fields${need.size < index.files.length ? ` of the ${need.size} file(s) the slice needs (its files and their imports; ${index.structFields.length - mappedFields} more wait for their own slices)` : ''}: ${fieldPlan.trivial.length} trivial (no model), ${mappedFields - fieldPlan.trivial.length} in ${fieldPlan.batches.length} batch(es)${fieldPlan.batches.length > batches.length ? `, ${fieldPlan.batches.length - batches.length} of them cached in LIFETIMES.tsv` : ''}; then up to ${checks.high} reconcile/refuter call(s) (${checks.groups} group(s) of related fields that may disagree; --field-map-share ${args.fieldMapShare} caps them at ${Number.isFinite(checks.cap) ? checks.cap : 'no limit'})`,
  };

  // port: port (+ parts) + gate and compile repairs 0–20% each + 1–2 reviewers × 1–2 rounds + 0–1 revision per file.
  const portIn = parts * (prefix + TASK_OVERHEAD) + zigTokens * 1.3; // the file, its summaries and rows
  const rustTokens = { low: zigTokens * 1.0, high: zigTokens * 1.6 };
  const reviewIn = (rounds: number): number => rounds * (reviewers / Math.max(1, n)) * (n * (prefix + TASK_OVERHEAD) + zigTokens + rustTokens.high * 1.2);
  const reviseIn = (share: number): number => share * (n * (prefix + TASK_OVERHEAD) + zigTokens + rustTokens.high + 500 * n);
  const portPhase: PlannedPhase = {
    title: 'port',
    batchable: (reviewIn(1) + reviewIn(2)) / (2 * portIn + reviewIn(1) + reviewIn(2)), // the reviews' share of the phase: they go with batch: true
    agents: range(parts + reviewers, parts + 2 * Math.ceil(0.2 * n) + 2 * reviewers + n),
    inputTokens: range(portIn + reviewIn(1), portIn * 1.2 + reviewIn(2) + reviseIn(1)),
    outputTokens: range(rustTokens.low * 0.8 + 2 * n * 150, rustTokens.high * 1.2 + rustTokens.high + 4 * n * 400),
    cachedInputTokens: range(Math.max(0, parts + reviewers - 1) * prefix, Math.max(0, parts + 2 * reviewers + 2 * n - 1) * prefix),
    note: `${n} file(s), ${lines} lines, ${parts} port prompt(s)${chunked.length > 0 ? ` (${chunked.length} file(s) ported in parts of at most ${partLines} lines)` : ''}; a behaviour reviewer per file and an ownership reviewer for ${withOwnership} (pointer, slice or allocator fields, FFI), × 1–2 rounds; cargo check before review; critical path ${chain.length} file(s): ${chain.join(' → ') || 'none'}; Rust output 1.0–1.6× the Zig's size`,
  };

  // fix loop: 0 when everything builds at once; up to about a third of the files per round for 3 rounds (a
  // tenth for 2 test rounds), never more than the rounds allow at --fixers-per-round.
  const fixersHigh = Math.min(Math.ceil(n * 0.35) * 3, args.fixersPerRound * args.fixRounds) + Math.min(Math.ceil(n * 0.1) * 2, args.fixersPerRound * args.testRounds);
  const perFix = prefix + TASK_OVERHEAD + 1500 + (n > 0 ? (zigTokens + rustTokens.high) / n : 0);
  /** A phase of up to `count` fixers (none when nothing needs fixing), each given a file and its problems. */
  const fixers = (title: string, count: number, note: string): PlannedPhase => ({
    title,
    agents: range(0, count),
    inputTokens: range(0, count * perFix),
    outputTokens: range(0, count * 1200),
    cachedInputTokens: range(0, Math.max(0, count - 1) * prefix),
    note,
  });
  const fixPhase = fixers('fix loop', fixersHigh, `cargo check then cargo test, at most ${args.fixRounds} + ${args.testRounds} rounds of at most ${args.fixersPerRound} fixers; expect 1–3 rounds with fixers for a third of the files at most`);

  // differential: no agent when nothing deviates; at most a fixer per file with deviations per round (a tenth of the files assumed at most).
  const compiler = args.differential ? await findZig(args.zig, input.cwd) : undefined;
  const differentialOn = compiler !== undefined && !('reason' in compiler);
  const diffPhase = fixers('differential', Math.ceil(n * 0.1) * args.differentialRounds, `the Zig and the port run on the same inputs (up to ${args.differentialInputs} per checkable pub fn); deviations go to fixers for at most ${args.differentialRounds} round(s); the Zig compiles and cargo cost nothing`);

  const warnings: string[] = [];
  if (compiler !== undefined && 'reason' in compiler) warnings.push(compiler.reason);
  if (zig.source === 'default') warnings.push(`the Zig version is unknown (no minimum_zig_version in a build.zig.zon at or above ${setup.input}, no --zig-version): prompts assume Zig ${DEFAULT_ZIG_VERSION} semantics`);
  const unreadable = sliceItems.filter((i) => i.error !== undefined);
  if (unreadable.length > 0) warnings.push(`${unreadable.length} file(s) cannot be read as Zig and will be skipped: ${unreadable.slice(0, 5).map((i) => `${i.path} (${i.error!.code})`).join(', ')}`);
  const broken = sliceItems.filter((i) => i.parseErrors.length > 0);
  if (broken.length > 0) warnings.push(`${broken.length} file(s) have Zig syntax errors the parser recovered from; they are ported with a warning: ${broken.slice(0, 5).map((i) => i.path).join(', ')}`);
  // Files beside a directory of the same name (`http.zig` and `http/`).
  const dirs = new Set(index.files.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const hosts = index.files.filter((f) => dirs.has(f.replace(/\.zig$/, '')));
  if (hosts.length > 0) warnings.push(`${hosts.slice(0, 5).join(', ')}${hosts.length > 5 ? ` and ${hosts.length - 5} more` : ''} sit beside a directory of the same name: the port of each declares the directory's modules in a generated block at its top`);
  if (index.imports.missing.length > 0) warnings.push(`${index.imports.missing.length} @import(s) name .zig files outside the project (e.g. ${index.imports.missing[0]!.from} → ${index.imports.missing[0]!.spec}); those references get TODO(port) markers`);
  if (setup.slices.length > 0 && n > 0.8 * index.files.length && index.files.length > 5) warnings.push(`the slice holds ${n} of ${index.files.length} files: most of the tree`);
  if (setup.foreign) warnings.push(`--force: ${setup.out} holds other files; the crate's files will be written over them`);
  const earlier = Object.keys(setup.manifest?.files ?? {}).length;

  return {
    facts: [
      ['input', setup.input],
      ['output', `${setup.out}${earlier > 0 ? ` (${earlier} file(s) ported by earlier runs are kept)` : ''}`],
      ...(setup.slices.length > 0 ? ([['slice', setup.slices.join(', ')]] as Array<[string, string]>) : []),
      ['files', setup.slices.length > 0 ? `${n} of ${index.files.length} .zig files` : `${n} .zig files`],
      ['lines', String(lines)],
      ['struct fields', `${mappedFields} to map (${mappedFields - fieldPlan.trivial.length} need an agent)${mappedFields < index.structFields.length ? ` of ${index.structFields.length} in the tree` : ''}`],
      ['zig tests', String(zigTests)],
      ['zig version', `${zig.version} (${zig.source === 'default' ? 'assumed: unknown' : zig.source === '--zig-version' ? '--zig-version' : `minimum_zig_version of ${zig.source}`})`],
      ['crate', `${setup.pkg}${layout.binFile !== undefined ? ' (library + binary from main.zig)' : ' (library)'}`],
      ['cargo', setup.cargo?.version ?? 'not checked'],
      ['differential', compiler === undefined ? 'off (--no-differential)' : 'reason' in compiler ? 'off: no Zig compiler (--zig, ZIG or zig on the PATH)' : `on: ${compiler.version} at ${compiler.path} (from ${compiler.source})`],
    ],
    phases: [mapPhase, portPhase, fixPhase, ...(differentialOn ? [diffPhase] : [])],
    assumptions: [
      'Tokens are estimated at 3.5 characters each; the Rust port is 1.0 to 1.6 times the size of the Zig.',
      'Every request carries the porting guide (and the field map when it is small) as a cached prefix, read from the cache after the first agent.',
      'Each file gets a behaviour reviewer (and an ownership reviewer when it has pointer, slice or allocator fields, FFI or pointer casts) for 1 to 2 rounds and at most one revision; up to a fifth of the ports need a gate repair, and up to a fifth a repair after cargo check.',
      'A file is ported once the files it imports have passed their gate, so the longest import chain (the critical path) bounds how fast the port phase can go.',
      'The fix loop typically needs 1 to 3 rounds with fixers for at most a third of the files; cargo itself costs nothing.',
      'Field-map rows cached by an earlier run into the same output are not paid for again.',
      `Field-map reconcile calls (groups of related fields whose classes disagree) and refuter pairs (UNKNOWN and low-confidence rows) stay within --field-map-share (${args.fieldMapShare}) of the run's agents; the high estimate assumes every batch needs them.`,
      'A resumed run pays only for the calls that had not completed.',
    ],
    ...(warnings.length > 0 ? { warnings } : {}),
    outputs: [setup.out],
  };
}
