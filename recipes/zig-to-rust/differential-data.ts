/**
 * Differential checking, the project's own data: the files its Zig embeds (`@embedFile("…")`) and the files in
 * its test-data directories (`test`, `tests`, `testdata`, `fixtures`, `data`, `samples`, `corpus`…), in the input
 * tree as the source layer lists it (`.gitignore` honoured, build output skipped). They become inputs for byte
 * string parameters, with truncated and bit-flipped variants (differential-inputs.ts).
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isMigrateError, listSources } from 'migrate-kit';
import type { WorkItem } from 'migrate-kit';

/** Data files used at most, and the largest taken (bigger ones are cut to this size). */
const MAX_DATA_FILES = 8;
const MAX_DATA_BYTES = 256 * 1024;

const DATA_DIRS = '{test,tests,testdata,test-data,test_data,fixture,fixtures,data,testfiles,samples,sample,corpus}';

export interface DataFile {
  /** Relative to the input root (posix). */
  path: string;
  bytes: Uint8Array;
}

/** The data files of the project under `input`: embedded ones first, then those of test-data directories, by path. */
export async function findDataFiles(input: string, items: readonly WorkItem[]): Promise<DataFile[]> {
  const root = resolve(input);
  const embedded: string[] = [];
  for (const item of items) {
    const source = await readFile(item.absPath, 'utf8').catch(() => '');
    for (const m of source.matchAll(/@embedFile\(\s*"((?:[^"\\\n]|\\.)+)"\s*\)/g)) {
      const path = resolve(dirname(item.absPath), m[1]!);
      if (!path.startsWith(root + sep)) continue; // outside the tree: not the project's to read
      embedded.push(relative(root, path).split(sep).join('/'));
    }
  }
  let inDirs: string[] = [];
  try {
    inDirs = await listSources(root, { include: [`**/${DATA_DIRS}/**`], exclude: ['*.zig', '*.zon', '.*'] });
  } catch (error) {
    if (!isMigrateError(error) || error.code !== 'NO_SOURCES') throw error;
  }
  const files: DataFile[] = [];
  const realRoot = await realpath(root);
  for (const path of [...new Set([...embedded, ...inDirs])]) {
    if (files.length >= MAX_DATA_FILES) break;
    const abs = join(root, path);
    // A symbolic link that leads out of the tree is not read (like the sources).
    const real = await realpath(abs).catch(() => undefined);
    if (real === undefined || !real.startsWith(realRoot + sep)) continue;
    const info = await stat(real).catch(() => undefined);
    if (info === undefined || !info.isFile() || info.size === 0) continue;
    const bytes = await readFile(real);
    files.push({ path, bytes: Uint8Array.from(bytes.subarray(0, MAX_DATA_BYTES)) });
  }
  return files;
}
