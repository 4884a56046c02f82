import { describe, expect, it } from 'vitest';
import { compileGlob, GitignoreMatcher } from '../../src/source/index.js';

describe('gitignore matcher', () => {
  const matcher = new GitignoreMatcher();
  matcher.add(['# comment', '', 'build/', '*.gen.zig', '!keep.gen.zig', '/top.zig', 'docs/**/*.zig', '**/vendor', 'a?c.zig', '[xy]z.zig', '\\#hash.zig', 'trailing.zig   '].join('\n'));
  matcher.add('local.zig\n', 'sub');

  it.each([
    ['build', true, true],
    ['src/build', true, true],
    ['build', false, false], // `build/` only matches directories
    ['x.gen.zig', false, true],
    ['deep/y.gen.zig', false, true],
    ['deep/keep.gen.zig', false, false], // negated
    ['top.zig', false, true],
    ['src/top.zig', false, false], // anchored to the .gitignore's directory
    ['docs/a/b/c.zig', false, true],
    ['docs/c.zig', false, true],
    ['src/docs/c.zig', false, false],
    ['lib/vendor', true, true],
    ['abc.zig', false, true],
    ['abbc.zig', false, false],
    ['xz.zig', false, true],
    ['zz.zig', false, false],
    ['#hash.zig', false, true],
    ['trailing.zig', false, true],
    ['sub/local.zig', false, true],
    ['local.zig', false, false], // a rule of sub/.gitignore stays in sub/
    ['main.zig', false, false],
  ])('%s (directory: %s) ignored: %s', (path, isDirectory, expected) => {
    expect(matcher.ignores(path, isDirectory)).toBe(expected);
  });

  it('lets a later (deeper) rule win', () => {
    const m = new GitignoreMatcher();
    m.add('*.zig\n');
    m.add('!wanted.zig\n', 'src');
    expect(m.ignores('src/wanted.zig', false)).toBe(false);
    expect(m.ignores('src/other.zig', false)).toBe(true);
  });
});

describe('globs', () => {
  it.each([
    ['**/*.zig', 'a/b/c.zig', true],
    ['**/*.zig', 'c.zig', true],
    ['src/*.zig', 'src/a.zig', true],
    ['src/*.zig', 'src/x/a.zig', false],
    ['src/**', 'src/x/a.zig', true],
    ['*_test.zig', 'deep/dir/a_test.zig', true],
    ['src/{http,net}/*.zig', 'src/net/a.zig', true],
    ['src/{http,net}/*.zig', 'src/io/a.zig', false],
    ['vendor/', 'vendor/lib/a.zig', true],
    ['./src/a.zig', 'src/a.zig', true],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(compileGlob(glob).matches(path)).toBe(expected);
  });
});
