import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkItem } from '../../src/source/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixture = (...parts: string[]): string => join(repoRoot, 'fixtures', 'zig', ...parts);

/** Creates a temporary tree from `{ 'a/b.zig': 'text' }`; returns its path. */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'migrate-source-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export async function collect(items: AsyncIterable<WorkItem>): Promise<WorkItem[]> {
  const list: WorkItem[] = [];
  for await (const item of items) list.push(item);
  return list.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** A realistic Zig file of about `lines` lines: structs with fields and methods, fns, tests. */
export function bigZig(lines: number): string {
  const out = ['const std = @import("std");', 'const Allocator = std.mem.Allocator;', ''];
  let n = 0;
  while (out.length < lines) {
    out.push(
      `/// Record number ${n}.`,
      `pub const Record${n} = struct {`,
      `    id: u32,`,
      `    name: []const u8 = "record ${n} with a long enough default value for padding",`,
      '',
      `    pub fn score(self: Record${n}, factor: u32) u32 {`,
      '        var total: u32 = self.id;',
      '        var i: u32 = 0;',
      '        while (i < factor) : (i += 1) total +%= i * 31;',
      '        return total;',
      '    }',
      '};',
      '',
      `pub fn helper${n}(a: u32, b: u32) u32 {`,
      '    return a *% b +% 7;',
      '}',
      '',
      `test "record ${n} scores" {`,
      `    try std.testing.expect(helper${n}(2, 3) == 13);`,
      '}',
      '',
    );
    n++;
  }
  return `${out.join('\n')}\n`;
}
