/**
 * Structured output: a schema given as zod (v4) or JSON Schema becomes the JSON Schema sent to the
 * model and a validator for the answer, whose error text is shown to the model on a retry.
 */
import { z } from 'zod';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import { MigrateError } from '../errors.js';
import type { JsonSchema } from './types.js';

export type SchemaLike = z.ZodType | JsonSchema;

export type Validation = { ok: true; value: unknown } | { ok: false; error: string };

export interface CompiledSchema {
  /** Sent to the model; objects closed with `additionalProperties: false` as the API expects. */
  jsonSchema: JsonSchema;
  validate(value: unknown): Validation;
}

export function isZodSchema(schema: unknown): schema is z.ZodType {
  return typeof schema === 'object' && schema !== null && '_zod' in schema && typeof (schema as z.ZodType).safeParse === 'function';
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiledJson = new WeakMap<object, CompiledSchema>();

export function compileSchema(schema: SchemaLike): CompiledSchema {
  const cached = compiledJson.get(schema);
  if (cached) return cached;
  const compiled = isZodSchema(schema) ? compileZod(schema) : compileJsonSchema(schema);
  compiledJson.set(schema, compiled);
  return compiled;
}

function compileZod(schema: z.ZodType): CompiledSchema {
  let jsonSchema: JsonSchema;
  try {
    jsonSchema = closeObjects(z.toJSONSchema(schema, { io: 'output' }) as JsonSchema);
  } catch (cause) {
    throw new MigrateError('SCHEMA_UNSUPPORTED', `This zod schema cannot be turned into JSON Schema for the model: ${(cause as Error).message}. Use plain data types (objects, arrays, strings, numbers, booleans, enums, unions).`, { cause });
  }
  return {
    jsonSchema,
    validate(value) {
      const parsed = schema.safeParse(value);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: z.prettifyError(parsed.error) };
    },
  };
}

function compileJsonSchema(schema: JsonSchema): CompiledSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new MigrateError('SCHEMA_UNSUPPORTED', `An agent schema must be a zod schema or a JSON Schema object; got ${Array.isArray(schema) ? 'an array' : typeof schema}.`);
  }
  let check: ReturnType<typeof ajv.compile>;
  try {
    check = ajv.compile(schema);
  } catch (cause) {
    throw new MigrateError('SCHEMA_UNSUPPORTED', `The JSON Schema is not valid: ${(cause as Error).message}.`, { cause });
  }
  return {
    jsonSchema: closeObjects(schema),
    validate(value) {
      return check(value) ? { ok: true, value } : { ok: false, error: formatAjvErrors(check.errors ?? []) };
    },
  };
}

function formatAjvErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`).join('\n');
}

/** Adds `additionalProperties: false` to every object schema that does not say otherwise. */
function closeObjects(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) if (key !== '$schema') out[key] = visit(value);
    if (out['type'] === 'object' && !('additionalProperties' in out)) out['additionalProperties'] = false;
    return out;
  };
  return visit(schema) as JsonSchema;
}

/** Parses a model's JSON answer, tolerating a Markdown code fence around it. */
export function parseJsonAnswer(text: string): Validation {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n```$/.exec(trimmed);
  try {
    return { ok: true, value: JSON.parse(fenced?.[1] ?? trimmed) };
  } catch (cause) {
    const preview = trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
    return { ok: false, error: `The answer is not valid JSON (${(cause as Error).message}). It began: ${preview}` };
  }
}
