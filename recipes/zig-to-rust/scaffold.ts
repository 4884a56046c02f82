/**
 * The deterministic parts of the output crate: Cargo.toml, .gitignore, the `.migrate-kit.json` manifest
 * that marks the directory as this migration's output, and the per-run snapshot of files ported by earlier
 * runs (restored on resume so a resumed run starts from the same files and asks the same questions).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ItemOutcome } from 'migrate-kit';
import { TEMP_SUFFIX, type FileRecord, type OutputFiles } from './output-files.js';

export { writeAtomic } from './output-files.js';

export const MANIFEST_FILE = '.migrate-kit.json';
/** The recipe's work area inside the output (caches, per-run snapshots); ignored by git. */
export const WORK_DIR = '.migrate-kit';
const GENERIC_DIRS = new Set(['src', 'source', 'sources', 'lib', 'zig', 'code']);
const RESERVED_NAMES = new Set(['std', 'core', 'alloc', 'proc_macro', 'test', 'self', 'super', 'crate']);

export interface ManifestFile {
  /** The Rust file, relative to the output. */
  output: string;
  /** sha256 of the Zig file when it was ported. */
  sha256: string;
  runId: string;
  outcome: ItemOutcome;
}

export interface Manifest {
  tool: 'migrate-kit';
  recipe: 'zig-to-rust';
  version: 1;
  /** The input root (absolute). */
  input: string;
  package: string;
  /** Ported Zig files (relative to the input) → their output. */
  files: Record<string, ManifestFile>;
  /** Runs that wrote into this output, oldest first. */
  runs: string[];
  /**
   * The files of the output the recipe wrote (path relative to the output → sha256 and run), the manifest
   * itself and report.json left out: what a later run carries over into its report's `files`.
   */
  outputs?: Record<string, FileRecord>;
}

/** The Cargo package name: from `--name`, else the input directory (its parent's name for `src/`-like names). */
export function packageName(inputRoot: string, given?: string): string {
  if (given !== undefined) return given;
  let dir = inputRoot;
  while (GENERIC_DIRS.has(basename(dir).toLowerCase()) && dirname(dir) !== dir) dir = dirname(dir);
  let name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[-_]+|[-_]+$/g, '');
  if (name === '') name = 'ported';
  if (!/^[a-z]/.test(name)) name = `zig_${name}`;
  if (RESERVED_NAMES.has(name)) name = `${name}_rs`;
  return name;
}

/** The crate name Rust code uses (`-` becomes `_`). */
export function crateName(pkg: string): string {
  return pkg.replace(/-/g, '_');
}

export function cargoToml(pkg: string): string {
  return [
    '[package]',
    `name = "${pkg}"`,
    'version = "0.1.0"',
    'edition = "2021"',
    '',
    '[dependencies]',
    `${ZIG_STD} = { path = "${ZIG_STD}" }`,
    '',
    '# An empty workspace table: the crate builds on its own even inside another Cargo workspace.',
    '[workspace]',
    '',
  ].join('\n');
}

/**
 * `zig_std`, Zig 0.11's standard library with Zig's semantics in std-only Rust (see `zig_std/src/lib.rs` beside
 * this module and the recipe README). Every output crate carries it as a path dependency in `<out>/zig_std/`
 * (Cargo.toml and src/, copied as they are): the empty `[workspace]` of the crate makes it a member, it builds
 * offline, and ports call `zig_std::mem::index_of` instead of re-implementing Zig's std. The porting guide
 * carries an index of its signatures.
 */
export const ZIG_STD = 'zig_std';
/** Where the recipe keeps the crate it copies (`recipes/zig-to-rust/zig_std/`). */
export const ZIG_STD_SOURCE = fileURLToPath(new URL(`./${ZIG_STD}/`, import.meta.url));

let zigStdCache: ReadonlyMap<string, string> | undefined;

/**
 * The files of zig_std as the output crate gets them: `zig_std/Cargo.toml` and `zig_std/src/*.rs` (paths
 * relative to the output) → content. Read once from {@link ZIG_STD_SOURCE}; an ejected recipe copies its own.
 */
export function zigStdFiles(): ReadonlyMap<string, string> {
  if (zigStdCache !== undefined) return zigStdCache;
  const files = new Map<string, string>();
  files.set(`${ZIG_STD}/Cargo.toml`, readFileSync(join(ZIG_STD_SOURCE, 'Cargo.toml'), 'utf8'));
  for (const name of readdirSync(join(ZIG_STD_SOURCE, 'src')).filter((n) => n.endsWith('.rs')).sort()) {
    files.set(`${ZIG_STD}/src/${name}`, readFileSync(join(ZIG_STD_SOURCE, 'src', name), 'utf8'));
  }
  zigStdCache = files;
  return files;
}

/** Writes zig_std into the output (only files whose content changed are rewritten, and each is recorded). */
export async function writeZigStd(files: OutputFiles): Promise<void> {
  for (const [path, content] of zigStdFiles()) {
    await mkdir(dirname(join(files.out, path)), { recursive: true });
    await files.writeIfChanged(path, content);
  }
}

export const GITIGNORE = ['/target/', `/${WORK_DIR}/`, ''].join('\n');

/**
 * Skipped tests. Zig's `return error.SkipZigTest` has no Rust counterpart (libtest cannot skip at run time),
 * so a port's early return would count as a pass. The convention: the test calls `zig_skip!("reason")`,
 * which prints `MIGRATE_SKIP: <test name> <reason>` and returns from the test; the toolchain reads the line
 * and the test loop counts the test as skipped, never as passed. The marker is written straight to the
 * stderr handle, which libtest does not capture (`eprintln!` would be captured and lost for a passing
 * test), so no `--nocapture`/`--show-output` is needed and libtest's status lines on stdout stay whole.
 * The helper module is written, and declared first in lib.rs with `#[macro_use]`, only when a ported file
 * uses `zig_skip!`: crates without skipped tests are unchanged.
 */
export const SKIP_MACRO = 'zig_skip';
/** The marker the toolchain reads (its `SKIP_MARKER`). */
export const SKIP_MARKER = 'MIGRATE_SKIP';

/** Whether a Rust source invokes the skip macro (`zig_skip!(…)`, `crate::zig_skip!`, `<crate>::zig_skip!`). */
export function usesSkip(source: string): boolean {
  return /\bzig_skip!\s*[([{]/.test(source);
}

/** `src/<module>.rs`: the std-only skip helper; `module` is where lib.rs declares it (`zig_skip`). */
export function skipHelper(module: string): string {
  return `//! Written by migrate-kit (zig-to-rust): the port of Zig's \`error.SkipZigTest\`.
//!
//! In a test, \`zig_skip!("fixture {} missing", path)\` prints \`${SKIP_MARKER}: <test name> <reason>\` and
//! returns from the test (\`()\` or \`Ok(())\`). The line goes straight to stderr, which the test harness does
//! not capture, so the port's test loop counts the test as skipped, not passed. Library code calls it as
//! \`zig_skip!\` or \`crate::zig_skip!\`, src/main.rs as \`<crate>::zig_skip!\`.

/// Prints the skip marker for the running test (libtest names each test's thread after the test).
#[doc(hidden)]
pub fn skip(reason: &str) {
    use std::io::Write;
    let thread = std::thread::current();
    let line = format!("${SKIP_MARKER}: {} {}\\n", thread.name().unwrap_or("<unnamed>"), reason.replace('\\n', " "));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// What a skipped test returns: \`()\` or \`Ok(())\`.
#[doc(hidden)]
pub trait Skipped {
    fn skipped() -> Self;
}

impl Skipped for () {
    fn skipped() -> Self {}
}

impl<E> Skipped for Result<(), E> {
    fn skipped() -> Self {
        Ok(())
    }
}

/// Skips the running test: prints the marker with the reason (\`format!\` arguments), then returns.
#[macro_export]
macro_rules! ${SKIP_MACRO} {
    ($($reason:tt)+) => {{
        $crate::${module}::skip(&::std::format!($($reason)+));
        return $crate::${module}::Skipped::skipped();
    }};
}
`;
}

/** The lines lib.rs starts with when the helper is in the crate (first, so \`#[macro_use]\` reaches every module). */
export function skipDeclaration(module: string): string {
  return `#[macro_use]\n#[doc(hidden)]\npub mod ${module};\n`;
}

export async function readManifest(out: string): Promise<Manifest | undefined> {
  try {
    const value = JSON.parse(await readFile(join(out, MANIFEST_FILE), 'utf8')) as Partial<Manifest>;
    if (value.tool !== 'migrate-kit' || value.recipe !== 'zig-to-rust' || typeof value.input !== 'string') return undefined;
    return {
      tool: 'migrate-kit',
      recipe: 'zig-to-rust',
      version: 1,
      input: value.input,
      package: String(value.package ?? ''),
      files: value.files ?? {},
      runs: value.runs ?? [],
      ...(value.outputs !== undefined ? { outputs: value.outputs } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Removes temporary files a killed run left in the output (outside target/ and the work area). */
export async function sweepTemporaryFiles(out: string): Promise<void> {
  const walk = async (dir: string, top: boolean): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!(top && (entry.name === 'target' || entry.name === WORK_DIR))) await walk(join(dir, entry.name), false);
      } else if (entry.name.endsWith(TEMP_SUFFIX)) {
        await rm(join(dir, entry.name), { force: true });
      }
    }
  };
  await walk(out, true);
}

/** Writes the manifest with the output's file records so far (`outputs`: every recorded file but the manifest). */
export async function writeManifest(files: OutputFiles, manifest: Manifest): Promise<void> {
  manifest.outputs = files.all([MANIFEST_FILE]);
  await files.write(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function writeScaffold(files: OutputFiles, pkg: string): Promise<void> {
  await mkdir(join(files.out, 'src'), { recursive: true });
  await files.writeIfChanged('Cargo.toml', cargoToml(pkg));
  await files.writeIfChanged('.gitignore', GITIGNORE);
  await writeZigStd(files);
}

/**
 * Files of the output besides the ports that a resumed session must find as its run first found them:
 * LIFETIMES.tsv is the field map's cache, so rows the first session decided are asked again (and answered by
 * the journal at no cost) instead of silently reused.
 */
const BASE_EXTRAS = ['LIFETIMES.tsv'];

export interface BaseSnapshot {
  /** Files ported by earlier runs, as the manifest listed them when this run first started. */
  files: Record<string, ManifestFile>;
  /** Which of {@link BASE_EXTRAS} existed then (saved beside the ports); the others are removed on restore. */
  extras?: string[];
  /** The records of the output's files earlier runs wrote, as the manifest had them then. */
  outputs?: Record<string, FileRecord>;
}

/**
 * The state this run started from. The first session copies the files earlier runs ported into `<out>/.migrate-kit/runs/<runId>/base/`; a resumed session restores them from there, so
 * its fix loop sees the same files as the first session did.
 */
export async function takeOrRestoreBase(out: string, runId: string, manifest: Manifest | undefined): Promise<BaseSnapshot> {
  const dir = join(out, WORK_DIR, 'runs', runId, 'base');
  const index = join(dir, 'base.json');
  const existing = await readFile(index, 'utf8').then((t) => JSON.parse(t) as BaseSnapshot).catch(() => undefined);
  if (existing !== undefined) {
    for (const file of Object.values(existing.files)) {
      const saved = join(dir, file.output);
      if (await exists(saved)) {
        await mkdir(dirname(join(out, file.output)), { recursive: true });
        await cp(saved, join(out, file.output));
      }
    }
    if (existing.extras !== undefined) {
      for (const extra of BASE_EXTRAS) {
        if (existing.extras.includes(extra)) await cp(join(dir, 'extras', extra), join(out, extra));
        else await rm(join(out, extra), { force: true });
      }
    }
    return existing;
  }
  const files = { ...(manifest?.files ?? {}) };
  const temp = `${dir}.${process.pid}${TEMP_SUFFIX}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  for (const file of Object.values(files)) {
    if (await exists(join(out, file.output))) {
      await mkdir(dirname(join(temp, file.output)), { recursive: true });
      await cp(join(out, file.output), join(temp, file.output));
    }
  }
  const extras: string[] = [];
  for (const extra of BASE_EXTRAS) {
    if (!(await exists(join(out, extra)))) continue;
    await mkdir(join(temp, 'extras'), { recursive: true });
    await cp(join(out, extra), join(temp, 'extras', extra));
    extras.push(extra);
  }
  const snapshot: BaseSnapshot = { files, extras, outputs: { ...(manifest?.outputs ?? {}) } };
  await writeFile(join(temp, 'base.json'), `${JSON.stringify(snapshot, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(temp, dir);
  return snapshot;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
