/**
 * Phase "port": for each file of the slice a pipeline of
 * port (once the files it imports have a gated port, whose Rust API it is shown; in parts for long files) →
 * deterministic gate (findings back to the porter, bounded) → `cargo check` of the crate so far (errors in the
 * file back to the porter, bounded) → reviewers (behaviour; ownership/safety where the file has pointer-like
 * fields, FFI or pointer casts) that must all approve → revise by edits and review again (bounded) → the file
 * written. Each file ends approved, unapproved (kept, flagged) or failed.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cargoBuild } from 'migrate-kit';
import type { RecipeContext, WorkItem } from 'migrate-kit';
import { itemStage } from 'migrate-kit';
import { describe, rethrowStop } from './errors.js';
import { isPending, missingModules, sortDiagnostics } from './fix-support.js';
import { moduleTree, topModules, withBlock, type Layout } from './layout.js';
import { draftPort, type CheckResult, type CompileCheck, type PortEnv, type PortResult } from './port-draft.js';
import { PortBoard } from './port-context.js';
import { reviewPort } from './port-review.js';
import { cargoToml, SKIP_MACRO, skipDeclaration, skipHelper, usesSkip, WORK_DIR, zigStdFiles } from './scaffold.js';

export type { CheckResult, CompileCheck, PortEnv, PortOutcome, PortResult, ReviewerVerdict } from './port-draft.js';

/** Stage 3: the port is written to the crate (the module tree is written after the phase). */
export async function writePort(env: PortEnv, result: PortResult): Promise<PortResult> {
  itemStage(result.path, result.outcome, result.error !== undefined ? { detail: result.error } : {});
  if (result.rust !== undefined && result.output !== undefined) await env.files.write(result.output, result.rust);
  return result;
}

/**
 * What each file waits for before its port starts: the files it imports that this run ports, except those of
 * its own import cycle (a cycle's files are ported side by side, each shown the others' Zig interfaces).
 */
export function dependencies(env: Pick<PortEnv, 'index'>, items: readonly WorkItem[]): Map<string, string[]> {
  const inRun = new Set(items.map((i) => i.path));
  const group = new Map<string, number>();
  env.index.imports.order.forEach((members, i) => members.forEach((m) => group.set(m, i)));
  const waits = new Map<string, string[]>();
  for (const item of items) {
    const own = group.get(item.path);
    const targets = (env.index.imports.edges[item.path] ?? []).filter((t) => t !== item.path && inRun.has(t) && (own === undefined || group.get(t) !== own));
    waits.set(item.path, [...new Set(targets)]);
  }
  return waits;
}

/**
 * The longest chain of files that wait for one another (each link: a port and its gate), the pipeline's
 * critical path: its length bounds how fast the phase can go however many agents run at once.
 */
export function criticalPath(waits: ReadonlyMap<string, readonly string[]>): string[] {
  const memo = new Map<string, string[]>();
  const visiting = new Set<string>();
  const longest = (path: string): string[] => {
    const known = memo.get(path);
    if (known !== undefined) return known;
    if (visiting.has(path)) return [path];
    visiting.add(path);
    let best: string[] = [];
    for (const dep of waits.get(path) ?? []) {
      const chain = longest(dep);
      if (chain.length > best.length) best = chain;
    }
    visiting.delete(path);
    const chain = [...best, path];
    memo.set(path, chain);
    return chain;
  };
  let best: string[] = [];
  for (const path of [...waits.keys()].sort()) {
    const chain = longest(path);
    if (chain.length > best.length) best = chain;
  }
  return best;
}

/** Runs the phase over the slice's items, dependencies first. */
export async function portAll(env: PortEnv, items: readonly WorkItem[]): Promise<PortResult[]> {
  const board = (env.board ??= new PortBoard());
  const waits = dependencies(env, items);
  for (const item of items) itemStage(item.path, 'queued');
  const outcomes = await env.ctx.pipeline(
    items,
    async (item) => {
      try {
        const draft = await draftPort(env, item, waits.get(item.path) ?? []);
        board.settle(item.path, draft.rust);
        return draft;
      } catch (error) {
        board.settle(item.path);
        throw error;
      }
    },
    (draft) => reviewPort(env, draft),
    (result) => writePort(env, result),
  );
  const results: PortResult[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'ok') {
      results.push(outcome.value);
      continue;
    }
    rethrowStop(outcome.error);
    const item = outcome.item;
    results.push({ path: item.path, outcome: 'failed', todos: [], reviewers: [], reviewRounds: 0, warnings: [], error: describe(outcome.error) });
    itemStage(item.path, 'failed', { detail: describe(outcome.error) });
  }
  return results;
}

export interface CheckerOptions {
  ctx: RecipeContext<any>;
  /** The output crate: earlier runs' ports are read from it. */
  out: string;
  crate: string;
  layout: Layout;
  /** The run's `CARGO_TARGET_DIR`; the checks use `<targetDir>/port-check`. */
  targetDir: string;
  /** Zig files this run ports (their earlier versions in the output are not used). */
  slice: ReadonlySet<string>;
}

/**
 * `cargo check` before review, on a copy of the crate in the work area (`<out>/.migrate-kit/check/`) that
 * declares only the modules ported so far (this run's gated ports and earlier runs' files). Checks are
 * serialised and batched: one cargo at a time; every port that passes its gate while a check runs waits for
 * the next one, which checks them all together, and each gets the errors in its own file. Errors that point
 * at files not ported yet are pending, as in the fix loop, and are left out. Results are remembered per file
 * and port in the run's work area (`checks.jsonl`), so a resumed session does not run cargo again for them.
 */
export function crateChecker(options: CheckerOptions): CompileCheck {
  const dir = join(options.out, WORK_DIR, 'check');
  const ports = new Map<string, string>();
  const written = new Map<string, string>();
  let earlier: Map<string, string> | undefined;
  let queue: Array<{ zig: string; resolve: (r: CheckResult) => void }> = [];
  let running: Promise<void> | undefined;

  const write = async (rel: string, content: string): Promise<void> => {
    if (written.get(rel) === content) return;
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), content);
    written.set(rel, content);
  };

  const runOnce = async (batch: Array<{ zig: string; resolve: (r: CheckResult) => void }>): Promise<void> => {
    try {
      if (earlier === undefined) {
        earlier = new Map();
        for (const [zig, entry] of options.layout.entries) {
          if (options.slice.has(zig)) continue;
          const text = await readFile(join(options.out, entry.rust), 'utf8').catch(() => undefined);
          if (text !== undefined) earlier.set(zig, text);
        }
      }
      const sources = new Map([...earlier, ...ports]);
      const present = new Set(sources.keys());
      const tree = moduleTree(options.layout, present);
      const uses = [...sources.values()].some(usesSkip);
      const skip = topModules(options.layout).includes(SKIP_MACRO) ? `${SKIP_MACRO}_helper` : SKIP_MACRO;
      await write('Cargo.toml', cargoToml(options.crate));
      for (const [path, content] of zigStdFiles()) await write(path, content); // the path dependency zig_std
      for (const [path, content] of tree.files) await write(path, path === 'src/lib.rs' && uses ? `${skipDeclaration(skip)}${content}` : content);
      if (uses) await write(`src/${skip}.rs`, skipHelper(skip));
      if (!tree.files.has('src/lib.rs')) await write('src/lib.rs', '');
      for (const [zig, rust] of sources) {
        const entry = options.layout.entries.get(zig)!;
        const block = tree.blocks.get(entry.rust);
        await write(entry.rust, block !== undefined ? withBlock(rust, block) : rust);
      }
      const build = await cargoBuild(dir, {
        targetDir: join(options.targetDir, 'port-check'),
        check: true,
        tests: false,
        extraArgs: ['--all-targets'],
        signal: options.ctx.signal,
        ...(options.ctx.sandbox !== undefined ? { sandbox: options.ctx.sandbox } : {}),
      });
      const missing = missingModules(options.layout, present);
      const errors = sortDiagnostics(build.errors).filter((d) => !isPending(d, missing, options.crate));
      for (const { zig, resolve } of batch) {
        const rust = options.layout.entries.get(zig)!.rust;
        const mine = errors.filter((d) => d.file === rust);
        resolve({ ran: true, errors: mine.map((d) => (d.rendered ?? `${d.rawLevel}${d.code ? `[${d.code}]` : ''}: ${d.message}\n --> ${d.file}:${d.primary?.line}:${d.primary?.column}`).trimEnd()) });
      }
    } catch (error) {
      // cargo could not run (or the run is stopping): the ports go to review unchecked, the fix loop builds later.
      for (const { resolve } of batch) resolve({ ran: false, errors: [], note: describe(error) });
    }
  };

  const kick = (): void => {
    if (running !== undefined || queue.length === 0) return;
    const batch = queue;
    queue = [];
    running = runOnce(batch).finally(() => {
      running = undefined;
      kick();
    });
  };

  // Results of this run's checks by file and port (a resumed session asks for the same ports again, the journal
  // answering: it gets the same results without cargo, so its repair prompts are the same and replay too).
  const memoPath = join(options.out, WORK_DIR, 'runs', options.ctx.runId, 'checks.jsonl');
  const key = (zig: string, rust: string): string => `${zig}\u0000${createHash('sha256').update(rust).digest('hex')}`;
  let memo: Promise<Map<string, CheckResult>> | undefined;
  const remembered = (): Promise<Map<string, CheckResult>> =>
    (memo ??= readFile(memoPath, 'utf8').then(
      (text) => new Map(text.split('\n').flatMap((line) => {
        try {
          const entry = JSON.parse(line) as { key: string; result: CheckResult };
          return entry.result?.ran === true ? [[entry.key, entry.result] as const] : [];
        } catch {
          return []; // a line cut short by a kill: that check runs again
        }
      })),
      () => new Map<string, CheckResult>(),
    ));

  return async (zig, rust) => {
    ports.set(zig, rust);
    const known = (await remembered()).get(key(zig, rust));
    if (known !== undefined) return known;
    const result = await new Promise<CheckResult>((resolve) => {
      queue.push({ zig, resolve });
      kick();
    });
    if (result.ran) {
      await mkdir(dirname(memoPath), { recursive: true });
      await appendFile(memoPath, `${JSON.stringify({ key: key(zig, rust), result })}\n`);
    }
    return result;
  };
}
