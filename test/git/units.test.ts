/** The small pure parts of the git layer: branch names, remote URLs, line counts, the opener choice, the run result. */
import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/errors.js';
import { branchSegment, defaultBranchName, freeBranchName } from '../../src/git/branch-name.js';
import { chooseOpener } from '../../src/git/choose-opener.js';
import { lineStats } from '../../src/git/diff-stats.js';
import { apiBaseUrl, githubHosts, githubLocation, parseRemoteUrl } from '../../src/git/github-remote.js';
import { insideRel } from '../../src/git/repository.js';
import { parseNameStatus } from '../../src/git/snapshot.js';
import { ScriptedRunner } from '../../src/process/scripted-runner.js';
import { runResultRef } from '../../src/store/run-info.js';

describe('branch names', () => {
  it('makes git-safe names from recipes, slices and paths', () => {
    expect(defaultBranchName('zig-to-rust', 'src/http')).toBe('migrate/zig-to-rust/src-http');
    expect(defaultBranchName('My Recipe!', '../a b/..c.lock')).toBe('migrate/My-Recipe/a-b-.c-lock');
    expect(branchSegment('~^:?*[\\')).toBe('run');
    expect(branchSegment('x'.repeat(100)).length).toBe(60);
  });

  it('adds a suffix to a default name, and stops for a name the user gave', () => {
    const taken = new Set(['a', 'a-2']);
    expect(freeBranchName('a', (n) => taken.has(n), false, () => 'here')).toBe('a-3');
    expect(freeBranchName('b', (n) => taken.has(n), true, () => 'here')).toBe('b');
    expect(() => freeBranchName('a', (n) => taken.has(n), true, () => 'on the remote "origin"')).toThrow(/The branch a already exists on the remote "origin"/);
  });
});

describe('GitHub remotes', () => {
  it('parses https, ssh and scp-like URLs, not local paths', () => {
    expect(parseRemoteUrl('https://github.com/acme/widgets.git')).toEqual({ host: 'github.com', owner: 'acme', repo: 'widgets' });
    expect(parseRemoteUrl('https://x-access-token:abc@github.com/acme/widgets')).toEqual({ host: 'github.com', owner: 'acme', repo: 'widgets' });
    expect(parseRemoteUrl('git@github.com:acme/widgets.git')).toEqual({ host: 'github.com', owner: 'acme', repo: 'widgets' });
    expect(parseRemoteUrl('ssh://git@ghe.corp:2222/team/tool.git/')).toEqual({ host: 'ghe.corp', owner: 'team', repo: 'tool' });
    expect(parseRemoteUrl('/tmp/remote.git')).toBeUndefined();
    expect(parseRemoteUrl('file:///tmp/remote.git')).toBeUndefined();
    expect(parseRemoteUrl('../remote.git')).toBeUndefined();
  });

  it('knows GitHub hosts and API roots from the environment', () => {
    expect([...githubHosts({ GITHUB_SERVER_URL: 'https://ghe.corp', GITHUB_API_URL: 'https://api.example.com' })].sort()).toEqual(['example.com', 'ghe.corp', 'github.com']);
    expect(apiBaseUrl('github.com', {})).toBe('https://api.github.com');
    expect(apiBaseUrl('ghe.corp', {})).toBe('https://ghe.corp/api/v3');
    expect(apiBaseUrl('github.com', { GITHUB_API_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
    expect(githubLocation('/tmp/x.git', { GITHUB_REPOSITORY: 'acme/widgets' })).toEqual({ host: 'github.com', owner: 'acme', repo: 'widgets' });
  });
});

describe('choosing how to open the PR', () => {
  const base = { cwd: '/repo', remote: 'origin', remoteUrl: 'git@github.com:acme/widgets.git' };
  it('takes gh when it is logged in, else the REST API with a token, else none', async () => {
    const ghOk = new ScriptedRunner([{ cmd: 'gh', args: ['auth', 'status'], result: { code: 0 } }]);
    expect((await chooseOpener({ ...base, runner: ghOk, env: { GITHUB_TOKEN: 'ghp_x' } })).opener?.via).toBe('gh');
    expect(ghOk.calls[0]!.args).toEqual(['auth', 'status', '--hostname', 'github.com']);

    const missing = (): ScriptedRunner => new ScriptedRunner([{ cmd: 'gh', error: new MigrateError('COMMAND_NOT_FOUND', 'no gh'), repeat: true }]);
    expect((await chooseOpener({ ...base, runner: missing(), env: { GITHUB_TOKEN: 'ghp_abcdefgh' } })).opener?.via).toBe('rest');
    expect((await chooseOpener({ ...base, runner: missing(), env: {} })).reason).toBe('gh is not installed and GITHUB_TOKEN is not set');
    expect((await chooseOpener({ ...base, remoteUrl: 'git@gitlab.com:a/b.git', runner: missing(), env: { GITHUB_TOKEN: 'ghp_abcdefgh' } })).reason).toContain('gitlab.com is not a known GitHub host');
    expect((await chooseOpener({ ...base, remoteUrl: '/srv/git/b.git', runner: missing(), env: {} })).reason).toBe('the remote "origin" is not a GitHub repository URL');
    expect((await chooseOpener({ cwd: '/repo', runner: missing(), env: {} })).reason).toBe('the repository has no remote to push to');
  });
});

describe('diff statistics', () => {
  it('counts added and removed lines with the diff package', () => {
    expect(lineStats('', 'a\nb\n')).toEqual({ added: 2, removed: 0 });
    expect(lineStats('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual({ added: 2, removed: 1 });
    expect(lineStats('a\n', '')).toEqual({ added: 0, removed: 1 });
    expect(lineStats('x\0y', 'z')).toEqual({ added: 0, removed: 0, binary: true });
  });

  it('parses git name-status output', () => {
    expect(parseNameStatus('M\0b.rs\0A\0a b.rs\0D\0c.rs\0')).toEqual([
      { path: 'a b.rs', status: 'added' },
      { path: 'b.rs', status: 'modified' },
      { path: 'c.rs', status: 'deleted' },
    ]);
  });
});

describe('the run result kept in run.json', () => {
  it('keeps only report and changes, paths made absolute', () => {
    expect(runResultRef({ report: 'out/report.json', files: 12, big: 'x'.repeat(100) }, '/w')).toEqual({ report: '/w/out/report.json' });
    expect(runResultRef({ changes: { title: 'T', items: [{ path: 'a.ts', body: 'B' }, 'b.ts', { nope: 1 }] } }, '/w')).toEqual({
      changes: { title: 'T', items: [{ path: '/w/a.ts', body: 'B' }, { path: '/w/b.ts' }] },
    });
    expect(runResultRef('done', '/w')).toBeUndefined();
    expect(runResultRef([{ status: 'ok' }], '/w')).toBeUndefined();
  });
});

describe('insideRel', () => {
  it('gives the posix path under the top, and undefined outside it', () => {
    expect(insideRel('/repo', '/repo')).toBe('');
    expect(insideRel('/repo', '/repo/a/b.rs')).toBe('a/b.rs');
    expect(insideRel('/repo', '/repo/..foo/x')).toBe('..foo/x');
    expect(insideRel('/repo', '/other')).toBeUndefined();
    expect(insideRel('/repo/a', '/repo')).toBeUndefined();
  });
});
