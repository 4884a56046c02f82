import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorkItem, readWorkItem } from '../../src/source/index.js';
import { fixture, makeTree, removeTree } from './helpers.js';

const bad = fixture('bad');

describe('work items', () => {
  it('carries path, hash, size and line count', async () => {
    const item = await readWorkItem(bad, 'ok.zig');
    const bytes = readFileSync(fixture('bad/ok.zig'));
    expect(item).toMatchObject({ path: 'ok.zig', absPath: fixture('bad/ok.zig'), bytes: bytes.length, lines: 7 });
    expect(item.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(item.error).toBeUndefined();
    expect(item.tests.map((t) => t.name)).toEqual(['answer']);
  });

  it('marks binary junk without parsing it', async () => {
    const item = await readWorkItem(bad, 'junk.zig');
    expect(item.error?.code).toBe('SOURCE_BINARY');
    expect(item.error?.message).toContain('junk.zig');
    expect(item.declarations).toEqual([]);
    expect(item.bytes).toBe(256);
  });

  it('marks non-UTF-8 files and says where the bad byte is', async () => {
    const item = await readWorkItem(bad, 'latin1.zig');
    expect(item.error?.code).toBe('SOURCE_ENCODING');
    expect(item.error?.message).toContain('byte 7 on line 1');
    // Still parsed (lossily), so the index knows what the file declares.
    expect(item.declarations.map((d) => d.name)).toEqual(['ok']);
  });

  it('marks empty and whitespace-only files', async () => {
    for (const name of ['empty.zig', 'blank.zig']) {
      const item = await readWorkItem(bad, name);
      expect(item.error?.code).toBe('SOURCE_EMPTY');
      expect(item.declarations).toEqual([]);
    }
  });

  it('keeps syntax errors as data: the item is still usable', async () => {
    const item = await readWorkItem(bad, 'syntax.zig');
    expect(item.error).toBeUndefined();
    expect(item.parseErrors.length).toBeGreaterThan(0);
    expect(item.imports).toEqual([{ spec: 'std', kind: 'std', line: 1 }]);
  });

  it('gives an unreadable file an item with SOURCE_IO instead of throwing', async () => {
    const item = await readWorkItem(bad, 'vanished.zig');
    expect(item.error?.code).toBe('SOURCE_IO');
    expect(item.error?.message).toMatch(/vanished\.zig.*ENOENT/);
  });

  it('refuses files over maxBytes', () => {
    const item = buildWorkItem('/x', 'big.zig', new TextEncoder().encode('const a = 1;\n'.repeat(100)), { maxBytes: 100 });
    expect(item.error?.code).toBe('SOURCE_TOO_LARGE');
    expect(item.declarations).toEqual([]);
  });

  describe('imports', () => {
    const root = makeTree({
      'src/a.zig': 'const std = @import("std");\nconst builtin = @import("builtin");\nconst root = @import("root");\nconst clap = @import("clap");\nconst b = @import("sub/b.zig");\nconst up = @import("../outside.zig");\nconst gone = @import("gone.zig");\n',
      'src/sub/b.zig': 'const a = @import("../a.zig");\n',
    });
    afterAll(() => removeTree(root));

    it('classifies std, builtin, root and packages, and resolves files to project paths', async () => {
      const item = await readWorkItem(root, 'src/a.zig');
      expect(item.imports).toEqual([
        { spec: 'std', kind: 'std', line: 1 },
        { spec: 'builtin', kind: 'builtin', line: 2 },
        { spec: 'root', kind: 'root', line: 3 },
        { spec: 'clap', kind: 'package', line: 4 },
        { spec: 'sub/b.zig', kind: 'file', path: 'src/sub/b.zig', exists: true, line: 5 },
        { spec: '../outside.zig', kind: 'file', path: 'outside.zig', exists: false, line: 6 },
        { spec: 'gone.zig', kind: 'file', path: 'src/gone.zig', exists: false, line: 7 },
      ]);
      const b = await readWorkItem(root, 'src/sub/b.zig');
      expect(b.imports[0]).toMatchObject({ path: 'src/a.zig', exists: true });
    });
  });
});
