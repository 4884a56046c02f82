/**
 * zig-to-rust: ports a Zig project to a Rust crate the way Bun was ported —
 * map the struct fields → port one file per agent (imports first), gate, cargo check, reviewers → fix loop against cargo
 * → differential checking against the Zig compiler, when one is found.
 * See README.md beside this file for the contract (output layout, structured answers, task prompts).
 */
import { join } from 'node:path';
import { defineRecipe, estimateTokens, indexProject, itemStage, renderMigrationReport } from 'migrate-kit';
import type { ContextBlock, RecipeContext, WorkItem } from 'migrate-kit';
import { args, resolveZigVersion, type ZigToRustArgs } from './args.js';
import { writeModuleTree } from './crate-files.js';
import { fieldMapBlock, fieldMapClosure, mapFields, MAX_PREFIX_MAP_TOKENS } from './field-map.js';
import { buildLoop, testLoop, type FixState, type PortedFile } from './fix-loop.js';
import { missingModules } from './fix-support.js';
import { binFileOf, buildLayout } from './layout.js';
import { planMigration } from './plan.js';
import { differentialPhase, notRun, type DifferentialResult, type DifferentialSummary } from './differential.js';
import { findZig } from './differential-zig.js';
import { crateChecker, portAll, type PortEnv, type PortResult } from './port.js';
import { summariesText } from './port-context.js';
import { portingDoc } from './porting-doc.js';
import { preflight, type Setup } from './preflight.js';
import { loadPrompts, promptFiles, recipeHashes } from './prompts.js';
import { buildReport, earlierItems, writeReport, type EarlierFile } from './report.js';
import { portOutcome } from './outcome.js';
import { OutputFiles } from './output-files.js';
import { sweepTemporaryFiles, takeOrRestoreBase, writeManifest, writeScaffold, type Manifest, type ManifestFile } from './scaffold.js';
import { UsageBook } from './usage.js';

/** Slice items in dependency order (imports first), as far as the import graph allows. */
function dependencyOrder(items: readonly WorkItem[], order: readonly string[][]): WorkItem[] {
  const byPath = new Map(items.map((item) => [item.path, item]));
  const ordered = order.flat().flatMap((path) => (byPath.has(path) ? [byPath.get(path)!] : []));
  const seen = new Set(ordered.map((item) => item.path));
  return [...ordered, ...items.filter((item) => !seen.has(item.path))];
}

/** Each ported Rust file → the ported Rust files its Zig file imports: the fix loop's dependency-first order. */
function portImports(ports: ReadonlyMap<string, PortedFile>, edges: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const rustOf = new Map([...ports].map(([rust, port]) => [port.zig, rust]));
  return new Map([...ports].map(([rust, port]) => [rust, (edges[port.zig] ?? []).flatMap((zig) => (rustOf.has(zig) ? [rustOf.get(zig)!] : []))]));
}

function command(a: ZigToRustArgs, setup: Setup): string {
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return ['migrate', 'zig-to-rust', quote(a.input), '--out', quote(setup.out), ...a.slice.flatMap((s) => ['--slice', quote(s)]), ...a.exclude.flatMap((s) => ['--exclude', quote(s)])].join(' ');
}

async function run(ctx: RecipeContext<ZigToRustArgs>): Promise<Record<string, unknown>> {
  const a = ctx.args;
  const setup = await preflight(a, ctx.cwd);
  // Every prompt names the Zig version whose semantics apply (--zig-version, build.zig.zon, or the default).
  const prompts = await loadPrompts(undefined, { zigVersion: (await resolveZigVersion(setup.input, a.zigVersion)).version });
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
  // What the recipe writes is recorded as it is written (sha256 per file), over the records of earlier runs.
  const files = new OutputFiles(setup.out, ctx.runId, base.outputs);
  const manifest: Manifest = {
    tool: 'migrate-kit',
    recipe: 'zig-to-rust',
    version: 1,
    input: setup.input,
    package: setup.pkg,
    files: { ...base.files },
    runs: [...new Set([...(previous?.runs ?? []), ctx.runId])],
  };
  await writeManifest(files, manifest);
  await writeScaffold(files, setup.pkg);

  const { rows, warnings: mapWarnings } = await ctx.phase('map fields', () => mapFields({ ctx, prompts, out: setup.out, files, index, items, need: fieldMapClosure(index, slice), batchSize: a.fieldBatch, usage, layout, share: a.fieldMapShare, portedFiles: items.filter((item) => slice.has(item.path) && item.error === undefined).length }));
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
  for (const r of skipped) itemStage(r.path, 'skipped', { detail: r.error! });
  const env: PortEnv = {
    ctx,
    prompts,
    out: setup.out,
    files,
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
    // cargo check before review: one check at a time on a copy of the crate so far, ports that pass their gate meanwhile batched.
    check: crateChecker({ ctx, out: setup.out, crate: setup.crate, layout, targetDir: setup.targetDir, slice }),
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
  await writeModuleTree(files, layout, inCrate);
  await writeManifest(files, manifest);

  const ports = new Map<string, PortedFile>();
  for (const zig of inCrate) ports.set(layout.entries.get(zig)!.rust, { zig, absZig: join(setup.input, zig) });
  const zigTests = [...inCrate].reduce((n, zig) => n + (itemOf.get(zig)?.tests.length ?? 0), 0);
  const state: FixState = { changed: new Map(), warnings };
  // Nothing in the crate: cargo has nothing to build, and the report claims no build and no tests.
  if (inCrate.size === 0) warnings.push('nothing is in the crate (no file was ported), so cargo check and cargo test did not run');
  const { build, tests } = inCrate.size === 0 ? { build: undefined, tests: undefined } : await ctx.phase('fix loop', async () => {
    const fixEnv = {
      ctx,
      prompts,
      out: setup.out,
      files,
      crate: setup.crate,
      targetDir: setup.targetDir,
      ports,
      missing: missingModules(layout, inCrate),
      usage,
      system: prompts.texts.system,
      prefix,
      buildRounds: a.fixRounds,
      testRounds: a.testRounds,
      fixersPerRound: a.fixersPerRound,
      imports: portImports(ports, index.imports.edges),
      // Fixers see the Rust API of the files each file imports, as the crate has them now.
      interfaces: (zig: string) => {
        const item = itemOf.get(zig);
        return item === undefined ? '' : summariesText(item, index, { out: setup.out, layout });
      },
    };
    const build = await buildLoop(fixEnv, state);
    // Tests run only when the crate builds, and count only when cargo compiled and ran them.
    const tests = build.ok ? await testLoop(fixEnv, state, zigTests) : undefined;
    return { build, tests: state.testsRan === true ? tests : undefined };
  });
  if (build !== undefined && !build.ok) warnings.push(`cargo test did not run: the crate does not build (the ported Zig files have ${zigTests} test block(s))`);
  if (build?.ok === true && tests === undefined) warnings.push(`cargo test did not run: the tests do not compile (${state.testErrors ?? 0} error(s))`);
  if (tests !== undefined && tests.stoppedBy === 'clean' && tests.total !== zigTests) {
    warnings.push(`cargo test ran ${tests.total} test(s); the ported Zig files have ${zigTests} test block(s)`);
  }

  // Differential checking: the Zig and the port on the same inputs, when the crate builds and a Zig compiler is
  // found; its fixers run only when the tests pass (a fix must keep them passing).
  let differential: DifferentialResult | undefined;
  let differentialSummary: DifferentialSummary;
  if (!a.differential) differentialSummary = notRun('turned off (--no-differential)');
  else if (build?.ok !== true) differentialSummary = notRun(inCrate.size === 0 ? 'nothing is in the crate' : 'the crate does not build');
  else {
    const zig = await findZig(a.zig, ctx.cwd);
    if ('reason' in zig) {
      warnings.push(zig.reason);
      differentialSummary = notRun(zig.reason.replace(/^differential checking skipped: /, ''));
    } else {
      const testsClean = tests?.stoppedBy === 'clean';
      differential = await ctx.phase('differential', () =>
        differentialPhase({
          ctx,
          prompts,
          zig,
          input: setup.input,
          out: setup.out,
          files,
          targetDir: setup.targetDir,
          items: [...inCrate].flatMap((zigPath) => (itemOf.has(zigPath) ? [itemOf.get(zigPath)!] : [])),
          layout,
          usage,
          system: prompts.texts.system,
          prefix,
          rounds: testsClean ? a.differentialRounds : 0,
          cap: a.differentialInputs,
          changed: state.changed,
          warnings,
        }),
      );
      differentialSummary = differential.summary;
      if (!testsClean && differentialSummary.deviations.remaining > 0) warnings.push('differential: deviations were not sent to fixers because cargo test does not pass (a fix could not be verified)');
    }
  }

  // Artifacts: the report (JSON and Markdown) and PORTING.md. The report covers the whole crate: the files
  // earlier runs handled keep their latest outcome (from the report they left, else the manifest).
  const thisRun = new Set(results.map((r) => r.path));
  const before = await earlierItems(setup.out, (w) => warnings.push(w));
  const earlier = new Map<string, EarlierFile>();
  for (const [zig, file] of Object.entries(manifest.files) as Array<[string, ManifestFile]>) {
    if (thisRun.has(zig) || !inCrate.has(zig)) continue;
    const item = before.get(zig);
    const outcome = item !== undefined && item.outcome !== 'ok' && item.outcome !== 'unchanged' ? item.outcome : file.outcome;
    earlier.set(zig, { output: file.output, outcome, runId: file.runId, ...(item !== undefined ? { item } : {}) });
  }
  // Files an earlier run could not port (failed, skipped) have no output, only their report item.
  for (const [zig, item] of before) {
    if (!thisRun.has(zig) && !earlier.has(zig) && item.output === undefined && itemOf.has(zig)) earlier.set(zig, { outcome: item.outcome, runId: item.runId, item });
  }
  const report = await buildReport({
    runId: ctx.runId,
    input: setup.input,
    out: setup.out,
    slices: setup.slices,
    command: command(a, setup),
    hashes: await recipeHashes(),
    results,
    earlier,
    treeFiles: items.length,
    changed: state.changed,
    tests: new Map(items.map((item) => [item.path, item.tests.length])),
    usage,
    ...(build !== undefined ? { build } : {}),
    ...(tests !== undefined ? { testSummary: tests } : {}),
    warnings,
  });
  const outcome = portOutcome({
    results,
    inCrate: inCrate.size,
    build,
    ...(state.buildErrorFiles !== undefined ? { buildErrorFiles: state.buildErrorFiles } : {}),
    tests,
    ...(state.testErrors !== undefined ? { testErrors: state.testErrors } : {}),
    zigTests,
    ...(differential !== undefined ? { deviations: differential.summary.deviations.remaining } : {}),
  });
  report.differential = differentialSummary;
  for (const [zigPath, list] of differential?.deviations ?? []) {
    const item = report.items.find((i) => i.path === zigPath);
    if (item !== undefined) item.deviations = list;
  }
  for (const [zigPath, list] of differential?.unchecked ?? []) {
    const item = report.items.find((i) => i.path === zigPath);
    if (item !== undefined) item.unchecked = list;
  }
  report.outcome = outcome;
  // PORTING.md and MIGRATION_REPORT.md are recorded as they are written, then the manifest (which carries the
  // records to later runs), then report.json with every record: the Markdown does not show the records, so
  // its hash is known before report.json is written.
  const outcomes = new Map(Object.entries(manifest.files).map(([zig, f]) => [zig, f.outcome]));
  await files.write('PORTING.md', portingDoc(prompts.texts.guide, layout, outcomes));
  await files.write('MIGRATION_REPORT.md', renderMigrationReport(report));
  await writeManifest(files, manifest);
  report.files = files.all();
  const reportPath = await writeReport(setup.out, report);
  ctx.log(`${outcome.ok ? 'ok' : 'NOT OK'}: ${outcome.summary}; ${report.totals.approved} approved, ${report.totals.unapproved} unapproved, ${report.totals.failed} failed, ${report.totals.skipped} skipped; report: ${join(setup.out, 'MIGRATION_REPORT.md')}`);
  return {
    report: reportPath,
    outcome,
    out: setup.out,
    files: report.totals.files,
    approved: report.totals.approved,
    unapproved: report.totals.unapproved,
    failed: report.totals.failed,
    skipped: report.totals.skipped,
    ...(build !== undefined ? { build: build.ok } : {}),
    ...(tests !== undefined ? { tests: { passed: tests.passed, failed: tests.failed, total: tests.total, zigTests } } : {}),
    differential: differentialSummary.ran ? { checked: differentialSummary.functions.checked, inputs: differentialSummary.inputs, deviations: differentialSummary.deviations.remaining } : { skipped: differentialSummary.note ?? '' },
  };
}

export default defineRecipe<ZigToRustArgs>({
  name: 'zig-to-rust',
  description:
    'Ports a Zig project to a Rust crate: maps struct fields, ports each file (after its imports) with a deterministic gate, cargo check and reviewers, then fixes the crate against cargo check and cargo test.',
  args,
  positionals: ['input'],
  plan: (input) => planMigration(input),
  prompts: () => promptFiles(),
  run: (ctx) => run(ctx),
});
