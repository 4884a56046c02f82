/**
 * The Zig compiler for differential checking: `--zig PATH`, else the `ZIG` environment variable, else `zig` on
 * the PATH — never one bundled with migrate-kit's own dependencies. Found means `zig version` runs.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export interface ZigCompiler {
  path: string;
  version: string;
  /** `--zig`, `ZIG` or `PATH`. */
  source: string;
}

export const NO_ZIG_WARNING = 'differential checking skipped: no Zig compiler (--zig, ZIG or zig on the PATH)';

function version(path: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(path, ['version'], { timeout: 20_000 }, (error, stdout) => done(error === null ? String(stdout).trim() : undefined));
  });
}

async function onPath(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'zig');
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

/** The compiler to use, or why there is none (a `--zig`/`ZIG` that does not run is named). */
export async function findZig(given: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<ZigCompiler | { reason: string }> {
  const candidates: Array<[string, string]> = [];
  if (given !== undefined) candidates.push([isAbsolute(given) ? given : resolve(cwd, given), '--zig']);
  else if (env['ZIG'] !== undefined && env['ZIG'] !== '') candidates.push([isAbsolute(env['ZIG']) ? env['ZIG'] : resolve(cwd, env['ZIG']), 'ZIG']);
  else {
    const found = await onPath(env);
    if (found !== undefined) candidates.push([found, 'PATH']);
  }
  const [path, source] = candidates[0] ?? [];
  if (path === undefined || source === undefined) return { reason: NO_ZIG_WARNING };
  const v = await version(path);
  if (v === undefined) return { reason: `differential checking skipped: the Zig compiler from ${source} (${path}) does not run (\`zig version\` failed)` };
  return { path, version: v, source };
}
