/**
 * A recipe's own arguments on the command line, read by `node:util` `parseArgs` with the options the recipe's
 * schema describes ({@link describeArgs}): `--name value`, `--name=value`, `--flag` (true), `--no-flag` (false);
 * a repeated name collects a list; bare words (a word starting with a single `-`, such as `-5`, included) fill
 * the recipe's named positionals in order, and the rest go to `_`. An option the schema does not name (a recipe
 * with an open schema, or a misspelling its schema then reports) takes the next bare word as its value, else is
 * a flag. Values stay strings: a recipe's zod `args` schema converts them (e.g. `z.coerce.number()`).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MigrateError } from '../errors.js';
import type { ArgSpec } from '../recipes/describe-args.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];

export function parseRecipeArgv(words: readonly string[], positionalNames: readonly string[] = [], specs: readonly ArgSpec[] = []): Record<string, unknown> {
  const options: Record<string, OptionSpec> = {};
  for (const spec of specs) {
    if (spec.positional) continue;
    options[spec.flag.replace(/^--/, '')] = spec.kind === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: spec.kind === 'list' };
  }
  for (const word of words) {
    if (/^--=/.test(word)) throw new MigrateError('BAD_OPTION', `Recipe argument "${word}" has no name before "=". Write --name=value.`);
  }
  const { tokens } = parseArgs({ args: [...words], options, strict: false, allowPositionals: true, tokens: true });
  const args: Record<string, unknown> = {};
  const positional: string[] = [];
  const put = (name: string, value: string | boolean): void => {
    const existing = args[name];
    args[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  const bare = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'positional' || token.kind === 'option-terminator') {
      positional.push(words[token.index]!);
      continue;
    }
    // A word with one dash (`-5`, `-x`) is a bare word: recipes have no short options.
    if (!token.rawName.startsWith('--')) {
      if (!bare.has(token.index)) positional.push(words[token.index]!);
      bare.add(token.index);
      continue;
    }
    const known = options[token.name];
    if (token.value !== undefined) put(token.name, token.value);
    else if (known?.type === 'boolean') put(token.name, true);
    else if (known === undefined && token.name.startsWith('no-') && token.name.length > 3) put(token.name.slice(3), false);
    else {
      const next = tokens[i + 1];
      const nextWord = next !== undefined && next.index === token.index + 1 ? words[next.index]! : undefined;
      if (known === undefined && nextWord !== undefined && !nextWord.startsWith('--')) {
        put(token.name, nextWord);
        // The value may have been read as a one-dash option token (or several, `-ab`): skip them all.
        while (tokens[i + 1] !== undefined && tokens[i + 1]!.index === token.index + 1) i++;
      } else put(token.name, true);
    }
  }
  for (const name of positionalNames) {
    if (positional.length === 0) break;
    if (args[name] !== undefined) throw new MigrateError('BAD_OPTION', `"${name}" is given both as --${name} and as a bare word; give it once.`);
    args[name] = positional.shift();
  }
  if (positional.length > 0) args['_'] = positional;
  return args;
}
