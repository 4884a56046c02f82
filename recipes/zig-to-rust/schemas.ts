/**
 * The four structured answers of the recipe. Their field names are a contract (DESIGN.md, "The zig-to-rust
 * recipe"): users' scripted models and tests answer with exactly these shapes.
 */
import { z } from 'zod';

export const FIELD_CLASSES = ['OWNED', 'SHARED', 'BORROW_PARAM', 'BORROW_FIELD', 'BACKREF', 'INTRUSIVE', 'STATIC', 'FFI', 'UNKNOWN'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

export const fieldMapSchema = z.object({
  fields: z.array(
    z.object({
      struct: z.string(),
      field: z.string(),
      zig_type: z.string(),
      class: z.enum(FIELD_CLASSES),
      rust_type: z.string(),
      evidence: z.string(),
    }),
  ),
});

export const portSchema = z.object({
  rust_source: z.string(),
  todos: z.array(z.string()),
  confidence: z.number(),
});

export const reviewSchema = z.object({
  verdict: z.enum(['approve', 'revise']),
  findings: z.array(z.object({ line: z.number(), problem: z.string(), evidence: z.string() })),
});

export const fixSchema = z.object({
  edits: z.array(z.object({ old: z.string(), new: z.string() })),
});

export type FieldMapAnswer = z.output<typeof fieldMapSchema>;
export type PortAnswer = z.output<typeof portSchema>;
export type ReviewAnswer = z.output<typeof reviewSchema>;
export type FixAnswer = z.output<typeof fixSchema>;
