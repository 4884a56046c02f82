/**
 * Writes the module tree of the ported files: lib.rs, mod.rs files, and submodule blocks in host files; and
 * the skip helper (`src/zig_skip.rs`, declared first in lib.rs) when a ported file uses `zig_skip!`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { moduleTree, topModules, withBlock, type Layout } from './layout.js';
import type { OutputFiles } from './output-files.js';
import { SKIP_MACRO, skipDeclaration, skipHelper, usesSkip } from './scaffold.js';

/** The module name of the skip helper when a ported file uses `zig_skip!` (`zig_skip`, or `zig_skip_helper` beside a ported `zig_skip.zig`). */
async function skipModule(out: string, layout: Layout, ported: ReadonlySet<string>): Promise<string | undefined> {
  for (const zig of [...ported].sort()) {
    const entry = layout.entries.get(zig);
    if (entry === undefined) continue;
    const source = await readFile(join(out, entry.rust), 'utf8').catch(() => '');
    if (usesSkip(source)) return topModules(layout).includes(SKIP_MACRO) ? `${SKIP_MACRO}_helper` : SKIP_MACRO;
  }
  return undefined;
}

export async function writeModuleTree(files: OutputFiles, layout: Layout, ported: ReadonlySet<string>): Promise<void> {
  const tree = moduleTree(layout, ported);
  const skip = await skipModule(files.out, layout, ported);
  if (skip !== undefined) {
    await files.writeIfChanged(`src/${skip}.rs`, skipHelper(skip));
    tree.files.set('src/lib.rs', `${skipDeclaration(skip)}${tree.files.get('src/lib.rs') ?? ''}`);
  }
  for (const [path, content] of tree.files) await files.writeIfChanged(path, content);
  for (const [path, lines] of tree.blocks) {
    const current = await readFile(join(files.out, path), 'utf8').catch(() => '');
    await files.derive(path, current, withBlock(current, lines));
  }
}
