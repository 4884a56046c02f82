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
    '## zig_std',
    '',
    '`zig_std/` is a std-only crate the recipe writes beside `src/` (a path dependency in `Cargo.toml`, a member of',
    "this crate's workspace): Zig 0.11's standard library with Zig's semantics (`zig_std::mem`, `fmt`, `math`,",
    '`unicode`, `ascii`, `sort`, `testing`, `rand`, `hash`, `crypto`, `compress`, `io`), checked against the Zig',
    'compiler by migrate-kit\'s golden tests. Ports call it instead of re-implementing `std` (the guide below lists',
    'every item); keep doing so. It is rewritten by each run of the recipe: do not edit it here. When the port no',
    'longer needs it, drop the dependency and the directory.',
    '',
    guide.replace(/^# /, '## '),
    '',
  ].join('\n');
}
