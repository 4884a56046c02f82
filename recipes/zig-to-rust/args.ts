/** The recipe's arguments: `migrate zig-to-rust <input> [--out DIR] [--slice DIR|GLOB …] [--force] …`. */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat().filter((v) => v !== '')));

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0'])])
  .optional()
  .transform((value) => value === true || value === 'true' || value === 'yes' || value === '1');

/** A flag that is on unless turned off (`--no-differential`). */
const onFlag = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0'])])
  .optional()
  .transform((value) => value === undefined || value === true || value === 'true' || value === 'yes' || value === '1');

const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** The Zig version assumed when neither `--zig-version` nor a build.zig.zon says (the plan warns). */
export const DEFAULT_ZIG_VERSION = '0.11';
const ZIG_VERSION = /^\d+\.\d+(\.\d+)?(-[0-9A-Za-z.+-]+)?$/;

export const argsSchema = z
  .object({
    input: z.string({ error: 'Give the Zig source directory: migrate zig-to-rust ./src' }).min(1).describe('The Zig source directory (or one .zig file).'),
    out: z.string().min(1).optional().describe('The output crate directory. Default: a sibling <input>-rs.'),
    slice: list.describe('Port only these directories, files or globs (relative to the input, or to the working directory).'),
    exclude: list.describe('Files to leave out (globs relative to the input). build.zig at the input root is always left out.'),
    force: flag.describe('Write into an output directory that holds something else.'),
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a Cargo package name: a letter, then letters, digits, - or _')
      .optional()
      .describe("The Cargo package name. Default: from the input directory (its parent's name when it is src)."),
    fixRounds: count(0, 100, 8).describe('Fix-loop rounds against cargo build.'),
    testRounds: count(0, 100, 8).describe('Fix-loop rounds against cargo test.'),
    fixersPerRound: count(1, 1000, 25).describe('Fixers per fix-loop round at most: files whose errors other files inherit first, then by error count.'),
    reviseRounds: count(0, 10, 2).describe('Revisions after a review asks for changes.'),
    gateRetries: count(0, 10, 2).describe('Port retries when the deterministic gate rejects a port.'),
    chunkLines: count(200, 100_000, 1500).describe('Files with more lines than this are ported in parts.'),
    fieldBatch: count(1, 1000, 60).describe('Field-map rows per agent.'),
    fieldMapShare: z.coerce.number().min(0).max(1).default(0.25).describe("The field map's share of the run's agents: caps its reconcile and refuter calls (0: none; 1: no cap)."),
    targetDir: z.string().min(1).optional().describe('CARGO_TARGET_DIR for the fix loop. Default <out>/target.'),
    reviewModel: z.string().min(1).optional().describe('Model for the reviewers. Default: the run\'s model.'),
    zigVersion: z
      .string()
      .regex(ZIG_VERSION, 'a Zig version such as 0.11, 0.13.0 or 0.14.0-dev.1+abc')
      .optional()
      .describe(`The Zig version whose language and std semantics the sources follow. Default: minimum_zig_version of the nearest build.zig.zon, else ${DEFAULT_ZIG_VERSION}.`),
    differential: onFlag.describe('Differential checking after the test loop: the Zig and the port run on the same inputs, deviations go to fixers (needs a Zig compiler: --zig, ZIG or zig on the PATH). --no-differential skips it.'),
    zig: z.string().min(1).optional().describe('The Zig compiler for differential checking. Default: the ZIG environment variable, else zig on the PATH.'),
    differentialRounds: count(0, 20, 2).describe('Fix rounds against the deviations differential checking finds.'),
    differentialInputs: count(1, 10_000, 200).describe('Inputs per function at most in differential checking.'),
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

/** The Zig version the sources follow, and where it came from. */
export interface ZigVersion {
  version: string;
  /** `--zig-version`, the build.zig.zon it was read from (absolute), or `default` (unknown: the plan warns). */
  source: string;
}

/**
 * `--zig-version` when given; else `minimum_zig_version` of the nearest `build.zig.zon` in the input directory
 * or its parents (the search stops at the first directory with a `build.zig.zon` or `build.zig`: the project
 * root); else {@link DEFAULT_ZIG_VERSION}.
 */
export async function resolveZigVersion(input: string, given?: string): Promise<ZigVersion> {
  if (given !== undefined) return { version: given, source: '--zig-version' };
  for (let dir = input; ; dir = dirname(dir)) {
    const zon = await readFile(join(dir, 'build.zig.zon'), 'utf8').catch(() => undefined);
    if (zon !== undefined) {
      const version = /\.minimum_zig_version\s*=\s*"([^"\n]*)"/.exec(zon.replace(/\/\/[^\n]*/g, ''))?.[1]?.trim();
      if (version !== undefined && ZIG_VERSION.test(version)) return { version, source: join(dir, 'build.zig.zon') };
      break;
    }
    const script = await readFile(join(dir, 'build.zig'), 'utf8').then(() => true, () => false);
    if (script || dirname(dir) === dir) break;
  }
  return { version: DEFAULT_ZIG_VERSION, source: 'default' };
}
