/**
 * The project index: what crosses files. The struct-field table (for the field map), the
 * import graph with a dependency order, and each file's interface summary. Built from the
 * whole tree's items, also when only a slice is ported.
 */
import { posix, resolve } from 'node:path';
import { buildImportGraph } from './import-graph.js';
import type { ImportGraph } from './import-graph.js';
import { split } from './split.js';
import type { SplitOptions } from './split.js';
import { summarizeItem } from './summary.js';
import type { InterfaceSummary } from './summary.js';
import type { Declaration, Field, WorkItem } from './types.js';

/** One row of the struct-field table. */
export interface StructFieldRow {
  file: string;
  /** The container's path in the file (`Point`, `Outer.Inner`); a file that is itself a struct uses its file name (`Allocator`). */
  struct: string;
  kind: 'struct' | 'union' | 'file';
  field: string;
  zigType: string;
  line: number;
  /** The container is a generic (`fn List(comptime T: type) type`). */
  generic?: boolean;
}

export interface ProjectTotals {
  files: number;
  lines: number;
  bytes: number;
  declarations: number;
  tests: number;
  /** Files with syntax errors. */
  filesWithParseErrors: number;
  /** Files with `error` set (unreadable, binary, not UTF-8, empty, too large). */
  failed: number;
}

export interface ProjectIndex {
  root: string;
  /** Every file, sorted. */
  files: string[];
  structFields: StructFieldRow[];
  imports: ImportGraph;
  summaries: Record<string, InterfaceSummary>;
  totals: ProjectTotals;
}

function containerFields(file: string, decl: Declaration, path: string, rows: StructFieldRow[]): void {
  const name = path === '' ? decl.name : `${path}.${decl.name}`;
  if ((decl.kind === 'struct' || decl.kind === 'union') && decl.fields !== undefined) {
    for (const field of decl.fields) pushField(rows, file, name, decl.kind, field, decl.generic !== undefined);
  }
  // Methods are plain functions (a generic is in `nested`): no fields below them.
  for (const nested of decl.nested ?? []) containerFields(file, nested, name, rows);
}

function pushField(rows: StructFieldRow[], file: string, struct: string, kind: StructFieldRow['kind'], field: Field, generic: boolean): void {
  if (field.type === undefined) return; // enum tags and bare union tags carry no data
  const row: StructFieldRow = { file, struct, kind, field: field.name, zigType: field.type, line: field.line };
  if (generic) row.generic = true;
  rows.push(row);
  // An anonymous container as the field's type (`pos: struct { x: i32 }`): its fields are rows of `Struct.pos`.
  const inner = field.container;
  if (inner !== undefined && (inner.kind === 'struct' || inner.kind === 'union')) {
    for (const nested of inner.fields) pushField(rows, file, `${struct}.${field.name}`, inner.kind, nested, generic);
  }
}

const byPath = (a: WorkItem, b: WorkItem): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Builds the index from work items (any order). */
export function buildProjectIndex(root: string, items: Iterable<WorkItem>): ProjectIndex {
  return indexSorted(root, [...items].sort(byPath));
}

/** {@link buildProjectIndex} of items sorted by path. */
function indexSorted(root: string, list: readonly WorkItem[]): ProjectIndex {
  const structFields: StructFieldRow[] = [];
  const summaries: Record<string, InterfaceSummary> = {};
  const totals: ProjectTotals = { files: 0, lines: 0, bytes: 0, declarations: 0, tests: 0, filesWithParseErrors: 0, failed: 0 };
  for (const item of list) {
    const stem = posix.basename(item.path, '.zig');
    for (const field of item.fileFields) pushField(structFields, item.path, stem, 'file', field, false);
    for (const decl of item.declarations) containerFields(item.path, decl, '', structFields);
    summaries[item.path] = summarizeItem(item);
    totals.files++;
    totals.lines += item.lines;
    totals.bytes += item.bytes;
    totals.declarations += item.declarations.filter((decl) => decl.kind !== 'test').length;
    totals.tests += item.tests.length;
    if (item.parseErrors.length > 0) totals.filesWithParseErrors++;
    if (item.error !== undefined) totals.failed++;
  }
  return { root: resolve(root), files: list.map((item) => item.path), structFields, imports: buildImportGraph(list), summaries, totals };
}

/**
 * Splits the whole tree (slices are ignored: the index is always of the whole project) and
 * returns the index with the items, so a recipe can port a slice of them without parsing twice.
 */
export async function indexProject(root: string, options: Omit<SplitOptions, 'slices'> = {}): Promise<{ index: ProjectIndex; items: WorkItem[] }> {
  const items: WorkItem[] = [];
  for await (const item of split(root, { ...options, slices: [] })) items.push(item);
  items.sort(byPath);
  return { index: indexSorted(root, items), items };
}
