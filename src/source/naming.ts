/**
 * The naming rule the zig-to-rust recipe uses, shared by the prompts and the parity check:
 * functions camelCase → snake_case, types keep their names, constants and globals become
 * SCREAMING_SNAKE_CASE, `test "name with spaces"` → `name_with_spaces`, `test foo` → `test_foo`,
 * anonymous `test {}` → `anonymous_test_1`, `_2`, …; Rust keywords become raw identifiers.
 */
import type { Declaration, TestInfo } from './types.js';

const KEYWORDS = new Set(
  ('as async await break const continue crate do dyn else enum extern false fn for gen if impl in let loop match mod move mut ' +
    'pub ref return self Self static struct super trait true try type typeof unsafe unsized use virtual where while yield ' +
    'abstract become box final macro override priv').split(' '),
);
/** Keywords that cannot be raw identifiers. */
const NOT_RAW = new Set(['self', 'Self', 'super', 'crate', '_']);

/** `@"some name"` → `some name`; other names as they are. */
function bare(name: string): string {
  return name.startsWith('@"') && name.endsWith('"') ? name.slice(2, -1) : name;
}

/** Splits an identifier or phrase into lower-case words: `parseHTTPRequest2` → parse, http, request2. */
export function words(name: string): string[] {
  const ascii = bare(name).normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** A valid Rust identifier: keywords become `r#kw` (or `kw_` where raw is not allowed), a leading digit gets `_`. */
export function rustIdentifier(name: string): string {
  if (name === '') return '_';
  if (/^[0-9]/.test(name)) return `_${name}`;
  if (KEYWORDS.has(name)) return NOT_RAW.has(name) ? `${name}_` : `r#${name}`;
  return name;
}

/** `isRed` → `is_red`, `parseHTTPRequest` → `parse_http_request`, `already_snake` unchanged. */
export function snakeCase(name: string): string {
  return rustIdentifier(words(name).join('_'));
}

/** `maxSize` / `max_size` → `MAX_SIZE`. */
export function screamingSnakeCase(name: string): string {
  return rustIdentifier(words(name).join('_').toUpperCase());
}

/** A type name as Rust wants it; Zig type names are already PascalCase, so they are kept. */
export function typeName(name: string): string {
  const b = bare(name);
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(b) ? rustIdentifier(b) : words(b).map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

function isTypeLike(name: string): boolean {
  return /^[A-Z][A-Za-z0-9_]*[a-z][A-Za-z0-9_]*$/.test(bare(name)) || /^[A-Z]$/.test(bare(name));
}

/** A fn whose return type is `type` (`pub fn AutoHashMap(comptime K: type, comptime V: type) type`). */
export function returnsType(decl: Pick<Declaration, 'kind' | 'signature'>): boolean {
  return decl.kind === 'fn' && /\)\s*type\s*$/.test(decl.signature);
}

/**
 * `pub const args = @import("args.zig")`: a re-export of a project file, which the module tree the recipe
 * writes already provides (no item is needed; `@import("x.zig").Member` is not one).
 */
export function isFileReexport(decl: Pick<Declaration, 'kind' | 'importSpec' | 'signature'>): boolean {
  return decl.kind === 'const' && decl.importSpec !== undefined && decl.importSpec.endsWith('.zig') && /=\s*@import\s*\(\s*"[^"]*"\s*\)\s*;?\s*$/.test(decl.signature);
}

/** The struct name of a file that is a struct (`Image.zig` with top-level fields → `Image`, `image_view.zig` → `ImageView`). */
export function fileStructNames(path: string): string[] {
  const stem = (path.split('/').pop() ?? path).replace(/\.zig$/, '');
  const pascal = words(stem).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return [...new Set([typeName(stem), pascal].filter((n) => n !== '' && /^[A-Z]/.test(n)))];
}

/**
 * The Rust names a Zig declaration may have, the canonical one first. Parity accepts any of them.
 * fn → snake_case (a type-returning fn: its type name first); struct/enum/union/opaque/error set/generic → the same name;
 * const → a PascalCase name stays (a type alias), an import stays (a module), others SCREAMING_SNAKE;
 * var → SCREAMING_SNAKE (a static).
 */
export function rustNamesFor(decl: Declaration): string[] {
  const names: string[] = [];
  const add = (name: string): void => {
    if (!names.includes(name)) names.push(name);
  };
  switch (decl.kind) {
    case 'fn':
      // A type-returning fn (`fn AutoHashMap(…) type` whose body is not a `struct {}`) is a type: its name first.
      if (returnsType(decl) && isTypeLike(decl.name)) add(typeName(decl.name));
      add(snakeCase(decl.name));
      if (isTypeLike(decl.name)) add(typeName(decl.name));
      break;
    case 'struct':
    case 'enum':
    case 'union':
    case 'opaque':
    case 'error_set':
      add(typeName(decl.name));
      break;
    case 'const':
      if (decl.importSpec !== undefined) add(snakeCase(decl.name));
      if (isTypeLike(decl.name)) add(typeName(decl.name));
      add(screamingSnakeCase(decl.name));
      add(snakeCase(decl.name));
      break;
    case 'var':
      add(screamingSnakeCase(decl.name));
      add(snakeCase(decl.name));
      break;
    case 'test':
      add(testBaseName({ name: decl.name, form: decl.name === '' ? 'anonymous' : 'string' }, 1));
      break;
  }
  return names;
}

function testBaseName(test: Pick<TestInfo, 'name' | 'form'>, anonymousIndex: number): string {
  if (test.form === 'anonymous' || words(test.name).length === 0) return `anonymous_test_${anonymousIndex}`;
  const base = words(test.name).join('_');
  if (test.form === 'identifier') return `test_${base}`;
  return /^[0-9]/.test(base) ? `test_${base}` : rustIdentifier(base);
}

/**
 * The Rust `#[test]` function name of each test of a file, in the same order.
 * Names that would repeat get `_2`, `_3`, … in source order.
 */
export function rustTestNames(tests: ReadonlyArray<Pick<TestInfo, 'name' | 'form'>>): string[] {
  const used = new Map<string, number>();
  let anonymous = 0;
  return tests.map((test) => {
    const isAnonymous = test.form === 'anonymous' || words(test.name).length === 0;
    if (isAnonymous) anonymous++;
    const base = testBaseName(test, anonymous);
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    return seen === 1 ? base : `${base}_${seen}`;
  });
}
