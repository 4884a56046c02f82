/**
 * Checks made before any model call, by `plan()` and again by `run()`: the input holds Zig files, no two of
 * them differ only in letter case, each slice matches some, the output is empty or this migration's own,
 * and cargo runs.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, posix, relative, resolve } from 'node:path';
import { findCargo, isMigrateError, listSources, MigrateError, snakeCase } from 'migrate-kit';
import type { CargoInfo } from 'migrate-kit';
import type { ZigToRustArgs } from './args.js';
import { caseOnlyClashes } from './layout.js';
import { crateName, MANIFEST_FILE, packageName, readManifest, WORK_DIR } from './scaffold.js';
import type { Manifest } from './scaffold.js';

export interface Setup {
  /** The input root (absolute): the directory whose tree is indexed. */
  input: string;
  /** The output crate (absolute). */
  out: string;
  /** Slice specs, relative to the input root or the working directory. */
  slices: string[];
  exclude: string[];
  pkg: string;
  crate: string;
  targetDir: string;
  /** Every Zig file of the tree (relative, sorted), and the slice's. */
  allFiles: string[];
  sliceFiles: string[];
  /** The manifest of an earlier run of this migration into the output, when there is one. */
  manifest?: Manifest;
  /** What the output held that is not this migration's (with --force). */
  foreign: boolean;
  cargo?: CargoInfo;
}

/** `build.zig` at the root is the build script, not source. */
export const ALWAYS_EXCLUDED = ['/build.zig'];

export async function preflight(args: ZigToRustArgs, cwd: string, options: { cargo?: boolean } = {}): Promise<Setup> {
  const given = resolve(cwd, args.input);
  const info = await stat(given).catch(() => undefined);
  if (info === undefined) {
    throw new MigrateError('NO_SOURCES', `Expected Zig sources at ${given}, but nothing is there. Give the directory of the Zig project (e.g. ./src).`, { details: { input: given } });
  }
  let input = given;
  const slices = [...args.slice];
  if (!info.isDirectory()) {
    if (extname(given) !== '.zig') {
      throw new MigrateError('NO_SOURCES', `Expected a directory of .zig files (or one .zig file) at ${given}, but it is another kind of file. Give the Zig project's source directory.`, { details: { input: given } });
    }
    input = dirname(given);
    slices.push(basename(given));
  }
  const exclude = [...ALWAYS_EXCLUDED, ...args.exclude];
  let allFiles: string[];
  let sliceFiles: string[];
  try {
    allFiles = await listSources(input, { exclude, cwd });
    sliceFiles = slices.length === 0 ? allFiles : await listSources(input, { exclude, cwd, slices });
  } catch (error) {
    if (isMigrateError(error, 'SOURCE_IO')) throw new MigrateError('NO_SOURCES', error.message, { cause: error, details: { input } });
    throw error;
  }
  const clashes = caseOnlyClashes(allFiles);
  if (clashes.length > 0) {
    const list = clashes.map(([a, b]) => `\`${a}\` and \`${b}\``).join(', ');
    const [first, second] = clashes[0]!;
    throw new MigrateError(
      'BAD_INPUT',
      `Expected Zig paths that differ by more than letter case, but ${list} differ only in case: each pair would become one Rust module (\`${snakeCase(posix.basename(first, '.zig'))}\`), and on a case-insensitive filesystem (macOS, Windows) one file. Rename one of each pair in the Zig tree, or leave one out with --exclude (e.g. --exclude '${second}').`,
      { details: { input, clashes } },
    );
  }
  const defaultOut = info.isDirectory() ? `${given.replace(/[/\\]+$/, '')}-rs` : `${input}-rs`;
  const out = args.out !== undefined ? resolve(cwd, args.out) : defaultOut;
  const inside = relative(input, out);
  if (inside === '') {
    throw new MigrateError('BAD_INPUT', `The output directory ${out} is the input directory. Give another with --out (default: ${defaultOut}).`);
  }
  const { manifest, foreign } = await checkOutput(out, input, args.force);
  const pkg = packageName(input, args.name ?? (manifest?.package || undefined));
  const setup: Setup = {
    input,
    out,
    slices,
    exclude,
    pkg,
    crate: crateName(pkg),
    targetDir: args.targetDir !== undefined ? resolve(cwd, args.targetDir) : resolve(out, 'target'),
    allFiles,
    sliceFiles,
    ...(manifest !== undefined ? { manifest } : {}),
    foreign,
  };
  if (options.cargo !== false) setup.cargo = await findCargo();
  return setup;
}

async function checkOutput(out: string, input: string, force: boolean): Promise<{ manifest?: Manifest; foreign: boolean }> {
  const info = await stat(out).catch(() => undefined);
  if (info === undefined) return { foreign: false };
  if (!info.isDirectory()) {
    throw new MigrateError('OUTPUT_NOT_EMPTY', `Expected the output ${out} to be a directory (or not to exist), but it is a file. Give another --out.`, { details: { out } });
  }
  const entries = (await readdir(out)).filter((name) => name !== WORK_DIR);
  if (entries.length === 0) return { foreign: false };
  const manifest = await readManifest(out);
  if (manifest !== undefined && resolve(manifest.input) === input) return { manifest, foreign: false };
  if (force) return { foreign: true };
  const why =
    manifest !== undefined
      ? `it holds the port of another input (${manifest.input})`
      : `it is not empty and has no ${MANIFEST_FILE} from an earlier zig-to-rust run of ${input} (it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''})`;
  throw new MigrateError('OUTPUT_NOT_EMPTY', `Expected the output directory ${out} to be empty or an earlier port of ${input}, but ${why}. Give an empty --out, or add --force to write into it anyway (files it holds may be overwritten).`, {
    details: { out, input },
  });
}
