/**
 * The differential phase's fix rounds with a scripted fixer (real Zig 0.11 and cargo): a fix that makes the port
 * match the Zig but breaks the crate's own tests is reverted, and the deviation stays reported.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexProject } from '../../../src/index.js';
import { differentialPhase } from '../../../recipes/zig-to-rust/differential.js';
import { buildLayout, binFileOf } from '../../../recipes/zig-to-rust/layout.js';
import { OutputFiles } from '../../../recipes/zig-to-rust/output-files.js';
import { loadPrompts } from '../../../recipes/zig-to-rust/prompts.js';
import { UsageBook } from '../../../recipes/zig-to-rust/usage.js';
import { writeNumProject, ZIG } from '../../helpers/zig-compiler.js';

const ZIG_SOURCE = `pub fn clampNeg(x: i32) i32 {
    return if (x < 0) 0 else x;
}
`;
const RUST_SOURCE = `pub fn clamp_neg(x: i32) -> i32 {
    if x < 0 { x.wrapping_neg() } else { x }
}

#[cfg(test)]
mod tests {
    use super::*;
    // A test ported wrongly: it pins the port's deviation, so the right fix breaks it.
    #[test]
    fn negated() {
        assert_eq!(clamp_neg(-1), 1);
    }
}
`;

const work = mkdtempSync(join(tmpdir(), 'z2r-differential-phase-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The one-file project at `dir`, and a run of the phase on it with the given recipe context (its result and warnings). */
function phase(dir: string, ctx: object, cap: number): { out: string; run: () => Promise<{ result: Awaited<ReturnType<typeof differentialPhase>>; warnings: string[] }> } {
  const { input, out } = writeNumProject(dir, ZIG_SOURCE, RUST_SOURCE);
  const run = async () => {
    const { index, items } = await indexProject(input);
    const warnings: string[] = [];
    const result = await differentialPhase({
      ctx: ctx as never,
      prompts: await loadPrompts(),
      zig: { path: ZIG, version: '0.11.0', source: '--zig' },
      input,
      out,
      files: new OutputFiles(out, 'run-1'),
      targetDir: join(work, 'target'),
      items,
      layout: buildLayout(index.files, 'num', binFileOf(items)),
      usage: new UsageBook(),
      system: 'system',
      prefix: [],
      rounds: 1,
      cap,
      changed: new Map(),
      warnings,
    });
    return { result, warnings };
  };
  return { out, run };
}

describe.skipIf(!existsSync(ZIG))('the differential phase', () => {
  it('reverts a deviation fix that breaks the crate\'s tests, and reports the deviation as remaining', { timeout: 240_000 }, async () => {
    const prompts: string[] = [];
    const ctx = {
      signal: new AbortController().signal,
      log: () => undefined,
      budget: { remainingUsd: 10 },
      parallel: async (thunks: Array<() => Promise<unknown>>) => Promise.all(thunks.map(async (t) => ({ status: 'ok', value: await t() }))),
      agent: async (prompt: string) => {
        prompts.push(prompt);
        return { edits: [{ old: 'x.wrapping_neg()', new: '0' }] };
      },
    };
    const { out, run } = phase(work, ctx, 60);
    const { result, warnings } = await run();
    // The fixer saw the function, the smallest input and both results.
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain('Task: fix deviations in src/num.rs (round 1)');
    expect(prompts[0]).toContain('- `clampNeg(-1)`: the Zig gives 0; the port gives 1');
    // Its fix made cargo test fail: reverted, and the deviation remains.
    expect(readFileSync(join(out, 'src/num.rs'), 'utf8')).toBe(RUST_SOURCE);
    expect(result.summary).toMatchObject({ ran: true, functions: { checked: 1, skipped: 0, total: 1 }, rounds: 1, reverted: ['src/num.rs'], deviations: { found: 1, fixed: 0, remaining: 1 } });
    expect(warnings).toEqual([expect.stringMatching(/^src\/num\.rs: the deviation fix of round 1 was reverted: cargo test fails \(1 of 1\)$/)]);
    expect(result.deviations.get('num.zig')).toEqual([{ fn: 'clampNeg', input: '(-1)', zig: '0', rust: '1', count: expect.any(Number) }]);
  });

  it('a failure of its own is reported as the check not run, with the reason, and the run goes on', async () => {
    const { out, run } = phase(join(work, 'broken'), { signal: new AbortController().signal, log: () => undefined, budget: { remainingUsd: 10 } }, 10);
    // Its work area cannot be made: a file stands where the directory goes.
    mkdirSync(join(out, '.migrate-kit'), { recursive: true });
    writeFileSync(join(out, '.migrate-kit', 'differential'), 'not a directory');
    const { result, warnings } = await run();
    expect(result.summary).toMatchObject({ ran: false, note: expect.stringMatching(/^the differential check failed: .*ENOTDIR/) });
    expect(result.deviations.size).toBe(0);
    expect(warnings).toEqual([expect.stringMatching(/^differential: the differential check failed: .*ENOTDIR/)]);
  });
});
