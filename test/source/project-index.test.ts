import { describe, expect, it } from 'vitest';
import { buildImportGraph, createSliceFilter, estimateTokens, indexProject } from '../../src/source/index.js';
import type { ImportInfo } from '../../src/source/index.js';
import { fixture } from './helpers.js';

const file = (path: string): ImportInfo => ({ spec: path, kind: 'file', path, exists: true, line: 1 });

describe('project index', async () => {
  const { index, items } = await indexProject(fixture('basic'), { workers: 0 });

  it('covers the whole tree and returns the items with it', () => {
    expect(index.files).toHaveLength(9);
    expect(items.map((item) => item.path)).toEqual(index.files);
    expect(index.totals).toMatchObject({ files: 9, failed: 0, filesWithParseErrors: 0 });
    expect(index.totals.tests).toBe(8);
  });

  it('lets a recipe port a slice of the indexed items without parsing twice', () => {
    const inSlice = createSliceFilter(fixture('basic'), ['src/util', 'src/point.zig']);
    expect(items.filter((item) => inSlice(item.path)).map((item) => item.path)).toEqual(['src/point.zig', 'src/util/strings.zig']);
    expect(createSliceFilter(fixture('basic'), [])('src/main.zig')).toBe(true);
  });

  it('builds the struct-field table, nested, generic and file structs included, enum tags left out', () => {
    const rows = index.structFields.map((row) => `${row.file} ${row.struct}.${row.field}: ${row.zigType}${row.generic === true ? ' (generic)' : ''}`);
    expect(rows).toContain('src/point.zig Point.label: ?[]const u8');
    expect(rows).toContain('src/list.zig List.items: []T (generic)');
    expect(rows).toContain('src/shapes.zig Shape.rectangle: struct { w: f32, h: f32 }');
    expect(rows).toContain('src/Allocator.zig Allocator.vtable: *const VTable');
    expect(rows).toContain('src/Allocator.zig VTable.free: *const fn (ctx: *anyopaque, buf: []u8) void');
    expect(rows.some((row) => row.includes('Color.'))).toBe(false);
    expect(rows.some((row) => row.includes('Shape.empty'))).toBe(false);
    expect(index.structFields.find((row) => row.struct === 'Allocator')?.kind).toBe('file');
  });

  it('orders files dependencies first, reports the cycle as one group and the missing import', () => {
    const order = index.imports.order;
    const position = (path: string): number => order.findIndex((group) => group.includes(path));
    expect(position('src/point.zig')).toBeLessThan(position('src/util/strings.zig'));
    expect(position('src/util/strings.zig')).toBeLessThan(position('src/main.zig'));
    expect(position('src/list.zig')).toBeLessThan(position('src/main.zig'));
    expect(index.imports.cycles).toEqual([['src/cycle_a.zig', 'src/cycle_b.zig']]);
    expect(order.flat().sort()).toEqual(index.files);
    expect(index.imports.missing).toEqual([{ from: 'src/util/strings.zig', spec: 'missing.zig', path: 'src/util/missing.zig', line: 3 }]);
    expect(index.imports.edges['src/main.zig']).toEqual(['src/list.zig', 'src/point.zig', 'src/util/strings.zig']);
  });

  it('summarises each file by its pub interface, without bodies, with a token estimate', () => {
    const summary = index.summaries['src/point.zig'];
    expect(summary?.text).toContain('pub fn distanceTo(self: Point, other: Point) f64;');
    expect(summary?.text).toContain('    label: ?[]const u8 = null,');
    expect(summary?.text).not.toContain('helper'); // not pub
    expect(summary?.text).not.toContain('math.sqrt'); // a body
    expect(summary?.tokens).toBe(estimateTokens(summary?.text ?? ''));
    expect(summary?.tokens).toBeGreaterThan(20);
  });

  it('finds cycles, self-imports and a deterministic order in larger graphs', () => {
    const graph = buildImportGraph([
      { path: 'd.zig', imports: [file('a.zig')] },
      { path: 'a.zig', imports: [file('b.zig')] },
      { path: 'b.zig', imports: [file('c.zig')] },
      { path: 'c.zig', imports: [file('a.zig'), file('e.zig')] },
      { path: 'e.zig', imports: [] },
      { path: 's.zig', imports: [file('s.zig')] },
    ]);
    expect(graph.order).toEqual([['e.zig'], ['a.zig', 'b.zig', 'c.zig'], ['d.zig'], ['s.zig']]);
    expect(graph.cycles).toEqual([['a.zig', 'b.zig', 'c.zig'], ['s.zig']]);
  });
});
