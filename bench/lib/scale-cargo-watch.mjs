// Watches /proc for cargo processes working under a directory (bench/scale.mjs): each one's command, and when it
// was first and last seen (polled every `intervalMs`), so the bench can say how much of a phase cargo took.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

export function watchCargo(under, intervalMs = 100) {
  const seen = new Map();
  const poll = () => {
    const now = performance.now();
    let pids;
    try {
      pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
    } catch {
      return;
    }
    for (const pid of pids) {
      const known = seen.get(pid);
      if (known !== undefined && known.alive) {
        known.last = now;
        continue;
      }
      let argv;
      try {
        argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      } catch {
        continue;
      }
      if (argv.length < 2 || basename(argv[0]) !== 'cargo') continue;
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        // gone already
      }
      if (!cwd.startsWith(under)) continue;
      seen.set(pid, { pid, command: argv.slice(1).join(' '), cwd, first: now, last: now, alive: true });
    }
    for (const entry of seen.values()) if (entry.alive && entry.last !== now) entry.alive = false;
  };
  const timer = setInterval(poll, intervalMs);
  return {
    /** cargo processes seen, with `ms` ≈ how long each ran (to the polling interval). */
    list: () => [...seen.values()].map((e) => ({ ...e, ms: e.last - e.first + intervalMs })),
    stop: () => clearInterval(timer),
  };
}
