/**
 * What in a Rust file can reach beyond its crate, found on the tree-sitter-rust syntax tree (not by lines):
 * `#[path = …]` attributes in any form (split over lines, inside `cfg_attr`, inside macro bodies), inner
 * attributes `#![…]`, `include!`/`include_str!`/`include_bytes!` with their path, `env!`/`option_env!`,
 * `extern crate`, `extern "C"` blocks, and uses of `std::process::Command`, `std::net` and
 * `std::env::var` — each with whether it sits in test code (`#[cfg(test)]` items, `#[test]` fns).
 * Macro arguments and `macro_rules!` bodies are token trees, not syntax; their tokens are scanned too.
 * Policy (what is allowed where) is the caller's; this lists facts.
 */
import { parseText } from './tree-sitter.js';
import type { SyntaxNode } from './tree-sitter.js';

export type RustEscapeKind =
  /** `#[path = "…"]`, also through `cfg_attr`. */
  | 'path-attribute'
  /** An inner attribute `#![name…]` (crate-level ones change how the whole crate builds). */
  | 'inner-attribute'
  /** `include!`, `include_str!`, `include_bytes!`. */
  | 'include'
  /** `env!`, `option_env!`: the build's environment compiled into the code. */
  | 'env-macro'
  | 'extern-crate'
  /** `extern "C" { … }`: direct calls into the C library. */
  | 'extern-block'
  /** `std::process::Command` (spawning processes). */
  | 'process'
  /** `std::net`, `std::os::unix::net` (sockets). */
  | 'net'
  /** `std::env::var`, `var_os`, `vars`, `vars_os` (reading the environment). */
  | 'env-var';

export interface RustEscape {
  kind: RustEscapeKind;
  /** 1-based line of the construct. */
  line: number;
  /** In test code: inside an item marked `#[cfg(test)]` or a `#[test]` fn. */
  test: boolean;
  /** The macro or attribute name (`include_str`, `env`, `allow`), the crate of `extern crate`, or the resolved path (`std::net::TcpStream`). */
  name: string;
  /** `include*!`: the path when the argument is one string literal; undefined when it is anything else. */
  path?: string;
}

const INCLUDE_MACROS = new Set(['include', 'include_str', 'include_bytes']);
const ENV_MACROS = new Set(['env', 'option_env']);
const ENV_READERS = new Set(['var', 'var_os', 'vars', 'vars_os']);
/** Names that reach a capability when a glob import (`use std::net::*`) brings them in. */
const GLOB_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  'std::process': ['Command'],
  'std::os::unix::process': ['CommandExt'],
  'std::net': ['TcpStream', 'TcpListener', 'UdpSocket'],
  'std::os::unix::net': ['UnixStream', 'UnixListener', 'UnixDatagram'],
  'std::env': [...ENV_READERS],
};

function text(node: SyntaxNode, source: string): string {
  return source.slice(node.startIndex, node.endIndex);
}

function unraw(name: string): string {
  return name.startsWith('r#') ? name.slice(2) : name;
}

/** The capability a resolved path reaches, if any. */
export function classifyRustPath(path: string): 'process' | 'net' | 'env-var' | undefined {
  const p = path.replace(/^::/, '').split('::').map(unraw);
  const is = (...prefix: string[]): boolean => prefix.every((seg, i) => p[i] === seg);
  if (is('std', 'process', 'Command') || is('std', 'process', '*') || is('std', 'os', 'unix', 'process', 'CommandExt')) return 'process';
  if (is('std', 'net') || is('std', 'os', 'unix', 'net')) return 'net';
  if (is('std', 'env') && p[2] !== undefined && (ENV_READERS.has(p[2]) || p[2] === '*')) return 'env-var';
  return undefined;
}

/** Full paths a `use` tree brings in: `std::{net::TcpStream, env}` → `std::net::TcpStream`, `std::env`; aliases keyed by their name. */
function useTree(node: SyntaxNode | null, prefix: string[], source: string, out: Array<{ name: string; path: string[] }>): void {
  if (node === null) return;
  switch (node.type) {
    case 'identifier':
    case 'scoped_identifier':
    case 'crate':
    case 'self':
    case 'super': {
      const path = [...prefix, ...text(node, source).replace(/\s+/g, '').replace(/^::/, '').split('::')].filter((s) => s !== '').map(unraw);
      const last = path[path.length - 1] === 'self' ? path.slice(0, -1) : path;
      if (last.length > 0) out.push({ name: last[last.length - 1]!, path: last });
      return;
    }
    case 'use_as_clause': {
      const inner: Array<{ name: string; path: string[] }> = [];
      useTree(node.childForFieldName('path'), prefix, source, inner);
      const alias = node.childForFieldName('alias');
      for (const entry of inner) out.push({ name: alias === null ? entry.name : unraw(text(alias, source)), path: entry.path });
      return;
    }
    case 'use_wildcard': {
      const base = node.namedChildren[0];
      const path = base === undefined ? prefix : [...prefix, ...text(base, source).replace(/\s+/g, '').replace(/^::/, '').split('::').filter((s) => s !== '').map(unraw)];
      out.push({ name: '*', path: [...path, '*'] });
      return;
    }
    case 'scoped_use_list': {
      const base = node.childForFieldName('path');
      const path = base === null ? prefix : [...prefix, ...text(base, source).replace(/\s+/g, '').replace(/^::/, '').split('::').filter((s) => s !== '').map(unraw)];
      useTree(node.childForFieldName('list'), path, source, out);
      return;
    }
    case 'use_list':
      for (const child of node.namedChildren) useTree(child, prefix, source, out);
      return;
    default:
      return;
  }
}

/** Whether attribute items mark the next item as test code: `#[test]`, `#[x::test]`, `#[cfg(test)]`, `#[cfg(all(test, …))]`. */
function marksTest(attributes: readonly SyntaxNode[], source: string): boolean {
  return attributes.some((item) => {
    const attr = item.namedChildren.find((c) => c.type === 'attribute');
    if (attr === undefined) return false;
    const name = text(attr.namedChildren[0]!, source).replace(/\s+/g, '');
    if (name === 'test' || name.endsWith('::test')) return true;
    if (name !== 'cfg') return false;
    const args = attr.namedChildren.find((c) => c.type === 'token_tree');
    return args !== undefined && tokens(args).some((t) => t.type === 'identifier' && text(t, source) === 'test');
  });
}

/** The leaves of a token tree, in order (nested trees flattened). */
function tokens(tree: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const walk = (node: SyntaxNode): void => {
    if (node.childCount === 0 || node.type === 'string_literal' || node.type === 'raw_string_literal') out.push(node);
    else for (const child of node.children) walk(child);
  };
  walk(tree);
  return out;
}

/** The one string literal of a macro's argument tree, or undefined when the argument is anything else. */
function literalArgument(args: SyntaxNode | undefined, source: string): string | undefined {
  if (args === undefined) return undefined;
  const inner = args.children.slice(1, -1).filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
  const only = inner.length === 1 ? inner[0]! : inner.length === 2 && inner[1]!.type === ',' ? inner[0]! : undefined;
  if (only === undefined) return undefined;
  if (only.type === 'string_literal') {
    const content = only.namedChildren.filter((c) => c.type === 'string_content').map((c) => text(c, source)).join('');
    return /\\/.test(content) ? undefined : content;
  }
  if (only.type === 'raw_string_literal') return text(only, source).replace(/^r#*"/, '').replace(/"#*$/, '');
  return undefined;
}

interface Context {
  test: boolean;
}

/** Lists the constructs of a Rust file that can reach beyond its crate. Never throws for bad syntax. */
export function rustEscapes(source: string): RustEscape[] {
  const tree = parseText('rust', source);
  const found: RustEscape[] = [];
  const aliases = new Map<string, string[]>();
  const globs: string[][] = [];
  const references: Array<{ path: string[]; line: number; test: boolean }> = [];
  const add = (kind: RustEscapeKind, node: SyntaxNode, ctx: Context, name: string, path?: string): void => {
    found.push({ kind, line: node.startPosition.row + 1, test: ctx.test, name, ...(path !== undefined ? { path } : {}) });
  };

  /** Token trees: macro arguments and macro_rules bodies. */
  const scanTokens = (tree: SyntaxNode, ctx: Context): void => {
    const list = tokens(tree);
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!;
      const value = t.type === 'identifier' ? unraw(text(t, source)) : undefined;
      if (value !== undefined && list[i + 1]?.type === '!') {
        if (INCLUDE_MACROS.has(value)) {
          const argsNode = list[i + 2]?.parent ?? undefined;
          add('include', t, ctx, value, argsNode !== undefined && argsNode.type === 'token_tree' && argsNode !== tree ? literalArgument(argsNode, source) : undefined);
        } else if (ENV_MACROS.has(value)) add('env-macro', t, ctx, value);
      }
      if (value === 'path' && list[i + 1]?.type === '=' && attributeTokenContext(list, i, source)) add('path-attribute', t, ctx, 'path');
      // A path written as tokens: a::b::c
      if (value !== undefined && list[i - 1]?.type !== '::') {
        const path = [value];
        let j = i;
        while (list[j + 1]?.type === '::' && list[j + 2]?.type === 'identifier') {
          path.push(unraw(text(list[j + 2]!, source)));
          j += 2;
        }
        references.push({ path, line: t.startPosition.row + 1, test: ctx.test });
      }
    }
  };

  const visit = (node: SyntaxNode, ctx: Context): void => {
    switch (node.type) {
      case 'attribute_item':
      case 'inner_attribute_item': {
        const attr = node.namedChildren.find((c) => c.type === 'attribute');
        const name = attr?.namedChildren[0] === undefined ? '' : text(attr.namedChildren[0], source).replace(/\s+/g, '');
        if (node.type === 'inner_attribute_item') add('inner-attribute', node, ctx, name);
        if (name === 'path') add('path-attribute', node, ctx, 'path');
        if (attr !== undefined) {
          for (const child of attr.namedChildren.slice(1)) {
            if (child.type === 'token_tree') {
              const list = tokens(child);
              if (name === 'cfg_attr' && list.some((t, i) => t.type === 'identifier' && text(t, source) === 'path' && list[i + 1]?.type === '=')) add('path-attribute', node, ctx, 'path');
              scanTokens(child, ctx);
            } else visit(child, ctx);
          }
        }
        return;
      }
      case 'macro_invocation': {
        const macro = node.childForFieldName('macro');
        const name = macro === null ? '' : unraw(text(macro, source).replace(/\s+/g, '').split('::').pop() ?? '');
        const args = node.namedChildren.find((c) => c.type === 'token_tree');
        if (INCLUDE_MACROS.has(name)) add('include', node, ctx, name, literalArgument(args, source));
        else if (ENV_MACROS.has(name)) add('env-macro', node, ctx, name);
        if (macro !== null && macro.type === 'scoped_identifier') references.push({ path: text(macro, source).replace(/\s+/g, '').replace(/^::/, '').split('::').map(unraw), line: node.startPosition.row + 1, test: ctx.test });
        if (args !== undefined) scanTokens(args, ctx);
        return;
      }
      case 'macro_definition':
        for (const child of node.namedChildren) if (child.type === 'macro_rule') for (const part of child.namedChildren) if (part.type === 'token_tree') scanTokens(part, ctx);
        return;
      case 'extern_crate_declaration': {
        const name = node.namedChildren.find((c) => c.type === 'identifier');
        add('extern-crate', node, ctx, name === undefined ? '' : unraw(text(name, source)));
        return;
      }
      case 'foreign_mod_item':
        add('extern-block', node, ctx, 'extern');
        break;
      case 'use_declaration': {
        const entries: Array<{ name: string; path: string[] }> = [];
        useTree(node.childForFieldName('argument'), [], source, entries);
        for (const entry of entries) {
          if (entry.name === '*') globs.push(entry.path.slice(0, -1));
          else aliases.set(entry.name, entry.path);
          references.push({ path: entry.path, line: node.startPosition.row + 1, test: ctx.test });
        }
        return;
      }
      case 'scoped_identifier':
      case 'scoped_type_identifier':
        if (node.parent?.type !== 'scoped_identifier' && node.parent?.type !== 'scoped_type_identifier') {
          references.push({ path: text(node, source).replace(/\s+/g, '').replace(/<[^>]*>/g, '').replace(/^::/, '').split('::').map(unraw), line: node.startPosition.row + 1, test: ctx.test });
        }
        break;
      case 'identifier':
      case 'type_identifier':
        if (node.parent?.type !== 'scoped_identifier' && node.parent?.type !== 'scoped_type_identifier') references.push({ path: [unraw(text(node, source))], line: node.startPosition.row + 1, test: ctx.test });
        return;
      default:
        break;
    }
    let attributes: SyntaxNode[] = [];
    for (const child of node.children) {
      if (child.type === 'attribute_item') {
        attributes.push(child);
        visit(child, ctx);
        continue;
      }
      if (child.type === 'line_comment' || child.type === 'block_comment') continue;
      const childCtx = attributes.length > 0 && marksTest(attributes, source) ? { test: true } : ctx;
      attributes = [];
      visit(child, childCtx);
    }
  };
  visit(tree.rootNode, { test: false });

  // Resolve the references (through `use` aliases and globs) and keep those that reach a capability.
  const seen = new Set<string>();
  for (const ref of references) {
    for (const path of resolvePaths(ref.path, aliases, globs)) {
      const kind = classifyRustPath(path.join('::'));
      if (kind === undefined) continue;
      const key = `${kind}\u0000${ref.line}\u0000${ref.test}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Named up to the type or function that is the capability: `std::net::TcpStream`, not `…::connect`.
      const end = path.findIndex((seg, i) => i >= 2 && (/^[A-Z]/.test(seg) || ENV_READERS.has(seg)));
      found.push({ kind, line: ref.line, test: ref.test, name: (end < 0 ? path : path.slice(0, end + 1)).join('::') });
    }
  }
  return found.sort((a, b) => a.line - b.line || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** A reference's possible full paths: as written, through an alias of its first segment, or through a glob import. */
function resolvePaths(path: readonly string[], aliases: ReadonlyMap<string, string[]>, globs: readonly string[][]): string[][] {
  const first = path[0];
  if (first === undefined) return [];
  const out: string[][] = [[...path]];
  const alias = aliases.get(first);
  if (alias !== undefined && alias.join('::') !== path.join('::')) out.push([...alias, ...path.slice(1)]);
  // `std as s`, or an alias of an alias (one more step is enough in practice)
  const again = alias !== undefined ? aliases.get(alias[0]!) : undefined;
  if (alias !== undefined && again !== undefined && again.join('::') !== alias.join('::')) out.push([...again, ...alias.slice(1), ...path.slice(1)]);
  // Through `use std::net::*` and the like: only the names that are the capability itself.
  for (const glob of globs) if (GLOB_MEMBERS[glob.join('::')]?.includes(first) === true) out.push([...glob, ...path]);
  return out;
}

/** `path =` inside tokens that form an attribute (`#[path = …]`, `#![…]`, `cfg_attr(…, path = …)`), as in a macro body. */
function attributeTokenContext(list: readonly SyntaxNode[], i: number, source: string): boolean {
  // Walk back to the `[` that opens the attribute: `#` `[` path = …  or  `#` `!` `[` … or cfg_attr( … path =
  for (let j = i - 1; j >= 0 && j >= i - 64; j--) {
    const t = list[j]!;
    if (t.type === '[') return list[j - 1]?.type === '#' || (list[j - 1]?.type === '!' && list[j - 2]?.type === '#');
    if (t.type === 'identifier' && text(t, source) === 'cfg_attr') return true;
    if (t.type === ']' || t.type === ';' || t.type === '{' || t.type === '}') return false;
  }
  return false;
}
