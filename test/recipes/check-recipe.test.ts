import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecipe } from '../../src/recipes/check-recipe.js';

async function recipeDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mk-check-prompts-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** Loads its prompts by computed names, as zig-to-rust does: no static scan can see them; it declares them. */
const COMPUTED = `import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('./prompts/', import.meta.url));
const VARIABLES = { ask: ['topic', 'text'], answer: ['topic'] };
export const promptFiles = () => Object.entries(VARIABLES).map(([name, variables]) => ({ file: join(DIR, name + '.md'), variables }));

export default {
  name: 'computed',
  description: 'loads prompts in a loop',
  prompts: promptFiles,
  async run() {
    for (const { file, variables } of promptFiles()) void file, void variables;
  },
};
`;

describe('recipe check: prompt templates', () => {
  it('checks the templates a recipe declares in `prompts` (a function), with the real parser', async () => {
    const dir = await recipeDir({ 'recipe.mjs': COMPUTED, 'prompts/ask.md': 'About {{topic}}:\n{{text}}\n', 'prompts/answer.md': 'Answer on {{ topic }}\n' });
    const ok = await checkRecipe(join(dir, 'recipe.mjs'), { dir });
    expect(ok.errors).toEqual([]);
    expect(ok.unchecked).toEqual([]);
    expect(ok.prompts).toMatchObject([
      { file: join(dir, 'prompts', 'ask.md'), via: 'declared', exists: true, declared: ['topic', 'text'], variables: ['topic', 'text'], from: { file: join(dir, 'recipe.mjs'), line: 11 } },
      { file: join(dir, 'prompts', 'answer.md'), via: 'declared', exists: true, declared: ['topic'], variables: ['topic'] },
    ]);

    await writeFile(join(dir, 'prompts', 'ask.md'), 'About {{topic}}:\r\n  {{txet}}\r\n'); // read as a run reads it: CRLF too
    const bad = await checkRecipe(join(dir, 'recipe.mjs'));
    expect(bad.errors).toEqual([
      expect.objectContaining({ file: join(dir, 'prompts', 'ask.md'), line: 2, column: 3, code: 'prompt', message: expect.stringMatching(/^unknown variable \{\{txet\}\}\. Did you mean \{\{text\}\}\?.*\(declared in the recipe's prompts at recipe\.mjs:11\)$/) }),
    ]);

    await writeFile(join(dir, 'prompts', 'ask.md'), 'About {{topic\n');
    expect((await checkRecipe(join(dir, 'recipe.mjs'))).errors).toEqual([expect.objectContaining({ file: join(dir, 'prompts', 'ask.md'), line: 1, column: 7, message: expect.stringContaining('is never closed') })]);
  });

  it('a declared prompt file that is missing is an error at the declaration', async () => {
    const dir = await recipeDir({ 'recipe.mjs': COMPUTED, 'prompts/ask.md': '{{topic}} {{text}}\n' });
    const result = await checkRecipe(join(dir, 'recipe.mjs'));
    expect(result.errors).toEqual([{ file: join(dir, 'recipe.mjs'), line: 11, column: 1, code: 'prompt', message: "prompt file prompts/answer.md does not exist (declared in the recipe's prompts at recipe.mjs:11)" }]);
    expect(result.prompts.find((p) => p.file.endsWith('answer.md'))).toMatchObject({ exists: false, via: 'declared' });
  });

  it('takes an array of URLs and relative paths, lists a file found in the source too once, and lists unchecked files of the folder', async () => {
    const recipe = `export default {
  name: 'listed',
  description: 'd',
  prompts: [
    { file: new URL('./prompts/a.md', import.meta.url), variables: ['x'] },
    { file: 'prompts/b.md', variables: [] },
  ],
  run() {
    return new URL('./prompts/a.md', import.meta.url);
  },
};
`;
    const dir = await recipeDir({ 'recipe.mjs': recipe, 'prompts/a.md': '{{x}}\n', 'prompts/b.md': 'uses {{y}}\n', 'prompts/notes.md': '{{z}}\n', 'README.md': '{{w}}\n' });
    const result = await checkRecipe(join(dir, 'recipe.mjs'), { dir });
    expect(result.prompts.map((p) => [p.file, p.via])).toEqual([
      [join(dir, 'prompts', 'a.md'), 'declared'],
      [join(dir, 'prompts', 'b.md'), 'declared'],
    ]);
    expect(result.errors).toEqual([expect.objectContaining({ file: join(dir, 'prompts', 'b.md'), line: 1, column: 6, message: expect.stringContaining('unknown variable {{y}}. This prompt can use: (no variables).') })]);
    expect(result.unchecked).toEqual([join(dir, 'prompts', 'notes.md')]);
  });

  it('reports a malformed declaration, and a prompts() that throws', async () => {
    const malformed = `export default { name: 'm', description: 'd', prompts: [{ file: 'a.md' }, { variables: [] }, { file: new URL('https://example.com/x.md'), variables: [] }], run() {} };\n`;
    const dir = await recipeDir({ 'recipe.js': malformed, 'a.md': 'x\n', 'throws.mjs': `export default { name: 't', description: 'd', prompts() { throw new Error('no table'); }, run() {} };\n` });
    const bad = await checkRecipe(join(dir, 'recipe.js'));
    const messages = bad.errors.filter((e) => e.code === 'prompt').map((e) => e.message);
    expect(messages).toEqual([
      "the recipe's prompts[0].variables (for a.md) must be an array of variable names; got undefined.",
      "the recipe's prompts[1].file must be a path or a file: URL; got undefined.",
      "the recipe's prompts[2].file must be a path or a file: URL; got https://example.com/x.md.",
    ]);
    const throws = await checkRecipe(join(dir, 'throws.mjs'));
    expect(throws.errors).toEqual([expect.objectContaining({ file: join(dir, 'throws.mjs'), line: 1, code: 'prompt', message: "the recipe's prompts() threw: no table" })]);
  });

  it('a module that cannot load is an error; with syntax errors it is not loaded at all', async () => {
    const dir = await recipeDir({
      'boom.mjs': `throw new Error('top-level boom');\nexport default { name: 'b', description: 'd', run() {} };\n`,
      'syntax.mjs': `export default { name: 's', description: 'd', prompts: [{ file: 'missing.md', variables: [] }], run() { return ( } };\n`,
    });
    const boom = await checkRecipe(join(dir, 'boom.mjs'));
    expect(boom.errors).toEqual([expect.objectContaining({ file: join(dir, 'boom.mjs'), code: 'RECIPE_LOAD_FAILED', message: expect.stringContaining('top-level boom') })]);
    const syntax = await checkRecipe(join(dir, 'syntax.mjs'));
    expect(syntax.errors.length).toBeGreaterThan(0);
    expect(syntax.errors.every((e) => e.code.startsWith('TS'))).toBe(true);
    expect(syntax.notes).toEqual([expect.stringContaining('not loaded (it has syntax errors)')]);
  });

  it('still checks literal loadPromptTemplate calls with no declaration', async () => {
    // A local stand-in: the scan goes by the callee's name (the real one is covered by the CLI tests).
    const recipe = `const loadPromptTemplate = async (file: URL, options: { variables: string[] }) => ({ file, options });
export default {
  name: 'lit',
  description: 'd',
  async run() {
    await loadPromptTemplate(new URL('./p.md', import.meta.url), { variables: ['a'] });
  },
};
`;
    const dir = await recipeDir({ 'recipe.ts': recipe, 'p.md': '{{b}}\n' });
    const result = await checkRecipe(join(dir, 'recipe.ts'));
    expect(result.prompts).toMatchObject([{ file: join(dir, 'p.md'), via: 'call', declared: ['a'] }]);
    expect(result.errors).toEqual(expect.arrayContaining([expect.objectContaining({ file: join(dir, 'p.md'), line: 1, column: 1, message: expect.stringContaining('unknown variable {{b}}') })]));
  });
});
