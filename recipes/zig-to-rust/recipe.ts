/**
 * zig-to-rust: ports a Zig project to a Rust crate the way Bun was ported —
 * map the struct fields → port one file per agent, gate, two reviewers → fix loop against cargo.
 * See README.md beside this file for the contract (output layout, structured answers, task prompts).
 */
import { join } from 'node:path';
import { defineRecipe, estimateTokens, indexProject } from 'migrate-kit';
import type { ContextBlock, RecipeContext, WorkItem } from 'migrate-kit';
import { args, type ZigToRustArgs } from './args.js';
import { writeModuleTree } from './crate-files.js';
import { fieldMapBlock, mapFields, MAX_PREFIX_MAP_TOKENS } from './field-map.js';
import { buildLoop, testLoop, type FixState, type PortedFile } from './fix-loop.js';
import { missingModules } from './fix-support.js';
import { binFileOf, buildLayout } from './layout.js';
import { planMigration } from './plan.js';
import { portAll, type PortEnv, type PortResult } from './port.js';
import { portingDoc } from './porting-doc.js';
import { preflight, type Setup } from './preflight.js';
import { loadPrompts, recipeHashes } from './prompts.js';
import { buildReport, writeReport } from './report.js';
import { sweepTemporaryFiles, takeOrRestoreBase, writeAtomic, writeManifest, writeScaffold, type Manifest, type ManifestFile } from './scaffold.js';
import { UsageBook } from './usage.js';

/** Slice items in dependency order (imports first), as far as the import graph allows. */
function dependencyOrder(items: readonly WorkItem[], order: readonly string[][]): WorkItem[] {
  const byPath = new Map(items.map((item) => [item.path, item]));
  const ordered = order.flat().flatMap((path) => (byPath.has(path) ? [byPath.get(path)!] : []));
  const seen = new Set(ordered.map((item) => item.path));
  return [...ordered, ...items.filter((item) => !seen.has(item.path))];
}

function command(a: ZigToRustArgs, setup: Setup): string {
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return ['migrate', 'zig-to-rust', quote(a.input), '--out', quote(setup.out), ...a.slice.flatMap((s) => ['--slice', quote(s)]), ...a.exclude.flatMap((s) => ['--exclude', quote(s)])].join(' ');
}

async function run(ctx: RecipeContext<ZigToRustArgs>): Promise<Record<string, unknown>> {
  const a = ctx.args;
  const setup = await preflight(a, ctx.cwd);
  const prompts = await loadPrompts();
  const usage = new UsageBook();
  const warnings: string[] = [];

  ctx.log(`indexing ${setup.input}`);
  const { index, items } = await indexProject(setup.input, { exclude: setup.exclude });
  const slice = new Set(setup.sliceFiles);
  const layout = buildLayout(index.files, setup.crate, binFileOf(items));
  const itemOf = new Map(items.map((item) => [item.path, item]));

  // The manifest that marks the output as ours comes first (a crash right after it leaves an output a resume
  // accepts), then the files earlier runs ported, as this run first found them, then the crate scaffold.
  const previous: Manifest | undefined = setup.manifest;
  await sweepTemporaryFiles(setup.out);
  const base = await takeOrRestoreBase(setup.out, ctx.runId, previous);
  const manifest: Manifest = {
    tool: 'migrate-kit',
    recipe: 'zig-to-rust',
    version: 1,
    input: setup.input,
    package: setup.pkg,
    files: { ...base.files },
    runs: [...new Set([...(previous?.runs ?? []), ctx.runId])],
  };
  await writeManifest(setup.out, manifest);
  await writeScaffold(setup.out, setup.pkg);

  const { rows, warnings: mapWarnings } = await ctx.phase('map fields', () => mapFields({ ctx, prompts, out: setup.out, index, items, batchSize: a.fieldBatch, usage }));
  warnings.push(...mapWarnings);
  const mapBlock = fieldMapBlock(rows);
  const wholeMapInPrefix = estimateTokens(mapBlock) <= MAX_PREFIX_MAP_TOKENS;
  const prefix: ContextBlock[] = [{ text: prompts.texts.guide, cache: true }, ...(wholeMapInPrefix ? [{ text: mapBlock, cache: true }] : [])];

  // Port the slice, dependencies first.
  const sliceItems = dependencyOrder(
    items.filter((item) => slice.has(item.path)),
    index.imports.order,
  );
  const skipped: PortResult[] = sliceItems
    .filter((item) => item.error !== undefined)
    .map((item) => ({ path: item.path, outcome: 'skipped', todos: [], reviewers: [], reviewRounds: 0, warnings: [], error: `${item.error!.code}: ${item.error!.message}` }));
  const env: PortEnv = {
    ctx,
    prompts,
    out: setup.out,
    crate: setup.crate,
    layout,
    index,
    rows,
    wholeMapInPrefix,
    usage,
    system: prompts.texts.system,
    prefix,
    reviseRounds: a.reviseRounds,
    gateRetries: a.gateRetries,
    chunkLines: a.chunkLines,
    ...(a.reviewModel !== undefined ? { reviewModel: a.reviewModel } : {}),
  };
  const ported = await ctx.phase('port', () =>
    portAll(
      env,
      sliceItems.filter((item) => item.error === undefined),
    ),
  );
  const results = [...ported, ...skipped];

  // The module tree declares the files ported so far: earlier runs' and this run's.
  for (const r of results) {
    if (r.rust === undefined || r.output === undefined) continue;
    manifest.files[r.path] = { output: r.output, sha256: itemOf.get(r.path)?.sha256 ?? '', runId: ctx.runId, outcome: r.outcome };
  }
  const inCrate = new Set(Object.keys(manifest.files).filter((zig) => layout.entries.has(zig)));
  await writeModuleTree(setup.out, layout, inCrate);
  await writeManifest(setup.out, manifest);

  const ports = new Map<string, PortedFile>();
  for (const zig of inCrate) ports.set(layout.entries.get(zig)!.rust, { zig, absZig: join(setup.input, zig) });
  const zigTests = [...inCrate].reduce((n, zig) => n + (itemOf.get(zig)?.tests.length ?? 0), 0);
  const state: FixState = { changed: new Map(), warnings };
  const { build, tests } = await ctx.phase('fix loop', async () => {
    const fixEnv = {
      ctx,
      prompts,
      out: setup.out,
      crate: setup.crate,
      targetDir: setup.targetDir,
      ports,
      missing: missingModules(layout, inCrate),
      usage,
      system: prompts.texts.system,
      prefix,
      buildRounds: a.fixRounds,
      testRounds: a.testRounds,
    };
    const build = await buildLoop(fixEnv, state);
    const tests = build.ok
      ? await testLoop(fixEnv, state, zigTests)
      : { passed: 0, failed: 0, total: 0, zigTests, rounds: 0, stoppedBy: 'build-failed' };
    return { build, tests };
  });
  if (tests.stoppedBy === 'clean' && tests.total !== zigTests) {
    warnings.push(`cargo test ran ${tests.total} test(s); the ported Zig files have ${zigTests} test block(s)`);
  }

  // Artifacts: the report (JSON and Markdown) and PORTING.md.
  const thisRun = new Set(results.map((r) => r.path));
  const earlier = new Map(
    Object.entries(manifest.files)
      .filter(([zig]) => !thisRun.has(zig) && inCrate.has(zig))
      .map(([zig, file]: [string, ManifestFile]) => [zig, file.output]),
  );
  const report = await buildReport({
    runId: ctx.runId,
    input: setup.input,
    out: setup.out,
    slices: setup.slices,
    command: command(a, setup),
    hashes: await recipeHashes(),
    results,
    earlier,
    changed: state.changed,
    tests: new Map(items.map((item) => [item.path, item.tests.length])),
    usage,
    build,
    testSummary: tests,
    warnings,
  });
  const reportPath = await writeReport(setup.out, report);
  const outcomes = new Map(Object.entries(manifest.files).map(([zig, f]) => [zig, f.outcome]));
  await writeAtomic(join(setup.out, 'PORTING.md'), portingDoc(prompts.texts.guide, layout, outcomes));
  ctx.log(
    `${report.totals.approved} approved, ${report.totals.unapproved} unapproved, ${report.totals.failed} failed, ${report.totals.skipped} skipped; build ${build.ok ? 'ok' : `failed (${build.stoppedBy})`}; tests ${tests.passed}/${tests.total} (Zig: ${zigTests}); report: ${join(setup.out, 'MIGRATION_REPORT.md')}`,
  );
  return {
    report: reportPath,
    out: setup.out,
    files: report.totals.files,
    approved: report.totals.approved,
    unapproved: report.totals.unapproved,
    failed: report.totals.failed,
    skipped: report.totals.skipped,
    build: build.ok,
    tests: { passed: tests.passed, total: tests.total, zigTests },
  };
}

export default defineRecipe<ZigToRustArgs>({
  name: 'zig-to-rust',
  description:
    'Ports a Zig project to a Rust crate: maps struct fields, ports each file with a deterministic gate and two reviewers, then fixes the crate against cargo build and cargo test.',
  args,
  positionals: ['input'],
  plan: (input) => planMigration(input),
  run: (ctx) => run(ctx),
});
