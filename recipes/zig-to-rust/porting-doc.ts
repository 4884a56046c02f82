/** PORTING.md: the conventions of this port (the guide and the module map), for whoever continues it. */
import type { Layout } from './layout.js';

export function portingDoc(guide: string, layout: Layout, outcomes: ReadonlyMap<string, string>): string {
  const rows = [...layout.entries.values()]
    .sort((a, b) => (a.zig < b.zig ? -1 : 1))
    .map((e) => `| \`${e.zig}\` | \`${e.rust}\` | ${e.bin ? 'binary' : `\`crate::${e.modulePath.join('::')}\``} | ${outcomes.get(e.zig) ?? 'not ported yet'} |`);
  return [
    '# PORTING',
    '',
    `This crate is a port of a Zig project made with migrate-kit's \`zig-to-rust\` recipe. Keep to the conventions`,
    'below when you continue it by hand; `LIFETIMES.tsv` is the field map (how each struct field is owned) and',
    '`MIGRATION_REPORT.md` says what is left to look at.',
    '',
    '## Module map',
    '',
    `Crate \`${layout.crateName}\`. \`@import("x.zig")\` becomes the Rust path in the third column.`,
    '',
    '| Zig file | Rust file | Rust path | state |',
    '|---|---|---|---|',
    ...rows,
    '',
    guide.replace(/^# /, '## '),
    '',
  ].join('\n');
}
