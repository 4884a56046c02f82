// Generates a deterministic corpus of realistic Zig files for the source-layer benchmark.
// Usage: node bench/lib/source-corpus.mjs <dir> [--files 4000] [--lines 1000000]
// Also imported by bench/source-split.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from './prng.mjs';

const WORDS = ['buffer', 'token', 'node', 'entry', 'header', 'request', 'socket', 'frame', 'index', 'cache', 'value', 'writer', 'reader', 'state', 'queue', 'table', 'span', 'block', 'chunk', 'record'];
const TYPES = ['u8', 'u16', 'u32', 'u64', 'usize', 'i32', 'i64', 'f64', 'bool', '[]const u8', '?*Node', 'std.ArrayList(u8)', 'std.mem.Allocator', '[]u32'];

function generator(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const word = () => pick(WORDS);
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  let counter = 0;
  const id = (w) => `${w}${counter++}`;

  function fnBody(indent, size) {
    const out = [];
    const pad = ' '.repeat(indent);
    out.push(`${pad}var total: usize = 0;`);
    while (out.length < size) {
      const r = rand();
      if (r < 0.25) {
        out.push(`${pad}for (items, 0..) |item, i| {`, `${pad}    if (item.len > i) total += item.len else continue;`, `${pad}}`);
      } else if (r < 0.45) {
        out.push(`${pad}switch (mode) {`, `${pad}    .fast => total += 1,`, `${pad}    .slow => |n| {`, `${pad}        total += n * 2;`, `${pad}    },`, `${pad}    else => return error.Unsupported,`, `${pad}}`);
      } else if (r < 0.6) {
        out.push(`${pad}const ${id(word())} = try allocator.alloc(u8, total + ${Math.floor(rand() * 64)});`, `${pad}defer allocator.free(${'scratch'});`);
      } else if (r < 0.75) {
        out.push(`${pad}// Keep the ${word()} aligned with the ${word()} before writing.`, `${pad}total = std.mem.alignForward(usize, total, @alignOf(u64));`);
      } else if (r < 0.9) {
        out.push(`${pad}while (total < limit) : (total += 1) {`, `${pad}    if (self.${word()}.get(total)) |found| {`, `${pad}        _ = found;`, `${pad}        break;`, `${pad}    }`, `${pad}}`);
      } else {
        out.push(`${pad}std.debug.print("{s}: {d}\\n", .{ "${word()}", total });`);
      }
    }
    out.push(`${pad}return total;`);
    return out;
  }

  function fn(indent, isMethod, typeName) {
    const pad = ' '.repeat(indent);
    const name = `${word()}${cap(word())}${counter++}`;
    const self = isMethod ? `self: *${typeName}, ` : '';
    const doc = rand() < 0.5 ? [`${pad}/// Computes the ${word()} for the given ${word()}.`] : [];
    return [...doc, `${pad}${rand() < 0.6 ? 'pub ' : ''}fn ${name}(${self}allocator: std.mem.Allocator, items: []const []const u8, mode: Mode, limit: usize) !usize {`, ...fnBody(indent + 4, 6 + Math.floor(rand() * 30)), `${pad}}`, ''];
  }

  function struct(indent) {
    const pad = ' '.repeat(indent);
    const name = `${cap(word())}${counter++}`;
    const out = [`${pad}pub const ${name} = struct {`];
    const fields = 2 + Math.floor(rand() * 6);
    for (let i = 0; i < fields; i++) out.push(`${pad}    ${word()}${i}: ${pick(TYPES)}${rand() < 0.3 ? ' = undefined' : ''},`);
    out.push('', `${pad}    const Self = @This();`, '');
    const methods = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < methods; i++) out.push(...fn(indent + 4, true, 'Self'));
    if (rand() < 0.1) out.push(`${pad}    pub const Empty = struct {};`);
    out.push(`${pad}};`, '');
    return out;
  }

  function generic() {
    const name = `${cap(word())}List${counter++}`;
    return [`pub fn ${name}(comptime T: type) type {`, '    return struct {', '        items: []T,', '        len: usize = 0,', '', '        const Self = @This();', '', ...fn(8, true, 'Self'), '    };', '}', ''];
  }

  function test() {
    return [`test "${word()} ${word()} ${counter++}" {`, '    const allocator = std.testing.allocator;', '    var list = std.ArrayList(u8).init(allocator);', '    defer list.deinit();', `    try list.append(${Math.floor(rand() * 255)});`, '    try std.testing.expectEqual(@as(usize, 1), list.items.len);', '}', ''];
  }

  return function file(index, targetLines, fileCount) {
    const out = ['//! Generated module for the migrate-kit split benchmark.', 'const std = @import("std");', 'const builtin = @import("builtin");'];
    for (let i = 0; i < 2; i++) {
      const k = Math.floor(rand() * fileCount);
      out.push(`const dep${i} = @import("../d${Math.floor(k / 50)}/m${k}.zig");`);
    }
    out.push('', 'pub const Mode = union(enum) { fast, slow: usize, other };', 'pub const Error = error{ Unsupported, OutOfMemory, EndOfStream };', '');
    while (out.length < targetLines) {
      const r = rand();
      if (r < 0.35) out.push(...struct(0));
      else if (r < 0.7) out.push(...fn(0, false, ''));
      else if (r < 0.8) out.push(...generic());
      else if (r < 0.9) out.push(`pub const ${cap(word())}Kind${counter++} = enum(u8) { ${WORDS.slice(0, 4).join(', ')}, _ };`, '');
      else out.push(...test());
    }
    return out.join('\n') + '\n';
  };
}

/** Writes the corpus; returns { files, lines, bytes }. Directories of 50 files (`d0/m0.zig` …). */
export function generateCorpus(dir, { files = 4000, lines = 1_000_000, seed = 42 } = {}) {
  const rand = prng(seed);
  const make = generator(rand);
  let totalLines = 0;
  let totalBytes = 0;
  const mean = lines / files;
  for (let i = 0; i < files; i++) {
    // Skewed sizes: many small files, a few large ones (up to ~12x the mean).
    const target = Math.max(20, Math.round(mean * -Math.log(1 - rand() * 0.99999) ));
    const text = make(i, Math.min(target, mean * 12), files);
    const sub = join(dir, `d${Math.floor(i / 50)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `m${i}.zig`), text);
    totalLines += text.split('\n').length - 1;
    totalBytes += Buffer.byteLength(text);
  }
  return { files, lines: totalLines, bytes: totalBytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: node bench/lib/source-corpus.mjs <dir> [--files N] [--lines N]');
    process.exit(2);
  }
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  console.log(generateCorpus(dir, { files: arg('--files', 4000), lines: arg('--lines', 1_000_000) }));
}
