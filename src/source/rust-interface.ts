/**
 * The public interface of a Rust file: its `pub` items with their signatures and no bodies, read with
 * tree-sitter-rust. What a file that imports it needs to call it correctly (whether a fn returns `Result`,
 * takes `&str` or `&[u8]`, is a `const` or a `fn`), at a fraction of the file's size.
 */
import { withAttributes } from './rust-parser.js';
import { parseText } from './tree-sitter.js';
import type { SyntaxNode } from './tree-sitter.js';

export interface RustInterfaceOptions {
  /** Include non-`pub` items too (the parts of one file see each other's private items). Default false. */
  private?: boolean;
}

/** Rust items that carry a visibility and may be part of an interface. */
const ITEMS = new Set([
  'function_item',
  'function_signature_item',
  'struct_item',
  'enum_item',
  'union_item',
  'trait_item',
  'impl_item',
  'type_item',
  'const_item',
  'static_item',
  'mod_item',
  'use_declaration',
  'macro_definition',
]);

function text(node: SyntaxNode, source: string): string {
  return source.slice(node.startIndex, node.endIndex);
}

function isPub(node: SyntaxNode): boolean {
  return node.namedChildren.some((child) => child.type === 'visibility_modifier');
}

/** `#[cfg(test)]`, `#[test]` and friends: items that are not part of the library's interface. */
function isTestAttribute(attr: string): boolean {
  return /^#\[\s*(cfg\s*\(\s*test\s*\)|(\w+::)*test\s*[\](])/.test(attr);
}

/** The text of `node` up to (not including) its body, whitespace-trimmed. */
function head(node: SyntaxNode, body: SyntaxNode | null, source: string): string {
  const end = body === null ? node.endIndex : body.startIndex;
  return source.slice(node.startIndex, end).trimEnd();
}

function indent(lines: string, by: string): string {
  return lines
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');
}

/** A fn's signature: `pub fn f(x: u8) -> u8;`. */
function fnSignature(node: SyntaxNode, source: string): string {
  const body = node.childForFieldName('body');
  const sig = head(node, body, source);
  return sig.endsWith(';') ? sig : `${sig};`;
}

/** A const or static: its value when short, else only its type. */
function constSignature(node: SyntaxNode, source: string): string {
  const whole = text(node, source);
  if (whole.length <= 160 && !whole.includes('\n')) return whole;
  const value = node.childForFieldName('value');
  return value === null ? whole : `${source.slice(node.startIndex, value.startIndex).replace(/\s*=\s*$/, '')} = …;`;
}

function members(body: SyntaxNode, source: string, all: boolean, inTrait: boolean): string[] {
  const out: string[] = [];
  for (const { node: child, attrs } of withAttributes(body, source)) {
    if (attrs.some(isTestAttribute)) continue;
    if (!(inTrait || all || isPub(child))) continue;
    if (child.type === 'function_item' || child.type === 'function_signature_item') out.push(fnSignature(child, source));
    else if (child.type === 'const_item' || child.type === 'associated_type' || child.type === 'type_item') out.push(constSignature(child, source));
  }
  return out;
}

function item(node: SyntaxNode, source: string, attrs: string[], all: boolean): string | undefined {
  const kept = attrs.filter((a) => !/^#\[\s*doc\b/.test(a));
  const prefix = kept.length > 0 ? `${kept.join('\n')}\n` : '';
  switch (node.type) {
    case 'function_item':
    case 'function_signature_item':
      return prefix + fnSignature(node, source);
    case 'struct_item':
    case 'enum_item':
    case 'union_item':
    case 'type_item':
    case 'use_declaration':
      return prefix + stripComments(text(node, source));
    case 'const_item':
    case 'static_item':
      return prefix + constSignature(node, source);
    case 'macro_definition': {
      const name = node.childForFieldName('name');
      return `${prefix}macro_rules! ${name === null ? '?' : text(name, source)} { … }`;
    }
    case 'trait_item':
    case 'impl_item': {
      const body = node.childForFieldName('body');
      const isTraitImpl = node.type === 'impl_item' && node.childForFieldName('trait') !== null;
      const list = body === null ? [] : members(body, source, all, node.type === 'trait_item' || isTraitImpl);
      if (node.type === 'impl_item' && list.length === 0 && !isTraitImpl) return undefined;
      const top = head(node, body, source);
      return list.length === 0 ? `${prefix}${top} { … }` : `${prefix}${top} {\n${list.map((l) => indent(l, '    ')).join('\n')}\n}`;
    }
    case 'mod_item': {
      const body = node.childForFieldName('body');
      if (body === null) return prefix + text(node, source);
      const inner = interfaceOf(body, source, all);
      return `${prefix}${head(node, body, source)} {\n${indent(inner, '    ')}\n}`;
    }
    default:
      return undefined;
  }
}

/** Drops whole-line `//` comments (doc comments included), keeping the code. */
function stripComments(code: string): string {
  return code
    .split('\n')
    .filter((line) => !/^\s*\/\/(?!.*")/.test(line))
    .join('\n');
}

function interfaceOf(parent: SyntaxNode, source: string, all: boolean): string {
  const out: string[] = [];
  for (const { node, attrs } of withAttributes(parent, source)) {
    if (!ITEMS.has(node.type) || attrs.some(isTestAttribute)) continue;
    // impls carry no visibility: their pub methods are the interface.
    if (node.type !== 'impl_item' && node.type !== 'macro_definition' && !all && !isPub(node)) continue;
    if (node.type === 'macro_definition' && !all && !attrs.some((a) => /macro_export/.test(a))) continue;
    const rendered = item(node, source, attrs, all);
    if (rendered !== undefined) out.push(rendered);
  }
  return out.join('\n');
}

/**
 * The public interface of Rust source as Rust text: `pub` fns as signatures (`pub fn f(x: &str) -> Result<u8, E>;`),
 * structs, enums, unions and type aliases whole (comments dropped), consts with their value when short, traits
 * and impls with their (pub) method signatures, pub `use` re-exports, inline pub modules recursively. Test
 * code (`#[cfg(test)]`, `#[test]`) is left out. Never throws: what does not parse is skipped.
 */
export function rustInterface(source: string, options: RustInterfaceOptions = {}): string {
  const tree = parseText('rust', source);
  return interfaceOf(tree.rootNode, source, options.private === true);
}
