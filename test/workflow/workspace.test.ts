import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { runWithScript } from '../../src/testing/index.js';
import { createWorkspace } from '../../src/workflow/workspace.js';

describe('workspace', () => {
  it('reads, writes (creating folders), lists, tests and removes inside its root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mk-ws-'));
    const ws = createWorkspace(root);
    await ws.write('src/a/b.rs', 'fn main() {}\n');
    expect(await ws.read('src/a/b.rs')).toBe('fn main() {}\n');
    expect(await ws.list('src/a')).toEqual(['b.rs']);
    expect(await ws.exists('src/a/b.rs')).toBe(true);
    await ws.remove('src/a');
    expect(await ws.exists('src/a/b.rs')).toBe(false);
    expect(await ws.list('nowhere')).toEqual([]);
  });

  it('refuses .., absolute paths elsewhere and symlinks that lead out', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mk-ws-'));
    const outside = await mkdtemp(join(tmpdir(), 'mk-ws-out-'));
    await writeFile(join(outside, 'secret.txt'), 'no');
    await mkdir(join(root, 'src'));
    await symlink(outside, join(root, 'src', 'escape'));
    const ws = createWorkspace(root);
    for (const rel of ['../x', 'src/../../x', join(outside, 'secret.txt'), 'src/escape/secret.txt', 'src/escape/new.txt']) {
      await expect(ws.read(rel), rel).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    }
    await expect(ws.write('src/escape/new.txt', 'x')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE', message: expect.stringMatching(/symbolic link/) });
    expect(await ws.path(join(root, 'src', 'ok.rs'))).toBe(join(root, 'src', 'ok.rs')); // absolute inside is fine
  });
});

describe('ctx.exec and ctx.workspace in a recipe', () => {
  it('runs allow-listed commands in the run’s cwd, refuses others, and confines files to the workspace', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'mk-ctx-'));
    const recipe = defineRecipe({
      name: 'tools',
      description: '',
      async run(ctx) {
        const out = ctx.workspace('out');
        await out.write('notes.md', 'hello');
        const git = await ctx.exec('git', ['--version']);
        const refused = await ctx.exec('rm', ['-rf', '/']).catch((e: { code: string }) => e.code);
        const escape = await out.write('../elsewhere.md', 'x').catch((e: { code: string }) => e.code);
        return { git: git.code === 0 && git.stdout.startsWith('git version'), refused, escape };
      },
    });
    const run = await runWithScript(recipe, () => 'unused', { cwd });
    expect(run.value).toEqual({ git: true, refused: 'COMMAND_NOT_ALLOWED', escape: 'OUTSIDE_WORKSPACE' });
    expect(await readFile(join(cwd, 'out', 'notes.md'), 'utf8')).toBe('hello');
  });
});
