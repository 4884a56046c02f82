/**
 * The sandbox that model-written code runs in (`cargo build`, `cargo check`, `cargo test`, and `ctx.exec`
 * when a recipe asks). Three layers, each independent of the others:
 *
 * - **Environment** (every mode): an allow-list ({@link SANDBOX_ENV_NAMES}); keys and tokens never pass
 *   unless named with `--sandbox-env NAME`.
 * - **Confinement** (bubblewrap on Linux, modes `auto` and `required`): new user, pid, network, ipc and uts
 *   namespaces; the whole filesystem read-only; writable only the directories the caller names (the crate
 *   and its target directory) and a private `/tmp`; no network at all (a loopback of its own); the process
 *   tree dies with the command (`--die-with-parent`, and the pid namespace ends with its first process).
 * - **Limits** (modes `auto` and `required`, POSIX): CPU seconds and address space per process
 *   (`ulimit -t`, `ulimit -v`), no core files.
 *
 * Modes: `auto` confines where bubblewrap works and otherwise runs unconfined after one warning in the
 * plan; `required` refuses to start without it (`SANDBOX_UNAVAILABLE`); `off` runs unconfined, with the
 * environment allow-list only.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { MigrateError } from '../errors.js';
import { NodeProcessRunner } from './process-runner.js';
import type { ProcessResult, ProcessRunner, RunOptions } from './process-runner.js';
import { isVariableName, sandboxEnvironment } from './sandbox-env.js';
import { baseBwrapArgs, probeSandbox, whichSync, type ProbeOptions, type SandboxSupport } from './sandbox-probe.js';

export type SandboxMode = 'auto' | 'required' | 'off';
export const SANDBOX_MODES: readonly SandboxMode[] = ['auto', 'required', 'off'];
export const DEFAULT_SANDBOX_MODE: SandboxMode = 'auto';

/**
 * CPU seconds per process: 20 minutes, what one process can burn on both cores of a 2-core machine during
 * the 10-minute cargo timeout. A test stuck in a loop is stopped by the timeout first; this stops one that
 * runs longer under a raised timeout, and every process of the tree has its own.
 */
export const DEFAULT_SANDBOX_CPU_SECONDS = 1200;
/**
 * Address space per process, MiB: 8 GiB, so two rustc jobs and a test binary (2 cores) stay under 24 GiB
 * together with this process; a runaway allocation fails in the test instead of swapping the machine.
 */
export const DEFAULT_SANDBOX_MEMORY_MB = 8192;

/** How commands that build or run model-written code are confined (run options `--sandbox*`). */
export interface SandboxSettings {
  /** `auto` (bubblewrap where it works, else unconfined with a warning), `required` or `off`. Default `auto`. */
  mode?: SandboxMode;
  /** Extra variables of this process's environment passed to sandboxed commands (`--sandbox-env NAME`). Default none. */
  env?: readonly string[];
  /** CPU seconds per process (`--sandbox-cpu`); 0 for no limit. Default {@link DEFAULT_SANDBOX_CPU_SECONDS} (1200). */
  cpuSeconds?: number;
  /** Address space per process in MiB (`--sandbox-memory`); 0 for no limit. Default {@link DEFAULT_SANDBOX_MEMORY_MB} (8192). */
  memoryMb?: number;
}

/** Where one command may write. */
export interface SandboxPolicy {
  /**
   * Directories the command may write, besides a private `/tmp` (the crate, its target directory); created
   * when missing. The command's `cwd` is not writable unless listed. Default none.
   */
  writable?: readonly string[];
}

/** What the plan says about the sandbox. */
export interface SandboxPlan {
  mode: SandboxMode;
  /** `bubblewrap` when commands are confined, else `none`. */
  confinement: 'bubblewrap' | 'none';
  /** One line: what applies. */
  summary: string;
  /** Set in `auto` mode when commands will run unconfined: why, and how to install or enable bubblewrap. */
  warning?: string;
  settings: Required<SandboxSettings>;
}

const SHELL = '/bin/sh';

function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function gib(mb: number): string {
  return mb % 1024 === 0 ? `${mb / 1024} GiB` : `${mb} MiB`;
}

/** Checks settings from the command line, a config or `run.json`; throws `BAD_OPTION`. */
export function normalizeSandboxSettings(settings: SandboxSettings = {}): Required<SandboxSettings> {
  const mode = settings.mode ?? DEFAULT_SANDBOX_MODE;
  if (!SANDBOX_MODES.includes(mode)) throw new MigrateError('BAD_OPTION', `--sandbox expects one of ${SANDBOX_MODES.join(', ')}; got "${String(mode)}".`);
  const env = [...new Set(settings.env ?? [])];
  const bad = env.filter((name) => !isVariableName(name));
  if (bad.length > 0) throw new MigrateError('BAD_OPTION', `--sandbox-env expects a variable name such as SSL_CERT_FILE; got ${bad.map((n) => `"${n}"`).join(', ')}.`);
  const cpuSeconds = settings.cpuSeconds ?? DEFAULT_SANDBOX_CPU_SECONDS;
  if (!Number.isInteger(cpuSeconds) || cpuSeconds < 0) throw new MigrateError('BAD_OPTION', `--sandbox-cpu expects whole seconds (0 for no limit); got ${String(cpuSeconds)}.`);
  const memoryMb = settings.memoryMb ?? DEFAULT_SANDBOX_MEMORY_MB;
  if (!Number.isInteger(memoryMb) || memoryMb < 0 || (memoryMb > 0 && memoryMb < 64)) {
    throw new MigrateError('BAD_OPTION', `--sandbox-memory expects at least 64 MiB (or 0 for no limit); got ${String(memoryMb)} MiB.`);
  }
  return { mode, env, cpuSeconds, memoryMb };
}

/** Parses `--sandbox-memory`: `8G`, `512M`, `8192` (MiB). */
export function parseMemorySize(text: string): number {
  const m = /^\s*(\d+)\s*([mMgG])?(?:i?[bB])?\s*$/.exec(text);
  if (m === null) throw new MigrateError('BAD_OPTION', `--sandbox-memory expects a size such as 8G or 512M (MiB without a unit); got "${text}".`);
  const n = Number(m[1]);
  return m[2] === undefined || m[2].toLowerCase() === 'm' ? n : n * 1024;
}

/** A resolved sandbox: the settings and what this machine supports. */
export class Sandbox {
  readonly settings: Required<SandboxSettings>;

  constructor(
    settings: SandboxSettings,
    /** What the probe found; in `off` mode nothing is probed. */
    readonly support: SandboxSupport,
  ) {
    this.settings = normalizeSandboxSettings(settings);
  }

  get mode(): SandboxMode {
    return this.settings.mode;
  }

  /** Commands run under bubblewrap. */
  get confined(): boolean {
    return this.mode !== 'off' && this.support.available && this.support.bwrap !== undefined;
  }

  /** The CPU and memory limits apply (not in `off` mode; POSIX only). */
  get limited(): boolean {
    return this.mode !== 'off' && process.platform !== 'win32' && (this.settings.cpuSeconds > 0 || this.settings.memoryMb > 0);
  }

  /** The limits, as the plan says them. */
  limitsText(): string {
    const { cpuSeconds, memoryMb } = this.settings;
    const parts = [cpuSeconds > 0 ? `${cpuSeconds} s CPU` : 'no CPU limit', memoryMb > 0 ? `${gib(memoryMb)} memory` : 'no memory limit'];
    return `per process ${parts.join(', ')}`;
  }

  /** The environment rule, as the plan says it. */
  envText(): string {
    return this.settings.env.length > 0 ? `environment allow-list plus ${this.settings.env.join(', ')}` : 'environment allow-list (no keys or tokens)';
  }

  /** One line for the plan. */
  summary(): string {
    if (this.mode === 'off') return `off (--sandbox off): cargo runs unconfined, with the ${this.envText()} only`;
    if (this.confined) return `bubblewrap (${this.mode}): no network; writes only to the crate, its target dir and a private /tmp; ${this.limitsText()}; ${this.envText()}`;
    return `none (${this.mode}): ${this.reason()}; cargo runs unconfined with the ${this.envText()} and ${this.limitsText()}`;
  }

  /** Why there is no confinement (empty when there is). */
  reason(): string {
    const s = this.support;
    if (s.available) return '';
    if (s.problem === 'unsupported-platform') return `no sandbox on ${process.platform}`;
    if (s.problem === 'no-namespaces') return `bubblewrap is installed (${s.bwrap}) but cannot create namespaces here${s.detail ? ` (${s.detail})` : ''}`;
    return 'bubblewrap (bwrap) is not installed';
  }

  /** The plan's warning in `auto` mode without confinement; undefined otherwise. */
  warning(): string | undefined {
    if (this.mode !== 'auto' || this.confined) return undefined;
    return (
      `No sandbox: ${this.reason()}. cargo build and cargo test will run model-written code unconfined: ` +
      `with network access and write access to everything you can write (keys and tokens are still kept out of its environment). ` +
      `${this.support.hint ?? ''} Then run again; or pass --sandbox required to refuse to run without it, or --sandbox off to run unconfined without this warning.`
    ).replace(/\s+/g, ' ');
  }

  plan(): SandboxPlan {
    const warning = this.warning();
    return { mode: this.mode, confinement: this.confined ? 'bubblewrap' : 'none', summary: this.summary(), ...(warning !== undefined ? { warning } : {}), settings: this.settings };
  }

  /** The environment of a sandboxed command: the allow-list, then the command's own variables. */
  environment(overrides: Readonly<Record<string, string | undefined>> = {}, source: NodeJS.ProcessEnv = process.env): Record<string, string> {
    return sandboxEnvironment(source, this.settings.env, overrides);
  }

  /**
   * The command as it runs in the sandbox: `bwrap … -- /bin/sh -c '<limits>; exec "$@"' sandbox <cmd> <args>`
   * when confined, the limits wrapper alone when not, or the command itself with the filtered environment
   * (`off`). Throws `COMMAND_NOT_FOUND` when the command is not on the sandbox's PATH.
   */
  wrap(cmd: string, args: readonly string[], options: RunOptions = {}, policy: SandboxPolicy = {}): { cmd: string; args: string[]; options: RunOptions } {
    const env = this.environment(options.env, options.inheritEnv === false ? {} : process.env);
    const cwd = resolve(options.cwd ?? process.cwd());
    // Resolved here, so a missing command is COMMAND_NOT_FOUND as without a sandbox (Windows resolves its own: .exe, PATHEXT).
    const program = process.platform === 'win32' ? cmd : whichSync(cmd.includes('/') ? resolve(cwd, cmd) : cmd, env['PATH']);
    if (program === undefined) {
      throw new MigrateError('COMMAND_NOT_FOUND', `Expected \`${cmd}\` on PATH, but it was not found. Install it or fix PATH.`, { details: { command: cmd } });
    }
    const runOptions: RunOptions = { ...options, env, inheritEnv: false };
    const inner = this.limited ? [SHELL, '-c', this.limitScript(), 'migrate-sandbox', program, ...args] : [program, ...args];
    if (!this.confined) {
      const [head, ...rest] = inner;
      return { cmd: head!, args: rest, options: runOptions };
    }
    env['TMPDIR'] = '/tmp';
    const writable = [...(policy.writable ?? []), ...(env['CARGO_TARGET_DIR'] !== undefined ? [env['CARGO_TARGET_DIR']] : [])].map((dir) => resolve(cwd, dir));
    const binds: string[] = [];
    const real: string[] = [];
    for (const dir of [...new Set(writable)]) {
      mkdirSync(dir, { recursive: true });
      const path = realpathSync(dir);
      if (path === '/') throw new MigrateError('BAD_INPUT', `The sandbox refuses to make / writable (asked for ${dir}).`);
      real.push(path);
      binds.push('--bind', path, path);
    }
    // Under the private /tmp, what the command needs to see (its program, its cwd) is bound read-only.
    const visible: string[] = [];
    for (const path of [dirname(program), cwd]) {
      const abs = safeRealpath(path);
      if (abs !== undefined && inside(abs, '/tmp') && !real.some((w) => inside(abs, w)) && !visible.includes(abs)) visible.push(abs);
    }
    const args2 = [...baseBwrapArgs(), ...visible.flatMap((p) => ['--ro-bind', p, p]), ...binds, '--chdir', safeRealpath(cwd) ?? cwd, '--', ...inner];
    return { cmd: this.support.bwrap!, args: args2, options: runOptions };
  }

  /** `ulimit` lines, then `exec "$@"`; a limit the shell cannot set (a lower hard limit) is left as it is. */
  limitScript(): string {
    const lines = ['ulimit -c 0 2>/dev/null'];
    if (this.settings.cpuSeconds > 0) lines.push(`ulimit -t ${this.settings.cpuSeconds} 2>/dev/null`);
    if (this.settings.memoryMb > 0) lines.push(`ulimit -v ${this.settings.memoryMb * 1024} 2>/dev/null`);
    return `${lines.join('; ')}; exec "$@"`;
  }

  /** A runner that runs every command through this sandbox with the given policy. */
  runner(base: ProcessRunner = new NodeProcessRunner(), policy: SandboxPolicy = {}): ProcessRunner {
    return new SandboxedRunner(base, this, policy);
  }

  toJSON(): Required<SandboxSettings> {
    return this.settings;
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Runs each command through a sandbox (see {@link Sandbox.wrap}). */
export class SandboxedRunner implements ProcessRunner {
  constructor(
    private readonly base: ProcessRunner,
    readonly sandbox: Sandbox,
    private readonly policy: SandboxPolicy = {},
  ) {}

  async run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
    const wrapped = this.sandbox.wrap(cmd, args, options, this.policy);
    return this.base.run(wrapped.cmd, wrapped.args, wrapped.options);
  }
}

/**
 * Resolves the settings against this machine: probes bubblewrap (not in `off` mode) and, in `required`
 * mode, throws `SANDBOX_UNAVAILABLE` when it cannot confine commands, saying why and what to do.
 */
export async function resolveSandbox(settings: SandboxSettings = {}, probe: ProbeOptions = {}): Promise<Sandbox> {
  const normalized = normalizeSandboxSettings(settings);
  const support: SandboxSupport = normalized.mode === 'off' ? { available: false } : await probeSandbox(probe);
  const sandbox = new Sandbox(normalized, support);
  if (normalized.mode === 'required' && !sandbox.confined) {
    throw new MigrateError(
      'SANDBOX_UNAVAILABLE',
      `--sandbox required: refusing to start, because ${sandbox.reason()}. Model-written code would run unconfined. ${support.hint ?? ''} ` +
        'Or choose --sandbox auto (runs unconfined with a warning) or --sandbox off.',
      { details: { problem: support.problem ?? null, bwrap: support.bwrap ?? null, detail: support.detail ?? null } },
    );
  }
  return sandbox;
}

let fallback: Promise<Sandbox> | undefined;

/** The sandbox of callers that name none (`cargoBuild` without options): `auto`, resolved once per process. */
export function defaultSandbox(): Promise<Sandbox> {
  fallback ??= resolveSandbox({ mode: 'auto' });
  return fallback;
}

/** The `--sandbox*` run options as parsed by `node:util` (strings, `--sandbox-env` repeatable). */
export interface SandboxOptionValues {
  sandbox?: string;
  'sandbox-env'?: readonly string[];
  'sandbox-cpu'?: string;
  'sandbox-memory'?: string;
}

/** Settings from the `--sandbox*` options (only those given), checked; undefined when none was given. */
export function sandboxSettingsFromOptions(values: SandboxOptionValues): SandboxSettings | undefined {
  const settings: SandboxSettings = {};
  if (values.sandbox !== undefined) {
    const mode = values.sandbox.trim() as SandboxMode;
    if (!SANDBOX_MODES.includes(mode)) throw new MigrateError('BAD_OPTION', `--sandbox expects one of ${SANDBOX_MODES.join(', ')}; got "${values.sandbox}".`);
    settings.mode = mode;
  }
  if (values['sandbox-env'] !== undefined) settings.env = values['sandbox-env'].flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (values['sandbox-cpu'] !== undefined) {
    const text = values['sandbox-cpu'].trim().replace(/s$/, '');
    if (!/^\d+$/.test(text)) throw new MigrateError('BAD_OPTION', `--sandbox-cpu expects whole seconds of CPU time per process (0 for no limit); got "${values['sandbox-cpu']}".`);
    settings.cpuSeconds = Number(text);
  }
  if (values['sandbox-memory'] !== undefined) settings.memoryMb = parseMemorySize(values['sandbox-memory']);
  if (Object.keys(settings).length === 0) return undefined;
  normalizeSandboxSettings(settings);
  return settings;
}

/** What the plan shows about the sandbox; throws `SANDBOX_UNAVAILABLE` for `required` where it cannot work. */
export async function planSandbox(given?: SandboxSettings | Sandbox): Promise<SandboxPlan> {
  const sandbox = given instanceof Sandbox ? given : await resolveSandbox(given);
  return sandbox.plan();
}
