import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRecipe, listRecipes } from '../../src/recipes/registry.js';

const RECIPE = "export default { name: 'x', description: 'd', run() {} };\n";

describe('recipe registry', () => {
  it('finds ./migrate-recipes first, then the config paths, then the built-ins', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'mk-registry-'));
    await mkdir(join(cwd, 'migrate-recipes', 'audit'), { recursive: true });
    await writeFile(join(cwd, 'migrate-recipes', 'audit', 'recipe.ts'), RECIPE);
    await writeFile(join(cwd, 'migrate-recipes', 'solo.mjs'), RECIPE);
    await writeFile(join(cwd, 'migrate-recipes', 'helper.test.ts'), RECIPE);
    await mkdir(join(cwd, 'team', 'solo'), { recursive: true });
    await writeFile(join(cwd, 'team', 'solo', 'recipe.js'), RECIPE);
    await mkdir(join(cwd, 'team', 'lint'), { recursive: true });
    await writeFile(join(cwd, 'team', 'lint', 'recipe.ts'), RECIPE);

    const options = { cwd, recipePaths: ['team'] };
    const audit = findRecipe('audit', options)!;
    expect(audit).toMatchObject({ source: 'local', file: join(cwd, 'migrate-recipes', 'audit', 'recipe.ts'), ownDir: true });
    expect(audit.shadows.map((s) => s.source)).toEqual(['builtin']);
    expect(findRecipe('solo', options)).toMatchObject({ source: 'local', ownDir: false, shadows: [expect.objectContaining({ source: 'config' })] });
    expect(findRecipe('lint', options)?.source).toBe('config');
    expect(findRecipe('zig-to-rust', options)?.source).toBe('builtin');
    expect(findRecipe('../etc', options)).toBeUndefined();
    const names = listRecipes(options).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['audit', 'lint', 'solo', 'zig-to-rust']));
    expect(names).not.toContain('helper.test');
    expect(findRecipe('lint', { cwd })).toBeUndefined();
  });
});
