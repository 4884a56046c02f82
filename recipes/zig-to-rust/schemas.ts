/**
 * The four structured answers of the recipe. Their field names are a contract (DESIGN.md, "The zig-to-rust
 * recipe"): users' scripted models and tests answer with exactly these shapes.
 */
import { z } from 'zod';

export const FIELD_CLASSES = ['OWNED', 'SHARED', 'BORROW_PARAM', 'BORROW_FIELD', 'BACKREF', 'INTRUSIVE', 'HANDLE', 'ARENA', 'STATIC', 'FFI', 'UNKNOWN'] as const;
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
      /** 0–1: how sure the agent is; rows below the recipe's threshold (and UNKNOWN rows) go to two refuters. */
      confidence: z.number().optional(),
    }),
  ),
});

/** A reconcile answer: one row per row of the group shown (`file`, `struct`, `field` as shown). */
export const reconcileSchema = z.object({
  fields: z.array(
    z.object({
      file: z.string(),
      struct: z.string(),
      field: z.string(),
      class: z.enum(FIELD_CLASSES),
      rust_type: z.string(),
      evidence: z.string(),
      confidence: z.number().optional(),
    }),
  ),
});

/** A refuter's votes: `overturn` with the class it proves instead, or `keep`. */
export const refuteSchema = z.object({
  votes: z.array(
    z.object({
      struct: z.string(),
      field: z.string(),
      verdict: z.enum(['keep', 'overturn']),
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

/** Exact edits in one file; `todos` (revise and repair) replaces the file's TODO(port) list when present. */
export const fixSchema = z.object({
  edits: z.array(z.object({ old: z.string(), new: z.string() })),
  todos: z.array(z.string()).optional(),
});

/** Revise and repair answer with {@link fixSchema} (a whole file, {@link portSchema}, only as a fallback). */
export const editSchema = fixSchema;

export type FieldMapAnswer = z.output<typeof fieldMapSchema>;
export type ReconcileAnswer = z.output<typeof reconcileSchema>;
export type RefuteAnswer = z.output<typeof refuteSchema>;
export type PortAnswer = z.output<typeof portSchema>;
export type ReviewAnswer = z.output<typeof reviewSchema>;
export type FixAnswer = z.output<typeof fixSchema>;
