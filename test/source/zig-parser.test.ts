import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseZig } from '../../src/source/index.js';
import type { Declaration } from '../../src/source/index.js';
import { bigZig, fixture } from './helpers.js';

const find = (decls: Declaration[], name: string): Declaration => {
  const decl = decls.find((d) => d.name === name);
  if (decl === undefined) throw new Error(`no declaration ${name}`);
  return decl;
};

describe('parseZig', () => {
  const point = parseZig(readFileSync(fixture('basic/src/point.zig'), 'utf8'));
  const shapes = parseZig(readFileSync(fixture('basic/src/shapes.zig'), 'utf8'));
  const list = parseZig(readFileSync(fixture('basic/src/list.zig'), 'utf8'));

  it('reads a struct with fields, defaults, methods, nested declarations, tests and doc comment', () => {
    const decl = find(point.declarations, 'Point');
    expect(decl).toMatchObject({ kind: 'struct', pub: true, startLine: 6, endLine: 31, signature: 'pub const Point = struct' });
    expect(decl.doc).toBe('A point on the plane.\nCoordinates are in pixels.');
    expect(decl.fields).toEqual([
      { name: 'x', type: 'i32', line: 7 },
      { name: 'y', type: 'i32', value: '0', line: 8 },
      { name: 'label', type: '?[]const u8', value: 'null', line: 9 },
    ]);
    expect(decl.methods?.map((m) => [m.name, m.pub, m.signature])).toEqual([
      ['origin', true, 'pub fn origin() Point'],
      ['distanceTo', true, 'pub fn distanceTo(self: Point, other: Point) f64'],
      ['helper', false, 'fn helper(self: *Point) void'],
    ]);
    expect(decl.nested?.map((n) => [n.kind, n.name])).toEqual([
      ['enum', 'Direction'],
      ['test', 'origin is zero'],
    ]);
  });

  it('classifies every declaration kind', () => {
    const kinds = Object.fromEntries(shapes.declarations.map((d) => [d.name, d.kind]));
    expect(kinds).toMatchObject({
      Color: 'enum',
      Shape: 'union',
      Flags: 'struct',
      Handle: 'opaque',
      max_shapes: 'const',
      shape_count: 'var',
      scratch: 'var',
      abs: 'fn',
      shapes_count: 'fn',
      isEmpty: 'fn',
    });
    expect(find(point.declarations, 'ParseError')).toMatchObject({ kind: 'error_set', errors: ['InvalidCharacter', 'Overflow'] });
    expect(find(shapes.declarations, 'abs').signature).toBe('pub extern "c" fn abs(x: c_int) c_int');
    expect(find(shapes.declarations, 'lookup_table').signature).toBe('const lookup_table = …');
    expect(find(shapes.declarations, 'Pair').fields).toEqual([
      { name: '0', type: 'u8', line: 35 },
      { name: '1', type: 'u16', line: 35 },
    ]);
    expect(find(shapes.declarations, 'Color').fields?.[1]).toEqual({ name: 'green', value: '2', line: 5 });
    expect(find(shapes.declarations, 'Shape').fields?.map((f) => [f.name, f.type])).toEqual([
      ['circle', 'f32'],
      ['rectangle', 'struct { w: f32, h: f32 }'],
      ['empty', undefined],
    ]);
  });

  it('recognises type-returning generics as containers, in both return styles', () => {
    const generic = find(list.declarations, 'List');
    expect(generic).toMatchObject({ kind: 'struct', pub: true, generic: { params: ['comptime T: type'] }, signature: 'pub fn List(comptime T: type) type' });
    expect(generic.fields?.map((f) => `${f.name}: ${f.type}`)).toEqual(['items: []T', 'capacity: usize', 'allocator: Allocator']);
    expect(generic.methods?.map((m) => m.name)).toEqual(['init', 'deinit', 'append', 'len', 'grow']);
    const pair = find(list.declarations, 'Pair');
    expect(pair).toMatchObject({ kind: 'struct', generic: { params: ['comptime A: type', 'comptime B: type'] } });
    expect(pair.fields?.map((f) => f.name)).toEqual(['first', 'second']);
    // A type-returning fn that returns no container stays a fn.
    expect(find(list.declarations, 'Int')).toMatchObject({ kind: 'fn' });
    expect(find(list.declarations, 'Int').generic).toBeUndefined();
  });

  it('lists tests of every form, top level first, with their container', () => {
    expect(point.tests.map((t) => [t.form, t.name, t.container])).toEqual([
      ['string', 'parse a point', undefined],
      ['identifier', 'parsePoint', undefined],
      ['anonymous', '', undefined],
      ['string', 'origin is zero', 'Point'],
    ]);
    expect(parseZig('test "say \\"hi\\"\\n" {}\n').tests[0]?.name).toBe('say "hi"\n');
  });

  it('finds imports in code only, once each, with their line', () => {
    const strings = parseZig(readFileSync(fixture('basic/src/util/strings.zig'), 'utf8'));
    expect(strings.imports).toEqual([
      { spec: 'std', line: 1 },
      { spec: '../point.zig', line: 2 },
      { spec: 'missing.zig', line: 3 },
    ]);
    const nested = parseZig('const A = @import("a.zig").Inner;\nfn f() void { const b = @import("b.zig"); _ = b; _ = @import("a.zig"); }\n');
    expect(nested.imports).toEqual([
      { spec: 'a.zig', line: 1 },
      { spec: 'b.zig', line: 2 },
    ]);
    expect(nested.declarations[0]).toMatchObject({ name: 'A', importSpec: 'a.zig' });
  });

  it('does not report the grammar bug for empty containers as an error', () => {
    const source = 'const A = struct {};\nconst B = enum {};\nconst C = union(enum) {};\nconst D = opaque {};\nfn f() void { const E = struct {}; _ = E; }\n';
    const info = parseZig(source);
    expect(info.parseErrors).toEqual([]);
    expect(info.declarations.map((d) => [d.name, d.kind, d.fields])).toEqual([
      ['A', 'struct', []],
      ['B', 'enum', []],
      ['C', 'union', []],
      ['D', 'opaque', []],
      ['f', 'fn', undefined],
    ]);
    expect(find(point.declarations, 'Marker').fields).toEqual([]);
    expect(point.parseErrors).toEqual([]);
  });

  it('locates real syntax errors, including hidden missing names', () => {
    const info = parseZig(readFileSync(fixture('bad/syntax.zig'), 'utf8'));
    expect(info.parseErrors[0]).toEqual({ line: 3, column: 18, message: 'syntax error at `u32 {`' });
    expect(parseZig('const x = 1 +;\n').parseErrors).toEqual([{ line: 1, column: 14, message: 'missing identifier' }]);
    expect(parseZig('const A = struct {};\nconst x = 1 +;\n').parseErrors.map((e) => e.line)).toEqual([2]);
  });

  it('reads top-level fields of a file that is a struct', () => {
    const info = parseZig(readFileSync(fixture('basic/src/Allocator.zig'), 'utf8'));
    expect(info.fileFields).toEqual([
      { name: 'ptr', type: '*anyopaque', line: 5 },
      { name: 'vtable', type: '*const VTable', line: 6 },
    ]);
  });

  it('parses files far larger than the 32 KiB input buffer to the end', () => {
    const source = bigZig(6000);
    expect(source.length).toBeGreaterThan(128 * 1024);
    const info = parseZig(source);
    expect(info.parseErrors).toEqual([]);
    const last = info.declarations[info.declarations.length - 1] as Declaration;
    expect(last.kind).toBe('test');
    expect(last.endLine).toBe(source.split('\n').length - 2);
    expect(info.declarations.filter((d) => d.kind === 'struct').length).toBe(info.tests.length);
  });

  it('reads the declarations of a usingnamespace container as the enclosing container\'s, public only when both are', () => {
    const source = [
      'pub const Outer = struct {',
      '    a: *u8,',
      '    pub usingnamespace struct {',
      '        pub const Inner = struct {',
      '            p: ?*Outer,',
      '        };',
      '        pub fn helper() void {}',
      '    };',
      '};',
      'usingnamespace struct {',
      '    pub const Hidden = struct {',
      '        h: []const u8,',
      '    };',
      '    test "inside" {}',
      '};',
      'pub usingnamespace @import("other.zig");',
      '',
    ].join('\n');
    const info = parseZig(source);
    expect(info.parseErrors).toEqual([]);
    const outer = find(info.declarations, 'Outer');
    expect(outer.fields?.map((f) => f.name)).toEqual(['a']);
    expect(find(outer.nested ?? [], 'Inner')).toMatchObject({ kind: 'struct', pub: true, fields: [{ name: 'p', type: '?*Outer', line: 5 }] });
    expect(outer.methods?.map((m) => [m.name, m.pub])).toEqual([['helper', true]]);
    expect(find(info.declarations, 'Hidden')).toMatchObject({ kind: 'struct', pub: false, fields: [{ name: 'h', type: '[]const u8', line: 12 }] });
    expect(info.tests.map((t) => t.name)).toEqual(['inside']);
    expect(info.declarations.map((d) => d.name)).toEqual(['Outer', 'Hidden', 'inside']);
  });

  it('reads the fields of anonymous containers used as field types, nested ones included', () => {
    const info = parseZig('pub const S = struct {\n    pos: struct { x: i32, inner: union(enum) { p: *u8, none } },\n    kind: enum { a, b },\n};\n');
    const [pos, kind] = find(info.declarations, 'S').fields!;
    expect(pos!.container?.kind).toBe('struct');
    expect(pos!.container?.fields.map((f) => [f.name, f.type])).toEqual([
      ['x', 'i32'],
      ['inner', 'union(enum) { p: *u8, none }'],
    ]);
    expect(pos!.container?.fields[1]!.container).toEqual({ kind: 'union', fields: [{ name: 'p', type: '*u8', line: 2 }, { name: 'none', line: 2 }] });
    expect(kind!.container).toBeUndefined(); // an enum's tags carry no data
  });

  it('keeps signatures on one line unless a comment is inside', () => {
    const info = parseZig('pub fn f(\n    a: u8,\n    b: u8,\n) void {}\npub fn g(\n    a: u8, // the a\n) void {}\n');
    expect(info.declarations.map((d) => d.signature)).toEqual(['pub fn f(a: u8, b: u8) void', 'pub fn g(\n    a: u8, // the a\n) void']);
  });
});
