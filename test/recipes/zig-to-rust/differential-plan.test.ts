/** Finding the Zig compiler (--zig, ZIG, PATH; never the devDependency by itself) and what the plan says about the phase. */
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import recipe from '../../../recipes/zig-to-rust/recipe.js';
import { findZig, NO_ZIG_WARNING } from '../../../recipes/zig-to-rust/differential-zig.js';
import { FIXTURES } from '../../helpers/zig-to-rust.js';
import { ZIG } from '../../helpers/zig-compiler.js';

const work = mkdtempSync(join(tmpdir(), 'z2r-differential-plan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(ZIG))('the Zig compiler for differential checking', () => {
  it('takes --zig, else ZIG, else zig on the PATH, and says when there is none or it does not run', async () => {
    expect(await findZig(ZIG, work, { PATH: '' })).toMatchObject({ path: ZIG, version: '0.11.0', source: '--zig' });
    expect(await findZig(undefined, work, { ZIG, PATH: '' })).toMatchObject({ path: ZIG, source: 'ZIG' });
    const bin = join(work, 'bin');
    await import('node:fs/promises').then((fs) => fs.mkdir(bin, { recursive: true }));
    symlinkSync(ZIG, join(bin, 'zig'));
    expect(await findZig(undefined, work, { PATH: `/nonexistent:${bin}` })).toMatchObject({ path: join(bin, 'zig'), source: 'PATH' });
    // Not node_modules: with nothing given and nothing on the PATH there is no compiler.
    expect(await findZig(undefined, dirname(ZIG), { PATH: '' })).toEqual({ reason: NO_ZIG_WARNING });
    expect(await findZig('./no-such-zig', work, {})).toEqual({ reason: `differential checking skipped: the Zig compiler from --zig (${join(work, 'no-such-zig')}) does not run (\`zig version\` failed)` });
  });

  it('plans the phase with the compiler it found, or warns that it will be skipped', async () => {
    const on = await recipe.plan!({ args: recipe.args!.parse({ input: 'calc/src', out: join(work, 'a-rs'), zig: ZIG }), model: 'm', cwd: FIXTURES });
    expect(Object.fromEntries(on.facts)['differential']).toBe(`on: 0.11.0 at ${ZIG} (from --zig)`);
    expect(on.phases.map((p) => p.title)).toEqual(['map fields', 'port', 'fix loop', 'differential']);
    expect(on.phases[3]!.agents.low).toBe(0);
    const off = await recipe.plan!({ args: recipe.args!.parse({ input: 'calc/src', out: join(work, 'b-rs'), differential: false, zig: ZIG }), model: 'm', cwd: FIXTURES });
    expect(Object.fromEntries(off.facts)['differential']).toBe('off (--no-differential)');
    expect(off.phases.map((p) => p.title)).not.toContain('differential');
    const missing = await recipe.plan!({ args: recipe.args!.parse({ input: 'calc/src', out: join(work, 'c-rs'), zig: join(work, 'nothing') }), model: 'm', cwd: FIXTURES });
    expect(Object.fromEntries(missing.facts)['differential']).toBe('off: no Zig compiler (--zig, ZIG or zig on the PATH)');
    expect(missing.warnings).toContainEqual(expect.stringMatching(/^differential checking skipped: the Zig compiler from --zig/));
    expect(recipe.args!.parse({ input: 'x' })).toMatchObject({ differential: true, differentialRounds: 2, differentialInputs: 200 });
    expect(recipe.args!.parse({ input: 'x', 'differential-rounds': '0', differential: false })).toMatchObject({ differential: false, differentialRounds: 0 });
  });
});
