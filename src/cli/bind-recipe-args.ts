/**
 * Binds the words of the command line to a recipe's typed arguments before anything starts: option
 * names are matched (`--max-items` fills `maxItems`), values are converted by the schema's types (a
 * number, a boolean, a list from a repeated option), unknown options are refused with the known ones,
 * the config's `exclude` fills an `exclude` argument that was not given, and the schema's own checks
 * run with each problem named by its option.
 */
import { MigrateError } from '../errors.js';
import { camel, describeArgs, type ArgSpec } from '../recipes/describe-args.js';
import type { Recipe } from '../workflow/types.js';

export interface BindOptions {
  /** How the user runs it, for the "see" line: `migrate audit --help`. */
  helpCommand: string;
  /** The config's `exclude` patterns, given to a recipe with an `exclude` argument when the command line has none. */
  exclude?: readonly string[];
}

/** The arguments to start the run with (raw: the recipe's schema applies its defaults and transforms in the run). */
export function bindRecipeArgs(recipe: Recipe<any>, raw: Record<string, unknown>, options: BindOptions): Record<string, unknown> {
  const { specs, open } = describeArgs(recipe);
  if (specs.length === 0 && open) return raw;
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const args: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const key = byKey.has(name) || name === '_' ? name : byKey.has(camel(name)) ? camel(name) : undefined;
    if (key === undefined && !open) unknown.push(name);
    else args[key ?? name] = key === undefined ? value : convert(value, byKey.get(key));
  }
  const known = specs.filter((s) => !s.positional).map((s) => s.flag);
  if (unknown.length > 0) {
    const lines = unknown.map((name) => {
      const near = specs.find((s) => !s.positional && similar(s.flag, `--${name}`));
      return `  --${name}${near ? ` (did you mean ${near.flag}?)` : ''}`;
    });
    throw new MigrateError('BAD_OPTION', `Recipe "${recipe.name}" has no option${unknown.length > 1 ? 's' : ''}:\n${lines.join('\n')}\nIts options: ${known.join(', ') || '(none)'}. See: ${options.helpCommand}`);
  }
  if (args['_'] !== undefined && !byKey.has('_') && !open) {
    const positionals = specs.filter((s) => s.positional).map((s) => s.flag);
    throw new MigrateError('BAD_INPUT', `Recipe "${recipe.name}" got extra words: ${[args['_']].flat().join(' ')}. It takes ${positionals.length > 0 ? positionals.join(' ') : 'no bare words'}; the rest are --options. See: ${options.helpCommand}`);
  }
  if (options.exclude && options.exclude.length > 0 && byKey.has('exclude') && args['exclude'] === undefined) {
    args['exclude'] = convert([...options.exclude], byKey.get('exclude'));
  }
  const parsed = recipe.args!.safeParse(args);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const spec = byKey.get(key);
      const where = spec ? spec.flag : key ? `--${key}` : '(arguments)';
      const value = key ? args[key] : undefined;
      if (value === undefined && spec) return `  ${where}: required${spec.description ? ` (${spec.description})` : ''}; got nothing`;
      const at = issue.path.length > 1 ? ` (item ${issue.path.slice(1).join('.')})` : '';
      return `  ${where}${at}: ${issue.message.replace(/^Invalid input: /, '')}; got ${JSON.stringify(value)}`;
    });
    throw new MigrateError('BAD_INPUT', `Recipe "${recipe.name}" cannot use these arguments:\n${lines.join('\n')}\nSee: ${options.helpCommand}`, { details: { args } });
  }
  return args;
}

/** Converts command-line strings by the argument's type; leaves what it cannot convert for the schema to report. */
function convert(value: unknown, spec: ArgSpec | undefined): unknown {
  if (spec === undefined) return value;
  if (spec.kind === 'list') return [value].flat().map((v) => scalar(v, spec.itemKind));
  if (Array.isArray(value)) return value;
  return scalar(value, spec.kind);
}

function scalar(value: unknown, kind: ArgSpec['kind'] | undefined): unknown {
  if (typeof value !== 'string') return value;
  if ((kind === 'number' || kind === 'integer') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (kind === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function similar(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a) || (Math.abs(a.length - b.length) <= 2 && [...a].filter((c, i) => b[i] !== c).length <= 2);
}
