/**
 * Who holds a lock: pid, host and the process's start time. The start time (Linux: boot id and the
 * start tick from /proc) tells a live holder from a process that reused a dead holder's pid.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  pid: number;
  host: string;
  /** `<boot id>:<start tick>` on Linux; absent where it cannot be read. */
  processStart?: string;
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** `<boot id>:<start tick>` of a process, or undefined where /proc cannot tell. */
export function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name (field 2) may hold spaces and parentheses, so count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    const boot = bootId();
    return start && boot ? `${boot}:${start}` : undefined;
  } catch {
    return undefined;
  }
}

export function currentProcess(): ProcessIdentity {
  const processStart = processStartOf(process.pid);
  return { pid: process.pid, host: hostname(), ...(processStart ? { processStart } : {}) };
}

/**
 * Whether the process is still there. On another host it cannot be checked: taken as alive. A pid that is
 * alive but started at another time than recorded is a reused pid: the holder is gone.
 */
export function processAlive(identity: ProcessIdentity): boolean {
  if (identity.host !== hostname()) return true;
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (identity.processStart === undefined) return true;
  const now = processStartOf(identity.pid);
  return now === undefined || now === identity.processStart;
}
