import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMigrateError } from '../../src/errors.js';
import { loadPromptTemplate, parsePromptTemplate, renderPrompt } from '../../src/recipes/prompt-template.js';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('prompt templates', () => {
  it('fills {{name}} and {{ name }}, joins lists, keeps values literal', () => {
    const text = 'Port {{file}} ({{ lines }} lines):\n{{todos}}\nkeep {{code}}';
    expect(renderPrompt(text, { file: 'a.zig', lines: 12, todos: ['one', 'two'], code: '{{file}}' })).toBe('Port a.zig (12 lines):\none\ntwo\nkeep {{file}}');
  });

  it('drops comments (with their line when alone) and writes \\{{ as literal braces', () => {
    const t = parsePromptTemplate('{{! for editors: variables rule }}\nRule: {{rule}} {{! inline }}\nJSON: \\{{ "a": 1 }}');
    expect(t.variables).toEqual(['rule']);
    expect(t.render({ rule: 'r' })).toBe('Rule: r \nJSON: {{ "a": 1 }}');
  });

  it('names the file, line and column of an unknown variable, and suggests the near one', () => {
    const error = thrown(() => parsePromptTemplate('line one\n  uses {{nmae}} here', { file: 'prompts/find.md', variables: ['name', 'code'] }));
    expect(isMigrateError(error, 'PROMPT_TEMPLATE')).toBe(true);
    expect(error.message).toBe('Prompt prompts/find.md:2:8: unknown variable {{nmae}}. Did you mean {{name}}? This prompt can use: {{code}}, {{name}}.');
  });

  it('finds an unknown variable at render when none were declared', () => {
    const t = parsePromptTemplate('a\nb {{extra}}', { file: 'x.md' });
    expect(thrown(() => t.render({ other: 1 })).message).toMatch(/^Prompt x\.md:2:3: unknown variable \{\{extra\}\}/);
  });

  it('a declared variable without a value is a missing-value error', () => {
    const t = parsePromptTemplate('{{a}} {{b}}', { file: 'x.md', variables: ['a', 'b'] });
    expect(thrown(() => t.render({ a: 'x', b: undefined })).message).toMatch(/x\.md:1:7: no value for \{\{b\}\}/);
  });

  it('reports bad syntax with its location', () => {
    expect(thrown(() => parsePromptTemplate('ok\n{{ two words }}', { file: 'p.md' })).message).toMatch(/^Prompt p\.md:2:1: \{\{ two words \}\} is not a variable/);
    expect(thrown(() => parsePromptTemplate('ok {{open', { file: 'p.md' })).message).toMatch(/^Prompt p\.md:1:4: "\{\{" is never closed/);
  });

  it('loads a file by path or file URL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-prompt-'));
    await writeFile(join(dir, 'p.md'), 'Hello {{who}}');
    expect((await loadPromptTemplate(pathToFileURL(join(dir, 'p.md')))).render({ who: 'you' })).toBe('Hello you');
    await expect(loadPromptTemplate(join(dir, 'p.md'), { variables: ['name'] })).rejects.toThrow(`${join(dir, 'p.md')}:1:7: unknown variable {{who}}`);
    await expect(loadPromptTemplate(join(dir, 'missing.md'))).rejects.toThrow(/could not be read \(ENOENT\)/);
  });
});
