/**
 * The sandbox of model-written code: the environment allow-list, the bubblewrap command line, the probe
 * (missing, broken, working bwrap), the modes; then, where bubblewrap works, what a confined command can
 * and cannot do (tests that need it say why they skip when it is absent).
 */
import { createServer, type Server } from 'node:net';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMigrateError } from '../../src/errors.js';
import { createExec } from '../../src/process/exec.js';
import { NodeProcessRunner } from '../../src/process/process-runner.js';
import { ScriptedRunner } from '../../src/process/scripted-runner.js';
import { normalizeSandboxSettings, parseMemorySize, resolveSandbox, Sandbox, sandboxSettingsFromOptions } from '../../src/process/sandbox.js';
import { allowedVariable, sandboxEnvironment } from '../../src/process/sandbox-env.js';
import { probeSandbox } from '../../src/process/sandbox-probe.js';

const scratch = mkdtempSync(join(tmpdir(), 'migrate-sandbox-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SECRETS = { ANTHROPIC_API_KEY: 'sk-ant-api03-sandbox-test-key-0123456789', GITHUB_TOKEN: 'ghp_sandboxtesttoken0123456789abcdef', AWS_SECRET_ACCESS_KEY: 'aws-secret-value', NPM_TOKEN: 'npm-token' };
const FAKE_BWRAP: Sandbox = new Sandbox({ mode: 'required' }, { available: true, bwrap: '/usr/bin/bwrap' });

describe('the environment allow-list', () => {
  it('keeps PATH, HOME, cargo and locale variables, drops keys, tokens and everything else', () => {
    const env = sandboxEnvironment({ PATH: '/bin', HOME: '/home/u', CARGO_HOME: '/c', RUSTUP_HOME: '/r', LANG: 'C.UTF-8', LC_ALL: 'C', TERM: 'xterm', CARGO_TARGET_DIR: '/t', EDITOR: 'vi', CARGO_REGISTRY_TOKEN: 't', ...SECRETS });
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/u', CARGO_HOME: '/c', RUSTUP_HOME: '/r', LANG: 'C.UTF-8', LC_ALL: 'C', TERM: 'xterm', CARGO_TARGET_DIR: '/t' });
  });

  it('adds what --sandbox-env names (even a secret: the user chose it) and the variables the command sets', () => {
    expect(sandboxEnvironment({ PATH: '/bin', SSL_CERT_FILE: '/ca.pem', NPM_TOKEN: 'x' }, ['SSL_CERT_FILE'], { CARGO_TERM_COLOR: 'never', PATH: undefined })).toEqual({ SSL_CERT_FILE: '/ca.pem', CARGO_TERM_COLOR: 'never' });
    expect(allowedVariable('NPM_TOKEN', ['NPM_TOKEN'])).toBe(true);
    expect(allowedVariable('MY_API_KEY')).toBe(false);
  });
});

describe('settings', () => {
  it('parses the --sandbox options and refuses bad values with what arrived', () => {
    expect(sandboxSettingsFromOptions({})).toBeUndefined();
    expect(sandboxSettingsFromOptions({ sandbox: 'required', 'sandbox-env': ['SSL_CERT_FILE,HTTPS_CA'], 'sandbox-cpu': '60', 'sandbox-memory': '2G' })).toEqual({ mode: 'required', env: ['SSL_CERT_FILE', 'HTTPS_CA'], cpuSeconds: 60, memoryMb: 2048 });
    expect(parseMemorySize('512M')).toBe(512);
    expect(parseMemorySize('4096')).toBe(4096);
    for (const [values, message] of [
      [{ sandbox: 'yes' }, /--sandbox expects one of auto, required, off; got "yes"/],
      [{ 'sandbox-env': ['A-B'] }, /--sandbox-env expects a variable name/],
      [{ 'sandbox-cpu': 'lots' }, /--sandbox-cpu expects whole seconds/],
      [{ 'sandbox-memory': '1T' }, /--sandbox-memory expects a size such as 8G/],
      [{ 'sandbox-memory': '16M' }, /--sandbox-memory expects at least 64 MiB/],
    ] as const) {
      expect(() => sandboxSettingsFromOptions(values), JSON.stringify(values)).toThrow(message);
    }
    expect(normalizeSandboxSettings()).toEqual({ mode: 'auto', env: [], cpuSeconds: 1200, memoryMb: 8192 });
  });
});

describe('the command line of a confined command', () => {
  it('runs bwrap: every namespace, / read-only, only the crate and target dir writable, a private /tmp, limits, no keys', () => {
    const crate = join(scratch, 'crate');
    const target = join(scratch, 'target');
    const saved = { ...process.env };
    Object.assign(process.env, SECRETS);
    try {
      const { cmd, args, options } = FAKE_BWRAP.wrap('sh', ['-c', 'true'], { cwd: crate, env: { CARGO_TARGET_DIR: target } }, { writable: [crate] });
      expect(cmd).toBe('/usr/bin/bwrap');
      expect(args.slice(0, 12)).toEqual(['--die-with-parent', '--new-session', '--unshare-all', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp']);
      const rest = args.slice(12).join(' ');
      expect(rest).toContain(`--bind ${crate} ${crate} --bind ${target} ${target}`);
      expect(rest).toContain(`--chdir ${crate} -- /bin/sh -c ulimit -c 0 2>/dev/null; ulimit -t 1200 2>/dev/null; ulimit -v 8388608 2>/dev/null; exec "$@" migrate-sandbox /`);
      expect(args.at(-2)).toBe('-c');
      expect(args.at(-1)).toBe('true');
      expect(args).not.toContain('--share-net');
      expect(options.inheritEnv).toBe(false);
      expect(options.env).toMatchObject({ TMPDIR: '/tmp', CARGO_TARGET_DIR: target });
      expect(Object.values(options.env ?? {}).join(' ')).not.toMatch(/sk-ant|ghp_|aws-secret|npm-token/);
      expect(existsSync(crate) && existsSync(target)).toBe(true); // created for the bind
    } finally {
      for (const key of Object.keys(SECRETS)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('without bubblewrap (auto) keeps the limits and the allow-list; off keeps only the allow-list; a missing command is COMMAND_NOT_FOUND', () => {
    const auto = new Sandbox({ mode: 'auto' }, { available: false, problem: 'not-installed' });
    const wrapped = auto.wrap('sh', ['-c', 'true']);
    expect(wrapped.cmd).toBe('/bin/sh');
    expect(wrapped.args[0]).toBe('-c');
    expect(wrapped.args[1]).toContain('ulimit -t 1200');
    const off = new Sandbox({ mode: 'off' }, { available: true, bwrap: '/usr/bin/bwrap' });
    const plain = off.wrap('sh', ['-c', 'true']);
    expect(plain.cmd).toMatch(/\/sh$/);
    expect(plain.args).toEqual(['-c', 'true']);
    expect(plain.options.inheritEnv).toBe(false);
    try {
      off.wrap('no-such-command-xyz', []);
      expect.unreachable();
    } catch (error) {
      expect(isMigrateError(error, 'COMMAND_NOT_FOUND')).toBe(true);
    }
  });

  it('ctx.exec runs a command in the sandbox only when asked', async () => {
    const runner = new ScriptedRunner([{ cmd: '/usr/bin/bwrap', repeat: true }, { cmd: 'git', repeat: true }]);
    const exec = createExec({ runner, sandbox: FAKE_BWRAP, cwd: scratch });
    await exec('git', ['status']);
    await exec('cargo', ['test'], { sandbox: true });
    await exec('cargo', ['test'], { sandbox: { writable: [join(scratch, 'other')] } });
    expect(runner.calls.map((c) => c.cmd)).toEqual(['git', '/usr/bin/bwrap', '/usr/bin/bwrap']);
    expect(runner.calls[1]!.args.join(' ')).toContain(`--bind ${scratch} ${scratch}`);
    expect(runner.calls[2]!.args.join(' ')).toContain(`--bind ${join(scratch, 'other')} ${join(scratch, 'other')}`);
  });
});

describe('the probe and the modes', () => {
  const fakeBin = (script: string): string => {
    const dir = mkdtempSync(join(scratch, 'bin-'));
    writeFileSync(join(dir, 'bwrap'), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, 'bwrap'), 0o755);
    return dir;
  };

  it('tells a missing bwrap, one that cannot create namespaces, a working one and another platform apart', async () => {
    expect(await probeSandbox({ path: join(scratch, 'nothing-here') })).toMatchObject({ available: false, problem: 'not-installed', hint: expect.stringContaining('apt-get install bubblewrap') });
    const broken = fakeBin('echo "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2; exit 1');
    expect(await probeSandbox({ path: broken })).toMatchObject({
      available: false,
      problem: 'no-namespaces',
      bwrap: join(broken, 'bwrap'),
      detail: expect.stringContaining('No permissions to creating new namespace'),
      hint: expect.stringContaining('user namespaces'),
    });
    expect(await probeSandbox({ path: fakeBin('exit 0') })).toMatchObject({ available: true });
    expect(await probeSandbox({ platform: 'darwin' })).toMatchObject({ available: false, problem: 'unsupported-platform' });
  });

  it('auto warns once, with the reason and how to install; required refuses to start; off is explicit', async () => {
    const broken = fakeBin('echo "bwrap: setting up uid map: Permission denied" >&2; exit 1');
    const auto = await resolveSandbox({ mode: 'auto' }, { path: broken });
    expect(auto.confined).toBe(false);
    expect(auto.plan()).toMatchObject({ mode: 'auto', confinement: 'none' });
    expect(auto.warning()).toMatch(/^No sandbox: bubblewrap is installed \(.*bwrap\) but cannot create namespaces here \(bwrap: setting up uid map: Permission denied\)\. cargo build and cargo test will run model-written code unconfined/);
    expect((await resolveSandbox({ mode: 'auto' }, { path: join(scratch, 'none') })).warning()).toMatch(/bubblewrap \(bwrap\) is not installed.*sudo apt-get install bubblewrap/);
    await expect(resolveSandbox({ mode: 'required' }, { path: join(scratch, 'none') })).rejects.toMatchObject({ code: 'SANDBOX_UNAVAILABLE', message: expect.stringMatching(/^--sandbox required: refusing to start, because bubblewrap \(bwrap\) is not installed\..*apt-get install bubblewrap/) });
    const off = await resolveSandbox({ mode: 'off' }, { path: join(scratch, 'none') });
    expect(off.warning()).toBeUndefined();
    expect(off.summary()).toMatch(/^off \(--sandbox off\)/);
    expect(FAKE_BWRAP.summary()).toMatch(/^bubblewrap \(required\): no network; writes only to the crate, its target dir and a private \/tmp; per process 1200 s CPU, 8 GiB memory/);
  });
});

// The real thing, where bubblewrap works here.
const support = await probeSandbox();
const why = support.available ? '' : ` (skipped: bubblewrap cannot run here: ${support.problem}${support.detail ? `, ${support.detail}` : ''}; install it with apt-get install bubblewrap)`;

describe.skipIf(!support.available)(`a confined command${why}`, () => {
  const crate = join(scratch, 'real-crate');
  // Outside the crate: under /tmp (the command's /tmp is its own) and in this repository (read-only for it).
  const outsideFile = join(scratch, 'outside.txt');
  const hostFile = join(process.cwd(), `.sandbox-escape-${process.pid}.txt`);
  let server: Server;
  let port = 0;
  let connections = 0;
  let sandbox: Sandbox;

  beforeAll(async () => {
    mkdirSync(crate, { recursive: true });
    sandbox = await resolveSandbox({ mode: 'required' });
    server = createServer((socket) => {
      connections++;
      socket.end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = (script: string, settings?: Sandbox) =>
    (settings ?? sandbox).runner(new NodeProcessRunner(), { writable: [crate] }).run('sh', ['-c', script], { cwd: crate, env: {}, timeoutMs: 30_000 });

  it('writes only the crate and a private /tmp; sees no key or token; reaches no listener on 127.0.0.1', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, SECRETS);
    try {
      const result = await run(
        [
          `echo owned > ${outsideFile} 2>/dev/null && echo outside=written-to-private-tmp || echo outside=refused`,
          `echo owned > ${hostFile} 2>/dev/null && echo host=written || echo host=refused`,
          'echo inside > inside.txt && echo inside=written',
          'echo tmp > /tmp/private.txt && echo tmp=written',
          'echo "key=[${ANTHROPIC_API_KEY:-}] token=[${GITHUB_TOKEN:-}] aws=[${AWS_SECRET_ACCESS_KEY:-}]"',
          `bash -c 'exec 3<>/dev/tcp/127.0.0.1/${port}' 2>/dev/null && echo bash-net=connected || echo bash-net=refused`,
        ].join('\n'),
      );
      expect(result.stdout).toContain('host=refused');
      expect(result.stdout).toContain('inside=written');
      expect(result.stdout).toContain('tmp=written');
      expect(result.stdout).toContain('key=[] token=[] aws=[]');
      expect(result.stdout).toContain('bash-net=refused');
      expect(existsSync(outsideFile)).toBe(false);
      expect(existsSync(hostFile)).toBe(false);
      expect(existsSync(join(crate, 'inside.txt'))).toBe(true);
      expect(existsSync('/tmp/private.txt')).toBe(false);
      expect(connections).toBe(0);
    } finally {
      for (const key of Object.keys(SECRETS)) delete process.env[key];
      Object.assign(process.env, saved);
      rmSync(hostFile, { force: true });
    }
  });

  it('kills what the command leaves behind when it ends, even a process in its own session', async () => {
    const result = await run(`(setsid sh -c 'sleep 1; echo survived > ${join(crate, 'survivor.txt')}' </dev/null >/dev/null 2>&1 &) ; echo started`);
    expect(result.stdout).toBe('started\n');
    await delay(2_000);
    expect(existsSync(join(crate, 'survivor.txt'))).toBe(false);
  });

  it('stops a process at its CPU-time limit and an allocation over its memory limit', async () => {
    const tight = await resolveSandbox({ mode: 'required', cpuSeconds: 1, memoryMb: 64 });
    const spin = await run('while :; do :; done', tight);
    expect(String(spin.signal ?? spin.code)).toMatch(/SIGXCPU|SIGKILL|^1(52|37)$/);
    expect(spin.timedOut).toBe(false);
    const big = await run('dd if=/dev/zero of=/dev/null bs=200M count=1 2>&1; echo rc=$?', tight);
    expect(big.stdout).toMatch(/memory exhausted|Cannot allocate memory/);
    expect(big.stdout).toMatch(/rc=1/);
  });
});
