import { mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMigrateError } from '../../src/errors.js';
import { listSources, split } from '../../src/source/index.js';
import type { WorkItem } from '../../src/source/index.js';
import { bigZig, collect, fixture, makeTree, removeTree, repoRoot } from './helpers.js';

const basic = fixture('basic');
const paths = (items: WorkItem[]): string[] => items.map((item) => item.path);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('split', () => {
  it('yields one item per .zig file, skipping zig-cache, .zig-cache, zig-out and .gitignore', async () => {
    const items = await collect(split(basic, { workers: 0 }));
    expect(paths(items)).toEqual([
      'src/Allocator.zig',
      'src/cycle_a.zig',
      'src/cycle_b.zig',
      'src/keep.skip.zig', // re-included by `!keep.skip.zig`
      'src/list.zig',
      'src/main.zig',
      'src/point.zig',
      'src/shapes.zig',
      'src/util/strings.zig',
    ]);
  });

  it('honours the .gitignore files of enclosing directories up to the git top', async () => {
    const top = makeTree({
      '.git/info/exclude': 'secret.zig\n',
      '.gitignore': 'sub/ignored/\n',
      'sub/.gitignore': 'local.zig\n',
      'sub/a.zig': 'pub const a = 1;\n',
      'sub/local.zig': 'pub const l = 1;\n',
      'sub/secret.zig': 'pub const s = 1;\n',
      'sub/ignored/b.zig': 'pub const b = 1;\n',
      'sub/deeper/c.zig': 'pub const c = 1;\n',
    });
    try {
      expect(paths(await collect(split(join(top, 'sub'), { workers: 0 })))).toEqual(['a.zig', 'deeper/c.zig']);
      expect(paths(await collect(split(join(top, 'sub'), { workers: 0, gitignore: false })))).toEqual(['a.zig', 'deeper/c.zig', 'ignored/b.zig', 'local.zig', 'secret.zig']);
      expect(await listSources(top, { slices: ['sub/deeper'] })).toEqual(['sub/deeper/c.zig']);
    } finally {
      removeTree(top);
    }
  });

  it('honours include and exclude globs', async () => {
    const items = await collect(split(basic, { workers: 0, exclude: ['cycle_*.zig', 'src/util/'] }));
    expect(paths(items)).not.toContain('src/cycle_a.zig');
    expect(paths(items)).not.toContain('src/util/strings.zig');
    const only = await collect(split(basic, { workers: 0, include: ['src/*.zig'], exclude: ['**/keep*'] }));
    expect(paths(only)).toEqual(['src/Allocator.zig', 'src/cycle_a.zig', 'src/cycle_b.zig', 'src/list.zig', 'src/main.zig', 'src/point.zig', 'src/shapes.zig']);
  });

  it('keeps only the slices: directories, files and globs, relative to the root or the current directory', async () => {
    const dir = await collect(split(basic, { workers: 0, slices: ['src/util'] }));
    expect(paths(dir)).toEqual(['src/util/strings.zig']);
    const several = await collect(split(basic, { workers: 0, slices: ['src/point.zig', 'src/cycle_*.zig'] }));
    expect(paths(several)).toEqual(['src/cycle_a.zig', 'src/cycle_b.zig', 'src/point.zig']);
    // `migrate zig-to-rust fixtures/zig/basic/src --slice fixtures/zig/basic/src/util`, run from the repo.
    const fromCwd = await collect(split(join(basic, 'src'), { workers: 0, slices: ['fixtures/zig/basic/src/util'], cwd: repoRoot }));
    expect(paths(fromCwd)).toEqual(['util/strings.zig']);
  });

  it('fails a slice that matches nothing, before any item, saying which', async () => {
    const missing = await rejection(collect(split(basic, { workers: 0, slices: ['src/nope'] })));
    expect(isMigrateError(missing, 'SLICE_EMPTY')).toBe(true);
    expect((missing as Error).message).toContain('"src/nope"');
    const ignoredOnly = await rejection(collect(split(basic, { workers: 0, slices: ['src/util', 'src/generated'] })));
    expect(isMigrateError(ignoredOnly, 'SLICE_EMPTY')).toBe(true);
    expect((ignoredOnly as Error).message).toContain('"src/generated" matched none');
    const cached = await rejection(listSources(basic, { slices: ['zig-cache/cached.zig'] }));
    expect(isMigrateError(cached, 'SLICE_EMPTY')).toBe(true);
    const glob = await rejection(listSources(basic, { slices: ['**/*_test.zig'] }));
    expect(isMigrateError(glob, 'SLICE_EMPTY')).toBe(true);
  });

  it('says clearly when there is nothing to split', async () => {
    const none = await rejection(collect(split(fixture('no-sources'), { workers: 0 })));
    expect(isMigrateError(none, 'NO_SOURCES')).toBe(true);
    expect((none as Error).message).toContain('Expected .zig files under');
    const absent = await rejection(collect(split(fixture('does-not-exist'), { workers: 0 })));
    expect(isMigrateError(absent, 'SOURCE_IO')).toBe(true);
    const file = await rejection(collect(split(fixture('bad/ok.zig'), { workers: 0 })));
    expect(isMigrateError(file, 'SOURCE_IO')).toBe(true);
  });

  it('turns every bad file into an item and never stops', async () => {
    const stream = split(fixture('bad'), { workers: 0 });
    const items = await collect(stream);
    expect(items.map((item) => [item.path, item.error?.code])).toEqual([
      ['blank.zig', 'SOURCE_EMPTY'],
      ['empty.zig', 'SOURCE_EMPTY'],
      ['junk.zig', 'SOURCE_BINARY'],
      ['latin1.zig', 'SOURCE_ENCODING'],
      ['ok.zig', undefined],
      ['syntax.zig', undefined],
    ]);
    expect(stream.stats).toMatchObject({ files: 6, items: 6, failed: 4 });
  });

  describe('streaming', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`a/f${String(i).padStart(2, '0')}.zig`] = `pub fn f${i}() u32 {\n    return ${i};\n}\n`;
    files['z/first.zig'] = 'pub const first = 1;\n';
    let root = '';
    beforeAll(() => {
      root = makeTree(files);
    });
    afterAll(() => removeTree(root));

    it('yields the first item before the rest of the tree is read and parsed', async () => {
      const stream = split(root, { workers: 0 });
      const seen: string[] = [];
      for await (const item of stream) {
        if (seen.length === 0) {
          expect(stream.stats.parsed).toBeLessThan(41);
          expect(stream.stats.files).toBeLessThan(41);
          // A file that appears in a directory not yet walked is still picked up.
          writeFileSync(join(root, 'z', 'late.zig'), 'pub const late = 2;\n');
          // A listed file that vanishes before it is read becomes a failed item.
          unlinkSync(join(root, 'a', 'f39.zig'));
        }
        seen.push(item.path);
      }
      expect(seen[0]).toBe('a/f00.zig');
      expect(seen).toContain('z/late.zig');
      expect(seen).toHaveLength(42);
      expect(stream.stats.failed).toBe(1);
    });

    it('stops with ABORTED when its signal fires', async () => {
      const controller = new AbortController();
      let count = 0;
      const error = await rejection(
        (async () => {
          for await (const _ of split(root, { workers: 0, signal: controller.signal })) {
            if (++count === 3) controller.abort();
          }
        })(),
      );
      expect(isMigrateError(error, 'ABORTED')).toBe(true);
      expect(count).toBe(3);
    });
  });

  describe('on worker threads (compiled sources, as from dist/)', () => {
    let out = '';
    beforeAll(() => {
      // A worker thread cannot load TypeScript, so transpile the source layer the way the build does.
      const require = createRequire(import.meta.url);
      const ts = require('typescript') as typeof import('typescript');
      out = makeTree({});
      symlinkSync(join(repoRoot, 'node_modules'), join(out, 'node_modules'), 'dir');
      const compile = (from: string, to: string): void => {
        const output = ts.transpileModule(readFileSync(from, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        });
        writeFileSync(to, output.outputText);
      };
      mkdirSync(join(out, 'source'));
      writeFileSync(join(out, 'package.json'), '{"type":"module"}');
      compile(join(repoRoot, 'src/errors.ts'), join(out, 'errors.js'));
      for (const name of readdirSync(join(repoRoot, 'src/source'))) {
        if (name.endsWith('.ts')) compile(join(repoRoot, 'src/source', name), join(out, 'source', name.replace(/\.ts$/, '.js')));
      }
    });
    afterAll(() => removeTree(out));

    it('gives the same items as the main thread, with 2 threads doing the parsing', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 40; i++) files[`m${i}.zig`] = bigZig(1200);
      const root = makeTree(files);
      try {
        const stream = split(root, { workers: 2, workerScript: join(out, 'source', 'parse-worker.js') });
        const threaded = await collect(stream);
        expect(stream.stats).toMatchObject({ mode: 'threads', threads: 2, items: 40 });
        expect(stream.stats.onThreads).toBe(39); // all but the first, parsed while the threads start
        expect(threaded).toEqual(await collect(split(root, { workers: 0 })));
      } finally {
        removeTree(root);
      }
    });

    it('parses on the main thread when the worker script cannot start', async () => {
      const broken = join(out, 'broken-worker.js');
      writeFileSync(broken, 'throw new Error("cannot start");\n');
      const stream = split(basic, { workers: 2, workerScript: broken });
      const items = await collect(stream);
      expect(items).toHaveLength(9);
      expect(items.every((item) => item.error === undefined)).toBe(true);
      expect(stream.stats.onThreads).toBe(0);
    });

    it('does not hang on workers that never get ready', async () => {
      const stuck = join(out, 'stuck-worker.js');
      writeFileSync(stuck, 'setInterval(() => {}, 1000);\n');
      const stream = split(basic, { workers: 2, workerScript: stuck, workerStartTimeoutMs: 200 });
      expect(await collect(stream)).toHaveLength(9);
      expect(stream.stats.onThreads).toBe(0);
    });

    it('loads its worker from beside the compiled module when threads are asked for', async () => {
      const compiled = (await import(join(out, 'source', 'split.js'))) as typeof import('../../src/source/split.js');
      const stream = compiled.split(fixture('bad'), { workers: 2 });
      const items = await collect(stream);
      expect(stream.stats.mode).toBe('threads');
      expect(items.map((item) => item.error?.code)).toEqual(['SOURCE_EMPTY', 'SOURCE_EMPTY', 'SOURCE_BINARY', 'SOURCE_ENCODING', undefined, undefined]);
    });
  });
});
