/**
 * zig-to-rust refuses bad input before any model call (through the CLI), and ports around files it cannot
 * read: a file that is not UTF-8 is skipped and reported, a file with syntax errors is ported with a warning.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTaskHeader, startFakeAnthropicServer, type FakeAnthropicServer, type FakeRequest } from '../../../src/testing/index.js';
import { runCli } from '../../helpers/cli.js';
import { E2E_TIMEOUT, FIXTURES, readReport } from '../../helpers/zig-to-rust.js';

const work = mkdtempSync(join(tmpdir(), 'z2r-e2e-bad-'));
let server: FakeAnthropicServer;

const ONE_RS = 'pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 3), 5);\n    }\n}\n';
const BROKEN_RS = 'pub fn ok() -> u8 {\n    1\n}\n\npub fn broken(a: u8) -> u8 {\n    a\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn ok_works() {\n        assert!(ok() == 1);\n    }\n}\n';

function answer(req: FakeRequest) {
  const messages = req.body['messages'] as Array<{ content: Array<{ text: string }> }>;
  const head = parseTaskHeader(messages[0]!.content.map((b) => b.text).join('\n'))!;
  if (head.step === 'port') return { json: { rust_source: head.file === 'one.zig' ? ONE_RS : BROKEN_RS, todos: [], confidence: 0.8 } };
  if (head.step.startsWith('review-')) return { json: { verdict: 'approve', findings: [] } };
  throw new Error(`unexpected task ${head.task}`);
}

beforeAll(async () => {
  server = await startFakeAnthropicServer({ answer });
  mkdirSync(join(work, 'tiny/src'), { recursive: true });
  writeFileSync(join(work, 'tiny/src/one.zig'), 'pub fn add(a: i32, b: i32) i32 {\n    return a + b;\n}\n\ntest "adds" {\n    try @import("std").testing.expectEqual(@as(i32, 5), add(2, 3));\n}\n');
  writeFileSync(join(work, 'tiny/src/broken.zig'), 'pub fn ok() u8 {\n    return 1;\n}\n\npub fn broken(a: u8 u8 {\n    return a;\n}\n\ntest "ok works" {\n    try @import("std").testing.expect(ok() == 1);\n}\n');
  writeFileSync(join(work, 'tiny/src/latin1.zig'), Buffer.from('// caf\xe9\npub fn x() void {}\n', 'latin1'));
  writeFileSync(join(work, 'tiny/src/build.zig'), 'pub fn build(b: *@import("std").Build) void { _ = b; }\n');
  mkdirSync(join(work, 'taken'), { recursive: true });
  writeFileSync(join(work, 'taken/notes.txt'), 'mine');
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

async function refused(args: string[], env: NodeJS.ProcessEnv = {}) {
  server.clearRequests();
  const result = await runCli(['zig-to-rust', ...args, '--yes', '--state-dir', join(work, 'state')], { cwd: work, env: { ...server.env(), ...env } });
  expect(server.messageRequests()).toHaveLength(0);
  expect(result.code).toBe(2); // bad input: refused before anything is spent
  return result;
}

describe('migrate zig-to-rust with bad input', () => {
  it('refuses, before any model call, a missing input (the other checks of the input: test/recipes/zig-to-rust/scaffold.test.ts)', { timeout: E2E_TIMEOUT }, async () => {
    const result = await refused(['missing-dir']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Expected Zig sources at .*missing-dir, but nothing is there/);
  });

  it('refuses an output directory that holds something else, unless --force', { timeout: E2E_TIMEOUT }, async () => {
    const result = await refused([join(FIXTURES, 'calc/src'), '--out', join(work, 'taken')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Expected the output directory .*taken to be empty or an earlier port .*--force/);
  });

  it('refuses when cargo is missing', { timeout: E2E_TIMEOUT }, async () => {
    const result = await refused([join(FIXTURES, 'calc/src'), '--out', join(work, 'o2')], { PATH: '/nonexistent-dir' });
    expect(result.stderr).toMatch(/Expected `cargo` to run .*rustup/);
  });

  it('with --force ports into it, skips a file that is not UTF-8, ports one with syntax errors with a warning', { timeout: E2E_TIMEOUT }, async () => {
    server.clearRequests();
    const out = join(work, 'taken');
    const result = await runCli(['zig-to-rust', 'tiny/src', '--out', 'taken', '--force', '--target-dir', join(work, 'target'), '--yes', '--state-dir', join(work, 'state')], { cwd: work, env: server.env() });
    // The skipped file is a file of the slice that is not approved: the outcome is not ok, the exit code 1.
    expect(result.code, result.stderr).toBe(1);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    const report = readReport(out);
    const item = (path: string) => report.items.find((i) => i.path === path);
    expect(item('build.zig')).toBeUndefined();
    expect(item('latin1.zig')).toMatchObject({ outcome: 'skipped', error: expect.stringMatching(/^SOURCE_ENCODING: /) });
    expect(item('broken.zig')).toMatchObject({ outcome: 'approved', warnings: [expect.stringMatching(/syntax error.*line 5/)] });
    expect(item('one.zig')!.outcome).toBe('approved');
    expect(report.totals).toMatchObject({ files: 3, approved: 2, skipped: 1 });
    expect(report.build).toMatchObject({ ok: true });
    expect(report.tests).toMatchObject({ passed: 2, total: 2, zigTests: 2 });
    expect(report.outcome).toEqual({ ok: false, summary: '1 of 3 files not approved (1 skipped); builds, 2/2 tests' });
    expect(report.files?.['notes.txt']).toBeUndefined(); // not the recipe's
    expect(readFileSync(join(out, 'src/lib.rs'), 'utf8')).toBe('pub mod broken;\npub mod one;\n');
    expect(readFileSync(join(out, 'Cargo.toml'), 'utf8')).toContain('name = "tiny"');
    expect(readFileSync(join(out, 'MIGRATION_REPORT.md'), 'utf8')).toMatch(/`latin1.zig` \(skipped\)[\s\S]*SOURCE_ENCODING/);
  });
});
