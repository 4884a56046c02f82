import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexProject } from '../../../src/source/index.js';
import { args } from '../../../recipes/zig-to-rust/args.js';
import { BLOCK_END, BLOCK_START, binFileOf, buildLayout, caseOnlyClashes, moduleTree, rustPathOf, withBlock, withoutBlock } from '../../../recipes/zig-to-rust/layout.js';
import { preflight } from '../../../recipes/zig-to-rust/preflight.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/zig-to-rust');

describe('crate layout', () => {
  it('maps the calc fixture like its golden crate: main.zig is the binary, parse/ a mod.rs directory', async () => {
    const { index, items } = await indexProject(join(FIXTURES, 'calc/src'));
    const bin = binFileOf(items);
    expect(bin).toBe('main.zig');
    const layout = buildLayout(index.files, 'calc', bin);
    expect(Object.fromEntries([...layout.entries.values()].map((e) => [e.zig, e.rust]))).toEqual({
      'main.zig': 'src/main.rs',
      'eval.zig': 'src/eval.rs',
      'parse/rpn.zig': 'src/parse/rpn.rs',
      'stack.zig': 'src/stack.rs',
      'token.zig': 'src/token.rs',
    });
    expect(rustPathOf(layout, 'parse/rpn.zig', false)).toBe('crate::parse::rpn');
    expect(rustPathOf(layout, 'eval.zig', true)).toBe('calc::eval');
    const tree = moduleTree(layout, new Set(index.files));
    const golden = (p: string) => readFileSync(join(FIXTURES, 'calc/golden', p), 'utf8');
    expect(tree.files.get('src/lib.rs')).toBe(golden('src/lib.rs'));
    expect(tree.files.get('src/parse/mod.rs')).toBe(golden('src/parse/mod.rs'));
    expect([...tree.files.keys()].sort()).toEqual(['src/lib.rs', 'src/parse/mod.rs']);
  });

  it('declares only ported files, and a directory only when something in it is ported', () => {
    const layout = buildLayout(['a.zig', 'http/header.zig', 'http/request.zig', 'x/y/z.zig'], 'p');
    const tree = moduleTree(layout, new Set(['http/request.zig']));
    expect(tree.files.get('src/lib.rs')).toBe('pub mod http;\n');
    expect(tree.files.get('src/http/mod.rs')).toBe('pub mod request;\n');
    expect(tree.files.has('src/x/mod.rs')).toBe(false);
    const none = moduleTree(layout, new Set());
    expect(none.files.get('src/lib.rs')).toBe('');
    const deep = moduleTree(layout, new Set(['x/y/z.zig']));
    expect(deep.files.get('src/x/mod.rs')).toBe('pub mod y;\n');
    expect(deep.files.get('src/x/y/mod.rs')).toBe('pub mod z;\n');
  });

  it('makes names Rust identifiers and keeps them unique', () => {
    const layout = buildLayout(['HTTPServer.zig', 'type.zig', 'my-file.zig', 'my_file.zig', 'lib.zig', 'main.zig', 'sub/mod.zig', 'Foo.zig', 'foo.zig'], 'p');
    const rust = (zig: string) => layout.entries.get(zig)!.rust;
    expect(rust('HTTPServer.zig')).toBe('src/http_server.rs');
    expect(rust('type.zig')).toBe('src/type.rs');
    expect(layout.entries.get('type.zig')!.modulePath).toEqual(['r#type']);
    expect([rust('my-file.zig'), rust('my_file.zig')].sort()).toEqual(['src/my_file.rs', 'src/my_file_2.rs']);
    expect(rust('lib.zig')).toBe('src/lib_mod.rs');
    expect(rust('main.zig')).toBe('src/main_mod.rs');
    expect(rust('sub/mod.zig')).toBe('src/sub/mod_zig.rs');
    expect(new Set([rust('Foo.zig'), rust('foo.zig')]).size).toBe(2);
    const lib = moduleTree(layout, new Set(layout.entries.keys())).files.get('src/lib.rs')!;
    expect(lib).toContain('pub mod r#type;\n');
    expect(lib.split('\n').filter(Boolean)).toEqual([...lib.split('\n').filter(Boolean)].sort((a, b) => (a.replace('r#', '') < b.replace('r#', '') ? -1 : 1)));
  });

  it('lets foo.zig beside foo/ host the directory: src/foo.rs with a generated block, no foo/mod.rs', () => {
    const layout = buildLayout(['foo.zig', 'foo/bar.zig', 'foo/baz.zig'], 'p');
    expect(layout.entries.get('foo.zig')!.rust).toBe('src/foo.rs');
    expect(layout.entries.get('foo/bar.zig')!.rust).toBe('src/foo/bar.rs');
    expect(rustPathOf(layout, 'foo/bar.zig', false)).toBe('crate::foo::bar');
    const tree = moduleTree(layout, new Set(['foo/bar.zig']));
    expect(tree.files.get('src/lib.rs')).toBe('pub mod foo;\n');
    expect(tree.files.has('src/foo/mod.rs')).toBe(false);
    expect(tree.blocks.get('src/foo.rs')).toEqual(['pub mod bar;']);
  });

  it('inserts, replaces and removes the submodule block after inner doc comments', () => {
    const port = '//! The foo module.\n#![allow(dead_code)]\n\npub fn f() {}\n';
    const once = withBlock(port, ['pub mod bar;']);
    expect(once).toBe(`//! The foo module.\n#![allow(dead_code)]\n${BLOCK_START}\npub mod bar;\n${BLOCK_END}\n\npub fn f() {}\n`);
    const twice = withBlock(once, ['pub mod bar;', 'pub mod baz;']);
    expect(twice).toContain('pub mod bar;\npub mod baz;\n');
    expect(twice.split(BLOCK_START)).toHaveLength(2);
    expect(withoutBlock(twice)).toBe(port);
    expect(withBlock('', ['pub mod a;'])).toBe(`${BLOCK_START}\npub mod a;\n${BLOCK_END}\n`);
    expect(withBlock(once, [])).toBe(port);
  });
});

describe('names that clash after conversion', () => {
  it('get `_2` with the reason recorded', () => {
    const layout = buildLayout(['HTTPServer.zig', 'http_server.zig', 'util.zig'], 'demo');
    expect(layout.entries.get('http_server.zig')!.rust).toBe('src/http_server_2.rs');
    expect(layout.renamed).toEqual([
      { zig: 'http_server.zig', module: 'http_server_2', wanted: 'http_server', takenBy: 'HTTPServer.zig', note: '`http_server.zig` is the module `http_server_2`: its name `http_server` is taken by `HTTPServer.zig`, whose name converts to the same Rust identifier' },
    ]);
    expect(buildLayout(['a.zig', 'b.zig'], 'demo').renamed).toEqual([]);
  });
});

describe('names that differ only in case', () => {
  it('are found among files and directories', () => {
    expect(caseOnlyClashes(['src/image.zig', 'src/Image.zig', 'src/other.zig'])).toEqual([['src/Image.zig', 'src/image.zig']]);
    expect(caseOnlyClashes(['Util/a.zig', 'util/b.zig'])).toEqual([['Util', 'util']]);
    expect(caseOnlyClashes(['src/http_server.zig', 'src/HTTPServer.zig'])).toEqual([]);
  });

  it('are refused at plan time (before anything is spent) with what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'z2r-case-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/image.zig'), 'pub fn load() void {}\n');
    writeFileSync(join(dir, 'src/Image.zig'), 'width: u32,\n');
    const error = await preflight(args.parse({ input: 'src' }), dir, { cargo: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_INPUT' });
    expect((error as Error).message).toBe(
      "Expected Zig paths that differ by more than letter case, but `Image.zig` and `image.zig` differ only in case: each pair would become one Rust module (`image`), and on a case-insensitive filesystem (macOS, Windows) one file. Rename one of each pair in the Zig tree, or leave one out with --exclude (e.g. --exclude 'image.zig').",
    );
    // Leaving one out is enough.
    await expect(preflight(args.parse({ input: 'src', exclude: 'Image.zig' }), dir, { cargo: false })).resolves.toMatchObject({ allFiles: ['image.zig'] });
  });
});
