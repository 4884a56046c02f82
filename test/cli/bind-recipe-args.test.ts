import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { bindRecipeArgs } from '../../src/cli/bind-recipe-args.js';
import { parseRecipeArgv } from '../../src/cli/recipe-argv.js';
import { describeArgs, formatArgsHelp } from '../../src/recipes/describe-args.js';
import { defineRecipe } from '../../src/recipes/define-recipe.js';

const recipe = defineRecipe({
  name: 'typed',
  description: 'typed arguments',
  positionals: ['input'],
  args: z.object({
    input: z.string().describe('the folder'),
    rule: z.string().min(1).describe('what to check'),
    maxItems: z.number().int().min(1).default(10).describe('most items'),
    exclude: z.array(z.string()).default([]),
    mode: z.enum(['fast', 'full']).default('fast'),
    dry: z.boolean().default(false),
  }),
  run: () => undefined,
});
const bind = (words: string[], exclude?: string[]) => bindRecipeArgs(recipe, parseRecipeArgv(words, recipe.positionals), { helpCommand: 'migrate typed --help', ...(exclude ? { exclude } : {}) });

describe('typed recipe arguments on the command line', () => {
  it('matches kebab-case options, converts numbers, booleans and lists', () => {
    expect(bind(['./src', '--rule', 'r', '--max-items', '5', '--exclude', 'a/**', '--dry', 'true'])).toEqual({ input: './src', rule: 'r', maxItems: 5, exclude: ['a/**'], dry: true });
    expect(bind(['./src', '--rule=r', '--maxItems=7', '--no-dry'])).toMatchObject({ maxItems: 7, dry: false });
  });

  it('names each invalid argument by its option, with what arrived', () => {
    expect(() => bind(['--max-items', '0', '--mode', 'slow'])).toThrow(
      /Recipe "typed" cannot use these arguments:\n {2}<input>: required \(the folder\); got nothing\n {2}--rule: required \(what to check\); got nothing\n {2}--max-items: Too small: expected number to be >=1; got 0\n {2}--mode: .*"fast"\|"full".*; got "slow"\nSee: migrate typed --help/,
    );
  });

  it('refuses unknown options (with a suggestion) and extra bare words', () => {
    expect(() => bind(['./src', '--rule', 'r', '--max-item', '3'])).toThrow(/has no option:\n {2}--max-item \(did you mean --max-items\?\)\nIts options: --rule, --max-items, --exclude, --mode, --dry/);
    expect(() => bind(['./src', 'extra', '--rule', 'r'])).toThrow(/got extra words: extra\. It takes <input>/);
  });

  it('takes exclude from the config when the command line has none', () => {
    expect(bind(['./src', '--rule', 'r'], ['gen/**'])).toMatchObject({ exclude: ['gen/**'] });
    expect(bind(['./src', '--rule', 'r', '--exclude', 'x'], ['gen/**'])).toMatchObject({ exclude: ['x'] });
  });

  it('describes the arguments for help', () => {
    const help = formatArgsHelp(describeArgs(recipe));
    expect(help).toContain('<input>');
    expect(help).toMatch(/--rule TEXT\s+what to check \(required\)/);
    expect(help).toMatch(/--max-items N\s+most items \(default: 10\)/);
    expect(help).toMatch(/--mode TEXT\s+\(one of fast, full; default: "fast"\)/);
    expect(help).toMatch(/--exclude TEXT\s+\(repeat to give several; default: \[\]\)/);
  });
});
