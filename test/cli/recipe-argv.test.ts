import { describe, expect, it } from 'vitest';
import { separateRunOptions } from '../../src/cli/commands/recipe-command.js';
import { parseRecipeArgv } from '../../src/cli/recipe-argv.js';
import { describeArgs } from '../../src/recipes/describe-args.js';

describe('recipe arguments on the command line', () => {
  it('parses values, flags, negations, lists and bare words', () => {
    expect(parseRecipeArgv(['--name', 'x', '--dry', '--no-color', '--tag=a', '--tag', 'b', 'rest'])).toEqual({ name: 'x', dry: true, color: false, tag: ['a', 'b'], _: ['rest'] });
  });

  it('fills the recipe’s named positionals first', () => {
    expect(parseRecipeArgv(['./src', '--out', 'port', 'extra'], ['input'])).toEqual({ input: './src', out: 'port', _: ['extra'] });
    expect(() => parseRecipeArgv(['./src', '--input', 'x'], ['input'])).toThrow(/given both/);
  });

  it('reads the options the recipe describes by their type: a flag never swallows the next bare word', async () => {
    const { z } = await import('zod');
    const recipe = { args: z.object({ input: z.string(), force: z.boolean().optional(), slice: z.array(z.string()).optional(), offset: z.coerce.number().optional() }), positionals: ['input'] };
    const { specs } = describeArgs(recipe);
    expect(parseRecipeArgv(['--force', './src', '--slice', 'a', '--slice=b', '--offset', '-5'], ['input'], specs)).toEqual({ force: true, input: './src', slice: ['a', 'b'], offset: '-5' });
    expect(parseRecipeArgv(['--no-force', './src', '--unknown', 'v', '-x'], ['input'], specs)).toEqual({ force: false, input: './src', unknown: 'v', _: ['-x'] });
    expect(() => parseRecipeArgv(['--=x'])).toThrow(/no name before "="/);
  });

  it('separates run options from a built-in recipe’s own words', () => {
    expect(separateRunOptions(['./src', '--out', 'port', '--yes', '--budget', '3', '--slice', 'src/http', '-y', '--model=claude-haiku-4-5'])).toEqual({
      runWords: ['--yes', '--budget', '3', '-y', '--model=claude-haiku-4-5'],
      recipeWords: ['./src', '--out', 'port', '--slice', 'src/http'],
    });
    // After `--` every word is the recipe's.
    expect(separateRunOptions(['./src', '--', '--yes'])).toEqual({ runWords: [], recipeWords: ['./src', '--', '--yes'] });
  });
});
