/**
 * `split(root, options)`: the Zig files of a tree as a stream of work items. Listing,
 * reading and parsing overlap, so the first item arrives while the rest of the tree is still
 * being walked and parsed. Items come in completion order (sorted order with one thread).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MigrateError } from '../errors.js';
import { createEngine } from './parse-pool.js';
import type { EngineOptions, ParseEngine } from './parse-pool.js';
import { emptySliceError, resolveSlices, sliceContains } from './slices.js';
import type { Slice } from './slices.js';
import type { WorkItem } from './types.js';
import { SourceWalker } from './walk.js';
import type { WalkOptions } from './walk.js';

export interface ListOptions extends WalkOptions {
  /**
   * Parts of the tree to keep: directories, `.zig` files or globs, relative to the root (or to
   * `cwd` when they exist there). A slice that matches no file is an error. Default: the whole tree.
   */
  slices?: string[];
  /** Where relative slice paths are also tried. Default `process.cwd()`. */
  cwd?: string;
}

export interface SplitOptions extends ListOptions, EngineOptions {
  /** Stops the split; the iterator then throws an `ABORTED` error. */
  signal?: AbortSignal;
}

/** What a split did, filled in as it runs. */
export interface SplitStats {
  mode: 'threads' | 'main-thread';
  threads: number;
  /** Files listed so far. */
  files: number;
  /** Files parsed so far (some may not have been yielded yet). */
  parsed: number;
  /** Items yielded so far. */
  items: number;
  /** Items yielded with `error` set. */
  failed: number;
  /** Files parsed on worker threads (in `threads` mode, files parsed while the threads start run on the main thread). */
  onThreads: number;
}

export interface SplitStream extends AsyncIterable<WorkItem> {
  readonly stats: SplitStats;
}

async function checkRoot(root: string): Promise<void> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(root)).isDirectory();
  } catch (cause) {
    throw new MigrateError('SOURCE_IO', `Expected a source directory at ${root}, but it cannot be read: ${(cause as Error).message}. Check the path.`, {
      cause,
      details: { root },
    });
  }
  if (!isDirectory) {
    throw new MigrateError('SOURCE_IO', `Expected a source directory at ${root}, but it is a file. Pass its directory, with --slice for the file.`, {
      details: { root },
    });
  }
}

function noSources(root: string, slices: readonly Slice[]): MigrateError {
  return new MigrateError(
    'NO_SOURCES',
    `Expected .zig files under ${root}, but found none${slices.length > 0 ? ' in the slices' : ''} (zig-cache, zig-out, .gitignore'd paths and exclude patterns are skipped). Check the directory, or the include/exclude patterns.`,
    { details: { root } },
  );
}

/** Every path (posix, relative to the root) the options select, validating slices. */
async function* selectedFiles(walker: SourceWalker, slices: readonly Slice[]): AsyncGenerator<string> {
  if (slices.length === 0) {
    yield* walker.files();
    return;
  }
  if (slices.every((slice) => slice.kind !== 'glob')) {
    // Only paths: walk just those directories.
    const seen = new Set<string>();
    for (const slice of slices) {
      const files = slice.kind === 'directory' ? walker.files(slice.path) : fileIfTaken(walker, slice.kind === 'file' ? slice.path : '');
      for await (const file of files) if (!seen.has(file)) {
        seen.add(file);
        yield file;
      }
    }
    return;
  }
  for await (const file of walker.files()) if (slices.some((slice) => sliceContains(slice, file))) yield file;
}

async function* fileIfTaken(walker: SourceWalker, path: string): AsyncGenerator<string> {
  if (await walker.lists(path)) yield path;
}

/**
 * Lists the selected `.zig` files without parsing them (fast; for plans and estimates).
 * Throws `NO_SOURCES` when there are none and `SLICE_EMPTY` when a slice matches nothing.
 */
export async function listSources(root: string, options: ListOptions = {}): Promise<string[]> {
  const absRoot = resolve(root);
  await checkRoot(absRoot);
  return listSelected(absRoot, resolveSlices(absRoot, options.slices ?? [], options.cwd), options);
}

/** {@link listSources} once the root is checked and the slices resolved. */
async function listSelected(absRoot: string, slices: readonly Slice[], options: WalkOptions): Promise<string[]> {
  const walker = new SourceWalker(absRoot, options);
  await walker.init();
  const files: string[] = [];
  for await (const file of selectedFiles(walker, slices)) files.push(file);
  const empty = slices.filter((slice) => !files.some((file) => sliceContains(slice, file)));
  if (empty.length > 0) throw emptySliceError(absRoot, empty);
  if (files.length === 0) throw noSources(absRoot, slices);
  return files;
}

/**
 * Streams one work item per selected `.zig` file. Bad files give items with `error` set; the
 * stream itself throws only for a missing root (`SOURCE_IO`), an empty slice (`SLICE_EMPTY`,
 * before any item), no sources at all (`NO_SOURCES`) or an abort (`ABORTED`).
 */
export function split(root: string, options: SplitOptions = {}): SplitStream {
  const stats: SplitStats = { mode: 'main-thread', threads: 0, files: 0, parsed: 0, items: 0, failed: 0, onThreads: 0 };
  return {
    stats,
    [Symbol.asyncIterator]: () => run(resolve(root), options, stats),
  };
}

async function* run(root: string, options: SplitOptions, stats: SplitStats): AsyncGenerator<WorkItem> {
  const { signal } = options;
  const checkAbort = (): void => {
    if (signal?.aborted === true) throw new MigrateError('ABORTED', 'The split was aborted before it finished.', { cause: signal.reason });
  };
  await checkRoot(root);
  const slices = resolveSlices(root, options.slices ?? [], options.cwd);
  let files: AsyncIterator<string>;
  if (slices.length > 0) {
    // Slices are checked before the first item: listing is fast next to parsing.
    const list = await listSelected(root, slices, options);
    files = (async function* () {
      yield* list;
    })();
  } else {
    const walker = new SourceWalker(root, options);
    await walker.init();
    files = walker.files();
  }
  const engine: ParseEngine = createEngine(root, options);
  stats.mode = engine.mode;
  stats.threads = engine.threads;
  const inFlight = new Map<number, Promise<{ key: number; item: WorkItem }>>();
  let key = 0;
  let listed = true;
  try {
    while (true) {
      checkAbort();
      while (listed && inFlight.size < engine.capacity) {
        const next = await files.next();
        if (next.done === true) {
          listed = false;
          break;
        }
        stats.files++;
        const k = key++;
        inFlight.set(
          k,
          engine.parse(next.value).then((item) => {
            stats.parsed++;
            return { key: k, item };
          }),
        );
      }
      if (inFlight.size === 0) break;
      const { key: done, item } = await Promise.race(inFlight.values());
      inFlight.delete(done);
      stats.items++;
      stats.onThreads = engine.onThreads;
      if (item.error !== undefined) stats.failed++;
      yield item;
    }
    if (stats.files === 0) throw noSources(root, slices);
  } finally {
    stats.onThreads = engine.onThreads;
    await engine.close();
  }
}
