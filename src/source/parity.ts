/**
 * The parity check of the port gate: every top-level pub Zig declaration and every Zig test
 * has a Rust counterpart, found by the recipe's naming rule (see naming.ts).
 */
import { rustNamesFor, rustTestNames } from './naming.js';
import { allFunctions, parseRust } from './rust-parser.js';
import type { RustItem, RustItemKind } from './rust-parser.js';
import type { DeclarationKind, ParseError, WorkItem } from './types.js';

export interface ParityGap {
  kind: DeclarationKind;
  /** The Zig name (a test's name for tests). */
  zigName: string;
  line: number;
  /** The Rust names that would count, the canonical one first. */
  expected: string[];
  /** `missing`: nothing by those names; `not-pub`: found, but not `pub` while the Zig one is. */
  reason: 'missing' | 'not-pub';
}

export interface ParityResult {
  /** No gaps, no stubs, no syntax errors. */
  ok: boolean;
  gaps: ParityGap[];
  /** Rust fns whose body is only `todo!()`/`unimplemented!()`: silent stubs. */
  stubs: RustItem[];
  /** Syntax errors of the Rust source. */
  rustErrors: ParseError[];
}

/** Which Rust item kinds may stand for a Zig declaration kind. */
const COUNTERPARTS: Record<DeclarationKind, readonly RustItemKind[]> = {
  fn: ['fn', 'use', 'macro'],
  struct: ['struct', 'enum', 'union', 'type', 'trait', 'use'],
  enum: ['enum', 'struct', 'type', 'use'],
  union: ['enum', 'union', 'struct', 'type', 'use'],
  opaque: ['struct', 'enum', 'type', 'use'],
  error_set: ['enum', 'struct', 'type', 'use'],
  const: ['const', 'static', 'type', 'struct', 'enum', 'union', 'trait', 'fn', 'mod', 'use', 'macro'],
  var: ['static', 'const', 'fn', 'use', 'macro'],
  test: ['fn'],
};

/** Compares a Zig work item with the Rust source ported from it. */
export function parity(zig: WorkItem, rustSource: string): ParityResult {
  const rust = parseRust(rustSource);
  const gaps: ParityGap[] = [];
  for (const decl of zig.declarations) {
    // `export fn` is public to C: it needs a `#[no_mangle] pub extern "C" fn`.
    const exported = decl.kind === 'fn' && decl.signature.startsWith('export ');
    if ((!decl.pub && !exported) || decl.kind === 'test') continue;
    const expected = rustNamesFor(decl);
    const kinds = COUNTERPARTS[decl.kind];
    const wanted = expected.map((name) => name.replace(/^r#/, ''));
    const found = rust.items.filter((item) => kinds.includes(item.kind) && wanted.includes(item.name));
    if (found.length === 0) gaps.push({ kind: decl.kind, zigName: decl.name, line: decl.startLine, expected, reason: 'missing' });
    else if (!found.some((item) => item.pub)) gaps.push({ kind: decl.kind, zigName: decl.name, line: decl.startLine, expected, reason: 'not-pub' });
  }
  const functions = allFunctions(rust.items);
  const testNames = new Set(functions.filter((fn) => fn.test === true).map((fn) => fn.name));
  const names = rustTestNames(zig.tests);
  zig.tests.forEach((test, i) => {
    const name = names[i] as string;
    const expected = [name, name.startsWith('test_') ? name.slice(5) : `test_${name}`].map((n) => n.replace(/^r#/, ''));
    if (!expected.some((n) => testNames.has(n))) {
      gaps.push({ kind: 'test', zigName: test.name, line: test.startLine, expected, reason: 'missing' });
    }
  });
  const stubs = functions.filter((fn) => fn.stub === true);
  return { ok: gaps.length === 0 && stubs.length === 0 && rust.errors.length === 0, gaps, stubs, rustErrors: rust.errors };
}
