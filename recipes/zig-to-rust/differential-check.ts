/**
 * Differential checking, one pass: which pub fns of the ported files are checkable (and why the others are not),
 * their inputs, both harnesses run, and the per-function comparison.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRust } from 'migrate-kit';
import type { Declaration, RecipeContext, WorkItem } from 'migrate-kit';
import { compareFunction, type Deviation } from './differential-compare.js';
import { extractLiterals, generateInputs, type InputValue } from './differential-inputs.js';
import { runRustSide, runZigSide, type DiffFile } from './differential-run.js';
import { checkable, snakeCase, type CheckableFn, type ZigEnum } from './differential-types.js';
import type { Layout } from './layout.js';

/** Inputs per function at most. */
export const DIFFERENTIAL_CAP = 200;

export interface PreparedFile extends DiffFile {
  rust: string;
}

export interface Prepared {
  files: PreparedFile[];
  /** pub fns not checked, by reason. */
  skipped: Record<string, number>;
  /** The skipped functions themselves (file, fn, reason), for the report. */
  skippedFns: Array<{ file: string; fn: string; reason: string }>;
  /** Generated inputs a side could not take (bytes that are not UTF-8 for a `&str` parameter). */
  rejected: number;
}

/** The top-level pub fns of a Rust file → their headers (up to the body). */
export function rustHeaders(source: string): Map<string, string> {
  const lines = source.split('\n');
  const headers = new Map<string, string>();
  for (const item of parseRust(source).items) {
    if (item.kind !== 'fn' || !item.pub || item.test === true) continue;
    const text = lines.slice(item.startLine - 1, item.endLine).join('\n');
    const body = text.search(/\)\s*(->[^{]*)?(where[^{]*)?\{/);
    headers.set(item.name, body < 0 ? text : text.slice(0, text.indexOf('{', body)));
  }
  return headers;
}

function testText(item: WorkItem, source: string): string {
  const lines = source.split('\n');
  return item.tests.map((t) => lines.slice(t.startLine - 1, t.endLine).join('\n')).join('\n');
}

/** Methods and generic containers' functions: not checked in this version, counted. */
function containerFns(decl: Declaration): Array<{ fn: string; reason: string }> {
  const out: Array<{ fn: string; reason: string }> = [];
  for (const m of decl.methods ?? []) if (m.pub && m.kind === 'fn') out.push({ fn: `${decl.name}.${m.name}`, reason: decl.generic !== undefined ? 'generic' : 'method or function of a container' });
  for (const n of decl.nested ?? []) out.push(...containerFns(n).map((c) => ({ fn: `${decl.name}.${c.fn}`, reason: c.reason })));
  return out;
}

/** PascalCase-insensitive key of a variant name: Zig's `lparen`/`foo_bar` and Rust's `Lparen`/`FooBar` agree. */
const variantKey = (name: string): string => name.replace(/^@"|"$/g, '').replace(/_/g, '').toLowerCase();

/** The variants of `enum Name { … }` in a Rust file, and whether it derives Debug; undefined when not found. */
export function rustEnum(source: string, name: string): { variants: string[]; debug: boolean } | undefined {
  const m = new RegExp(`((?:#\\[[^\\]]*\\]\\s*)*)pub\\s+enum\\s+${name}\\s*\\{([^}]*)\\}`).exec(source);
  if (m === null) return undefined;
  const body = m[2]!.replace(/\/\/[^\n]*/g, '').replace(/#\[[^\]]*\]/g, '');
  const variants = body.split(',').map((v) => /^\s*([A-Za-z_]\w*)\s*(=.*)?$/s.exec(v)?.[1]).filter((v): v is string => v !== undefined);
  return { variants, debug: /derive\([^)]*\bDebug\b/.test(m[1]!) };
}

/**
 * Resolves a Zig type written in `item` (`Op`, `token.Op`) to an exhaustive pub enum declared at the top level of
 * a ported library file, with its port's path (`crate::token::Op`); undefined otherwise.
 */
function enumResolver(item: WorkItem, byPath: ReadonlyMap<string, WorkItem>, layout: Layout): (type: string) => ZigEnum | undefined {
  return (type) => {
    let file: WorkItem | undefined = item;
    let name = type;
    const dotted = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(type);
    if (dotted !== null) {
      const binding = item.declarations.find((d) => d.name === dotted[1] && d.importSpec !== undefined);
      const target = item.imports.find((i) => i.kind === 'file' && i.spec === binding?.importSpec)?.path;
      file = target === undefined ? undefined : byPath.get(target);
      name = dotted[2]!;
    } else if (!/^[A-Za-z_]\w*$/.test(type)) return undefined;
    const decl = file?.declarations.find((d) => d.kind === 'enum' && d.name === name && d.generic === undefined);
    const entry = file === undefined ? undefined : layout.entries.get(file.path);
    if (decl === undefined || entry === undefined || entry.bin || (file !== item && !decl.pub)) return undefined;
    const variants = (decl.fields ?? []).map((f) => f.name);
    if (variants.length === 0 || variants.includes('_')) return undefined; // non-exhaustive: any integer is a value
    return { k: 'enum', name, variants, rustPath: ['crate', ...entry.modulePath, name].join('::'), rustFile: entry.rust } as ZigEnum & { rustFile: string };
  };
}

/** The enums a function's types use. */
function enumsOf(fn: CheckableFn): Array<{ e: ZigEnum; result: boolean }> {
  const out: Array<{ e: ZigEnum; result: boolean }> = [];
  const walk = (t: CheckableFn['result']['zig'], result: boolean): void => {
    if (t.k === 'enum') out.push({ e: t, result });
    else if (t.k === 'opt' || t.k === 'err') walk(t.inner, result);
  };
  for (const p of fn.params) walk(p.zig, false);
  walk(fn.result.zig, true);
  return out;
}

/** Reads each ported file's Zig and Rust and builds the checkable functions with their inputs. */
export async function prepareFiles(options: { items: readonly WorkItem[]; out: string; layout: Layout; cap?: number; only?: ReadonlySet<string> }): Promise<Prepared> {
  const prepared: Prepared = { files: [], skipped: {}, skippedFns: [], rejected: 0 };
  const skip = (file: string, fn: string, reason: string): void => {
    // Counted by kind (`unsupported parameter`, `method in the port`…); the detail stays with the function.
    const kind = reason.split(':')[0]!.replace(/ \(.*$/, '').replace(/^parameter \w+$/, 'parameter types do not correspond').replace(/^result$/, 'result types do not correspond');
    prepared.skipped[kind] = (prepared.skipped[kind] ?? 0) + 1;
    prepared.skippedFns.push({ file, fn, reason });
  };
  const byPath = new Map(options.items.map((i) => [i.path, i]));
  const rustSources = new Map<string, string>();
  const rustOf = async (rel: string): Promise<string> => {
    if (!rustSources.has(rel)) rustSources.set(rel, await readFile(join(options.out, rel), 'utf8').catch(() => ''));
    return rustSources.get(rel)!;
  };
  for (const item of options.items) {
    if (options.only !== undefined && !options.only.has(item.path)) continue;
    const entry = options.layout.entries.get(item.path);
    if (entry === undefined || item.error !== undefined) continue;
    const rustSource = await readFile(join(options.out, entry.rust), 'utf8').catch(() => undefined);
    const zigSource = await readFile(item.absPath, 'utf8').catch(() => undefined);
    if (rustSource === undefined || zigSource === undefined) continue;
    const headers = rustHeaders(rustSource);
    const literals = extractLiterals(testText(item, zigSource));
    const fns: DiffFile['fns'] = [];
    for (const decl of item.declarations) {
      if (decl.kind !== 'fn') {
        if (decl.pub) for (const c of containerFns(decl)) skip(item.path, c.fn, c.reason);
        continue;
      }
      if (!decl.pub) continue;
      if (decl.name === 'main') {
        skip(item.path, decl.name, 'entry point (main)');
        continue;
      }
      if (entry.bin) {
        skip(item.path, decl.name, 'in the binary (main.rs), not the library');
        continue;
      }
      const fn = checkablePair(decl, headers, enumResolver(item, byPath, options.layout));
      if (typeof fn === 'string') {
        skip(item.path, decl.name, fn);
        continue;
      }
      // Enums: the port's enum must have a variant for every Zig field (and derive Debug to be printed).
      let enumProblem: string | undefined;
      for (const { e, result } of enumsOf(fn)) {
        const port = rustEnum(await rustOf((e as ZigEnum & { rustFile: string }).rustFile), e.name);
        const variants = e.variants.map((v) => port?.variants.find((r) => variantKey(r) === variantKey(v)));
        if (port === undefined) enumProblem = `enum ${e.name} not found in the port`;
        else if (variants.some((v) => v === undefined)) enumProblem = `enum ${e.name}: variants do not correspond`;
        else if (result && !port.debug) enumProblem = `enum ${e.name}: the port does not derive Debug`;
        else e.rustVariants = variants as string[];
      }
      if (enumProblem !== undefined) {
        skip(item.path, decl.name, `unsupported enum: ${enumProblem}`);
        continue;
      }
      const str = fn.params.map((p) => p.rust.k === 'bytes' && p.rust.form === 'str');
      const { inputs, rejected } = generateInputs(
        fn.params.map((p) => p.zig),
        literals,
        `${item.path}:${decl.name}`,
        options.cap ?? DIFFERENTIAL_CAP,
        (args: InputValue[]) => args.every((a, i) => !str[i] || a.k !== 'bytes' || Buffer.from(Buffer.from(a.v).toString('utf8'), 'utf8').equals(Buffer.from(a.v))),
      );
      prepared.rejected += rejected;
      fns.push({ fn, inputs });
    }
    if (fns.length > 0) prepared.files.push({ zig: item.path, rust: entry.rust, module: ['crate', ...entry.modulePath].join('::'), fns });
  }
  return prepared;
}

/** The Zig fn and its port: found by the porting guide's name (`camelCase` → `snake_case`), else the same name. */
function checkablePair(decl: Declaration, headers: ReadonlyMap<string, string>, enumOf: (type: string) => ZigEnum | undefined): CheckableFn | string {
  const name = /fn\s+([A-Za-z_]\w*)/.exec(decl.signature)?.[1] ?? decl.name;
  const rustName = headers.has(snakeCase(name)) ? snakeCase(name) : name;
  const fn = checkable(decl.signature, headers.get(rustName), enumOf);
  if (typeof fn !== 'string') fn.rustName = rustName;
  return fn;
}

export interface FnResult {
  fn: string;
  inputs: number;
  same: number;
  bothTrap: number;
  notRun: number;
  deviations: Deviation[];
}

export interface FileResult {
  zig: string;
  rust: string;
  fns: FnResult[];
  /** A harness that did not build: its functions are not checked. */
  error?: string;
}

/** Runs both sides on the prepared files and compares them. */
/** Milliseconds spent building and running the Zig harnesses, and building and running the Rust one (cargo test). */
export interface CheckTiming {
  zigBuildMs: number;
  zigRunMs: number;
  rustMs: number;
}

export async function checkFiles(options: { ctx: RecipeContext<any>; zig: string; input: string; out: string; targetDir: string; work: string; files: readonly PreparedFile[]; timing?: CheckTiming }): Promise<FileResult[]> {
  if (options.files.length === 0) return [];
  const zigSide = await runZigSide({ zig: options.zig, input: options.input, work: options.work, files: options.files, signal: options.ctx.signal });
  const t1 = Date.now();
  const rustSide = await runRustSide({ ctx: options.ctx, out: options.out, targetDir: options.targetDir, files: options.files });
  options.ctx.log(`differential: Zig harnesses built in ${((zigSide.buildMs ?? 0) / 1000).toFixed(1)} s and run in ${((zigSide.runMs ?? 0) / 1000).toFixed(1)} s, the Rust harness built and run in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  if (options.timing !== undefined) {
    options.timing.zigBuildMs += zigSide.buildMs ?? 0;
    options.timing.zigRunMs += zigSide.runMs ?? 0;
    options.timing.rustMs += Date.now() - t1;
  }
  return options.files.map((file) => {
    const z = zigSide.get(file.zig)!;
    const r = rustSide.get(file.zig)!;
    const error = z.error ?? r.error;
    const fns = file.fns.map(({ fn, inputs }, f) => {
      const zr = z.records[f] ?? [];
      const rr = r.records[f] ?? [];
      const ran = inputs.map((_, i) => zr[i] !== undefined && rr[i] !== undefined);
      const kept = inputs.filter((_, i) => ran[i]);
      const cmp = compareFunction(fn.zigName, kept, zr.filter((_, i) => ran[i]), rr.filter((_, i) => ran[i]));
      return { fn: fn.zigName, inputs: cmp.inputs, same: cmp.same, bothTrap: cmp.bothTrap, notRun: inputs.length - kept.length, deviations: cmp.deviations };
    });
    return { zig: file.zig, rust: file.rust, fns, ...(error !== undefined ? { error } : {}) };
  });
}
