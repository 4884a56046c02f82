/** `migrate dashboard [runId|--last] [--port N] [--open]`: serves a run's live dashboard until Ctrl-C. */
import { processInterrupts } from '../interrupts.js';
import { spawn } from 'node:child_process';
import { MigrateError } from '../../errors.js';
import { JsonlRunStore } from '../../store/jsonl-store.js';
import { startDashboard } from '../dashboard/dashboard-server.js';
import type { RunDeps } from '../execute-run.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { resolveRunRef } from '../run-ref.js';
import { resolveStateDir } from '../settings.js';

const OPTIONS = {
  last: { type: 'boolean' },
  port: { type: 'string' },
  open: { type: 'boolean' },
  'state-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function dashboardCommand(words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const { values, positionals } = parseOptions('dashboard', words, OPTIONS);
  if (values.help) {
    io.out(HELP['dashboard']!);
    return 0;
  }
  const port = values.port === undefined ? 0 : portNumber(values.port);
  const stateDir = await resolveStateDir(values['state-dir'], io);
  const store = new JsonlRunStore(stateDir);
  // No run id and no --last: the latest run, as a person opening a dashboard most often means.
  const runId = positionals.length === 0 && values.last !== true ? await store.resolveId({ last: true }) : await resolveRunRef(store, 'dashboard', positionals, values.last === true);
  const dashboard = await startDashboard({ store, runId, port });
  io.out(dashboard.url);
  io.err(`migrate: dashboard of run ${runId} at ${dashboard.url} (read-only, this machine only). Ctrl-C stops it.`);
  if (values.open) openBrowser(dashboard.url, io);
  await new Promise<void>((resolve) => {
    const stop = (deps.onInterrupt ?? processInterrupts)(() => {
      stop();
      resolve();
    });
  });
  await dashboard.close();
  return 0;
}

function portNumber(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n > 65535) throw new MigrateError('BAD_OPTION', `--port expects a port number from 0 to 65535 (0: a free one); got "${text}".`);
  return n;
}

/** Opens the URL in the default browser (`open` on macOS, `xdg-open` elsewhere); a failure is a notice, not an error. */
export function openBrowser(url: string, io: CliIo): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const notice = (why: string): void => io.err(`migrate: could not open a browser (${why}); open ${url} yourself.`);
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', (error) => notice(`${command}: ${error.message}`));
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) notice(`${command} exited with ${code}`);
    });
    child.unref();
  } catch (error) {
    notice((error as Error).message);
  }
}
