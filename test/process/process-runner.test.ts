import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { isMigrateError } from '../../src/errors.js';
import { NodeProcessRunner } from '../../src/process/process-runner.js';
import { ScriptedRunner } from '../../src/process/scripted-runner.js';
import { alive } from '../toolchain/helpers.js';

const runner = new NodeProcessRunner();

describe('NodeProcessRunner', () => {
  it('captures stdout, stderr, the exit code, cwd and env', async () => {
    const result = await runner.run('sh', ['-c', 'echo "out $FOO"; pwd; echo err >&2; exit 3'], {
      cwd: '/tmp',
      env: { FOO: 'bar' },
    });
    expect(result).toMatchObject({ code: 3, signal: null, timedOut: false, stderr: 'err\n' });
    expect(result.stdout).toBe('out bar\n/tmp\n');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('removes variables set to undefined and can start from an empty environment', async () => {
    process.env['MIGRATE_TOOLCHAIN_PROBE'] = 'x';
    try {
      const removed = await runner.run('sh', ['-c', 'echo "[${MIGRATE_TOOLCHAIN_PROBE:-}]"'], {
        env: { MIGRATE_TOOLCHAIN_PROBE: undefined },
      });
      expect(removed.stdout).toBe('[]\n');
      const empty = await runner.run('/usr/bin/env', [], { inheritEnv: false, env: { ONLY: '1' } });
      expect(empty.stdout.trim()).toBe('ONLY=1');
    } finally {
      delete process.env['MIGRATE_TOOLCHAIN_PROBE'];
    }
  });

  it('caps captured output and says so, while draining the rest', async () => {
    const result = await runner.run('sh', ['-c', 'head -c 200000 /dev/zero | tr "\\0" a; echo done >&2'], {
      maxOutputBytes: 1000,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toHaveLength(1000);
    expect(result.stdoutTruncated).toBe(true);
    expect(result.stderrTruncated).toBeUndefined();
    expect(result.stderr).toBe('done\n');
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const started = Date.now();
    const result = await runner.run('sh', ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 300, killGraceMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.code).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
    const grandchild = Number(result.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    await delay(100);
    expect(alive(grandchild)).toBe(false);
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const result = await runner.run('sh', ['-c', 'trap "" TERM; echo ready; sleep 30 & wait; sleep 30'], {
      timeoutMs: 200,
      killGraceMs: 300,
    });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
  });

  it('rejects with ABORTED when the signal fires, after killing the process', async () => {
    const controller = new AbortController();
    const running = runner.run('sleep', ['30'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toMatchObject({ code: 'ABORTED' });
    const already = runner.run('sleep', ['30'], { signal: AbortSignal.abort() });
    await expect(already).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('reports a missing command as COMMAND_NOT_FOUND', async () => {
    const error = await runner.run('migrate-kit-no-such-command', []).catch((e: unknown) => e);
    expect(isMigrateError(error, 'COMMAND_NOT_FOUND')).toBe(true);
  });
});

describe('ScriptedRunner', () => {
  it('answers from the script by command and argument prefix, and records calls', async () => {
    const scripted = new ScriptedRunner([
      { cmd: 'cargo', args: ['--version'], result: { stdout: 'cargo 1.95.0\n' } },
      { cmd: 'cargo', args: ['build'], result: (call) => ({ code: 101, stderr: `in ${call.options.cwd}` }), repeat: true },
      { cmd: 'cargo', args: ['test'], delayMs: 1_000 },
    ]);
    expect((await scripted.run('cargo', ['--version'])).stdout).toBe('cargo 1.95.0\n');
    expect(await scripted.run('cargo', ['build', '--offline'], { cwd: '/c' })).toMatchObject({ code: 101, stderr: 'in /c' });
    expect((await scripted.run('cargo', ['build'], { cwd: '/d' })).stderr).toBe('in /d');
    expect(await scripted.run('cargo', ['test'], { timeoutMs: 20 })).toMatchObject({ timedOut: true, code: null });
    await expect(scripted.run('cargo', ['--version'])).rejects.toMatchObject({ code: 'SCRIPT_EXHAUSTED' });
    expect(scripted.calls.map((c) => c.args[0])).toEqual(['--version', 'build', 'build', 'test', '--version']);
    expect(scripted.remaining()).toHaveLength(0);
  });
});
