import { describe, expect, it } from 'vitest';
import { classifyRustPath, rustEscapes } from '../../src/source/rust-escapes.js';

const kinds = (source: string) => rustEscapes(source).map((e) => `${e.line}:${e.kind}${e.test ? ':test' : ''}:${e.name}${e.path !== undefined ? `=${e.path}` : ''}`);

describe('rustEscapes', () => {
  it('finds #[path] in every form: split over lines, through cfg_attr, inner, and inside a macro body', () => {
    const source = [
      '#[',
      '  path',
      '  = "/etc/x.rs"',
      ']',
      'mod x;',
      '#[cfg_attr(all(), path = "y.rs")] mod y;',
      'mod z {',
      '    #![path = "w"]',
      '}',
      'macro_rules! m { () => { #[path = "/tmp/q.rs"] mod q; } }',
      '#[doc = "path = not an attribute"] fn ok() {}',
    ].join('\n');
    expect(kinds(source)).toEqual(['1:path-attribute:path', '6:path-attribute:path', '8:inner-attribute:path', '8:path-attribute:path', '10:path-attribute:path']);
  });

  it('finds include macros with their literal path (or none), env macros and extern crates, in code and in token trees', () => {
    const source = [
      'const A: &str = include_str!("data.txt");',
      'static B: &[u8] = std::include_bytes!("../../Cargo.toml");',
      'const C: &str = include_str!(concat!("/etc", "/passwd"));',
      'const K: &str = env!("ANTHROPIC_API_KEY");',
      'macro_rules! m { () => { include!("/etc/passwd") } }',
      'fn f() { println!("{}", option_env!("GITHUB_TOKEN").unwrap_or("")); }',
      '#[doc = include_str!("r#raw.md")] pub struct D;',
      'extern crate alloc;',
    ].join('\n');
    expect(kinds(source)).toEqual([
      '1:include:include_str=data.txt',
      '2:include:include_bytes=../../Cargo.toml',
      '3:include:include_str',
      '4:env-macro:env',
      '5:include:include=/etc/passwd',
      '6:env-macro:option_env',
      '7:include:include_str=r#raw.md',
      '8:extern-crate:alloc',
    ]);
  });

  it('finds process, network and environment access, resolved through use aliases and globs, and says which is test code', () => {
    const source = [
      'use std::process::Command;',
      'use std::env;',
      'use std::net::*;',
      'pub fn run() { let _ = Command::new("ls"); }',
      '#[cfg(test)]',
      'mod tests {',
      '    use super::*;',
      '    #[test]',
      '    fn t() {',
      '        let _ = Command::new("sh").spawn();',
      '        let _ = env::var("ANTHROPIC_API_KEY");',
      '        let _ = TcpStream::connect("127.0.0.1:1");',
      '        assert!(std::env::var_os("GITHUB_TOKEN").is_none());',
      '        let _ = ::std::net::UdpSocket::bind("0.0.0.0:0");',
      '    }',
      '}',
      '#[test]',
      'fn free() { let _ = std::process::Command::new("true"); }',
      'fn not_a_test() { let _ = std::env::var("HOME"); }',
    ].join('\n');
    const found = rustEscapes(source).filter((e) => e.test).map((e) => `${e.line}:${e.kind}`);
    expect(found).toEqual(['10:process', '11:env-var', '12:net', '13:env-var', '14:net', '18:process']);
    expect(rustEscapes(source).filter((e) => !e.test).map((e) => `${e.line}:${e.kind}`)).toEqual(['1:process', '3:net', '4:process', '19:env-var']);
  });

  it('leaves ordinary code alone', () => {
    const source = 'use std::collections::HashMap;\nuse std::fmt;\n#![allow(dead_code)]\npub fn env(x: &str) -> usize { let var = x.len(); var }\n#[cfg(test)]\nmod tests { use super::*; #[test] fn t() { assert_eq!(env("ab"), 2); let path = 1; let _ = path; } }\n';
    expect(kinds(source)).toEqual(['3:inner-attribute:allow']);
  });

  it('classifies paths', () => {
    expect(classifyRustPath('std::process::Command::new')).toBe('process');
    expect(classifyRustPath('::std::net::TcpStream')).toBe('net');
    expect(classifyRustPath('std::os::unix::net::UnixStream')).toBe('net');
    expect(classifyRustPath('std::env::vars')).toBe('env-var');
    expect(classifyRustPath('std::env::args')).toBeUndefined();
    expect(classifyRustPath('std::process::exit')).toBeUndefined();
  });
});
