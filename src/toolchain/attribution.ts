/**
 * Maps failing tests to the files a fixer should see: the module file that declares the
 * test (from its module path and the binary's crate root: `a::b::tests::foo` in the lib →
 * `src/a/b.rs` or `src/a/b/mod.rs`, whichever exists) and the file where it panicked.
 * Doc-tests name their file themselves (`src/lib.rs - add (line 4)`).
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { CratePaths } from './crate-paths.js';
import type { SourceLocation, TestBinary, TestBinaryKind, TestFailure } from './test-types.js';

export interface FailureAttribution {
  test: string;
  binary: { kind: TestBinaryKind; name: string; srcPath?: string };
  /** Crate-relative file declaring the test, when found. */
  file?: string;
  /** 1-based line of a doc-test's code block (`(line 4)`). */
  line?: number;
  /** The panic (or compile error) location, its file made crate-relative when inside the crate. */
  location?: SourceLocation & { inCrate: boolean };
  /** Every crate file involved, the declaring file first; empty when none could be found. */
  files: string[];
  failure: TestFailure;
}

interface AttributionOptions {
  /** Directory relative panic locations are relative to. Default: found per file (see CratePaths). */
  workspaceRoot?: string;
}

function stripRaw(segment: string): string {
  return segment.startsWith('r#') ? segment.slice(2) : segment;
}

/**
 * The file declaring the module at `modulePath` under a crate root file, following
 * `mod x;` file conventions; stops at the first module not in its own file (an inline
 * `mod tests { … }`). `rootFile` and the result are crate-relative.
 */
export function moduleFileFor(crateDir: string, rootFile: string, modulePath: readonly string[]): string {
  let file = rootFile;
  let dir = posix.dirname(rootFile);
  for (const raw of modulePath) {
    const segment = stripRaw(raw);
    const flat = posix.join(dir, `${segment}.rs`);
    const nested = posix.join(dir, segment, 'mod.rs');
    if (existsSync(join(crateDir, flat))) file = flat;
    else if (existsSync(join(crateDir, nested))) file = nested;
    else break;
    dir = posix.join(dir, segment);
  }
  return file;
}

function defaultRoot(crateDir: string, binary: TestBinary): string | undefined {
  if (binary.srcPath !== undefined && binary.srcPath !== '') return binary.srcPath;
  if (binary.kind === 'bin') return 'src/main.rs';
  for (const candidate of ['src/lib.rs', 'src/main.rs']) if (existsSync(join(crateDir, candidate))) return candidate;
  return undefined;
}

/** Splits a doc-test name `src/a.rs - a::f (line 12)` into file and line. */
export function parseDocTestName(name: string): { file: string; item: string; line?: number } | undefined {
  const m = /^(.+?) - (.*?)(?: \(line (\d+)\))?(?: - .*)?$/.exec(name);
  if (m === null) return undefined;
  return { file: m[1] ?? '', item: m[2] ?? '', ...(m[3] !== undefined ? { line: Number(m[3]) } : {}) };
}

/** Attributes one failure of one binary. */
function attributeFailure(
  crateDir: string,
  binary: TestBinary,
  failure: TestFailure,
  paths: CratePaths = new CratePaths(crateDir),
): FailureAttribution {
  const result: FailureAttribution = {
    test: failure.name,
    binary: { kind: binary.kind, name: binary.name, ...(binary.srcPath !== undefined ? { srcPath: binary.srcPath } : {}) },
    files: [],
    failure,
  };
  if (binary.kind === 'doc') {
    const doc = parseDocTestName(failure.name);
    if (doc !== undefined) {
      const where = paths.resolve(doc.file);
      if (where.inCrate) result.file = where.file;
      if (doc.line !== undefined) result.line = doc.line;
    }
  } else {
    const root = defaultRoot(crateDir, binary);
    if (root !== undefined) result.file = moduleFileFor(crateDir, root, failure.name.split('::').slice(0, -1));
  }
  if (failure.location !== undefined) {
    const where = paths.resolve(failure.location.file);
    result.location = { ...failure.location, file: where.file, inCrate: where.inCrate };
  }
  if (result.file !== undefined) result.files.push(result.file);
  const located = result.location;
  if (located?.inCrate === true && !result.files.includes(located.file) && existsSync(join(crateDir, located.file))) {
    result.files.push(located.file);
  }
  return result;
}

/** Attributes every failure of every binary; pass the crate's {@link CratePaths} to reuse its resolutions. */
export function attributeFailures(
  crateDir: string,
  binaries: readonly TestBinary[],
  options: AttributionOptions | CratePaths = {},
): FailureAttribution[] {
  const paths = options instanceof CratePaths ? options : new CratePaths(crateDir, options.workspaceRoot);
  return binaries.flatMap((b) => b.failures.map((f) => attributeFailure(crateDir, b, f, paths)));
}

/** Groups attributions by every file they involve (a failure can land under two files). */
export function failuresByFile(attributions: readonly FailureAttribution[]): Map<string, FailureAttribution[]> {
  const byFile = new Map<string, FailureAttribution[]>();
  for (const a of attributions) {
    for (const file of a.files) {
      const list = byFile.get(file);
      if (list === undefined) byFile.set(file, [a]);
      else list.push(a);
    }
  }
  return byFile;
}
