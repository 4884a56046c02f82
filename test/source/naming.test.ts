import { describe, expect, it } from 'vitest';
import { rustIdentifier, rustNamesFor, rustTestNames, screamingSnakeCase, snakeCase } from '../../src/source/index.js';
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
