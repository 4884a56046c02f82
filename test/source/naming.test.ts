import { describe, expect, it } from 'vitest';
import { fileStructNames, isFileReexport, returnsType, rustIdentifier, rustNamesFor, rustTestNames, screamingSnakeCase, snakeCase } from '../../src/source/index.js';
import type { Declaration } from '../../src/source/index.js';

const decl = (kind: Declaration['kind'], name: string, extra: Partial<Declaration> = {}): Declaration => ({
  kind,
  name,
  pub: true,
  startLine: 1,
  endLine: 1,
  signature: '',
  ...extra,
});

describe('naming rule', () => {
  it('turns camelCase into snake_case, acronyms included', () => {
    expect(snakeCase('isRed')).toBe('is_red');
    expect(snakeCase('parseHTTPRequest')).toBe('parse_http_request');
    expect(snakeCase('already_snake')).toBe('already_snake');
    expect(snakeCase('utf8Decode')).toBe('utf8_decode');
    expect(snakeCase('@"weird name"')).toBe('weird_name');
    expect(screamingSnakeCase('maxShapes')).toBe('MAX_SHAPES');
  });

  it('makes Rust keywords raw identifiers', () => {
    expect(snakeCase('match')).toBe('r#match');
    expect(rustIdentifier('self')).toBe('self_');
    expect(rustIdentifier('type')).toBe('r#type');
  });

  it('gives the canonical Rust names of declarations first', () => {
    expect(rustNamesFor(decl('fn', 'distanceTo'))).toEqual(['distance_to']);
    expect(rustNamesFor(decl('struct', 'Point'))).toEqual(['Point']);
    expect(rustNamesFor(decl('struct', 'List', { generic: { params: ['comptime T: type'] } }))).toEqual(['List']);
    expect(rustNamesFor(decl('error_set', 'ParseError'))).toEqual(['ParseError']);
    expect(rustNamesFor(decl('const', 'max_shapes'))).toEqual(['MAX_SHAPES', 'max_shapes']);
    expect(rustNamesFor(decl('const', 'Allocator'))[0]).toBe('Allocator');
    expect(rustNamesFor(decl('const', 'point', { importSpec: 'point.zig' }))[0]).toBe('point');
    expect(rustNamesFor(decl('var', 'shapeCount'))).toEqual(['SHAPE_COUNT', 'shape_count']);
  });

  it('names tests: strings to snake_case, identifiers with test_, anonymous ones numbered, repeats suffixed', () => {
    expect(
      rustTestNames([
        { name: 'name with spaces', form: 'string' },
        { name: 'HashMap basic usage', form: 'string' },
        { name: 'parsePoint', form: 'identifier' },
        { name: '', form: 'anonymous' },
        { name: '', form: 'anonymous' },
        { name: '1 + 1 == 2', form: 'string' },
        { name: 'match', form: 'string' },
        { name: 'name-with spaces!', form: 'string' },
        { name: 'Ünïcödé names', form: 'string' },
      ]),
    ).toEqual([
      'name_with_spaces',
      'hash_map_basic_usage',
      'test_parse_point',
      'anonymous_test_1',
      'anonymous_test_2',
      'test_1_1_2',
      'r#match',
      'name_with_spaces_2',
      'unicode_names',
    ]);
  });
});

describe('naming rule: types, files that are structs, re-exports', () => {
  it('a type-returning fn is named as a type first', () => {
    const fn = decl('fn', 'AutoHashMap', { signature: 'pub fn AutoHashMap(comptime K: type, comptime V: type) type' });
    expect(returnsType(fn)).toBe(true);
    expect(rustNamesFor(fn)).toEqual(['AutoHashMap', 'auto_hash_map']);
    expect(returnsType(decl('fn', 'init', { signature: 'pub fn init(t: type) void' }))).toBe(false);
    expect(rustNamesFor(decl('fn', 'Foo', { signature: 'pub fn Foo() u8' }))).toEqual(['foo', 'Foo']);
  });

  it('knows a re-export of a project file and the struct name of a file', () => {
    expect(isFileReexport(decl('const', 'args', { importSpec: 'clap/args.zig', signature: 'pub const args = @import("clap/args.zig");' }))).toBe(true);
    expect(isFileReexport(decl('const', 'Parser', { importSpec: 'parser.zig', signature: 'pub const Parser = @import("parser.zig").Parser;' }))).toBe(false);
    expect(isFileReexport(decl('const', 'std', { importSpec: 'std', signature: 'pub const std = @import("std");' }))).toBe(false);
    expect(fileStructNames('src/Image.zig')).toEqual(['Image']);
    expect(fileStructNames('image_view.zig')).toEqual(['ImageView']);
  });
});
