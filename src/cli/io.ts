/** The terminal seen by commands: injectable so commands can be tested in-process. */
import { createInterface } from 'node:readline/promises';

export interface CliIo {
  /** Results (tables, JSON): stdout. */
  out(text: string): void;
  /** Progress, messages and errors: stderr. */
  err(text: string): void;
  /** True when stdin is a terminal a person can answer on. */
  interactive: boolean;
  /** Asks a question on the terminal and returns the answer; `''` when the person cancels (Ctrl-C, Ctrl-D). */
  ask(question: string): Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Present when stderr is a terminal: live progress is redrawn in place there. `columns` is read at each frame
   * (it changes when the terminal is resized); `onResize` subscribes to resizes and returns the unsubscribe function.
   */
  terminal?: { readonly columns: number; write(text: string): void; onResize?(listener: () => void): () => void };
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: process.stdin.isTTY === true,
    async ask(question) {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      // Ctrl-C at the question cancels it (readline would otherwise only pause); Ctrl-D closes the input.
      const cancel = new AbortController();
      rl.once('SIGINT', () => cancel.abort());
      rl.once('close', () => cancel.abort());
      try {
        return await rl.question(question, { signal: cancel.signal });
      } catch {
        process.stderr.write('\n');
        return '';
      } finally {
        rl.close();
      }
    },
    env: process.env,
    ...(process.stderr.isTTY
      ? {
          terminal: {
            get columns() {
              return process.stderr.columns || 100;
            },
            write: (text: string) => void process.stderr.write(text),
            onResize(listener: () => void) {
              process.stderr.on('resize', listener);
              return () => void process.stderr.off('resize', listener);
            },
          },
        }
      : {}),
    cwd: process.cwd(),
  };
}
