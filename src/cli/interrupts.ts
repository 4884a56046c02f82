/** Ctrl-C and SIGTERM for the commands that run until interrupted (a run, the dashboard). */

/** Calls `handler` on SIGINT and SIGTERM; returns the function that stops listening. */
export function processInterrupts(handler: () => void): () => void {
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
