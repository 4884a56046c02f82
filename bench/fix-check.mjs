// Fix-loop build step: `cargo check --all-targets` (one process, no code generation) against the earlier
// `cargo build` + `cargo test --no-run`, on the scale benchmark's crate with its compile faults swapped in.
//
//   npm run build && node bench/fix-check.mjs [--files 300] [--seed 1] [--rounds 3] [--json]
//
// Steps: bench/lib/scale-project.mjs writes an N-file project; its golden crate is copied to a temporary
// directory with every `no-compile` and `cascade` fault port swapped in (the crate the fix loop sees in its first
// round). Each way runs in its own CARGO_TARGET_DIR: a cold round (empty target directory), then --rounds warm
// rounds, each after a one-line edit of one faulty file (what a fixer does between rounds), then the clean round
// (every fault fixed: the crate builds, so `cargo build` generates code). Both ways run through
// the toolkit's `cargoBuild`, without the sandbox (it measures cargo). Prints seconds per round, the errors each
// way found, and the ratio check / (build + test --no-run); lower is better.
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScaleProject } from './lib/scale-project.mjs';

const dist = new URL('../dist/index.js', import.meta.url);
if (!existsSync(dist)) {
  console.error('bench/fix-check.mjs needs the compiled package: run `npm run build` first.');
  process.exit(2);
}
const { cargoBuild } = await import(dist.href);

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a positive integer, got ${JSON.stringify(args[i + 1])}`);
    process.exit(2);
  }
  return value;
};
const files = flag('files', 300);
const seed = flag('seed', 1);
const rounds = flag('rounds', 3);
const json = args.includes('--json');

const work = mkdtempSync(join(tmpdir(), 'bench-fix-check-'));
try {
  const project = join(work, 'project');
  const summary = writeScaleProject(project, { files, seed });
  const crate = join(work, 'crate');
  cpSync(join(project, 'golden'), crate, { recursive: true });
  const faulty = [...summary.faults['no-compile'], ...summary.faults.cascade].map((zig) => zig.replace(/\.zig$/, ''));
  // Both kinds are written as `<rel>.no-compile.rs` (a cascade breaks its importers too).
  for (const rel of faulty) cpSync(join(project, 'faults', `${rel}.no-compile.rs`), join(crate, 'src', `${rel}.rs`));

  const ways = {
    'build + test --no-run': { tests: true },
    'check --all-targets': { check: true, tests: false, extraArgs: ['--all-targets'] },
  };
  const results = {};
  for (const [name, options] of Object.entries(ways)) {
    const targetDir = join(work, `target-${name.replace(/\W+/g, '-')}`);
    const times = [];
    let errors = 0;
    for (let round = 0; round <= rounds; round++) {
      if (round > 0) appendFileSync(join(crate, 'src', `${faulty[round % faulty.length]}.rs`), `// fixer edit ${name} ${round}\n`);
      const started = performance.now();
      const build = await cargoBuild(crate, { ...options, targetDir, sandbox: false });
      times.push((performance.now() - started) / 1000);
      errors = build.errors.length;
      if (build.cargoErrors.length > 0) throw new Error(`cargo failed: ${build.cargoErrors.join('; ')}`);
    }
    // The last round: every fault fixed (the golden files back), the crate builds; then the faults again for the other way.
    for (const rel of faulty) cpSync(join(project, 'golden', 'src', `${rel}.rs`), join(crate, 'src', `${rel}.rs`));
    const started = performance.now();
    const clean = await cargoBuild(crate, { ...options, targetDir, sandbox: false });
    const cleanSeconds = (performance.now() - started) / 1000;
    if (!clean.ok) throw new Error(`the golden crate does not build: ${clean.errors.length} errors`);
    for (const rel of faulty) cpSync(join(project, 'faults', `${rel}.no-compile.rs`), join(crate, 'src', `${rel}.rs`));
    results[name] = { cold: times[0], warm: times.slice(1), warmMean: times.slice(1).reduce((a, b) => a + b, 0) / rounds, clean: cleanSeconds, errors };
  }
  const before = results['build + test --no-run'];
  const after = results['check --all-targets'];
  const figures = {
    files,
    rustLines: summary.rustLines,
    faultyFiles: faulty.length,
    ...results,
    ratioCold: after.cold / before.cold,
    ratioWarm: after.warmMean / before.warmMean,
    ratioClean: after.clean / before.clean,
  };
  if (json) console.log(JSON.stringify(figures, null, 2));
  else {
    console.log(`crate: ${files} files, ${summary.rustLines} lines of Rust, ${faulty.length} files with compile faults swapped in`);
    for (const [name, r] of Object.entries(results)) {
      console.log(`${name.padEnd(22)} cold ${r.cold.toFixed(1)} s; warm rounds ${r.warm.map((t) => t.toFixed(1)).join(', ')} s (mean ${r.warmMean.toFixed(1)} s); ${r.errors} errors; the clean round ${r.clean.toFixed(1)} s`);
    }
    console.log(`check / (build + test --no-run): cold ${figures.ratioCold.toFixed(2)}, warm ${figures.ratioWarm.toFixed(2)}, clean round ${figures.ratioClean.toFixed(2)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
