/** The `migrate` command: dispatches to a command and turns errors into messages and exit codes. */
import { readFileSync } from 'node:fs';
import { BAD_INPUT_CODES, isMigrateError } from '../errors.js';
import { redact, registerEnvSecrets } from '../redact.js';
import { isRecipeName, listBuiltinRecipes } from '../recipes/registry.js';
import { COMMANDS } from './command-table.js';
import type { RunDeps } from './execute-run.js';
import { EXIT } from './exit-codes.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';

/** Any other name is a recipe: ./migrate-recipes/ (ejected), the config's recipePaths, then the built-ins. */
async function namedRecipe(name: string, words: string[], io: CliIo, deps: RunDeps): Promise<number> {
  return (await import('./commands/recipe-command.js')).namedRecipeCommand(name, words, io, deps);
}

export async function main(argv: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  // Whatever a command prints or writes for people, no secret of the environment appears in it.
  registerEnvSecrets(io.env);
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
  const handler = COMMANDS[command]?.handler ?? (isRecipeName(command) ? (words: string[], cliIo: CliIo, runDeps: RunDeps) => namedRecipe(command, words, cliIo, runDeps) : undefined);
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
