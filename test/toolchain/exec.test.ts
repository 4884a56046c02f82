import { describe, expect, it } from 'vitest';
import { isMigrateError } from '../../src/errors.js';
import { createExec, NodeProcessRunner, ScriptedRunner } from '../../src/toolchain/index.js';

const runner = new NodeProcessRunner();

describe('exec (allow-list)', () => {
  it('refuses a command that is not allow-listed, before running anything', async () => {
    const scripted = new ScriptedRunner([{ cmd: 'rm', repeat: true }]);
    const exec = createExec({ runner: scripted });
    const error = await exec('rm', ['-rf', '/tmp/x']).catch((e: unknown) => e);
    expect(isMigrateError(error, 'COMMAND_NOT_ALLOWED')).toBe(true);
    expect((error as Error).message).toMatch(/`rm`.*allowed: `cargo`, `rustc`, `rustfmt`, `git`/);
    await expect(exec('/usr/bin/cargo', ['build'])).rejects.toMatchObject({ code: 'COMMAND_NOT_ALLOWED' });
    expect(scripted.calls).toHaveLength(0);
  });

  it('runs allowed commands with the run defaults: cwd, env, timeout', async () => {
    const scripted = new ScriptedRunner([{ cmd: 'cargo', repeat: true }]);
    const exec = createExec({ runner: scripted, cwd: '/crate', env: { A: '1' }, allow: ['cargo'] });
    await exec('cargo', ['build'], { env: { B: '2' } });
    await exec('cargo', ['test'], { timeoutMs: 5, cwd: '/other' });
    expect(scripted.calls[0]?.options).toMatchObject({ cwd: '/crate', env: { A: '1', B: '2' }, timeoutMs: 600_000 });
    expect(scripted.calls[1]?.options).toMatchObject({ cwd: '/other', timeoutMs: 5 });
  });

  it('runs a real allowed command and returns a failing exit as a result', async () => {
    const exec = createExec();
    const ok = await exec('rustc', ['--version']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^rustc \d+\.\d+/);
    const failing = await exec('git', ['definitely-not-a-subcommand']);
    expect(failing.code).not.toBe(0);
  });
});
