/** rustInterface: the pub items of a Rust file with their signatures and no bodies. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rustInterface } from '../../src/source/index.js';

const SOURCE = `//! A module.
use std::collections::HashMap;
pub use crate::other::Thing;

/// A stack.
#[derive(Debug, Clone)]
pub struct Stack<T> {
    pub items: Vec<T>,
    max_len: usize,
}

struct Hidden;

pub const MAX: usize = 64;
pub type Map = HashMap<String, u8>;

pub enum Op { Add, Sub }

pub trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> &str { "shape" }
}

impl<T: Clone> Stack<T> {
    /// Makes one.
    pub fn init() -> Self {
        Stack { items: Vec::new(), max_len: 0 }
    }
    fn private_helper(&self) -> usize { 1 }
    pub fn pop(&mut self) -> Option<T> {
        self.items.pop()
    }
}

impl std::fmt::Display for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "op") }
}

pub fn parse(text: &str) -> Result<Vec<u8>, Error> {
    let x = 1;
    Ok(vec![x])
}

fn private() {}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn works() { assert!(true); }
}
`;

describe('rustInterface', () => {
  it('lists pub items with signatures, no bodies, no private items, no tests', () => {
    const api = rustInterface(SOURCE);
    expect(api).toContain('pub use crate::other::Thing;');
    expect(api).toContain('#[derive(Debug, Clone)]\npub struct Stack<T> {\n    pub items: Vec<T>,\n    max_len: usize,\n}');
    expect(api).toContain('pub const MAX: usize = 64;');
    expect(api).toContain('pub type Map = HashMap<String, u8>;');
    expect(api).toContain('pub trait Shape {\n    fn area(&self) -> f64;\n    fn name(&self) -> &str;\n}');
    expect(api).toContain('impl<T: Clone> Stack<T> {\n    pub fn init() -> Self;\n    pub fn pop(&mut self) -> Option<T>;\n}');
    expect(api).toContain("impl std::fmt::Display for Op {\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result;\n}");
    expect(api).toContain('pub fn parse(text: &str) -> Result<Vec<u8>, Error>;');
    expect(api).not.toMatch(/Hidden|private|tests|works|let x|Makes one|A stack/);
  });

  it('keeps private items when asked (parts of one file), and reads the golden fixtures', () => {
    expect(rustInterface(SOURCE, { private: true })).toMatch(/struct Hidden;[\s\S]*fn private_helper\(&self\) -> usize;[\s\S]*fn private\(\);/);
    const eval_ = rustInterface(readFileSync(new URL('../../fixtures/zig-to-rust/calc/golden/src/eval.rs', import.meta.url), 'utf8'));
    expect(eval_).toMatch(/pub fn evaluate\(/);
    expect(eval_).not.toContain('fn tests');
  });
});
