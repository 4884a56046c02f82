import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { args, DEFAULT_ZIG_VERSION, resolveZigVersion } from '../../../recipes/zig-to-rust/args.js';
import { loadPrompts } from '../../../recipes/zig-to-rust/prompts.js';
import recipe from '../../../recipes/zig-to-rust/recipe.js';
import { OutputFiles } from '../../../recipes/zig-to-rust/output-files.js';
import { preflight } from '../../../recipes/zig-to-rust/preflight.js';
import { cargoToml, crateName, GITIGNORE, MANIFEST_FILE, packageName, readManifest, sweepTemporaryFiles, takeOrRestoreBase, writeAtomic, writeManifest, writeScaffold, zigStdFiles, type Manifest } from '../../../recipes/zig-to-rust/scaffold.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/zig-to-rust');
const temp = () => mkdtempSync(join(tmpdir(), 'z2r-scaffold-'));
const parse = (raw: Record<string, unknown>) => args.parse(raw);

describe('crate scaffold', () => {
  it('names the package after the input directory, or its parent for src/', () => {
    expect(packageName('/x/calc/src')).toBe('calc');
    expect(packageName('/x/My Project/src/zig')).toBe('my_project');
    expect(packageName('/x/mini-http')).toBe('mini-http');
    expect(packageName('/x/2fast')).toBe('zig_2fast');
    expect(packageName('/x/std')).toBe('std_rs');
    expect(packageName('/x/calc/src', 'given')).toBe('given');
    expect(crateName('mini-http')).toBe('mini_http');
  });

  it('writes Cargo.toml (std and zig_std only, an empty [workspace]), zig_std, and a .gitignore for target/ and the work area', async () => {
    const out = temp();
    const files = new OutputFiles(out, 'r1');
    await writeScaffold(files, 'calc');
    const toml = readFileSync(join(out, 'Cargo.toml'), 'utf8');
    expect(toml).toBe(cargoToml('calc'));
    expect(toml).toMatch(/^\[package\]\nname = "calc"\nversion = "0.1.0"\nedition = "2021"\n\n\[dependencies\]\nzig_std = \{ path = "zig_std" \}\n\n/);
    expect(toml).toMatch(/\n\[workspace\]\n$/);
    // zig_std is copied as the recipe has it, and recorded as a file the recipe wrote.
    expect(readFileSync(join(out, 'zig_std/src/lib.rs'), 'utf8')).toBe(zigStdFiles().get('zig_std/src/lib.rs'));
    expect(readFileSync(join(out, 'zig_std/Cargo.toml'), 'utf8')).toMatch(/^\[package\]\nname = "zig_std"/);
    expect(Object.keys(files.all())).toEqual(expect.arrayContaining([...zigStdFiles().keys()]));
    expect(readFileSync(join(out, '.gitignore'), 'utf8')).toBe(GITIGNORE);
    expect(GITIGNORE).toContain('/target/');
  });

  it('writes files atomically and sweeps the temporary files a killed run left behind', async () => {
    const out = temp();
    await writeAtomic(join(out, 'src/a/b.rs'), 'x');
    expect(readdirSync(join(out, 'src/a'))).toEqual(['b.rs']);
    writeFileSync(join(out, 'src/a/.b.rs.123.migrate-kit-tmp'), 'half');
    mkdirSync(join(out, 'target'), { recursive: true });
    writeFileSync(join(out, 'target/.keep.1.migrate-kit-tmp'), '');
    await sweepTemporaryFiles(out);
    expect(readdirSync(join(out, 'src/a'))).toEqual(['b.rs']);
    expect(readdirSync(join(out, 'target'))).toHaveLength(1);
  });

  it('snapshots the files earlier runs ported once per run, and restores them on resume', async () => {
    const out = temp();
    mkdirSync(join(out, 'src'), { recursive: true });
    writeFileSync(join(out, 'src/util.rs'), 'pub fn original() {}\n');
    const manifest: Manifest = { tool: 'migrate-kit', recipe: 'zig-to-rust', version: 1, input: '/in', package: 'p', files: { 'util.zig': { output: 'src/util.rs', sha256: 'x', runId: 'r1', outcome: 'approved' } }, runs: ['r1'] };
    const outputs = { 'src/util.rs': { sha256: 'abc', runId: 'r1' } };
    await writeManifest(new OutputFiles(out, 'r1', outputs), manifest);
    expect(manifest.outputs).toEqual(outputs); // the manifest does not list itself
    expect(await readManifest(out)).toEqual(manifest);
    const first = await takeOrRestoreBase(out, 'r2', manifest);
    expect(Object.keys(first.files)).toEqual(['util.zig']);
    expect(first.outputs).toEqual(outputs);
    writeFileSync(join(out, 'src/util.rs'), 'pub fn edited_by_the_fix_loop() {}\n');
    const again = await takeOrRestoreBase(out, 'r2', { ...manifest, files: {} });
    expect(again).toEqual(first);
    expect(readFileSync(join(out, 'src/util.rs'), 'utf8')).toBe('pub fn original() {}\n');
  });
});

describe('preflight', () => {
  it('resolves the input, the default output beside it and the slice', async () => {
    const setup = await preflight(parse({ input: 'minihttp/src', slice: 'http' }), FIXTURES, { cargo: false });
    expect(setup.input).toBe(join(FIXTURES, 'minihttp/src'));
    expect(setup.out).toBe(join(FIXTURES, 'minihttp/src-rs'));
    expect(setup.pkg).toBe('minihttp');
    expect(setup.sliceFiles.sort()).toEqual(['http/header.zig', 'http/request.zig']);
    expect(setup.allFiles).toHaveLength(5);
    expect(setup.targetDir).toBe(join(setup.out, 'target'));
    const one = await preflight(parse({ input: 'calc/src/stack.zig', out: '/tmp/nowhere-z2r' }), FIXTURES, { cargo: false });
    expect([one.input, one.sliceFiles]).toEqual([join(FIXTURES, 'calc/src'), ['stack.zig']]);
  });

  it('refuses a missing input, an input without .zig files and an empty slice', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'notes.txt'), 'no zig here');
    await expect(preflight(parse({ input: 'missing' }), dir, { cargo: false })).rejects.toMatchObject({ code: 'NO_SOURCES', message: expect.stringMatching(/nothing is there/) });
    await expect(preflight(parse({ input: '.' }), dir, { cargo: false })).rejects.toMatchObject({ code: 'NO_SOURCES' });
    await expect(preflight(parse({ input: 'notes.txt' }), dir, { cargo: false })).rejects.toMatchObject({ code: 'NO_SOURCES' });
    await expect(preflight(parse({ input: 'calc/src', slice: 'nope/**' }), FIXTURES, { cargo: false })).rejects.toMatchObject({ code: 'SLICE_EMPTY' });
  });

  it('refuses an output that is not empty and not this migration, unless --force', async () => {
    const out = temp();
    writeFileSync(join(out, 'README.md'), 'mine');
    const input = join(FIXTURES, 'calc/src');
    await expect(preflight(parse({ input, out }), '/', { cargo: false })).rejects.toMatchObject({ code: 'OUTPUT_NOT_EMPTY', message: expect.stringMatching(/--force/) });
    expect((await preflight(parse({ input, out, force: true }), '/', { cargo: false })).foreign).toBe(true);
    await writeManifest(new OutputFiles(out, 'r1'), { tool: 'migrate-kit', recipe: 'zig-to-rust', version: 1, input, package: 'calc', files: {}, runs: ['r1'] });
    expect((await preflight(parse({ input, out }), '/', { cargo: false })).manifest?.runs).toEqual(['r1']);
    await writeManifest(new OutputFiles(out, 'r1'), { tool: 'migrate-kit', recipe: 'zig-to-rust', version: 1, input: '/elsewhere', package: 'x', files: {}, runs: [] });
    await expect(preflight(parse({ input, out }), '/', { cargo: false })).rejects.toMatchObject({ code: 'OUTPUT_NOT_EMPTY', message: expect.stringMatching(/another input/) });
    expect(readFileSync(join(out, MANIFEST_FILE), 'utf8')).toContain('/elsewhere');
  });

  it('refuses when cargo is missing', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent-dir';
    try {
      await expect(preflight(parse({ input: 'calc/src', out: join(temp(), 'o') }), FIXTURES)).rejects.toMatchObject({ code: 'CARGO_MISSING' });
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('reads kebab-case and repeated arguments', () => {
    const a = parse({ input: 'x', slice: ['a', 'b'], 'fix-rounds': '3', force: 'true', 'chunk-lines': '900' });
    expect([a.slice, a.fixRounds, a.force, a.chunkLines, a.testRounds, a.reviseRounds]).toEqual([['a', 'b'], 3, true, 900, 8, 2]);
    expect(() => parse({ input: 'x', slices: 'a' })).toThrow();
    expect(() => parse({ input: 'x', _: ['extra'] })).toThrow(/one input directory/);
  });
});

describe('the Zig version', () => {
  const project = (files: Record<string, string>): string => {
    const root = temp();
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return root;
  };

  it('comes from --zig-version, else minimum_zig_version of the nearest build.zig.zon, else the default', async () => {
    const zon = '.{\n    .name = "x",\n    // .minimum_zig_version = "0.9.0",\n    .minimum_zig_version = "0.12.1",\n    .version = "1.0.0",\n}\n';
    const root = project({ 'build.zig.zon': zon, 'src/deep/a.zig': '' });
    expect(await resolveZigVersion(join(root, 'src/deep'))).toEqual({ version: '0.12.1', source: join(root, 'build.zig.zon') });
    expect(await resolveZigVersion(join(root, 'src'), '0.14')).toEqual({ version: '0.14', source: '--zig-version' });
    // A project root without the field (a build.zig.zon without it, or only a build.zig) stops the search: unknown.
    const bare = project({ 'build.zig.zon': '.{ .name = "x", .version = "0.0.1" }\n', 'src/a.zig': '' });
    expect(await resolveZigVersion(join(bare, 'src'))).toEqual({ version: DEFAULT_ZIG_VERSION, source: 'default' });
    const inner = project({ 'build.zig.zon': zon, 'lib/build.zig': '', 'lib/src/a.zig': '' });
    expect((await resolveZigVersion(join(inner, 'lib/src'))).source).toBe('default');
    expect(DEFAULT_ZIG_VERSION).toBe('0.11');
    expect(parse({ input: 'src', zigVersion: '0.13.0' }).zigVersion).toBe('0.13.0');
    expect(parse({ input: 'src', 'zig-version': '0.14.0-dev.1+abc' }).zigVersion).toBe('0.14.0-dev.1+abc');
    expect(() => parse({ input: 'src', zigVersion: 'latest' })).toThrow(/a Zig version/);
  });

  it('is shown in the plan (a warning when unknown) and named by the system prompt every request carries', async () => {
    const root = project({ 'src/a.zig': 'pub fn a() u8 {\n    return 1;\n}\n' });
    const planned = await recipe.plan!({ args: parse({ input: join(root, 'src'), out: join(root, 'out') }), model: 'claude-sonnet-5-5', cwd: root });
    expect(Object.fromEntries(planned.facts)['zig version']).toBe('0.11 (assumed: unknown)');
    expect(planned.warnings).toContainEqual(expect.stringMatching(/^the Zig version is unknown \(no minimum_zig_version in a build\.zig\.zon at or above .*, no --zig-version\): prompts assume Zig 0\.11 semantics$/));
    const given = await recipe.plan!({ args: parse({ input: join(root, 'src'), out: join(root, 'out'), zigVersion: '0.13.0' }), model: 'claude-sonnet-5-5', cwd: root });
    expect(Object.fromEntries(given.facts)['zig version']).toBe('0.13.0 (--zig-version)');
    expect(given.warnings ?? []).not.toContainEqual(expect.stringMatching(/Zig version is unknown/));
    expect((await loadPrompts(undefined, { zigVersion: '0.13.0' })).texts.system).toContain('The Zig sources follow Zig 0.13.0: read every builtin and `std` call');
    expect((await loadPrompts()).texts.system).toContain('The Zig sources follow Zig 0.11:');
    expect((await loadPrompts()).texts.system).not.toContain('{{');
  });
});

describe('the porting guide', () => {
  it('answers each gap real runs showed, with a Zig → Rust example', async () => {
    const guide = (await loadPrompts()).texts.guide;
    const topics: Array<[string, RegExp]> = [
      ['error.OutOfMemory returned by the code', /return error\.OutOfMemory;` →[\s\S]*Err\(PoolError::OutOfMemory\)/],
      ['text vs bytes', /\*\*Text or bytes\*\* \(`\[\]const u8`\)[\s\S]*b':'/],
      ['String/Result shadowing std', /\*\*A type named like std's\*\*[\s\S]*std::result::Result<T, E>/],
      ['comptime and type-level computation', /comptime \{ assert[\s\S]*const _: \(\) = assert!\([\s\S]*inline for[\s\S]*@typeInfo/],
      ['@mod/@rem/@divFloor/@divTrunc', /@mod\(-7, 2\) == 1[\s\S]*rem_euclid[\s\S]*div_euclid[\s\S]*\.floor\(\)/],
      ['f80/f128', /`f16`, `f80`, `f128`/],
      ['comptime_int beyond u64', /`comptime_int`[\s\S]*u128/],
      ['std.debug.assert', /`std\.debug\.assert\(c\)`[\s\S]*`assert!\(c\)`/],
      ['odd-width integers', /\*\*Odd widths keep their bound\.\*\*[\s\S]*U10_MAX/],
      ['warnings', /\*\*Warnings\*\* do not fail/],
      ['[*]T', /\*\*`\[\*\]T`\*\*/],
      ['fields defaulting to undefined', /\*\*`= undefined`\*\*[\s\S]*\[0; 64\]/],
      ['which Zig version', /Zig version the system prompt names/],
      ['skipped tests', /`return error\.SkipZigTest` → `zig_skip!\("why"\)`/],
    ];
    for (const [topic, pattern] of topics) expect(guide, topic).toMatch(pattern);
  });
});

