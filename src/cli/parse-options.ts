/** Parses a command's options with node:util; a wrong option is a BAD_OPTION error that points to the command's help. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MigrateError } from '../errors.js';

type Spec = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<S extends Spec>(command: string, words: string[], spec: S): ReturnType<typeof parseArgs<{ args: string[]; options: S; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: words, options: spec, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new MigrateError('BAD_OPTION', `${(cause as Error).message}. See: migrate ${command} --help`, { cause });
  }
}
