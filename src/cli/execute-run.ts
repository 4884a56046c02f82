/** The common end of `run` and `resume`: confirm, start, show progress, handle Ctrl-C, summarise. */
import { MigrateError } from '../errors.js';
import { AnthropicProvider } from '../model/anthropic-provider.js';
import type { Provider } from '../model/types.js';
import { registerSecret } from '../redact.js';
import { startRun, type StartRunOptions } from '../workflow/run.js';
import { exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { attachProgress, summaryLines } from './progress.js';
import type { RunCliOptions } from './run-options.js';

export interface RunDeps {
  /** Makes the model provider; default: Anthropic from ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL. */
  makeProvider?: (env: NodeJS.ProcessEnv) => Provider;
  /** Subscribes to interrupts (Ctrl-C, SIGTERM); returns the unsubscribe function. */
  onInterrupt?: (handler: () => void) => () => void;
}

export function defaultProvider(env: NodeJS.ProcessEnv): Provider {
  registerSecret(env['ANTHROPIC_API_KEY']);
  return new AnthropicProvider({ env });
}

function processInterrupts(handler: () => void): () => void {
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export async function executeRun(start: Omit<StartRunOptions, 'provider'>, cli: RunCliOptions, io: CliIo, deps: RunDeps, what: string): Promise<number> {
  const provider = (deps.makeProvider ?? defaultProvider)(io.env);
  if (!cli.yes) {
    if (!io.interactive) {
      throw new MigrateError('BAD_INPUT', `Refusing to ${what} without confirmation: stdin is not a terminal, so nobody can answer. Add --yes to start anyway.`);
    }
    const budget = start.budgetUsd === undefined ? 'none' : `$${start.budgetUsd}`;
    const answer = await io.ask(`${what} (model ${start.model ?? 'default'}, concurrency ${start.concurrency ?? 'default'}, budget ${budget})? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err('migrate: not started.');
      return 0;
    }
  }
  const handle = await startRun({ ...start, provider });
  const detach = attachProgress(handle.events, io);
  let interrupts = 0;
  const stopListening = (deps.onInterrupt ?? processInterrupts)(() => {
    interrupts++;
    if (interrupts === 1) handle.interrupt();
    else {
      io.err('migrate: aborting the agents in flight.');
      handle.abort();
    }
  });
  try {
    const result = await handle.done;
    if (cli.json) io.out(JSON.stringify({ id: result.runId, status: result.status, dir: result.dir, totals: result.totals, value: result.value ?? null, error: result.error?.toJSON() ?? null }, null, 2));
    for (const line of summaryLines(result)) io.err(line);
    return exitCodeFor(result);
  } finally {
    stopListening();
    detach();
  }
}
