/** How the recipe's phases treat a failed agent call: stop the run, or describe the error in a warning. */

/** Halts the item (and, through the caller, the run) when the run was interrupted or aborted. */
export function rethrowStop(error: unknown): void {
  const code = codeOf(error);
  if (code === 'INTERRUPTED' || code === 'ABORTED') throw error;
}

/** The error's code, by shape (the error may come from another copy of migrate-kit). */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `CODE: first line of the message` (the code left out when the error has none). */
export function describe(error: unknown): string {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return `${code !== undefined ? `${code}: ` : ''}${message.split('\n')[0]}`;
}
