/** Pull requests from a run, against real git with a local bare repository as the remote. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMigrateError } from '../../src/errors.js';
import { createPullRequests, type PrDeps } from '../../src/git/pull-requests.js';
import type { ChangesSource, PrOptions } from '../../src/git/types.js';
import { NodeProcessRunner } from '../../src/process/process-runner.js';
import { changesOf, git, makeProject, touch, type Project } from './helpers.js';

const runner = new NodeProcessRunner();
const reportOf = (p: Project): ChangesSource => ({ kind: 'report', report: structuredClone(p.report), file: p.reportFile });
const depsOf = (p: Project, logs: string[] = [], env = p.env): PrDeps => ({ runner, env, log: (line) => logs.push(line) });
const pr = (p: Project, options: PrOptions = {}, source = reportOf(p), logs: string[] = []) => createPullRequests(p.run, source, options, depsOf(p, logs));
const filesOf = (p: Project, ref: string): string[] => p.g('diff-tree', '--no-commit-id', '--name-only', '-r', ref).split('\n').filter(Boolean).sort();
const remoteHeads = (p: Project): Record<string, string> =>
  Object.fromEntries(
    git(p.root, p.env, 'ls-remote', '--heads', p.bare)
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t').reverse() as [string, string]),
  );

async function rejects(promise: Promise<unknown>, code: string): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(isMigrateError(error, code as never), String(error)).toBe(true);
    return error as Error;
  }
  throw new Error(`expected ${code}`);
}

const PORT_FILES = ['port/Cargo.toml', 'port/MIGRATION_REPORT.md', 'port/report.json', 'port/src/http.rs', 'port/src/lib.rs', 'port/src/util.rs'];

describe('migrate pr: branch and commit', () => {
  it('commits only the output tree on a branch made from HEAD, leaving the checkout alone; offline it writes pr.md and a patch that applies', async () => {
    const p = await makeProject();
    const statusBefore = p.g('status', '--porcelain');
    const indexBefore = await readFile(join(p.work, '.git', 'index'));
    const logs: string[] = [];
    const summary = await pr(p, {}, reportOf(p), logs);

    expect(summary.prs).toHaveLength(1);
    const made = summary.prs[0]!;
    expect(made.branch).toBe('migrate/zig-to-rust/src');
    expect(made.via).toBe('offline');
    expect(made.base).toBe('feature');
    // from the current HEAD (feature), not main
    expect(p.g('rev-parse', `${made.branch}^`)).toBe(p.featureSha);
    expect(p.g('rev-parse', `${made.branch}^`)).not.toBe(p.mainSha);
    expect(p.g('rev-list', '--count', `${p.featureSha}..${made.branch}`)).toBe('1');
    // the output files only: no target/ (CACHEDIR.TAG), no .migrate/, nothing outside port/
    expect(filesOf(p, made.branch)).toEqual(PORT_FILES);
    expect(p.g('show', `${made.branch}:port/src/http.rs`)).toContain('TODO(port): chunked encoding');
    // the user's checkout is untouched
    expect(p.g('symbolic-ref', '--short', 'HEAD')).toBe('feature');
    expect(p.g('rev-parse', 'HEAD')).toBe(p.featureSha);
    expect(p.g('status', '--porcelain')).toBe(statusBefore);
    expect(await readFile(join(p.work, '.git', 'index'))).toEqual(indexBefore);
    // nothing left the machine
    expect(Object.keys(remoteHeads(p)).sort()).toEqual(['refs/heads/feature', 'refs/heads/main']);

    const message = p.g('log', '-1', '--format=%B', made.branch);
    expect(message).toMatch(/^zig-to-rust: src \(3 files\)/);
    for (const part of ['Recipe: zig-to-rust', 'Input: src', 'Output: port', `Run: ${p.run.id}`, 'Outcome: 3 files: 1 approved, 1 unapproved, 1 failed, 0 skipped']) expect(message).toContain(part);
    expect(p.g('log', '-1', '--format=%an <%ae>', made.branch)).toBe('Test Author <author@example.com>');

    const body = await readFile(made.bodyFile, 'utf8');
    expect(made.bodyFile).toBe(join(p.run.dir, 'pr.md'));
    for (const part of [
      '### Summary',
      'Ported `src` → `port` with the **zig-to-rust** recipe',
      '1 approved, 1 unapproved, 1 failed, 0 skipped',
      '**Build:** ✅ passes (2 warnings; 1 fix round, 1 compiler suggestion applied)',
      '**Tests:** ❌ 3/4 passed, 1 failed',
      '### Files',
      '| `port/src/http.rs` | `src/http.zig` | approved | ✅ memory<br>✅ semantics | 2 | 1 | 2 |',
      '❌ semantics (2)',
      '### Remaining TODO(port) (2)',
      '- [ ] `port/src/http.rs:2` chunked encoding',
      '- [ ] `port/src/http.rs:5` keep-alive',
      '### Failed and skipped',
      '`src/bad.zig` — failed: port failed: SCHEMA_INVALID after 3 tries',
      '6 new files, +',
      '### Cost and tokens',
      '**$0.0743** for 9 agent calls',
      '| 1,900 | 710 | 9,000 | 2,000 |',
      '### Reproduce',
      'migrate zig-to-rust ./src --out ./port --yes',
      '`recipes/zig-to-rust/prompts/port.md` | `fedcba9876543210`',
      '### Resume',
      `migrate resume ${p.run.id}`,
    ]) {
      expect(body).toContain(part);
    }
    // the patch applies on the base branch elsewhere
    const clone = join(p.root, 'clone');
    git(p.root, p.env, 'clone', '-q', '-b', 'feature', p.bare, clone);
    git(clone, p.env, 'apply', '--check', made.patchFile);
    expect(summary.offline?.reason).toMatch(/not a GitHub repository/);
    expect(summary.offline?.instructions.join('\n')).toContain(`git push origin ${made.branch}`);
    expect(JSON.parse(await readFile(join(p.run.dir, 'pr.json'), 'utf8')).prs[0].branch).toBe(made.branch);
    expect(logs.join('\n')).toContain(`Branch ${made.branch}`);
  });

  it('refuses changes the run did not make in the paths it commits, unless --allow-dirty', async () => {
    const p = await makeProject({ outputInHead: true });
    // a tracked file in the output tree, edited before the run started
    await writeFile(join(p.work, 'port', 'NOTES.md'), 'my own edit\n');
    await touch(join(p.work, 'port', 'NOTES.md'), new Date('2020-01-01T00:00:00Z'));
    const error = await rejects(pr(p), 'DIRTY_TREE');
    expect(error.message).toContain('port/NOTES.md: modified 2020-01-01T00:00:00.000Z, before the run started');
    expect(error.message).toContain('--allow-dirty');
    // nothing was created
    expect(p.g('for-each-ref', 'refs/heads/migrate')).toBe('');
    expect(existsSync(join(p.run.dir, 'pr.md'))).toBe(false);
    // a deletion nobody listed is foreign too
    await writeFile(join(p.work, 'port', 'NOTES.md'), 'notes\n');
    await unlink(join(p.work, 'port', 'NOTES.md'));
    await rejects(pr(p), 'DIRTY_TREE');
    // with --allow-dirty it goes in, and says so
    const summary = await pr(p, { allowDirty: true });
    expect(filesOf(p, summary.prs[0]!.branch)).toEqual(['port/NOTES.md', ...PORT_FILES].sort());
    expect(summary.notes.join('\n')).toContain('--allow-dirty: including 1 change the run did not make (port/NOTES.md)');
  });

  it('takes an edit made while the run went on (or to a file the run lists) as the run\'s own', async () => {
    const p = await makeProject({ outputInHead: true });
    await writeFile(join(p.work, 'port', 'NOTES.md'), 'rewritten by the run\n'); // mtime now: inside the run's window
    const summary = await pr(p);
    expect(filesOf(p, summary.prs[0]!.branch)).toContain('port/NOTES.md');
  });

  it('refuses to commit a file holding a token from the environment', async () => {
    const p = await makeProject();
    const token = `ghp_${'Q1w2E3r4T5'.repeat(3)}leak`;
    await writeFile(join(p.work, 'port', 'src', 'util.rs'), `const T: &str = "${token}";\n`);
    const error = await rejects(createPullRequests(p.run, reportOf(p), {}, depsOf(p, [], { ...p.env, GITHUB_TOKEN: token })), 'SECRET_IN_OUTPUT');
    expect(error.message).toContain('port/src/util.rs');
    expect(error.message).not.toContain(token);
    expect(p.g('for-each-ref', 'refs/heads/migrate')).toBe('');
  });

  it('stops when the output is committed already', async () => {
    const p = await makeProject();
    p.g('add', 'port');
    p.g('commit', '-q', '-m', 'port by hand');
    const error = await rejects(pr(p), 'NOTHING_TO_COMMIT');
    expect(error.message).toContain('no changes against HEAD');
  });
});

describe('migrate pr: pushing to the remote', () => {
  it('pushes the branch with --push (never forced) and picks a suffix when the name is taken there', async () => {
    const p = await makeProject();
    // someone else's branch of the default name, on the remote only
    p.g('push', '-q', 'origin', `${p.mainSha}:refs/heads/migrate/zig-to-rust/src`);
    const summary = await pr(p, { push: true });
    const made = summary.prs[0]!;
    expect(made.branch).toBe('migrate/zig-to-rust/src-2');
    expect(made.pushed).toEqual({ remote: 'origin', branch: 'migrate/zig-to-rust/src-2' });
    expect(summary.notes.join('\n')).toContain('The branch migrate/zig-to-rust/src exists already; using migrate/zig-to-rust/src-2.');
    const heads = remoteHeads(p);
    expect(heads['refs/heads/migrate/zig-to-rust/src-2']).toBe(made.commit);
    expect(heads['refs/heads/migrate/zig-to-rust/src']).toBe(p.mainSha); // untouched
    expect(summary.offline?.reason).toMatch(/not a GitHub repository/);
    expect(summary.offline?.instructions.join('\n')).not.toContain('git push');

    // a second time: -2 already holds this tree on this parent, and is pushed: nothing new
    const again = await pr(p, { push: true });
    expect(again.prs[0]).toMatchObject({ branch: 'migrate/zig-to-rust/src-2', commit: made.commit, upToDate: true });
    expect(Object.keys(remoteHeads(p))).not.toContain('refs/heads/migrate/zig-to-rust/src-3');
  });

  it('stops with a clear message when a --branch given exists on the remote, and forces nothing', async () => {
    const p = await makeProject();
    p.g('push', '-q', 'origin', `${p.mainSha}:refs/heads/port-it`);
    const error = await rejects(pr(p, { push: true, branch: 'port-it' }), 'BRANCH_EXISTS');
    expect(error.message).toContain('The branch port-it already exists on the remote "origin". Nothing was force-pushed or overwritten.');
    expect(remoteHeads(p)['refs/heads/port-it']).toBe(p.mainSha);
    expect(p.g('for-each-ref', 'refs/heads/port-it')).toBe('');
  });

  it('needs the base branch on the remote before it pushes', async () => {
    const p = await makeProject();
    const error = await rejects(pr(p, { push: true, base: 'release' }), 'BAD_OPTION');
    expect(error.message).toContain('The base branch release is not on the remote "origin"');
  });

  it('--per-item makes one branch and commit per file, each from HEAD, and skips items with no output', async () => {
    const p = await makeProject();
    const summary = await pr(p, { perItem: true, push: true });
    expect(summary.prs.map((x) => x.branch)).toEqual(['migrate/zig-to-rust/src-http', 'migrate/zig-to-rust/src-util']);
    expect(summary.prs.map((x) => x.item)).toEqual(['port/src/http.rs', 'port/src/util.rs']);
    for (const made of summary.prs) {
      expect(p.g('rev-parse', `${made.branch}^`)).toBe(p.featureSha);
      expect(filesOf(p, made.branch)).toEqual([made.item]);
      expect(remoteHeads(p)[`refs/heads/${made.branch}`]).toBe(made.commit);
      expect(made.bodyFile).toBe(join(p.run.dir, 'prs', `${made.branch.split('/').pop()}.md`));
    }
    expect(summary.skipped).toEqual([{ path: 'bad.zig', why: 'failed, no output file: port failed: SCHEMA_INVALID after 3 tries' }]);
    const body = await readFile(summary.prs[1]!.bodyFile, 'utf8');
    expect(body).toContain('## zig-to-rust: util.zig → src/util.rs');
    expect(body).toContain('One of 3 files of the run');
    expect(body).not.toContain('src/http.rs');
    expect(p.g('log', '-1', '--format=%B', summary.prs[0]!.branch)).toContain('Outcome: approved (run: 3 files');
  });
});

describe('migrate pr: a custom recipe\'s list of changes', () => {
  async function withChanges(): Promise<Project> {
    const p = await makeProject();
    await mkdir(join(p.work, 'docs'), { recursive: true });
    await writeFile(join(p.work, 'docs', 'guide.md'), '# Guide\n\nNew.\n');
    await writeFile(join(p.work, 'README.md'), '# demo\n\nNow documented.\n');
    await rm(join(p.work, 'port'), { recursive: true });
    return p;
  }

  it('commits the listed paths only, in one PR or one per item', async () => {
    const p = await withChanges();
    const changes = { ...changesOf(['docs', 'README.md'], 'Docs refresh'), body: 'Why: the docs were stale.' };
    changes.items[1]!.title = 'README: usage';
    const single = await pr(p, {}, { kind: 'changes', changes });
    const made = single.prs[0]!;
    expect(made.title).toBe('Docs refresh');
    expect(filesOf(p, made.branch)).toEqual(['README.md', 'docs/guide.md']);
    const body = await readFile(made.bodyFile, 'utf8');
    expect(body).toContain('Why: the docs were stale.');
    expect(body).toContain('| `README.md` | modified | +2 | −0 |');
    expect(body).toContain('**README: usage**');

    const perItem = await pr(p, { perItem: true }, { kind: 'changes', changes });
    expect(perItem.prs.map((x) => [x.title, filesOf(p, x.branch)])).toEqual([
      ['Docs refresh: docs', ['docs/guide.md']],
      ['README: usage', ['README.md']],
    ]);
  });
});
