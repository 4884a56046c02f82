// Copies the non-TypeScript files that src/ ships into dist/: data files such as the price table, and every
// `assets/` folder whole (the dashboard's page, script and styles, served from the package).
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ASSET = /\.(json|md)$/;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === 'assets') cpSync(path, join('dist', relative('src', path)), { recursive: true });
      else walk(path);
    } else if (ASSET.test(name)) cpSync(path, join('dist', relative('src', path)));
  }
}
walk('src');
