/**
 * A recipe's own arguments, given after `--`: `--name value`, `--name=value`, `--flag` (true),
 * `--no-flag` (false); a repeated name collects a list; bare words fill the recipe's named
 * positionals in order, and the rest go to `_`. Values stay strings:
 * a recipe's zod `args` schema converts them (e.g. `z.coerce.number()`).
 */
import { MigrateError } from '../errors.js';

export function parseRecipeArgv(words: readonly string[], positionalNames: readonly string[] = []): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const positional: string[] = [];
  const put = (name: string, value: string | boolean): void => {
    const existing = args[name];
    args[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--') || word === '--') {
      positional.push(word);
      continue;
    }
    const body = word.slice(2);
    const eq = body.indexOf('=');
    if (eq === 0) throw new MigrateError('BAD_OPTION', `Recipe argument "${word}" has no name before "=". Write --name=value.`);
    if (eq > 0) {
      put(body.slice(0, eq), body.slice(eq + 1));
    } else if (body.startsWith('no-') && body.length > 3) {
      put(body.slice(3), false);
    } else {
      const next = words[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        put(body, next);
        i++;
      } else {
        put(body, true);
      }
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
