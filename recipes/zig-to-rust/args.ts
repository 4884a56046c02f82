/** The recipe's arguments: `migrate zig-to-rust <input> [--out DIR] [--slice DIR|GLOB …] [--force] …`. */
import { z } from 'zod';

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat().filter((v) => v !== '')));

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0'])])
  .optional()
  .transform((value) => value === true || value === 'true' || value === 'yes' || value === '1');

const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const argsSchema = z
  .object({
    /** The Zig source directory (or one `.zig` file). */
    input: z.string({ error: 'Give the Zig source directory: migrate zig-to-rust ./src' }).min(1),
    /** The output crate directory. Default: a sibling `<input>-rs`. */
    out: z.string().min(1).optional(),
    /** Port only these directories, files or globs (relative to the input, or to the working directory). */
    slice: list,
    /** Files to leave out (globs relative to the input). `build.zig` at the input root is always left out. */
    exclude: list,
    /** Write into an output directory that holds something else. */
    force: flag,
    /** The Cargo package name. Default: from the input directory (its parent's name when it is `src`). */
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a Cargo package name: a letter, then letters, digits, - or _')
      .optional(),
    /** Fix-loop rounds against `cargo build`. Default 8. */
    fixRounds: count(0, 100, 8),
    /** Fix-loop rounds against `cargo test`. Default 8. */
    testRounds: count(0, 100, 8),
    /** Revisions after a review asks for changes. Default 2. */
    reviseRounds: count(0, 10, 2),
    /** Port retries when the deterministic gate rejects a port. Default 2. */
    gateRetries: count(0, 10, 2),
    /** Files with more lines than this are ported in parts. Default 1500. */
    chunkLines: count(200, 100_000, 1500),
    /** Field-map rows per agent. Default 60. */
    fieldBatch: count(1, 1000, 60),
    /** `CARGO_TARGET_DIR` for the fix loop. Default `<out>/target`. */
    targetDir: z.string().min(1).optional(),
    /** Model for the reviewers. Default: the run's model. */
    reviewModel: z.string().min(1).optional(),
    _: z.array(z.string()).max(0, 'zig-to-rust takes one input directory; give slices with --slice').optional(),
  })
  .strict();

export type ZigToRustArgs = z.output<typeof argsSchema>;

/** `fix-rounds` → `fixRounds`, so both spellings work on the command line. */
function camelKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}

export const args = z.preprocess(camelKeys, argsSchema);
