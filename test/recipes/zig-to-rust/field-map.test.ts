import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexProject, type ProjectIndex } from '../../../src/source/index.js';
import { fieldMapClosure, matchRows, parseTsv, planFieldMap, sortRows, toTsv, tsvCell, type FieldRow } from '../../../recipes/zig-to-rust/field-map.js';
import { EnumResolver, trivialType } from '../../../recipes/zig-to-rust/trivial-fields.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/zig-to-rust');

async function project(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'z2r-fields-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return indexProject(dir);
}

describe('trivial field classifier', () => {
  it('classifies integers, floats, bools, project enums and fixed arrays of those; nothing else', async () => {
    const { items } = await project({
      'kinds.zig': 'pub const Color = enum { red, green };\npub const Shape = union(enum) { dot, line: u8 };\n',
      'user.zig': 'const kinds = @import("kinds.zig");\nconst Color = @import("kinds.zig").Color;\nconst Local = enum { a };\nconst n = 4;\n',
    });
    const enums = new EnumResolver(items);
    const t = (type: string) => trivialType(type, 'user.zig', enums)?.rust_type;
    expect([t('u8'), t('i64'), t('usize'), t('u3'), t('i12'), t('u128'), t('bool'), t('f64'), t('f32'), t('f16')]).toEqual(['u8', 'i64', 'usize', 'u8', 'i16', 'u128', 'bool', 'f64', 'f32', 'f32']);
    expect([t('kinds.Color'), t('Color'), t('Local')]).toEqual(['Color', 'Color', 'Local']);
    expect([t('[4]u8'), t('[n]kinds.Color'), t('[2][3]f32')]).toEqual(['[u8; 4]', '[Color; N]', '[[f32; 3]; 2]']);
    for (const other of ['kinds.Shape', 'Shape', '[]u8', '[]const u8', '?u8', '*u8', 'std.ArrayList(u8)', 'T', 'u256', 'u0', '[4:0]u8', 'f80', 'anyerror', 'c_int', 'Missing', 'std.mem.Allocator']) {
      expect(t(other), other).toBeUndefined();
    }
  });

  it("agrees with the fixtures' field maps: trivial rows without a model, one batch per file for the rest", async () => {
    for (const [name, trivial, batches] of [
      ['calc', ['Entry.value', 'Stack.max_len', 'Token.number', 'Token.op'], ['eval.zig', 'stack.zig']],
      ['minihttp', ['Request.method', 'Store.writes'], ['http/header.zig', 'http/request.zig', 'router.zig', 'store.zig', 'util.zig']],
    ] as const) {
      const { index, items } = await indexProject(join(FIXTURES, name, 'src'));
      const plan = planFieldMap(index, items, 60);
      const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'fields.json'), 'utf8')) as Record<string, { fields: Array<Omit<FieldRow, 'file'>> }>;
      expect(plan.trivial.map((r) => `${r.struct}.${r.field}`).sort()).toEqual([...trivial].sort());
      expect(plan.batches.map((b) => b.file)).toEqual(batches);
      for (const row of plan.trivial) {
        const want = expected[row.file]!.fields.find((f) => f.struct === row.struct && f.field === row.field)!;
        expect([row.class, row.rust_type, row.zig_type]).toEqual([want.class, want.rust_type, want.zig_type]);
      }
      expect(plan.trivial.length + plan.batches.reduce((n, b) => n + b.rows.length, 0)).toBe(Object.values(expected).reduce((n, f) => n + f.fields.length, 0));
    }
  });

  it('splits a file with many fields into batches', async () => {
    const fields = Array.from({ length: 7 }, (_, i) => `    f${i}: []u8,`).join('\n');
    const { index, items } = await project({ 'big.zig': `pub const Big = struct {\n${fields}\n};\n` });
    const plan = planFieldMap(index, items, 3);
    expect(plan.batches.map((b) => [b.part, b.parts, b.rows.length])).toEqual([
      [1, 3, 3],
      [2, 3, 3],
      [3, 3, 1],
    ]);
  });
});

describe('field-map answers and LIFETIMES.tsv', () => {
  const asked = [
    { file: 'a.zig', struct: 'S', kind: 'struct' as const, field: 'x', zigType: '[]u8', line: 2 },
    { file: 'a.zig', struct: 'S', kind: 'struct' as const, field: 'y', zigType: '*T', line: 3 },
    { file: 'a.zig', struct: 'S', kind: 'struct' as const, field: 'z', zigType: '?*T', line: 4 },
  ];

  it('pairs answer rows by struct and field, else a unique field name; unanswered rows are UNKNOWN', () => {
    const rows = matchRows(asked, [
      { struct: 'S', field: 'x', zig_type: '[]u8', class: 'OWNED', rust_type: 'String', evidence: 'duped' },
      { struct: 'Wrong', field: 'y', zig_type: '*T', class: 'BACKREF', rust_type: 'Weak<T>', evidence: 'parent' },
      { struct: 'S', field: 'extra', zig_type: 'u8', class: 'OWNED', rust_type: 'u8', evidence: '' },
    ]);
    expect(rows.map((r) => [r.field, r.class, r.rust_type])).toEqual([
      ['x', 'OWNED', 'String'],
      ['y', 'BACKREF', 'Weak<T>'],
      ['z', 'UNKNOWN', ''],
    ]);
    expect(rows[2]!.evidence).toMatch(/no row/);
    expect(rows.every((r) => r.file === 'a.zig' && r.struct === 'S')).toBe(true);
  });

  it('writes a header and one sorted row per field, with tabs and newlines escaped, its confidence and its file hash, and reads it back', () => {
    const rows: FieldRow[] = sortRows([
      { file: 'b.zig', struct: 'B', field: 'x', zig_type: 'u8', class: 'OWNED', rust_type: 'u8', evidence: 'plain', zig_sha256: '0123456789abcdef' },
      { file: 'a.zig', struct: 'S', field: 'y', zig_type: '[]u8', class: 'OWNED', rust_type: 'String', evidence: 'line one\nline\ttwo \\ three', confidence: 0.85, zig_sha256: 'fedcba9876543210' },
      { file: 'a.zig', struct: 'S', field: 'b', zig_type: 'u8', class: 'OWNED', rust_type: 'u8', evidence: '', zig_sha256: 'fedcba9876543210' },
      { file: 'a.zig', struct: 'A b', field: 'a', zig_type: 'u8', class: 'UNKNOWN', rust_type: '', evidence: 'the agent failed', zig_sha256: '' },
    ]);
    const tsv = toTsv(rows);
    const lines = tsv.trimEnd().split('\n');
    expect(lines[0]).toBe('file\tstruct\tfield\tzig_type\tclass\trust_type\tevidence\tconfidence\tzig_sha256');
    expect(lines).toHaveLength(5);
    expect(lines.slice(1)).toEqual([...lines.slice(1)].sort());
    expect(lines.every((l) => l.split('\t').length === 9)).toBe(true);
    expect(lines).toContain('a.zig\tS\ty\t[]u8\tOWNED\tString\tline one\\nline\\ttwo \\\\ three\t0.85\tfedcba9876543210');
    expect(tsvCell('a\tb\nc\\d')).toBe('a\\tb\\nc\\\\d');
    expect(parseTsv(tsv)).toEqual(rows);
    // The 7-column file of earlier versions still reads (without hashes: never reused as a cache).
    expect(parseTsv('file\tstruct\tfield\tzig_type\tclass\trust_type\tevidence\nb.zig\tB\tx\tu8\tOWNED\tu8\tplain\n')).toEqual([
      { file: 'b.zig', struct: 'B', field: 'x', zig_type: 'u8', class: 'OWNED', rust_type: 'u8', evidence: 'plain' },
    ]);
    expect(parseTsv('something else\n')).toEqual([]);
  });

  it('maps what a slice needs: its files and their imports, transitively, not the rest of the tree', () => {
    const index = { imports: { edges: { 'a.zig': ['b.zig'], 'b.zig': ['c.zig'], 'c.zig': [], 'd.zig': ['a.zig'], 'e.zig': [] } } } as unknown as ProjectIndex;
    expect([...fieldMapClosure(index, ['a.zig'])].sort()).toEqual(['a.zig', 'b.zig', 'c.zig']);
    expect([...fieldMapClosure(index, ['e.zig', 'c.zig'])].sort()).toEqual(['c.zig', 'e.zig']);
  });
});
