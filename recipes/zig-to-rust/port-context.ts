/** The per-file parts of the port prompts: imports and their Rust paths, field rows, interface summaries. */
import type { Chunk, ProjectIndex, WorkItem } from 'migrate-kit';
import { estimateTokens } from 'migrate-kit';
import { rowsText, type FieldRow } from './field-map.js';
import type { GateOptions } from './gate.js';
import { rustPathOf, type Layout } from './layout.js';
import { fenced } from './prompts.js';

/** Interface summaries of imports are cut beyond this many tokens in one prompt. */
const MAX_SUMMARY_TOKENS = 12_000;

export interface FileContext {
  item: WorkItem;
  source: string;
  rustPath: string;
  bin: boolean;
  /** `the module crate::http::header` / the binary note. */
  moduleNote: string;
  /** What the gate needs to know about the file (computed once per file). */
  gateOptions: GateOptions;
  names: string;
  imports: string;
  /** This file's field rows (and its imports' when the whole map is not in the prefix). */
  fields: string;
  summaries: string;
}

export function importsText(item: WorkItem, layout: Layout, bin: boolean): string {
  const lines: string[] = [];
  for (const imp of item.imports) {
    const spec = `\`@import("${imp.spec}")\``;
    if (imp.kind === 'std') lines.push(`- ${spec} → the Rust standard library (\`std\`).`);
    else if (imp.kind === 'builtin') lines.push(`- ${spec} → no module: use \`cfg!(…)\`, \`std::env::consts\` or constants.`);
    else if (imp.kind === 'root') lines.push(`- ${spec} → the program's root file; import what it uses from the module that defines it.`);
    else if (imp.kind === 'package') lines.push(`- ${spec} → a package from build.zig that is not part of this port: leave a \`// TODO(port)\` where it is used and list it in todos.`);
    else if (imp.path !== undefined) {
      const path = rustPathOf(layout, imp.path, bin);
      lines.push(path !== undefined ? `- ${spec} → \`${path}\` (${imp.path})` : `- ${spec} → ${imp.path}, which is not part of the project: leave a \`// TODO(port)\` and list it in todos.`);
    }
  }
  return lines.length > 0 ? lines.join('\n') : '(no imports)';
}

export function summariesText(item: WorkItem, index: ProjectIndex): string {
  const targets = index.imports.edges[item.path] ?? [];
  const parts: string[] = [];
  let tokens = 0;
  for (const target of targets) {
    const summary = index.summaries[target];
    if (summary === undefined || target === item.path) continue;
    if (tokens + summary.tokens > MAX_SUMMARY_TOKENS) {
      parts.push(`(${targets.length - parts.length} more imported files left out for length: ${targets.slice(parts.length).join(', ')})`);
      break;
    }
    tokens += summary.tokens;
    parts.push(fenced(summary.text, 'zig'));
  }
  return parts.length > 0 ? parts.join('\n\n') : '(no project files imported)';
}

export function fieldsText(item: WorkItem, rows: readonly FieldRow[], index: ProjectIndex, wholeMapInPrefix: boolean): string {
  const own = rows.filter((r) => r.file === item.path);
  const imported = wholeMapInPrefix ? [] : rows.filter((r) => (index.imports.edges[item.path] ?? []).includes(r.file));
  // Rows carry Zig types and evidence quoted from the repository: fenced, as data.
  const parts = [own.length > 0 ? fenced(rowsText(own)) : '(this file declares no struct fields)'];
  if (imported.length > 0) parts.push(`Fields of the structs it imports:\n${fenced(rowsText(imported, true))}`);
  return parts.join('\n\n');
}

export function chunkNote(chunk: Chunk, totalLines: number): { note: string; title: string; answer: string } {
  if (chunk.count === 1) return { note: '', title: '', answer: '' };
  return {
    note: [
      '',
      `The file has ${totalLines} lines, so it is ported in ${chunk.count} parts that are joined in order; this is part ${chunk.index} (lines ${chunk.startLine}-${chunk.endLine}${chunk.container !== undefined ? `, inside ${chunk.container}` : ''}).`,
      `Answer with the Rust for this part only. ${chunk.index === 1 ? 'Put every `use` line the file needs at the top of this part.' : 'Do not repeat `use` lines (part 1 has them); write full paths where a name is not imported.'}`,
      `Put this part's tests in \`#[cfg(test)] mod tests_part_${chunk.index} { use super::*; … }\`.${chunk.container !== undefined ? ' A container split across parts continues its `impl` block in each part (`impl X { … }` may appear more than once).' : ''}`,
      '',
    ].join('\n'),
    title: ` (part ${chunk.index} of ${chunk.count}, lines ${chunk.startLine}-${chunk.endLine})`,
    answer: ` of this part`,
  };
}

/** Output tokens to allow for a port of `text`: about twice its tokens, 8k to 64k. */
export function portMaxTokens(text: string): number {
  return Math.max(8192, Math.min(64_000, 2048 + Math.ceil(estimateTokens(text) * 2.5)));
}

/** A timeout that grows with the answer's size: 10 minutes plus 15 ms per allowed output token. */
export function timeoutFor(maxTokens: number): number {
  return 600_000 + maxTokens * 15;
}
