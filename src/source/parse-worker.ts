/**
 * Worker-thread entry for the parse pool: says `{ type: 'ready' }` once its parser is loaded,
 * then receives `{ id, path }`, reads and parses the file and answers `{ type: 'item', id, item }`.
 *
 * Memory: node-tree-sitter frees a tree only when V8 collects its JS wrapper (and the event loop
 * then turns), and it does not tell V8 how much native memory a tree holds. A worker allocates
 * little JavaScript, so V8 collects rarely and dead trees pile up (hundreds of MB on a large
 * corpus). So the worker runs a full collection after every 4 MB of source, with `gc` obtained
 * the way Jest's --logHeapUsage does (the flag is switched back off at once). Measured on the
 * bench corpus: ~12 ms per collection, about 1% of parse time; peak RSS with 2 workers 245–260 MB
 * on 4,000 files and 270–310 MB on 12,000, flat through the run (without it: 400–530 MB, climbing).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { parserFor } from './tree-sitter.js';
import { readWorkItemSync } from './work-item.js';
import type { WorkItemOptions } from './work-item.js';

interface Data {
  root: string;
  options: WorkItemOptions;
}

/** Source bytes parsed between two collections. */
const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;

function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

const { root, options } = workerData as Data;
const gc = exposeGc();
let sinceCollect = 0;

parentPort?.on('message', (message: { id: number; path: string }) => {
  const item = readWorkItemSync(root, message.path, options);
  parentPort?.postMessage({ type: 'item', id: message.id, item });
  sinceCollect += item.bytes;
  if (gc !== undefined && sinceCollect >= COLLECT_EVERY_BYTES) {
    sinceCollect = 0;
    gc(); // the trees' finalizers then run on the next turn of this thread's event loop
  }
});

// Load the native parser now, then say so: until then the pool parses on the main thread.
parserFor('zig');
parentPort?.postMessage({ type: 'ready' });
