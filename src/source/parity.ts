/**
 * The parity check of the port gate: every top-level pub Zig declaration and every Zig test
 * has a Rust counterpart, found by the recipe's naming rule (see naming.ts).
 */
import { fileStructNames, isFileReexport, returnsType, rustNamesFor, rustTestNames } from './naming.js';
import { allFunctions, parseRust } from './rust-parser.js';
import { parseText } from './tree-sitter.js';
import type { RustItem, RustItemKind } from './rust-parser.js';
import type { Declaration, DeclarationKind, ParseError, WorkItem } from './types.js';

export interface ParityGap {
  kind: DeclarationKind;
  /** The Zig name (a test's name for tests). */
  zigName: string;
  line: number;
  /** The Rust names that would count, the canonical one first. */
  expected: string[];
  /** `missing`: nothing by those names; `not-pub`: found, but not `pub` while the Zig one is. */
  reason: 'missing' | 'not-pub';
  /** The Rust item kinds that would count (`use`: a `pub use` of one). */
  accepts?: RustItemKind[];
  /** A file that is a struct: its methods count for the file's pub fns (`impl Image { pub fn load … }`), its associated consts for pub consts. */
  methodOf?: string[];
  /** The gap is the struct a file with top-level fields ports to. */
  fileStruct?: boolean;
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

/** A type-returning fn whose body is not a `struct {}` (`fn AutoHashMap(…) type { return HashMap(…); }`): a type or a fn. */
const TYPE_FN: readonly RustItemKind[] = ['fn', 'type', 'struct', 'enum', 'union', 'trait', 'use', 'macro'];

/** The associated consts and types of `impl <name>` blocks (top level), as items. */
function associatedItems(source: string, names: readonly string[]): RustItem[] {
  const items: RustItem[] = [];
  for (const impl of parseText('rust', source).rootNode.namedChildren) {
    if (impl.type !== 'impl_item' || impl.childForFieldName('trait') !== null) continue;
    const type = (impl.childForFieldName('type')?.text ?? '').replace(/<[\s\S]*$/, '').trim();
    if (!names.includes(type)) continue;
    for (const member of impl.childForFieldName('body')?.namedChildren ?? []) {
      const kind = member.type === 'const_item' ? 'const' : member.type === 'type_item' ? 'type' : undefined;
      const name = member.childForFieldName('name')?.text.replace(/^r#/, '');
      if (kind === undefined || name === undefined) continue;
      const pub = member.namedChildren.some((c) => c.type === 'visibility_modifier');
      items.push({ kind, name, pub, startLine: member.startPosition.row + 1, endLine: member.endPosition.row + 1 });
    }
  }
  return items;
}

/** The Rust item kinds that may stand for a Zig declaration. */
export function counterpartKinds(decl: Pick<Declaration, 'kind' | 'signature'>): readonly RustItemKind[] {
  return returnsType(decl) ? TYPE_FN : COUNTERPARTS[decl.kind];
}

/**
 * Compares a Zig work item with the Rust source ported from it. A file with top-level fields is a struct
 * (`Image.zig` → `pub struct Image`): the struct is expected, and its methods count for the file's pub
 * fns. A `pub const x = @import("x.zig")` re-export needs no item: the recipe's module tree provides it.
 */
export function parity(zig: WorkItem, rustSource: string): ParityResult {
  const rust = parseRust(rustSource);
  const gaps: ParityGap[] = [];
  const structNames = zig.fileFields.length > 0 ? fileStructNames(zig.path) : [];
  const methods = rust.items.filter((item) => item.kind === 'impl' && structNames.includes(item.name)).flatMap((item) => item.methods ?? []);
  if (structNames.length > 0) {
    const accepts: RustItemKind[] = ['struct', 'enum', 'union', 'type', 'use'];
    const found = rust.items.filter((item) => accepts.includes(item.kind) && structNames.includes(item.name));
    const gap = { kind: 'struct' as const, zigName: structNames[0]!, line: zig.fileFields[0]!.line, expected: structNames, accepts, fileStruct: true };
    if (found.length === 0) gaps.push({ ...gap, reason: 'missing' });
    else if (!found.some((item) => item.pub)) gaps.push({ ...gap, reason: 'not-pub' });
  }
  let associated: RustItem[] | undefined;
  for (const decl of zig.declarations) {
    // `export fn` is public to C: it needs a `#[no_mangle] pub extern "C" fn`.
    const exported = decl.kind === 'fn' && decl.signature.startsWith('export ');
    if ((!decl.pub && !exported) || decl.kind === 'test' || isFileReexport(decl)) continue;
    const expected = rustNamesFor(decl);
    const kinds = counterpartKinds(decl);
    const wanted = expected.map((name) => name.replace(/^r#/, ''));
    const found = rust.items.filter((item) => kinds.includes(item.kind) && wanted.includes(item.name) && item.test !== true);
    const asMethod = decl.kind === 'fn' && structNames.length > 0;
    if (asMethod) found.push(...methods.filter((m) => wanted.includes(m.name)));
    if ((decl.kind === 'const' || decl.kind === 'var') && structNames.length > 0) {
      // A file that is a struct: its constants may be associated constants (`impl Image { pub const MAX: u32 = 8; }`).
      associated ??= associatedItems(rustSource, structNames);
      found.push(...associated.filter((a) => wanted.includes(a.name)));
    }
    const inImpl = structNames.length > 0 && (decl.kind === 'fn' || decl.kind === 'const' || decl.kind === 'var');
    const gap = { kind: decl.kind, zigName: decl.name, line: decl.startLine, expected, accepts: [...kinds], ...(inImpl ? { methodOf: structNames } : {}) };
    if (found.length === 0) gaps.push({ ...gap, reason: 'missing' });
    else if (!found.some((item) => item.pub)) gaps.push({ ...gap, reason: 'not-pub' });
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
