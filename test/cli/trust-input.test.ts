/** Runs you can trust (issue 11): the confirmation question, bad input found before anything is spent, naming runs. */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, waitFor } from '../helpers/cli.js';
import { project, prompts, runId, writerServer } from '../helpers/trust.js';

const t = writerServer();

describe('the confirmation question', () => {
  /** Runs the CLI on a pseudo-terminal (util-linux `script`), typing `keys` once the question is up. */
  async function onTerminal(cwd: string, keys: string): Promise<{ code: number | null; output: string }> {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const child = spawn('script', ['-qec', `${process.execPath} ${BIN} run recipe.mjs`, '/dev/null'], { cwd, env: { ...process.env, ...t.server.env(), MIGRATE_STATE_DIR: '' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(() => /\[y\/N\]/.test(output), 20_000, 'the question');
    child.stdin.write(keys);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, output };
  }

  it.each([
    ['Ctrl-D', '\x04'],
    ['Ctrl-C', '\x03'],
  ])('%s at [y/N] cancels cleanly: no stack trace, nothing started', async (_, keys) => {
    const cwd = await project();
    const { code, output } = await onTerminal(cwd, keys);
    expect(output).toMatch(/migrate: not started\./);
    expect(output).not.toMatch(/AbortError|\n\s+at /);
    expect(code).toBe(0);
    expect(prompts(t.server)).toEqual([]);
  });
});

describe('bad input is found before anything is spent', () => {
  it('--state-dir that is a file: exit 2 before the run starts', async () => {
    const cwd = await project();
    await writeFile(join(cwd, 'state'), 'a file');
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--state-dir', 'state'], { cwd, env: t.server.env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The state directory must be a directory, but .*state is a file/);
    expect(prompts(t.server)).toEqual([]);
  });

  it('--pr with an output outside any git work tree: exit 2 before any call', async () => {
    const cwd = await project();
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--pr'], { cwd, env: t.server.env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not inside a git work tree/);
    expect(prompts(t.server)).toEqual([]);
    expect(existsSync(join(cwd, '.migrate'))).toBe(false);
  });

  it('an unreachable ANTHROPIC_BASE_URL stops the run after a few tries instead of retrying every agent', async () => {
    const cwd = await project();
    const started = Date.now();
    const result = await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '20'], { cwd, env: { ANTHROPIC_API_KEY: 'sk-test-key-123', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Could not reach the Anthropic API at http:\/\/127\.0\.0\.1:9.*No request of this run has reached it in 3 tries/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('naming runs', () => {
  it('a unique start of an id or --last names a run; runs filters by recipe and status; status --watch follows a live run to its end', async () => {
    const cwd = await project();
    expect((await runCli(['run', 'recipe.mjs', '--yes', '--', '--n', '1'], { cwd, env: t.server.env() })).code).toBe(0);
    const first = await runId(cwd);
    t.answer = (req) => ({ text: `done: ${req.lastUserText}`, delayMs: 600 });
    const live = spawnCli(['run', 'recipe.mjs', '--yes', '--concurrency', '1', '--', '--n', '8', '--out', 'out2'], { cwd, env: t.server.env() });
    await waitFor(() => t.server.messageRequests().length > 1, 15_000, 'the second run to start');
    const ids = (await readdir(join(cwd, '.migrate', 'runs'))).sort();
    const second = ids.find((id) => id !== first)!;

    const watched = await runCli(['status', '--last', '--watch'], { cwd });
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(new RegExp(`run\\s+${second}`));
    expect(watched.stdout).toMatch(/status\s+running[\s\S]*status\s+completed/);
    expect((await live.done).code).toBe(0);

    const byPrefix = await runCli(['status', first.slice(0, first.length - 2)], { cwd });
    expect(byPrefix.stdout).toMatch(new RegExp(`run\\s+${first}`));
    const common = first.slice(0, 8);
    if (second.startsWith(common)) {
      const ambiguous = await runCli(['status', common], { cwd });
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toMatch(/is the start of 2 runs/);
    }
    const completed = JSON.parse((await runCli(['runs', '--json', '--status', 'completed', '--recipe', 'writer'], { cwd })).stdout) as Array<{ id: string }>;
    expect(completed.map((r) => r.id).sort()).toEqual([first, second].sort());
    expect(JSON.parse((await runCli(['runs', '--json', '--status', 'failed'], { cwd })).stdout)).toEqual([]);
    expect((await runCli(['runs', '--status', 'weird'], { cwd })).code).toBe(2);
    t.server.clearRequests();
    expect((await runCli(['resume', '--last', '--yes'], { cwd, env: t.server.env() })).code).toBe(0);
    expect(prompts(t.server)).toEqual([]);
  });
});
