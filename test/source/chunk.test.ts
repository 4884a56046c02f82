import { describe, expect, it } from 'vitest';
import { buildWorkItem, chunkFile } from '../../src/source/index.js';
import { bigZig } from './helpers.js';

const itemOf = (source: string) => buildWorkItem('/project', 'src/big.zig', new TextEncoder().encode(source));

describe('chunks', () => {
  it('keeps a file within the limit whole', () => {
    const source = bigZig(200);
    const chunks = chunkFile(itemOf(source), source);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toBe(source);
  });

  it('splits a large file at top-level declaration boundaries, each chunk within the limit', () => {
    const source = bigZig(4000);
    const item = itemOf(source);
    const chunks = chunkFile(item, source, { maxLines: 1000 });
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.map((c) => c.body).join('')).toBe(source);
    const starts = new Set(item.declarations.map((d) => d.startLine));
    for (const chunk of chunks) {
      expect(chunk.endLine - chunk.startLine + 1).toBeLessThanOrEqual(1000);
      expect(chunk.count).toBe(chunks.length);
      // Each chunk after the first begins right after a declaration ends: its first declaration starts inside it.
      if (chunk.index > 1) expect([...starts].some((line) => line >= chunk.startLine && line <= chunk.startLine + 2)).toBe(true);
      expect(chunk.header).toContain(`chunk ${chunk.index}/${chunks.length} of src/big.zig: lines ${chunk.startLine}-${chunk.endLine}`);
    }
    // Later chunks carry the file's imports; the first holds them itself.
    expect(chunks[0]?.imports).toBe('');
    expect(chunks[1]?.imports).toBe('const std = @import("std");\nconst Allocator = std.mem.Allocator;\n');
    expect(chunks[1]?.text.startsWith(chunks[1]?.header + chunks[1]?.imports)).toBe(true);
    expect(chunks.flatMap((c) => c.declarations)).toEqual(item.declarations.map((d) => d.name));
  });

  it('opens up one container larger than the limit at its members', () => {
    const methods = Array.from({ length: 60 }, (_, i) => `    pub fn m${i}(self: *Big) u32 {\n${'        self.n += 1;\n'.repeat(20)}        return self.n;\n    }\n`).join('\n');
    const source = `const std = @import("std");\n\npub const Big = struct {\n    n: u32,\n\n${methods}};\n\npub fn after() void {}\n`;
    const item = itemOf(source);
    const chunks = chunkFile(item, source, { maxLines: 300 });
    expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.map((c) => c.body).join('')).toBe(source);
    const inside = chunks.filter((c) => c.container !== undefined);
    expect(inside.length).toBeGreaterThan(3);
    expect(inside[0]?.container).toContain('pub const Big = struct { … }, file lines 3-');
    expect(inside[1]?.declarations[0]).toMatch(/^Big\.m\d+$/);
    expect(chunks[chunks.length - 1]?.declarations.at(-1)).toBe('after');
    expect(chunks[0]?.declarations.slice(0, 2)).toEqual(['std', 'Big.m0']);
    for (const chunk of chunks) expect(chunk.endLine - chunk.startLine + 1).toBeLessThanOrEqual(300);
  });
});
