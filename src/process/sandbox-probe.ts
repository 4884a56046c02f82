/**
 * Finds out whether the sandbox can work here: Linux, bubblewrap (`bwrap`) on the PATH, and a trial run
 * with exactly the namespaces and mounts the sandbox uses. A bwrap that is installed but cannot create
 * namespaces (a container without user namespaces, Ubuntu's AppArmor restriction) is told apart from a
 * missing one, with what to do about each.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { NodeProcessRunner } from './process-runner.js';
import type { ProcessRunner } from './process-runner.js';

export type SandboxProblem = 'unsupported-platform' | 'not-installed' | 'no-namespaces';

export interface SandboxSupport {
  /** True when bubblewrap works here. */
  available: boolean;
  /** Absolute path of `bwrap`, when found. */
  bwrap?: string;
  /** Why it cannot be used, when it cannot. */
  problem?: SandboxProblem;
  /** What bwrap said when the trial failed (its first line). */
  detail?: string;
  /** What to do, in one or two sentences. */
  hint?: string;
}

export const INSTALL_HINT =
  'Install bubblewrap: `sudo apt-get install bubblewrap` (Debian, Ubuntu), `sudo dnf install bubblewrap` (Fedora), `sudo pacman -S bubblewrap` (Arch).';

export const NAMESPACE_HINT =
  'Allow unprivileged user namespaces: in a container, run it with `--security-opt seccomp=unconfined --security-opt apparmor=unconfined` (Docker) or as a privileged one; ' +
  'on Ubuntu 24.04 and later, `sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0`; elsewhere `sudo sysctl kernel.unprivileged_userns_clone=1`.';

/** The namespaces and mounts of every sandboxed command (the trial runs the same). */
export function baseBwrapArgs(): string[] {
  return ['--die-with-parent', '--new-session', '--unshare-all', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
}

/** The executable a bare command name resolves to on `pathValue`, or undefined. */
export function whichSync(command: string, pathValue: string | undefined): string | undefined {
  if (isAbsolute(command)) return canExecute(command) ? command : undefined;
  if (command.includes('/')) return canExecute(command) ? command : undefined;
  for (const dir of (pathValue ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    if (canExecute(candidate)) return candidate;
  }
  return undefined;
}

function canExecute(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ProbeOptions {
  /** Where `bwrap` is looked up: this PATH. Default `process.env.PATH`. */
  path?: string;
  /** Runs the trial. Default: a {@link NodeProcessRunner}. */
  runner?: ProcessRunner;
  /** The platform. Default `process.platform`. */
  platform?: NodeJS.Platform;
}

const cache = new Map<string, Promise<SandboxSupport>>();

/** Whether the sandbox works here; the answer is kept for the process (per PATH). */
export function probeSandbox(options: ProbeOptions = {}): Promise<SandboxSupport> {
  const key = `${options.platform ?? process.platform}\u0000${options.path ?? process.env['PATH'] ?? ''}`;
  if (options.runner !== undefined) return probe(options);
  let found = cache.get(key);
  if (found === undefined) {
    found = probe(options);
    cache.set(key, found);
  }
  return found;
}

async function probe(options: ProbeOptions): Promise<SandboxSupport> {
  const platform = options.platform ?? process.platform;
  if (platform !== 'linux') {
    return {
      available: false,
      problem: 'unsupported-platform',
      hint: `The sandbox needs Linux with bubblewrap; on ${platform} there is none yet (run the port in a Linux VM or container to confine it).`,
    };
  }
  const bwrap = whichSync('bwrap', options.path ?? process.env['PATH']);
  if (bwrap === undefined) return { available: false, problem: 'not-installed', hint: INSTALL_HINT };
  const runner = options.runner ?? new NodeProcessRunner();
  try {
    const result = await runner.run(bwrap, [...baseBwrapArgs(), '--', '/bin/sh', '-c', 'exit 0'], { inheritEnv: false, env: { PATH: '/usr/bin:/bin' }, timeoutMs: 15_000 });
    if (result.code === 0) return { available: true, bwrap };
    const said = (result.stderr.trim() || result.stdout.trim() || (result.timedOut ? 'the trial run timed out' : `exit ${result.code ?? result.signal}`)).split('\n')[0]!;
    return { available: false, bwrap, problem: 'no-namespaces', detail: said, hint: NAMESPACE_HINT };
  } catch (error) {
    return { available: false, bwrap, problem: 'no-namespaces', detail: error instanceof Error ? error.message : String(error), hint: NAMESPACE_HINT };
  }
}
