import { describe, expect, it } from 'vitest';
import { separateRunOptions } from '../../src/cli/commands/recipe-command.js';
import { parseRecipeArgv } from '../../src/cli/recipe-argv.js';

describe('recipe arguments on the command line', () => {
  it('parses values, flags, negations, lists and bare words', () => {
    expect(parseRecipeArgv(['--name', 'x', '--dry', '--no-color', '--tag=a', '--tag', 'b', 'rest'])).toEqual({ name: 'x', dry: true, color: false, tag: ['a', 'b'], _: ['rest'] });
  });

  it('fills the recipe’s named positionals first', () => {
    expect(parseRecipeArgv(['./src', '--out', 'port', 'extra'], ['input'])).toEqual({ input: './src', out: 'port', _: ['extra'] });
    expect(() => parseRecipeArgv(['./src', '--input', 'x'], ['input'])).toThrow(/given both/);
  });

  it('separates run options from a built-in recipe’s own words', () => {
    expect(separateRunOptions(['./src', '--out', 'port', '--yes', '--budget', '3', '--slice', 'src/http', '-y', '--model=claude-haiku-4-5'])).toEqual({
      runWords: ['--yes', '--budget', '3', '-y', '--model=claude-haiku-4-5'],
      recipeWords: ['./src', '--out', 'port', '--slice', 'src/http'],
    });
  });
});
