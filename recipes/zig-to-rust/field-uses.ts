/**
 * "Uses in other files" for the field map, resolved through imports: a struct of `file` is looked for only in
 * the files that import it (or import a file that re-exports it), by the names those files bind to it
 * (`const header = @import("header.zig")` → `header.Header`; `const Header = @import("header.zig").Header` →
 * `Header`; a file that is a struct → the import's own name). A same-named type of an unrelated file is
 * never listed.
 */
import type { WorkItem } from 'migrate-kit';

/** Follows re-exports (`pub const X = other.X`) this many files deep. */
const MAX_DEPTH = 4;
const IMPORT_VALUE = /@import\(\s*"(?:[^"\\]|\\.)*"\s*\)((?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)/;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A struct of the batch: its path in the file (`Outer.Inner`), or `''` for the file itself when it is a struct. */
export interface StructRef {
  file: string;
  path: string;
}

/**
 * For each file that reaches the struct through imports, the expressions that name it there (`header.Header`,
 * `Header`). The defining file is not included.
 */
export function namesThroughImports(target: StructRef, items: readonly WorkItem[], texts: ReadonlyMap<string, string>): Map<string, string[]> {
  const byPath = new Map(items.map((item) => [item.path, item]));
  // Member paths of each file's namespace that denote the struct ('' = the namespace itself).
  const exported = new Map<string, Set<string>>([[target.file, new Set([target.path])]]);
  const names = new Map<string, Set<string>>();
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    let grew = false;
    for (const item of items) {
      if (item.path === target.file || item.error !== undefined) continue;
      const lines = (texts.get(item.path) ?? '').split('\n');
      const local = names.get(item.path) ?? new Set<string>();
      const out = exported.get(item.path) ?? new Set<string>();
      for (const decl of item.declarations) {
        if (decl.kind !== 'const' || decl.importSpec === undefined) continue;
        const imp = item.imports.find((i) => i.spec === decl.importSpec && i.kind === 'file' && i.path !== undefined);
        const members = imp?.path === undefined ? undefined : exported.get(imp.path);
        if (members === undefined) continue;
        const text = lines.slice(decl.startLine - 1, decl.endLine).join('\n');
        const chain = (IMPORT_VALUE.exec(text)?.[1] ?? '').replace(/\s+/g, '').replace(/^\./, '');
        for (const member of members) {
          let expr: string | undefined;
          if (member === chain) expr = decl.name;
          else if (chain === '') expr = `${decl.name}.${member}`;
          else if (member.startsWith(`${chain}.`)) expr = `${decl.name}.${member.slice(chain.length + 1)}`;
          if (expr === undefined) continue;
          if (!local.has(expr)) {
            local.add(expr);
            grew = true;
          }
          if (decl.pub && !out.has(expr)) {
            out.add(expr);
            grew = true;
          }
        }
      }
      // One level of local aliases: `const H = header.Header;`.
      for (const decl of item.declarations) {
        if (decl.kind !== 'const' || decl.importSpec !== undefined || local.has(decl.name)) continue;
        const value = /=\s*([A-Za-z_][\w.]*)\s*;?\s*$/.exec(lines.slice(decl.startLine - 1, decl.endLine).join(' '))?.[1];
        if (value !== undefined && local.has(value)) {
          local.add(decl.name);
          if (decl.pub) out.add(decl.name);
          grew = true;
        }
      }
      if (local.size > 0) names.set(item.path, local);
      if (out.size > 0) exported.set(item.path, out);
    }
    if (!grew) break;
  }
  return new Map([...names.entries()].map(([file, set]) => [file, [...set].sort()]));
}

/** Lines of other files that use the structs (`file:line: text`), found through imports; at most `max`. */
export function usesThroughImports(targets: readonly StructRef[], items: readonly WorkItem[], texts: ReadonlyMap<string, string>, max: number): string[] {
  const patterns = new Map<string, string[]>();
  for (const target of targets) {
    for (const [file, exprs] of namesThroughImports(target, items, texts)) patterns.set(file, [...(patterns.get(file) ?? []), ...exprs]);
  }
  const found: string[] = [];
  for (const [file, exprs] of [...patterns.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const pattern = new RegExp(`(?<![\\w.])(${[...new Set(exprs)].map(escape).join('|')})(?![\\w])`);
    const lines = (texts.get(file) ?? '').split('\n');
    for (let i = 0; i < lines.length && found.length < max; i++) {
      const line = lines[i]!;
      if (line.includes('@import(')) continue;
      if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
    }
  }
  return found;
}
