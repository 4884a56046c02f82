/** The terminal seen by commands: injectable so commands can be tested in-process. */
import { createInterface } from 'node:readline/promises';

export interface CliIo {
  /** Results (tables, JSON): stdout. */
  out(text: string): void;
  /** Progress, messages and errors: stderr. */
  err(text: string): void;
  /** True when stdin is a terminal a person can answer on. */
  interactive: boolean;
  /** Asks a question on the terminal and returns the answer. */
  ask(question: string): Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: process.stdin.isTTY === true,
    async ask(question) {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
