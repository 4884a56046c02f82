import { spawn } from 'node:child_process';
import { readFile, writeFile, mkdtemp, mkdir } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, liveHolder } from '../../src/store/lock.js';
import { currentProcess } from '../../src/store/process-identity.js';

const dir = () => mkdtemp(join(tmpdir(), 'mk-lock-'));

/** A pid that is certainly gone: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('close', r));
  return child.pid!;
}

describe('locks', () => {
  it('one holder at a time: the second is refused naming the first, and gets it once released', async () => {
    const path = join(await dir(), 'lock');
    const first = await acquireLock(path, 'run r1', 'Run r1');
    await expect(acquireLock(path, 'migrate resume r1', 'Run r1')).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringMatching(new RegExp(`Run r1 is in use by run r1 \\(process ${process.pid} on ${hostname()}, since `)),
    });
    await first.release();
    const second = await acquireLock(path, 'migrate resume r1', 'Run r1');
    expect(second.tookOver).toBeUndefined();
    await second.release();
  });

  it('takes over a lock whose process is gone, and says whose it was', async () => {
    const path = join(await dir(), 'lock');
    const pid = await deadPid();
    await writeFile(path, JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z', purpose: 'run old', token: 'old' }));
    const lock = await acquireLock(path, 'run new', 'Run x');
    expect(lock.tookOver).toMatchObject({ pid, purpose: 'run old' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid, purpose: 'run new' });
    await lock.release();
  });

  it('a pid reused by another process (a different start time) does not hold the lock', async () => {
    const path = join(await dir(), 'lock');
    const me = currentProcess();
    if (!me.processStart) return; // only Linux's /proc tells start times
    await writeFile(path, JSON.stringify({ ...me, processStart: `${me.processStart.split(':')[0]}:1`, since: '2026-01-01T00:00:00.000Z', purpose: 'run stale', token: 't' }));
    expect(await liveHolder(path)).toBeUndefined();
    const lock = await acquireLock(path, 'run new', 'Run x');
    expect(lock.tookOver).toMatchObject({ purpose: 'run stale' });
    await lock.release();
  });

  it('of many processes racing for one lock, exactly one gets it', async () => {
    const base = await dir();
    await mkdir(base, { recursive: true });
    const path = join(base, 'lock');
    const script = `import('${new URL('../../dist/store/lock.js', import.meta.url).href}').then(async ({ acquireLock }) => {
      try { await acquireLock(${JSON.stringify(path)}, 'racer', 'x'); process.stdout.write('got'); setTimeout(() => {}, 800); }
      catch (e) { process.stdout.write(e.code); }
    });`;
    const racers = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      return new Promise<string>((r) => child.on('close', () => r(out)));
    });
    const results = await Promise.all(racers);
    expect(results.filter((r) => r === 'got')).toHaveLength(1);
    expect(results.filter((r) => r === 'LOCKED')).toHaveLength(5);
  });
});
