import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorkItem, parity, parseRust, readWorkItem } from '../../src/source/index.js';
import { fixture } from './helpers.js';

const pointRs = `
use std::fmt;

/// A point on the plane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point { pub x: i32, pub y: i32, pub label: Option<&'static str> }

impl Point {
    pub fn origin() -> Point { Point { x: 0, y: 0, label: None } }
    pub fn distance_to(&self, other: Point) -> f64 { (((self.x - other.x).pow(2) + (self.y - other.y).pow(2)) as f64).sqrt() }
    fn helper(&mut self) { self.x += 1; }
}

#[derive(Debug, PartialEq)]
pub enum ParseError { InvalidCharacter, Overflow }

pub struct Marker;

pub fn parse_point(text: &str) -> Result<Point, ParseError> {
    let (x, y) = text.split_once(',').ok_or(ParseError::InvalidCharacter)?;
    Ok(Point { x: x.parse().map_err(|_| ParseError::InvalidCharacter)?, y: y.parse().map_err(|_| ParseError::Overflow)?, label: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parse_a_point() { assert_eq!(parse_point("3,4").unwrap().y, 4); }
    #[test]
    fn test_parse_point() { assert!(parse_point("a,1").is_err()); }
    #[test]
    fn anonymous_test_1() {}
    #[test]
    fn origin_is_zero() { assert_eq!(Point::origin().x, 0); }
}
`;

describe('Rust side', () => {
  it('lists items, impl methods, tests and stubs', () => {
    const info = parseRust(`
pub use crate::a::{Bar, baz as qux};
pub mod inner { pub fn deep() {} }
pub struct S;
pub enum E { A }
pub type Alias = u32;
pub const MAX: usize = 1;
pub static mut COUNT: u32 = 0;
pub trait T { fn t(&self); }
impl<X> T for List<X> { fn t(&self) {} }
impl S { pub fn r#move(&self) -> u32 { todo!() } }
pub fn later() -> u32 { unimplemented!("later") }
#[cfg(test)] mod tests { #[test] fn works() {} #[tokio::test] async fn also() {} fn helper() {} }
`);
    expect(info.errors).toEqual([]);
    expect(info.items.map((i) => `${i.kind} ${i.name}${i.pub ? ' pub' : ''}`)).toEqual([
      'use Bar pub',
      'use qux pub',
      'mod inner pub',
      'struct S pub',
      'enum E pub',
      'type Alias pub',
      'const MAX pub',
      'static COUNT pub',
      'trait T pub',
      'impl List',
      'impl S',
      'fn later pub',
      'mod tests',
    ]);
    expect(info.items[9]).toMatchObject({ trait: 'T', methods: [{ name: 't' }] });
    expect(info.items[10]?.methods?.[0]).toMatchObject({ name: 'move', stub: true });
    expect(info.items[11]?.stub).toBe(true);
    expect(info.items[12]?.items?.map((f) => [f.name, f.test === true])).toEqual([
      ['works', true],
      ['also', true],
      ['helper', false],
    ]);
  });

  it('reports Rust syntax errors with their line', () => {
    expect(parseRust('fn ok() {}\nfn broken( {\n').errors[0]?.line).toBe(2);
  });
});

describe('parity', async () => {
  const item = await readWorkItem(fixture('basic'), 'src/point.zig');

  it('passes a faithful port', () => {
    const result = parity(item, pointRs);
    expect(result.gaps).toEqual([]);
    expect(result).toMatchObject({ ok: true, stubs: [], rustErrors: [] });
  });

  it('lists missing declarations and tests with the names that would count', () => {
    const result = parity(item, pointRs.replace('pub fn parse_point', 'pub fn parse').replace('fn origin_is_zero', 'fn origin_works'));
    expect(result.ok).toBe(false);
    expect(result.gaps).toEqual([
      { kind: 'fn', zigName: 'parsePoint', line: 38, expected: ['parse_point'], reason: 'missing', accepts: ['fn', 'use', 'macro'] },
      { kind: 'test', zigName: 'origin is zero', line: 28, expected: ['origin_is_zero', 'test_origin_is_zero'], reason: 'missing' },
    ]);
  });

  it('flags a counterpart that is not pub, stubs and broken Rust', () => {
    const result = parity(item, pointRs.replace('pub struct Marker;', 'struct Marker;').replace('fn helper(&mut self) { self.x += 1; }', 'fn helper(&mut self) { todo!() }'));
    expect(result.gaps).toEqual([{ kind: 'struct', zigName: 'Marker', line: 36, expected: ['Marker'], reason: 'not-pub', accepts: ['struct', 'enum', 'union', 'type', 'trait', 'use'] }]);
    expect(result.stubs.map((s) => s.name)).toEqual(['helper']);
    expect(parity(item, `${pointRs}\nfn broken( {`).rustErrors.length).toBeGreaterThan(0);
  });

  it('does not accept a type where a function is expected', () => {
    const result = parity(item, pointRs.replace('pub fn parse_point(text: &str) -> Result<Point, ParseError> {', 'pub struct parse_point; fn unused(text: &str) -> Result<Point, ParseError> {'));
    expect(result.gaps.map((g) => g.zigName)).toEqual(['parsePoint']);
  });

  it('requires exported fns and consts by their Rust names', async () => {
    const shapes = await readWorkItem(fixture('basic'), 'src/shapes.zig');
    const source = readFileSync(fixture('basic/src/shapes.zig'), 'utf8');
    expect(source).toContain('export fn shapes_count');
    const result = parity(shapes, 'pub enum Color {} pub enum Shape {} pub struct Flags; pub struct Handle; pub struct Pair(u8, u16);');
    expect(result.gaps.map((g) => `${g.zigName}->${g.expected[0]}`)).toEqual([
      'max_shapes->MAX_SHAPES',
      'shape_count->SHAPE_COUNT',
      'abs->abs',
      'shapes_count->shapes_count',
      'isEmpty->is_empty',
      'HashMap-like area of a circle->hash_map_like_area_of_a_circle',
      'area of a circle->area_of_a_circle',
    ]);
  });
});

describe('parity: types, files that are structs, re-exports', () => {
  const zig = (path: string, text: string) => buildWorkItem('/tmp', path, Buffer.from(text));

  it('accepts a type alias, struct, enum or trait for a type-returning fn that is not a struct body', () => {
    const item = zig('map.zig', 'const std = @import("std");\npub fn AutoHashMap(comptime K: type, comptime V: type) type {\n    return std.HashMap(K, V, void, 80);\n}\n');
    for (const rust of ['pub type AutoHashMap<K, V> = std::collections::HashMap<K, V>;', 'pub struct AutoHashMap<K, V>(std::collections::HashMap<K, V>);', 'pub trait AutoHashMap {}', 'pub enum AutoHashMap {}', 'pub fn auto_hash_map() {}']) {
      expect(parity(item, rust).gaps, rust).toEqual([]);
    }
    expect(parity(item, 'pub const AUTO_HASH_MAP: u8 = 1;').gaps).toEqual([
      expect.objectContaining({ zigName: 'AutoHashMap', expected: ['AutoHashMap', 'auto_hash_map'], accepts: ['fn', 'type', 'struct', 'enum', 'union', 'trait', 'use', 'macro'] }),
    ]);
  });

  it('a file with top-level fields is a struct: its methods count for the pub fns, the struct is expected', () => {
    const item = zig('src/Image.zig', 'const Image = @This();\nwidth: u32,\nheight: u32,\npub fn init(w: u32, h: u32) Image {\n    return .{ .width = w, .height = h };\n}\npub fn area(self: Image) u32 {\n    return self.width * self.height;\n}\n');
    const rust = 'pub struct Image { pub width: u32, pub height: u32 }\nimpl Image {\n    pub fn init(w: u32, h: u32) -> Image { Image { width: w, height: h } }\n    pub fn area(&self) -> u32 { self.width * self.height }\n}\n';
    expect(parity(item, rust).gaps).toEqual([]);
    expect(parity(item, rust.replace('pub fn area', 'fn area')).gaps).toEqual([expect.objectContaining({ zigName: 'area', reason: 'not-pub', methodOf: ['Image'] })]);
    expect(parity(item, 'pub fn init() {}\npub fn area() {}\n').gaps).toEqual([expect.objectContaining({ kind: 'struct', zigName: 'Image', fileStruct: true, line: 2, reason: 'missing' })]);
    // Its constants may be associated constants.
    const withConst = zig('src/Image.zig', 'width: u32,\npub const max_width = 4096;\n');
    expect(parity(withConst, 'pub struct Image { pub width: u32 }\nimpl Image {\n    pub const MAX_WIDTH: u32 = 4096;\n}\n').gaps).toEqual([]);
    expect(parity(withConst, 'pub struct Image { pub width: u32 }\nimpl Image {\n    const MAX_WIDTH: u32 = 4096;\n}\n').gaps).toEqual([expect.objectContaining({ zigName: 'max_width', reason: 'not-pub' })]);
    // Methods of another type do not count.
    expect(parity(item, rust.replace('impl Image', 'impl Other')).gaps.map((g) => g.zigName)).toEqual(['init', 'area']);
  });

  it('a pub const re-export of a project file is satisfied by the module tree; a member of one is not', () => {
    const item = zig('clap.zig', 'pub const args = @import("clap/args.zig");\npub const Parser = @import("clap/parser.zig").Parser;\n');
    expect(parity(item, 'pub use crate::clap::parser::Parser;\n').gaps).toEqual([]);
    expect(parity(item, '').gaps.map((g) => g.zigName)).toEqual(['Parser']);
  });

  it('a const initialised at run time may be a fn', () => {
    const item = zig('c.zig', 'const std = @import("std");\npub const default_size = computeSize();\nfn computeSize() usize { return 4; }\n');
    expect(parity(item, 'pub fn default_size() -> usize { 4 }').gaps).toEqual([]);
    expect(parity(item, '').gaps[0]?.accepts).toContain('fn');
  });
});
