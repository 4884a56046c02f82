/**
 * A throwaway project for the PR tests: a git repository (with a bare repository as its remote), a
 * synthetic zig-to-rust run (run.json + report.json) and its output tree. Git never reads the
 * machine's config: identity and config come from the environment set here.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, realpath, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MigrationReport, RecipeChanges } from '../../src/report/types.js';
import type { PrRunInfo } from '../../src/git/types.js';

export const TOKEN = `ghp_${'Zx9Yw8Vu7T'.repeat(3)}secret`;

/** Environment for git (and the CLI) that ignores the user's config and has no GitHub credentials. */
export function hermeticEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
    GITHUB_TOKEN: undefined,
    GH_TOKEN: undefined,
    GITHUB_REPOSITORY: undefined,
    GITHUB_API_URL: undefined,
    GITHUB_SERVER_URL: undefined,
    GH_HOST: undefined,
    // no real gh: PATH starts with a bin dir the test may fill with a fake one
    PATH: `${join(home, 'bin')}:${process.env['PATH'] ?? ''}`,
    ...extra,
  };
}

export function git(cwd: string, env: Record<string, string | undefined>, ...args: string[]): string {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  delete merged['GIT_DIR'];
  delete merged['GIT_INDEX_FILE'];
  return execFileSync('git', args, { cwd, env: merged, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\n$/, '');
}

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

export interface Project {
  root: string;
  work: string;
  bare: string;
  home: string;
  env: Record<string, string | undefined>;
  stateDir: string;
  run: PrRunInfo;
  report: MigrationReport;
  reportFile: string;
  g(...args: string[]): string;
  /** `main` and `feature` (checked out; one commit ahead of main). */
  mainSha: string;
  featureSha: string;
}

const PORT_FILES: Record<string, string> = {
  'Cargo.toml': '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n',
  'src/lib.rs': 'pub mod http;\npub mod util;\n',
  'src/http.rs': 'pub fn get() -> u32 {\n    // TODO(port): chunked encoding\n    1\n}\n// TODO(port): keep-alive\n',
  'src/util.rs': 'pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n',
};

export async function makeProject(options: { outputInHead?: boolean } = {}): Promise<Project> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'mk-pr-')));
  const home = join(root, 'home');
  await mkdir(join(home, 'bin'), { recursive: true });
  await writeFile(join(home, '.gitconfig'), '');
  const env = hermeticEnv(home);
  const work = join(root, 'work');
  const bare = join(root, 'remote.git');
  git(root, env, 'init', '-q', '--bare', '-b', 'main', bare);
  git(root, env, 'init', '-q', '-b', 'main', work);
  const g = (...args: string[]): string => git(work, env, ...args);
  await put(join(work, 'README.md'), '# demo\n');
  await put(join(work, 'src', 'http.zig'), 'pub fn get() u32 { return 1; }\n');
  await put(join(work, 'src', 'util.zig'), 'pub fn add(a: u32, b: u32) u32 { return a + b; }\n');
  await put(join(work, 'src', 'bad.zig'), 'pub fn bad() void {}\n');
  await put(join(work, '.gitignore'), '.migrate/\n');
  if (options.outputInHead) await put(join(work, 'port', 'NOTES.md'), 'notes\n');
  g('add', '.');
  g('commit', '-q', '-m', 'initial');
  const mainSha = g('rev-parse', 'HEAD');
  g('remote', 'add', 'origin', bare);
  g('push', '-q', 'origin', 'main');
  g('checkout', '-q', '-b', 'feature');
  await put(join(work, 'FEATURE.md'), 'work in progress\n');
  g('add', 'FEATURE.md');
  g('commit', '-q', '-m', 'feature work');
  const featureSha = g('rev-parse', 'HEAD');
  g('push', '-q', '-u', 'origin', 'feature');

  const stateDir = join(work, '.migrate');
  const runId = '20260101-120000-zig-to-rust-ab12';
  const dir = join(stateDir, 'runs', runId);
  await mkdir(dir, { recursive: true });
  const startedAt = new Date(Date.now() - 60_000).toISOString();
  // the run's output
  const port = join(work, 'port');
  for (const [rel, text] of Object.entries(PORT_FILES)) await put(join(port, rel), text);
  await put(join(port, 'target', 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n');
  await put(join(port, 'target', 'debug', 'demo.d'), 'build junk\n');
  const report: MigrationReport = {
    version: 1,
    recipe: 'zig-to-rust',
    runId,
    input: join(work, 'src'),
    output: port,
    slices: [],
    command: `migrate zig-to-rust ./src --out ./port --yes`,
    hashes: { 'recipes/zig-to-rust/recipe.ts': '0123456789abcdef', 'recipes/zig-to-rust/prompts/port.md': 'fedcba9876543210' },
    generatedAt: new Date().toISOString(),
    items: [
      {
        path: 'http.zig',
        output: 'src/http.rs',
        outcome: 'approved',
        reviewers: [
          { angle: 'memory', verdict: 'approve', findings: 0 },
          { angle: 'semantics', verdict: 'approve', findings: 0 },
        ],
        reviewRounds: 2,
        fixRounds: 1,
        todos: [
          { line: 2, text: 'chunked encoding' },
          { line: 5, text: 'keep-alive' },
        ],
        tokens: { input: 1000, output: 400, cacheRead: 5000, cacheWrite: 2000 },
        costUsd: 0.0421,
      },
      {
        path: 'util.zig',
        output: 'src/util.rs',
        outcome: 'unapproved',
        reviewers: [
          { angle: 'memory', verdict: 'approve', findings: 0 },
          { angle: 'semantics', verdict: 'revise', findings: 2 },
        ],
        reviewRounds: 3,
        fixRounds: 0,
        todos: [],
        tokens: { input: 800, output: 300, cacheRead: 4000, cacheWrite: 0 },
        costUsd: 0.0312,
      },
      { path: 'bad.zig', outcome: 'failed', error: 'port failed: SCHEMA_INVALID after 3 tries', tokens: { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 }, costUsd: 0.001 },
    ],
    totals: { files: 3, approved: 1, unapproved: 1, failed: 1, skipped: 0, agents: 9, inputTokens: 1900, outputTokens: 710, cacheReadTokens: 9000, cacheWriteTokens: 2000, costUsd: 0.0743 },
    build: { ok: true, errors: 0, warnings: 2, rounds: 1, pending: 0, suggestionsApplied: 1, stoppedBy: 'clean' },
    tests: { passed: 3, failed: 1, total: 4, zigTests: 4, rounds: 1, stoppedBy: 'rounds' },
  };
  const reportFile = join(port, 'report.json');
  await put(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  await put(join(port, 'MIGRATION_REPORT.md'), '# Migration report\n');
  const finishedAt = new Date(Date.now() + 1_000).toISOString();
  const run: PrRunInfo = {
    id: runId,
    recipe: 'zig-to-rust',
    status: 'completed',
    startedAt,
    updatedAt: finishedAt,
    finishedAt,
    argv: ['./src', '--out', './port'],
    cwd: work,
    settings: { model: 'claude-sonnet-5-5', budgetUsd: 25 },
    totals: { agents: 9, inputTokens: 1900, outputTokens: 710, cacheReadTokens: 9000, cacheWriteTokens: 2000, costUsd: 0.0743 },
    dir,
    stateDir,
  };
  await writeFile(
    join(dir, 'run.json'),
    `${JSON.stringify({ ...run, dir: undefined, stateDir: undefined, args: {}, sessions: 1, pid: 999999, settings: { model: 'claude-sonnet-5-5', concurrency: 16, maxAgents: 1000, budgetUsd: 25 }, totals: { ...run.totals, replayed: 0, failed: 0 }, result: { report: reportFile } }, null, 2)}\n`,
  );
  return { root, work, bare, home, env, stateDir, run, report, reportFile, g, mainSha, featureSha };
}

/** Sets a file's mtime (and atime) to a date. */
export async function touch(path: string, date: Date): Promise<void> {
  await utimes(path, date, date);
}

/** Writes an executable fake `gh` (a node script) into the project's bin dir; it logs its arguments to `log`. */
export async function fakeGh(home: string, log: string, behaviour: { authed: boolean; url?: string }): Promise<void> {
  const script = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, token: process.env.GITHUB_TOKEN || null }) + '\\n');
if (args[0] === 'auth') process.exit(${behaviour.authed ? 0 : 1});
if (args[0] === 'pr' && args[1] === 'create') { process.stdout.write('Creating pull request\\n${behaviour.url ?? 'https://github.com/acme/widgets/pull/7'}\\n'); process.exit(0); }
process.exit(2);
`;
  const path = join(home, 'bin', 'gh');
  await writeFile(path, script);
  await chmod(path, 0o755);
}

export function changesOf(paths: string[], title?: string): RecipeChanges {
  return { ...(title ? { title } : {}), items: paths.map((path) => ({ path })) };
}
