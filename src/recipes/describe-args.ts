/**
 * A recipe's arguments as the command line sees them, read from its zod `args` schema (through its JSON
 * Schema, input side): name, option spelling, type, whether required, default, description. Used by help,
 * `migrate recipe show` and the command-line binding of arguments.
 */
import { z } from 'zod';
import type { Recipe } from '../workflow/types.js';

/** A zod (v4) schema, duck-typed (the model layer's check would load Ajv for nothing). */
const isZodSchema = (s: unknown): s is z.ZodType => typeof s === 'object' && s !== null && '_zod' in s;

export type ArgKind = 'string' | 'number' | 'integer' | 'boolean' | 'list' | 'other';

export interface ArgSpec {
  /** The key in `args`. */
  key: string;
  /** How it is written on the command line: `<input>` for a positional, else `--max-items`. */
  flag: string;
  positional: boolean;
  kind: ArgKind;
  /** For a list: the kind of its items. */
  itemKind?: ArgKind;
  required: boolean;
  default?: unknown;
  description?: string;
  /** The allowed values of an enum. */
  values?: unknown[];
}

export interface ArgsShape {
  specs: ArgSpec[];
  /** Whether keys the schema does not name are accepted (a loose object, or not an object schema at all). */
  open: boolean;
}

type JsonProp = { type?: string | string[]; anyOf?: JsonProp[]; items?: JsonProp; enum?: unknown[]; default?: unknown; description?: string };

/** `maxItems` → `max-items`. */
export function kebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** `max-items` → `maxItems`. */
export function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function describeArgs(recipe: Pick<Recipe<any>, 'args' | 'positionals'>): ArgsShape {
  const schema = recipe.args;
  // Duck-typed: a recipe may bring its own copy of zod 4. A pipe (z.preprocess(fn, z.object(…))) is described by its object.
  type Def = { type: string; shape?: Record<string, unknown>; catchall?: { _zod: { def: { type: string } } }; in?: ZodLike; out?: ZodLike };
  type ZodLike = { _zod: { def: Def } };
  let object = isZodSchema(schema) ? (schema as unknown as ZodLike) : undefined;
  for (let depth = 0; object && object._zod.def.type === 'pipe' && depth < 4; depth++) {
    const { in: input, out } = object._zod.def;
    object = out?._zod.def.type === 'object' || out?._zod.def.type === 'pipe' ? out : input;
  }
  const def = object?._zod.def;
  if (object === undefined || def?.type !== 'object') return { specs: [], open: true };
  let json: { properties?: Record<string, JsonProp>; required?: string[] };
  try {
    json = z.toJSONSchema(object as unknown as z.ZodType, { io: 'input', unrepresentable: 'any' }) as typeof json;
  } catch {
    json = { properties: Object.fromEntries(Object.keys(def.shape ?? {}).map((k) => [k, {}])) };
  }
  const positionals = recipe.positionals ?? [];
  const required = new Set(json.required ?? []);
  const specs = Object.entries(json.properties ?? {})
    .filter(([key]) => key !== '_')
    .map(([key, prop]): ArgSpec => {
      const positional = positionals.includes(key);
      const kind = kindOf(prop);
      const item = kind === 'list' && prop.items ? kindOf(prop.items) : undefined;
      const values = kind === 'boolean' ? undefined : (prop.enum ?? prop.anyOf?.find((p) => p.enum)?.enum);
      return {
        key,
        flag: positional ? `<${key}>` : `--${kebab(key)}`,
        positional,
        kind,
        ...(item ? { itemKind: item } : {}),
        required: required.has(key) && prop.default === undefined,
        ...(prop.default !== undefined ? { default: prop.default } : {}),
        ...(prop.description ? { description: prop.description } : {}),
        ...(values ? { values } : {}),
      };
    })
    .sort((a, b) => Number(b.positional) - Number(a.positional) || positionals.indexOf(a.key) - positionals.indexOf(b.key));
  return { specs, open: def.catchall !== undefined && def.catchall._zod.def.type !== 'never' };
}

function kindOf(prop: JsonProp): ArgKind {
  const types = prop.type !== undefined ? [prop.type].flat() : (prop.anyOf ?? []).flatMap((p) => (p.type === undefined ? [] : [p.type].flat()));
  const type = types.find((t) => t !== 'null');
  if (type === 'array') return 'list';
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (prop.enum?.every((v) => typeof v === 'string')) return 'string';
  return 'other';
}

/** The "Arguments:" block of a recipe's help; empty when it declares none. */
export function formatArgsHelp(shape: ArgsShape): string {
  if (shape.specs.length === 0) return '';
  const rows = shape.specs.map((s) => {
    const metavar = s.positional || s.kind === 'boolean' ? '' : ` ${metavarOf(s)}`;
    const left = `${s.flag}${metavar}`;
    const facts = [
      s.values ? `one of ${s.values.map(String).join(', ')}` : undefined,
      s.kind === 'list' ? 'repeat to give several' : undefined,
      s.required ? 'required' : s.default !== undefined ? `default: ${JSON.stringify(s.default)}` : 'optional',
    ].filter(Boolean);
    return [left, `${s.description ? `${s.description} ` : ''}(${facts.join('; ')})`] as const;
  });
  const width = Math.min(28, Math.max(...rows.map(([l]) => l.length)) + 2);
  return `Arguments:\n${rows.map(([l, r]) => `  ${l.padEnd(width)}${l.length >= width ? `\n  ${' '.repeat(width)}` : ''}${r}`).join('\n')}`;
}

function metavarOf(spec: ArgSpec): string {
  const kind = spec.kind === 'list' ? (spec.itemKind ?? 'string') : spec.kind;
  return kind === 'number' || kind === 'integer' ? 'N' : kind === 'other' ? 'VALUE' : 'TEXT';
}
