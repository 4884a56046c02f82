import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary directory for one test file: crates go in it, and one shared CARGO_TARGET_DIR. */
export function makeScratch(prefix: string): { root: string; targetDir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), `migrate-toolchain-${prefix}-`));
  return { root, targetDir: join(root, 'target'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Writes a std-only crate `name` under `root` with the given files (plus Cargo.toml); returns its directory. */
export function makeCrate(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  const all: Record<string, string> = {
    'Cargo.toml': `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n`,
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** True while a process runs (a zombie left unreaped by a container's init counts as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return true;
  }
}
