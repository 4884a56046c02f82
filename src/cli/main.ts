/** The `migrate` command: dispatches to a command and turns errors into messages and exit codes. */
import { readFileSync } from 'node:fs';
import { BAD_INPUT_CODES, isMigrateError } from '../errors.js';
import { redact } from '../redact.js';
import { resumeCommand } from './commands/resume.js';
import { runCommand } from './commands/run.js';
import { runsCommand, statusCommand } from './commands/runs.js';
import { namedRecipeCommand } from './commands/recipe-command.js';
import { configCommand } from './commands/config.js';
import { prCommand } from './commands/pr.js';
import { listBuiltinRecipes } from '../recipes/registry.js';
import type { RunDeps } from './execute-run.js';
import { EXIT } from './exit-codes.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';

const COMMANDS: Record<string, (words: string[], io: CliIo, deps: RunDeps) => Promise<number>> = {
  run: runCommand,
  resume: resumeCommand,
  runs: (words, io) => runsCommand(words, io),
  status: (words, io) => statusCommand(words, io),
  // Loaded when used: `recipe` brings in ts-morph.
  recipe: async (words, io) => (await import('./commands/recipe.js')).recipeCommand(words, io),
  config: (words, io) => configCommand(words, io),
  pr: (words, io) => prCommand(words, io),
};

export async function main(argv: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const builtins = listBuiltinRecipes();
    io.out(HELP['main']! + (builtins.length > 0 ? `\n\nBuilt-in recipes (migrate <name> --help for each; migrate recipe list for all):\n${builtins.map((b) => `  ${b}`).join('\n')}` : ''));
    return command === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    io.out(pkg.version);
    return EXIT.ok;
  }
  // Any other name is a recipe: ./migrate-recipes/ (ejected), the config's recipePaths, then the built-ins.
  const handler = COMMANDS[command] ?? (/^[a-z0-9][a-z0-9-]*$/.test(command) ? (words: string[], cliIo: CliIo, runDeps: RunDeps) => namedRecipeCommand(command, words, cliIo, runDeps) : undefined);
  if (!handler) {
    io.err(`migrate: unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}. See: migrate --help`);
    return EXIT.badInput;
  }
  try {
    return await handler(rest, io, deps);
  } catch (error) {
    if (isMigrateError(error)) {
      io.err(`migrate: ${redact(error.message)}`);
      return BAD_INPUT_CODES.has(error.code) ? EXIT.badInput : EXIT.failedItems;
    }
    io.err(`migrate: unexpected error: ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
    return EXIT.failedItems;
  }
}
