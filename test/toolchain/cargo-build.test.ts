import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMigrateError } from '../../src/errors.js';
import { applySuggestions, cargoBuild, findCargo, Sandbox, ScriptedRunner } from '../../src/toolchain/index.js';
import { alive, makeCrate, makeScratch } from './helpers.js';

const scratch = makeScratch('build');
afterAll(() => scratch.remove());
const targetDir = scratch.targetDir;

describe('findCargo', () => {
  it('finds cargo and its version', async () => {
    const info = await findCargo();
    expect(info.version).toMatch(/^cargo \d+\.\d+\.\d+/);
    expect(info.semver).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.path).toMatch(/cargo$/);
    expect(info.rustcVersion).toMatch(/^rustc /);
  });

  it('says CARGO_MISSING, and how to install it, when PATH has no cargo', async () => {
    const error = await findCargo({ env: { PATH: '/nonexistent-dir' } }).catch((e: unknown) => e);
    expect(isMigrateError(error, 'CARGO_MISSING')).toBe(true);
    expect((error as Error).message).toMatch(/not found on PATH \(\/nonexistent-dir\).*rustup/);
  });

  it('says CARGO_MISSING when cargo runs but fails (a rustup proxy without a toolchain)', async () => {
    const runner = new ScriptedRunner([
      { cmd: 'cargo', result: { code: 1, stderr: "error: rustup could not choose a version of cargo to run\n" } },
    ]);
    await expect(findCargo({ runner })).rejects.toMatchObject({
      code: 'CARGO_MISSING',
      message: expect.stringMatching(/rustup could not choose a version/),
    });
  });
});

describe('cargoBuild', () => {
  it('reports a type error and an unused-mut warning; the machine-applicable fix removes the warning', async () => {
    const crate = makeCrate(scratch.root, 'tc_diag', {
      'src/lib.rs': [
        'pub mod a;',
        '/// Doubles.',
        'pub fn double(x: i32) -> i32 {',
        '    let s: String = x * 2;',
        '    x * 2',
        '}',
        '#[cfg(test)]',
        'mod tests {',
        '    #[test]',
        '    fn t() { let n: u8 = "no"; }',
        '}',
        '',
      ].join('\n'),
      'src/a.rs': 'pub mod b;\n',
      'src/a/b.rs': '// é ü: multi-byte text before the span\npub fn g() -> u32 {\n    let mut y = 2;\n    y + 1\n}\n',
    });
    const result = await cargoBuild(crate, { targetDir });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => s.args.slice(0, 2))).toEqual([
      ['build', '--offline'],
      ['test', '--no-run'],
    ]);

    const typeError = result.errors.find((d) => d.code === 'E0308' && d.file === 'src/lib.rs' && d.primary?.line === 4);
    expect(typeError).toBeDefined();
    expect(typeError?.message).toBe('mismatched types');
    expect(typeError?.rendered).toMatch(/^error\[E0308\]: mismatched types\n\s+--> src\/lib.rs:4:21/);
    expect(typeError?.primary).toMatchObject({ inCrate: true, line: 4, column: 21, endLine: 4, label: expect.stringMatching(/expected `String`/) });
    // reported by both the build and the cfg(test) build, kept once
    expect(typeError?.sources).toEqual(['build', 'test']);
    expect(result.errors.filter((d) => d.code === 'E0308' && d.primary?.line === 4)).toHaveLength(1);
    // the test-only error comes from `cargo test --no-run` alone
    const testOnly = result.errors.find((d) => d.primary?.line === 10);
    expect(testOnly?.sources).toEqual(['test']);
    expect(result.errors).toHaveLength(2);

    const unusedMut = result.warnings.find((d) => d.code === 'unused_mut');
    expect(unusedMut?.file).toBe('src/a/b.rs');
    expect(unusedMut?.suggestions[0]).toMatchObject({ applicability: 'MachineApplicable', edits: [{ file: 'src/a/b.rs', replacement: '', expected: 'mut ' }] });
    expect([...result.byFile.keys()].sort()).toEqual(['src/a/b.rs', 'src/lib.rs']);
    expect(result.byFile.get('src/a/b.rs')?.every((d) => d.level === 'warning')).toBe(true);
    expect(result.all.some((d) => /aborting due to|For more information/.test(d.message))).toBe(false);

    const applied = await applySuggestions(crate, result.all);
    expect(applied.files).toEqual(['src/a/b.rs']);
    expect(applied.applied.map((a) => a.diagnostic.code)).toEqual(['unused_mut']);
    expect(readFileSync(join(crate, 'src/a/b.rs'), 'utf8')).toContain('    let y = 2;\n');
    // the maybe-incorrect `.to_string()` help is left for a model
    expect(readFileSync(join(crate, 'src/lib.rs'), 'utf8')).toContain('let s: String = x * 2;');

    const again = await cargoBuild(crate, { targetDir, tests: false });
    expect(again.steps).toHaveLength(1);
    expect(again.warnings.some((d) => d.code === 'unused_mut')).toBe(false);
    expect(again.errors.map((d) => d.code)).toEqual(['E0308']);
  });

  it('a clean crate builds ok with no diagnostics', async () => {
    const crate = makeCrate(scratch.root, 'tc_clean', { 'src/lib.rs': 'pub fn one() -> u8 { 1 }\n' });
    const result = await cargoBuild(crate, { targetDir });
    expect(result).toMatchObject({ ok: true, timedOut: false, all: [], cargoErrors: [] });
    expect(result.byFile.size).toBe(0);
  });

  it('reports errors cargo prints itself (a broken manifest)', async () => {
    const crate = makeCrate(scratch.root, 'tc_manifest', { 'src/lib.rs': '' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(crate, 'Cargo.toml'), '[package\nname = "x"\n');
    const result = await cargoBuild(crate, { targetDir, tests: false });
    expect(result.ok).toBe(false);
    expect(result.all).toEqual([]);
    expect(result.cargoErrors[0]).toMatch(/^error: .*manifest|^error: /);
    expect(result.cargoErrors.join('\n')).toMatch(/Cargo\.toml/);
  });

  it('kills a build that runs past its timeout, build script and its children included', async () => {
    const pidFile = join(scratch.root, 'sleeper.pid');
    const crate = makeCrate(scratch.root, 'tc_slow', {
      'src/lib.rs': 'pub fn f() {}\n',
      'build.rs': [
        'fn main() {',
        '    println!("cargo:rerun-if-env-changed=TC_SLEEP");',
        '    if std::env::var("TC_SLEEP").is_err() { return; }',
        '    let mut child = std::process::Command::new("sleep").arg("60").spawn().unwrap();',
        `    std::fs::write(${JSON.stringify(pidFile)}, child.id().to_string()).unwrap();`,
        '    child.wait().unwrap();',
        '}',
        '',
      ].join('\n'),
    });
    // Compile the build script first, so the timed build only reruns it (and starts sleeping at once).
    // Unconfined (`sandbox: false`): this is the process runner's own group kill, and the pid file lies outside the crate.
    // (The sandbox's pid namespace kills the tree by itself: test/process/sandbox.test.ts.)
    expect((await cargoBuild(crate, { targetDir, tests: false, sandbox: false })).ok).toBe(true);
    const started = Date.now();
    const result = await cargoBuild(crate, { targetDir, timeoutMs: 2_500, env: { TC_SLEEP: '1' }, sandbox: false });
    expect(result.timedOut).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.steps).toHaveLength(1); // no test step after a timeout
    expect(result.cargoErrors.join('\n')).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(8_000);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(sleeper).toBeGreaterThan(0);
    await delay(200);
    expect(alive(sleeper)).toBe(false);
  });
});

describe('cargo in the sandbox', () => {
  it('runs cargo through bwrap with the crate and its target dir writable, and a runner of its own when given one', async () => {
    const runner = new ScriptedRunner([{ cmd: '/usr/bin/bwrap', repeat: true, result: { stdout: '{"reason":"build-finished","success":true}\n' } }]);
    const sandbox = new Sandbox({ mode: 'required' }, { available: true, bwrap: '/usr/bin/bwrap' });
    const crate = join(scratch.root, 'sandboxed');
    const result = await cargoBuild(crate, { runner, sandbox, targetDir: join(scratch.root, 'sandboxed-target') });
    expect(result.ok).toBe(true);
    expect(runner.calls).toHaveLength(2);
    const args = runner.calls[0]!.args.join(' ');
    expect(args).toContain(`--bind ${crate} ${crate} --bind ${join(scratch.root, 'sandboxed-target')} ${join(scratch.root, 'sandboxed-target')}`);
    expect(args).toMatch(/migrate-sandbox \S*cargo build --offline --message-format=json$/);
    expect(runner.calls[0]!.options.inheritEnv).toBe(false);
    // With a runner and no sandbox, the runner decides: cargo as it is.
    const plain = new ScriptedRunner([{ cmd: 'cargo', repeat: true }]);
    await cargoBuild(crate, { runner: plain, tests: false });
    expect(plain.calls.map((c) => c.cmd)).toEqual(['cargo']);
  });
});
