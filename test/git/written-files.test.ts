/**
 * `migrate pr` commits only what the run wrote, by hash (`MigrationReport.files`): a local edit to a file an
 * earlier run wrote, an edit made after the run ended, a file nobody wrote and a deletion are left out of
 * the commit and listed; `--allow-dirty` includes them; a report without `files` keeps the old check.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMigrateError } from '../../src/errors.js';
import { createPullRequests } from '../../src/git/pull-requests.js';
import { readReport } from '../../src/git/report-file.js';
import type { ChangesSource, PrOptions } from '../../src/git/types.js';
import { NodeProcessRunner } from '../../src/process/process-runner.js';
import type { MigrationReport } from '../../src/report/types.js';
import { makeProject, touch, type Project } from './helpers.js';

const runner = new NodeProcessRunner();
const EARLIER = '20251201-090000-zig-to-rust-0001';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const filesOf = (p: Project, ref: string): string[] => p.g('diff-tree', '--no-commit-id', '--name-only', '-r', ref).split('\n').filter(Boolean).sort();

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/**
 * An earlier run wrote and committed port/ (Cargo.toml, lib.rs, util.rs, token.rs, old.rs); this slice run
 * ported http.zig (http.rs new, lib.rs rewritten) and lists the earlier files as unchanged. `files` records
 * every file of the output with the hash written and who wrote it.
 */
async function sliceProject(): Promise<{ p: Project; report: MigrationReport; source: () => ChangesSource }> {
  const p = await makeProject();
  const port = join(p.work, 'port');
  const earlier: Record<string, string> = {
    'Cargo.toml': '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n',
    'src/lib.rs': 'pub mod token;\npub mod util;\n',
    'src/util.rs': 'pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n',
    'src/token.rs': 'pub struct Token;\n',
    'src/old.rs': 'pub fn old() {}\n',
  };
  for (const [rel, text] of Object.entries(earlier)) await put(join(port, rel), text);
  await unlink(join(port, 'src', 'http.rs'));
  await unlink(join(port, 'MIGRATION_REPORT.md'));
  await unlink(p.reportFile);
  p.g('add', 'port');
  p.g('commit', '-q', '-m', 'port of util and token');

  // the user's own edit to a file of the earlier run, made before this run
  await appendFile(join(port, 'src', 'token.rs'), '// local\n');
  await touch(join(port, 'src', 'token.rs'), new Date(Date.parse(p.run.startedAt) - 3_600_000));

  // this run
  const written: Record<string, string> = {
    'src/lib.rs': 'pub mod http;\npub mod token;\npub mod util;\n',
    'src/http.rs': 'pub fn get() -> u32 {\n    1\n}\n',
    'MIGRATION_REPORT.md': '# Migration report\n',
  };
  for (const [rel, text] of Object.entries(written)) await put(join(port, rel), text);
  const report: MigrationReport = {
    ...structuredClone(p.report),
    slices: ['http.zig'],
    items: [
      { path: 'http.zig', output: 'src/http.rs', outcome: 'approved', tokens: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, costUsd: 0.01 },
      { path: 'util.zig', output: 'src/util.rs', outcome: 'unchanged', tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, costUsd: 0 },
      { path: 'token.zig', output: 'src/token.rs', outcome: 'unchanged', tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, costUsd: 0 },
    ],
    files: {
      ...Object.fromEntries(Object.entries(earlier).filter(([rel]) => rel !== 'src/lib.rs' && rel !== 'src/old.rs').map(([rel, text]) => [rel, { sha256: sha256(text), runId: EARLIER }])),
      ...Object.fromEntries(Object.entries(written).map(([rel, text]) => [rel, { sha256: sha256(text), runId: p.run.id }])),
    },
  };
  await put(p.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  return { p, report, source: () => ({ kind: 'report', report: structuredClone(report), file: p.reportFile }) };
}

const pr = (p: Project, source: ChangesSource, options: PrOptions = {}) => createPullRequests(p.run, source, options, { runner, env: p.env });

describe('migrate pr with the files the run wrote (MigrationReport.files)', () => {
  it('commits only files whose content has the hash the run wrote, and lists the rest as left out', async () => {
    const { p, source } = await sliceProject();
    const port = join(p.work, 'port');
    // after the run ended: an edit to a file it wrote, a file nobody wrote, a deletion nobody asked for,
    // and a file the earlier run wrote, deleted
    await appendFile(join(port, 'src', 'http.rs'), '// after the run\n');
    await put(join(port, 'scratch.txt'), 'my notes\n');
    await unlink(join(port, 'src', 'old.rs'));
    await unlink(join(port, 'src', 'util.rs'));

    const summary = await pr(p, source());
    const made = summary.prs[0]!;
    expect(filesOf(p, made.branch)).toEqual(['port/MIGRATION_REPORT.md', 'port/report.json', 'port/src/lib.rs']);
    expect(made.files).toBe(3);
    // what is left out stays as HEAD has it
    expect(p.g('show', `${made.branch}:port/src/token.rs`)).toBe('pub struct Token;');
    expect(p.g('show', `${made.branch}:port/src/old.rs`)).toBe('pub fn old() {}');
    expect(summary.leftOut).toEqual([
      { path: 'port/scratch.txt', why: 'not written by this run' },
      { path: 'port/src/http.rs', why: 'modified after the run wrote it' },
      { path: 'port/src/old.rs', why: 'deleted, and the run did not write it' },
      { path: 'port/src/token.rs', why: `modified after the run wrote it (run ${EARLIER})` },
      { path: 'port/src/util.rs', why: `deleted after the run wrote it (run ${EARLIER})` },
    ]);
    const json = JSON.parse(await readFile(join(p.run.dir, 'pr.json'), 'utf8')) as { leftOut: unknown };
    expect(json.leftOut).toEqual(summary.leftOut);
    // the work tree is untouched
    expect(await readFile(join(port, 'src', 'token.rs'), 'utf8')).toBe('pub struct Token;\n// local\n');
  });

  it('includes them anyway with --allow-dirty, and says so', async () => {
    const { p, source } = await sliceProject();
    const summary = await pr(p, source(), { allowDirty: true });
    expect(filesOf(p, summary.prs[0]!.branch)).toEqual(['port/MIGRATION_REPORT.md', 'port/report.json', 'port/src/http.rs', 'port/src/lib.rs', 'port/src/token.rs']);
    expect(summary.leftOut).toEqual([]);
    expect(summary.notes.join('\n')).toContain('--allow-dirty: including 1 change the run did not make (port/src/token.rs)');
  });

  it('stops when everything changed was left out, naming the files', async () => {
    const { p, report } = await sliceProject();
    p.g('add', 'port');
    p.g('reset', '-q', 'port/src/token.rs');
    p.g('commit', '-q', '-m', 'the slice, by hand');
    let error: unknown;
    try {
      await pr(p, { kind: 'report', report, file: p.reportFile });
    } catch (e) {
      error = e;
    }
    expect(isMigrateError(error, 'NOTHING_TO_COMMIT'), String(error)).toBe(true);
    expect((error as Error).message).toContain('port/src/token.rs: modified after the run wrote it');
    expect((error as Error).message).toContain('--allow-dirty');
    expect(p.g('for-each-ref', 'refs/heads/migrate')).toBe('');
  });

  it('--per-item skips an item whose file was left out', async () => {
    const { p, source } = await sliceProject();
    await appendFile(join(p.work, 'port', 'src', 'http.rs'), '// after the run\n');
    let error: unknown;
    try {
      await pr(p, source(), { perItem: true });
    } catch (e) {
      error = e;
    }
    // http.rs edited, util.rs unchanged, token.rs edited: nothing of the run to commit
    expect(isMigrateError(error, 'NOTHING_TO_COMMIT'), String(error)).toBe(true);
    expect((error as Error).message).toContain('port/src/http.rs');
  });

  it('refuses a report whose files are not { sha256, runId }', async () => {
    const { p, report } = await sliceProject();
    await writeFile(p.reportFile, JSON.stringify({ ...report, files: { 'src/lib.rs': { sha256: 'abc', runId: 'r' } } }));
    await expect(readReport(p.reportFile)).rejects.toThrow('files["src/lib.rs"] needs "sha256" (64 hex digits) and "runId"');
    await writeFile(p.reportFile, JSON.stringify({ ...report, files: ['src/lib.rs'] }));
    await expect(readReport(p.reportFile)).rejects.toThrow('"files" should be an object');
    await writeFile(p.reportFile, JSON.stringify(report));
    expect((await readReport(p.reportFile)).files?.['src/lib.rs']?.runId).toBe(p.run.id);
  });
});
