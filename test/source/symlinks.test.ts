/** Hostile input: symbolic links that lead out of the input tree are not read, and are reported like unreadable files. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSources, readWorkItem, split } from '../../src/source/index.js';
import { readWorkItemSync } from '../../src/source/work-item.js';
import { collect } from './helpers.js';

const SECRET = 'const secret = "sk-ant-outside-the-tree-0123456789";\n';
let base: string;
let root: string;
let outside: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'migrate-symlinks-'));
  root = join(base, 'project');
  outside = join(base, 'elsewhere');
  mkdirSync(join(root, 'lib'), { recursive: true });
  mkdirSync(join(outside, 'pkg'), { recursive: true });
  writeFileSync(join(root, 'main.zig'), 'pub fn main() void {}\n');
  writeFileSync(join(root, 'lib', 'util.zig'), 'pub fn one() u8 { return 1; }\n');
  writeFileSync(join(outside, 'secret.zig'), SECRET);
  writeFileSync(join(outside, 'pkg', 'more.zig'), SECRET);
  symlinkSync(join(outside, 'secret.zig'), join(root, 'leak.zig')); // a file link out of the tree
  symlinkSync(join(outside, 'pkg'), join(root, 'vendor'), 'dir'); // a directory link out of the tree
  symlinkSync(join(root, 'lib', 'util.zig'), join(root, 'alias.zig')); // a file link that stays inside
  symlinkSync(join(root, 'lib'), join(root, 'lib2'), 'dir'); // a directory link that stays inside (not followed: it would list twice)
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('symbolic links out of the input tree', () => {
  it('lists them, and their items say they were not read, with nothing of their content', async () => {
    expect(await listSources(root)).toEqual(['alias.zig', 'leak.zig', 'lib/util.zig', 'main.zig', 'vendor']);
    const items = await collect(split(root));
    const byPath = new Map(items.map((i) => [i.path, i]));
    expect(byPath.get('alias.zig')?.error).toBeUndefined();
    expect(byPath.get('alias.zig')?.declarations.map((d) => d.name)).toEqual(['one']);
    for (const [path, target] of [['leak.zig', join(outside, 'secret.zig')], ['vendor', `the directory ${join(outside, 'pkg')}`]] as const) {
      const item = byPath.get(path)!;
      expect(item.error?.code, path).toBe('SOURCE_IO');
      expect(item.error?.message).toContain(`Not read: ${path} is a symbolic link to ${target}, outside the input tree`);
      expect(item.bytes).toBe(0);
      expect(item.declarations).toEqual([]);
      expect(JSON.stringify(item)).not.toContain('sk-ant-outside');
    }
  });

  it('refuses them when read one by one (a slice naming the file, worker threads), and a slice through a directory link', async () => {
    expect((await readWorkItem(root, 'leak.zig')).error?.message).toMatch(/^Not read: leak.zig is a symbolic link/);
    expect(readWorkItemSync(root, 'leak.zig').error?.message).toMatch(/^Not read: leak.zig is a symbolic link/);
    expect((await readWorkItem(root, 'vendor/more.zig')).error?.message).toMatch(/^Not read: vendor\/more.zig is a symbolic link to .*more.zig, outside the input tree/);
    expect(await listSources(root, { slices: ['vendor'] })).toEqual(['vendor']);
  });

  it('follows a root given through a link, and leaves excluded links alone', async () => {
    const linkedRoot = join(base, 'project-link');
    symlinkSync(root, linkedRoot, 'dir');
    const items = await collect(split(linkedRoot, { exclude: ['vendor', 'leak.zig'] }));
    expect(items.map((i) => [i.path, i.error?.code ?? 'ok'])).toEqual([['alias.zig', 'ok'], ['lib/util.zig', 'ok'], ['main.zig', 'ok']]);
  });
});
