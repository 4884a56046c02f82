/** `migrate recipe check` on an ejected zig-to-rust: every prompt it loads, by computed names (its own file: a minute of type checks). */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('recipe check of an ejected zig-to-rust', () => {
  it('recipe check checks every prompt an ejected zig-to-rust loads (by computed names): an unknown variable, a missing file', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'mk-check-z2r-'));
    expect((await runCli(['recipe', 'eject', 'zig-to-rust'], { cwd })).code).toBe(0);
    const dir = join(cwd, 'migrate-recipes', 'zig-to-rust');
    const port = join(dir, 'prompts', 'port.md');

    const clean = await runCli(['recipe', 'check', 'zig-to-rust', '--json'], { cwd });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const result = JSON.parse(clean.stdout);
    expect(result).toMatchObject({ ok: true, errors: [], unchecked: [] });
    const names = ['system', 'guide', 'field-map', 'reconcile-fields', 'refute-fields', 'port', 'repair', 'review-behaviour', 'review-ownership', 'revise', 'fix-build', 'fix-test', 'fix-deviation'];
    expect(result.prompts.map((p: { file: string }) => p.file).sort()).toEqual(names.map((n) => join(dir, 'prompts', `${n}.md`)).sort());
    expect(result.prompts.find((p: { file: string }) => p.file === port)).toMatchObject({ exists: true, via: 'declared', declared: expect.arrayContaining(['source', 'rust_path']) });

    const text = await readFile(port, 'utf8');
    const at = text.indexOf('{{source}}');
    expect(at).toBeGreaterThan(0);
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1);
    await writeFile(port, text.replace('{{source}}', '{{sourcee}}'));
    const bad = await runCli(['recipe', 'check', 'zig-to-rust'], { cwd });
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toContain(`migrate-recipes/zig-to-rust/prompts/port.md:${line}:${column} - error prompt: unknown variable {{sourcee}}. Did you mean {{source}}?`);
    expect(bad.stdout).toContain('1 error: migrate-recipes/zig-to-rust/recipe.ts');
    expect(bad.stdout).toMatch(/prompts\/port\.md\s+\(has errors\)/);

    await rm(port);
    const missing = await runCli(['recipe', 'check', 'zig-to-rust'], { cwd });
    expect(missing.code, missing.stdout + missing.stderr).toBe(1);
    expect(missing.stdout).toMatch(/migrate-recipes\/zig-to-rust\/recipe\.ts:\d+:\d+ - error prompt: prompt file prompts\/port\.md does not exist/);
    expect(missing.stdout).toMatch(/prompts\/port\.md\s+\(missing\)/);
  }, 240_000); // four CLI runs; a type check of the whole recipe takes seconds each
});
