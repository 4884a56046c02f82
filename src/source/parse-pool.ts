/**
 * Where work items are built: on worker threads when the compiled worker script is present
 * (running from `dist/`), otherwise on the main thread. Under vitest the sources are
 * TypeScript, which a worker thread cannot load, so tests run the main-thread engine unless
 * they point `workerScript` at a compiled copy.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkItem } from './types.js';
import { readWorkItem, unreadableItem } from './work-item.js';
import type { WorkItemOptions } from './work-item.js';

export interface ParseEngine {
  readonly mode: 'threads' | 'main-thread';
  readonly threads: number;
  /** How many files it can usefully hold in flight. */
  readonly capacity: number;
  /** Files parsed on worker threads so far (the rest were parsed on the main thread). */
  readonly onThreads: number;
  parse(path: string): Promise<WorkItem>;
  close(): Promise<void>;
}

/** The compiled worker script beside this module, when it exists. */
function defaultWorkerScript(): string | undefined {
  const path = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/** The main-thread engine: reads asynchronously, parses synchronously, one file at a time. */
class MainThreadEngine implements ParseEngine {
  readonly mode = 'main-thread';
  readonly threads = 0;
  readonly capacity = 2;
  readonly onThreads = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly options: WorkItemOptions,
  ) {}

  parse(path: string): Promise<WorkItem> {
    // One file at a time; each file's read is an event-loop turn, so earlier trees get freed.
    const item = this.chain.then(() => readWorkItem(this.root, path, this.options));
    this.chain = item;
    return item;
  }

  async close(): Promise<void> {}
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its parser and takes files. */
  ready: boolean;
  /** The worker failed or exited; it takes no more files. */
  dead: boolean;
  pending: Map<number, { path: string; resolve: (item: WorkItem) => void }>;
}

type WorkerMessage = { type: 'ready' } | { type: 'item'; id: number; item: WorkItem };

/** Respawns allowed after workers crash mid-run, for the whole engine. */
const MAX_RESPAWNS = 3;

/**
 * Worker threads, each with its own parser. The first file is parsed on the main thread and the
 * workers start after it, so thread start-up (tens of milliseconds of CPU on every thread) does
 * not delay the first item; the other files wait for a worker. If no worker can start, they are
 * parsed on the main thread instead.
 */
class ThreadEngine implements ParseEngine {
  readonly mode = 'threads';
  readonly capacity: number;
  private readonly slots: Slot[] = [];
  private readonly fallback: MainThreadEngine;
  private nextId = 1;
  private closed = false;
  private started = false;
  private respawns = 0;
  private waiters: Array<() => void> = [];
  onThreads = 0;

  constructor(
    private readonly root: string,
    private readonly options: WorkItemOptions,
    private readonly script: string,
    readonly threads: number,
    private readonly startTimeoutMs: number,
  ) {
    this.capacity = threads * 3;
    this.fallback = new MainThreadEngine(root, options);
  }

  /** Starts the workers; called once the first file is under way so their start-up does not delay it. */
  private start(): void {
    if (this.slots.length > 0 || this.closed) return;
    for (let i = 0; i < this.threads; i++) this.slots.push(this.spawn());
    // Nothing hangs: workers that never get ready are given up on, and their files parsed here.
    setTimeout(() => {
      if (this.slots.some((slot) => slot.ready)) return;
      for (const slot of this.slots) {
        slot.dead = true;
        void slot.worker.terminate();
      }
      this.notify();
    }, this.startTimeoutMs).unref();
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { workerData: { root: this.root, options: this.options } });
    worker.unref();
    const slot: Slot = { worker, ready: false, dead: false, pending: new Map() };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        this.notify();
        return;
      }
      const task = slot.pending.get(message.id);
      slot.pending.delete(message.id);
      this.onThreads++;
      task?.resolve(message.item);
    });
    const fail = (error: unknown): void => {
      if (slot.dead) return;
      slot.dead = true;
      // The files it held become failed items; a worker that had been working is replaced.
      for (const { path, resolve } of slot.pending.values()) {
        const item = unreadableItem(this.root, path, error);
        item.error = { code: 'SOURCE_PARSE', message: `Expected to parse ${path}, but the parser thread failed: ${String(error)}` };
        resolve(item);
      }
      slot.pending.clear();
      const index = this.slots.indexOf(slot);
      if (slot.ready && index >= 0 && !this.closed && this.respawns < MAX_RESPAWNS) {
        this.respawns++;
        this.slots[index] = this.spawn();
      }
      this.notify();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`worker exited with code ${code}`));
    });
    return slot;
  }

  async parse(path: string): Promise<WorkItem> {
    if (!this.started) {
      // The first file: parse it here, then start the workers.
      this.started = true;
      const item = this.fallback.parse(path);
      void item.then(() => setImmediate(() => this.start()));
      return item;
    }
    for (;;) {
      let best: Slot | undefined;
      for (const slot of this.slots) {
        if (slot.ready && !slot.dead && (best === undefined || slot.pending.size < best.pending.size)) best = slot;
      }
      if (best !== undefined) return this.send(best, path);
      // No worker could start (or the engine is closing): parse here rather than wait forever.
      if (this.closed || (this.slots.length > 0 && this.slots.every((slot) => slot.dead))) return this.fallback.parse(path);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private send(slot: Slot, path: string): Promise<WorkItem> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      slot.pending.set(id, { path, resolve });
      slot.worker.postMessage({ id, path });
    });
  }

  /** Wakes the files waiting for a worker (one became ready, or died). */
  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}

export interface EngineOptions extends WorkItemOptions {
  /**
   * Parser threads; 0 parses on the main thread. Default 0: node-tree-sitter is not safe to tear down in a
   * worker thread (a native abort, "terminate called after throwing an instance of 'Napi::Error'", was seen
   * when workers ended), so threads are opt-in, for long splits where the speed-up is worth that risk.
   */
  workers?: number;
  /** The compiled worker script. Default: `parse-worker.js` beside this module, when present. */
  workerScript?: string;
  /** How long the workers may take to load their parsers before the main thread parses instead. Default 15000 ms. */
  workerStartTimeoutMs?: number;
}

/** Picks the engine: threads when asked for and a compiled worker script exists, else the main thread. */
export function createEngine(root: string, options: EngineOptions = {}): ParseEngine {
  const threads = options.workers ?? 0;
  const script = options.workerScript ?? defaultWorkerScript();
  const itemOptions: WorkItemOptions = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  if (threads > 0 && script !== undefined) return new ThreadEngine(root, itemOptions, script, threads, options.workerStartTimeoutMs ?? 15_000);
  return new MainThreadEngine(root, itemOptions);
}
