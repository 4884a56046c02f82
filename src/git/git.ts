/**
 * Runs the `git` CLI through a {@link ProcessRunner} in one directory. Never through a shell; never
 * prompts (GIT_TERMINAL_PROMPT=0); the caller's GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE are dropped so
 * the repository is found from the directory. Failures become `GIT_FAILED` errors with git's own
 * message, redacted.
 */
import { MigrateError, isMigrateError } from '../errors.js';
import { redact } from '../redact.js';
import type { ProcessResult, ProcessRunner } from '../process/process-runner.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface GitRunOptions {
  /** Extra variables for this call (e.g. GIT_INDEX_FILE). */
  env?: Env;
  /** Text written to git's stdin. */
  input?: string;
  /** Default 60 s; network commands pass more. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export class Git {
  constructor(
    readonly runner: ProcessRunner,
    /** The directory git runs in (the top of the work tree once the repository is known). */
    readonly cwd: string,
    /** Variables merged over the process environment for every call. */
    readonly env: Env = {},
  ) {}

  /** The same runner and environment, in another directory. */
  at(cwd: string): Git {
    return new Git(this.runner, cwd, this.env);
  }

  /** Runs git and returns the result whatever the exit code (spawn failures still throw). */
  async exec(args: readonly string[], options: GitRunOptions = {}): Promise<ProcessResult> {
    try {
      return await this.runner.run('git', args, {
        cwd: this.cwd,
        env: { GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined, ...this.env, GIT_TERMINAL_PROMPT: '0', ...options.env },
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(options.input !== undefined ? { input: options.input } : {}),
      });
    } catch (error) {
      if (isMigrateError(error, 'COMMAND_NOT_FOUND')) {
        throw new MigrateError('GIT_FAILED', 'Expected `git` on PATH to make the branch and commit, but it was not found. Install git (2.25 or newer) and try again.', { cause: error });
      }
      throw error;
    }
  }

  /** Runs git; a non-zero exit throws `GIT_FAILED` with git's message. */
  async run(args: readonly string[], options: GitRunOptions = {}): Promise<ProcessResult> {
    const result = await this.exec(args, options);
    if (result.code !== 0) throw gitError(args, result);
    return result;
  }

  /** Runs git and returns stdout without its last newline. */
  async out(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.replace(/\r?\n$/, '');
  }

  /** Like {@link out}, but undefined when git exits non-zero (a missing ref, an unset config key). */
  async tryOut(args: readonly string[], options: GitRunOptions = {}): Promise<string | undefined> {
    const result = await this.exec(args, options);
    return result.code === 0 ? result.stdout.replace(/\r?\n$/, '') : undefined;
  }
}

export function gitError(args: readonly string[], result: ProcessResult, hint?: string): MigrateError {
  const what = result.timedOut ? 'timed out' : `failed (exit ${result.code ?? result.signal})`;
  const message = redact((result.stderr.trim() || result.stdout.trim()).split('\n').slice(-12).join('\n'));
  return new MigrateError('GIT_FAILED', `\`git ${redact(args.slice(0, 3).join(' '))}\` ${what}${message ? `:\n${message}` : '.'}${hint ? `\n${hint}` : ''}`, {
    details: { args: args.map((a) => redact(a)), code: result.code },
  });
}
