/**
 * The Rust side: parses a Rust file with tree-sitter-rust and lists its items — fns, structs,
 * enums, unions, traits, type aliases, consts, statics, modules (inline ones with their
 * items), `use` names, macros, impls with their methods, `#[test]` fns — and syntax errors.
 */
import { collectParseErrors } from './parse-errors.js';
import { parseText } from './tree-sitter.js';
import type { SyntaxNode } from './tree-sitter.js';
import type { ParseError } from './types.js';

export type RustItemKind = 'fn' | 'struct' | 'enum' | 'union' | 'trait' | 'impl' | 'type' | 'const' | 'static' | 'mod' | 'use' | 'macro';

export interface RustItem {
  kind: RustItemKind;
  /** The name (`r#` removed); for an impl, its type (`List` for `impl<T> Shape for List<T>`); for a use, the name it brings in. */
  name: string;
  pub: boolean;
  startLine: number;
  endLine: number;
  /** fns marked `#[test]` (or `#[some::test]`). */
  test?: boolean;
  /** fns whose whole body is `todo!()` or `unimplemented!()`. */
  stub?: boolean;
  /** impl: the trait, for `impl Trait for Type`. */
  trait?: string;
  /** impl and trait: their fns. */
  methods?: RustItem[];
  /** Inline `mod name { … }`: its items. */
  items?: RustItem[];
}

export interface RustFileInfo {
  items: RustItem[];
  errors: ParseError[];
}

const KINDS: Record<string, RustItemKind> = {
  function_item: 'fn',
  function_signature_item: 'fn',
  struct_item: 'struct',
  enum_item: 'enum',
  union_item: 'union',
  trait_item: 'trait',
  impl_item: 'impl',
  type_item: 'type',
  const_item: 'const',
  static_item: 'static',
  mod_item: 'mod',
  use_declaration: 'use',
  macro_definition: 'macro',
};

/** Parses Rust source. Never throws for bad syntax: errors are listed. */
export function parseRust(source: string): RustFileInfo {
  const tree = parseText('rust', source);
  return { items: listItems(tree.rootNode, source), errors: collectParseErrors(tree.rootNode) };
}

function unraw(name: string): string {
  return name.startsWith('r#') ? name.slice(2) : name;
}

function text(node: SyntaxNode | null, source: string): string {
  return node === null ? '' : source.slice(node.startIndex, node.endIndex);
}

/** The base name of a type (`List` for `crate::x::List<T>`, `&'a mut Foo` → `Foo`). */
function typeBase(node: SyntaxNode | null, source: string): string {
  const raw = text(node, source).replace(/<[\s\S]*$/, '').replace(/^&('\w+\s+)?(mut\s+)?/, '');
  return unraw(raw.split('::').pop()?.trim() ?? '');
}

/** The named children of `parent` that are not attributes or comments, each with the outer attributes (`#[…]`) above it. */
export function* withAttributes(parent: SyntaxNode, source: string): Generator<{ node: SyntaxNode; attrs: string[] }> {
  let attributes: string[] = [];
  for (const node of parent.namedChildren) {
    if (node.type === 'attribute_item') {
      attributes.push(text(node, source));
      continue;
    }
    if (node.type === 'line_comment' || node.type === 'block_comment') continue;
    yield { node, attrs: attributes };
    attributes = [];
  }
}

function listItems(parent: SyntaxNode, source: string): RustItem[] {
  const items: RustItem[] = [];
  for (const { node, attrs } of withAttributes(parent, source)) {
    const kind = KINDS[node.type];
    if (kind === undefined) continue;
    const pub = node.namedChildren.some((child) => child.type === 'visibility_modifier');
    const base = { pub, startLine: node.startPosition.row + 1, endLine: node.endPosition.row + 1 };
    if (kind === 'use') {
      for (const name of useNames(node.childForFieldName('argument'), source)) items.push({ kind, name, ...base });
      continue;
    }
    const item: RustItem = { kind, name: unraw(text(node.childForFieldName('name'), source)), ...base };
    if (kind === 'fn') {
      if (attrs.some((attr) => /^#\[\s*(\w+::)*test\s*[\](]/.test(attr))) item.test = true;
      if (isStub(node.childForFieldName('body'), source)) item.stub = true;
    } else if (kind === 'impl') {
      item.name = typeBase(node.childForFieldName('type'), source);
      const trait = node.childForFieldName('trait');
      if (trait !== null) item.trait = typeBase(trait, source);
    }
    const body = node.childForFieldName('body');
    if ((kind === 'impl' || kind === 'trait') && body !== null) item.methods = listItems(body, source).filter((m) => m.kind === 'fn');
    if (kind === 'mod' && body !== null) item.items = listItems(body, source);
    items.push(item);
  }
  return items;
}

/** The names a `use` brings into scope: `a::B` → B, `a::{B, c as d}` → B, d; globs bring none. */
function useNames(node: SyntaxNode | null, source: string): string[] {
  if (node === null) return [];
  switch (node.type) {
    case 'identifier':
    case 'scoped_identifier':
    case 'self':
    case 'crate':
      return [unraw(text(node, source).split('::').pop() ?? '')];
    case 'use_as_clause':
      return [unraw(text(node.childForFieldName('alias'), source))];
    case 'scoped_use_list':
      return useNames(node.childForFieldName('list'), source);
    case 'use_list':
      return node.namedChildren.flatMap((child) => useNames(child, source));
    default:
      return [];
  }
}

/** A body that is only `todo!(…)` or `unimplemented!(…)` (comments aside). */
function isStub(body: SyntaxNode | null, source: string): boolean {
  if (body === null) return false;
  const statements = body.namedChildren.filter((child) => child.type !== 'line_comment' && child.type !== 'block_comment');
  if (statements.length !== 1) return false;
  const only = statements[0] as SyntaxNode;
  const macro = only.type === 'expression_statement' ? only.firstNamedChild : only;
  if (macro === null || macro.type !== 'macro_invocation') return false;
  return /^(todo|unimplemented)$/.test(text(macro.childForFieldName('macro'), source));
}

/** Every fn in the file, at any depth (modules, impls, traits). */
export function allFunctions(items: readonly RustItem[]): RustItem[] {
  return items.flatMap((item) => [...(item.kind === 'fn' ? [item] : []), ...allFunctions(item.methods ?? []), ...allFunctions(item.items ?? [])]);
}
