/** Writes the module tree of the ported files: lib.rs, mod.rs files, and submodule blocks in host files. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { moduleTree, withBlock, type Layout } from './layout.js';
import type { OutputFiles } from './output-files.js';

export async function writeModuleTree(files: OutputFiles, layout: Layout, ported: ReadonlySet<string>): Promise<void> {
  const tree = moduleTree(layout, ported);
  for (const [path, content] of tree.files) await files.writeIfChanged(path, content);
  for (const [path, lines] of tree.blocks) {
    const current = await readFile(join(files.out, path), 'utf8').catch(() => '');
    await files.derive(path, current, withBlock(current, lines));
  }
}
