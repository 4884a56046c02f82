/**
 * The data the source layer hands to recipes: work items (one per Zig file) and their parts.
 * Everything here is plain JSON (it crosses worker threads, journals and reports).
 * Lines are 1-based and inclusive; columns are 1-based.
 */
import type { ErrorCode } from '../errors.js';

/** What a declaration is. `const` and `var` are values (or type aliases) that are not containers. */
export type DeclarationKind =
  | 'struct'
  | 'enum'
  | 'union'
  | 'opaque'
  | 'error_set'
  | 'fn'
  | 'const'
  | 'var'
  | 'test';

/** A field of a container (struct, union, enum) or of a file that is itself a struct. */
export interface Field {
  name: string;
  /** The Zig type as written (`std.ArrayList(u8)`); absent for enum tags and bare union tags. */
  type?: string;
  /** The default value (structs) or explicit tag value (enums) as written. */
  value?: string;
  line: number;
  /** A field whose type is an anonymous container (`pos: struct { x: i32, y: i32 }`): its kind and fields. */
  container?: { kind: DeclarationKind; fields: Field[] };
}

/** A type-returning function recognised as a generic container (`fn List(comptime T: type) type { return struct {...}; }`). */
export interface GenericInfo {
  /** The parameters as written, e.g. `["comptime T: type"]`. */
  params: string[];
}

export interface Declaration {
  kind: DeclarationKind;
  /** The declared name; a test's name (its string or identifier), `''` for an anonymous `test {}`. */
  name: string;
  pub: boolean;
  startLine: number;
  endLine: number;
  /**
   * The header without a body: `pub fn add(a: i32, b: i32) i32`, `pub const Point = struct`,
   * `pub const max: usize = 10` (long values elided as `…`), `pub const Error = error{ A, B }`, `test "x"`.
   */
  signature: string;
  /** The `///` doc comment above the declaration, without the slashes. */
  doc?: string;
  /** Containers (and generic containers): their fields in order. */
  fields?: Field[];
  /** Containers: the functions declared inside. */
  methods?: Declaration[];
  /** Containers: every other declaration inside (constants, nested containers, tests). */
  nested?: Declaration[];
  /** Present when a `fn … type` returns a container: the declaration is reported with that container's kind. */
  generic?: GenericInfo;
  /** Error sets: the error names. */
  errors?: string[];
  /** `const x = @import("…")` (possibly followed by `.Member`): the import string. */
  importSpec?: string;
}

/** A `test` declaration, top level or inside a container. */
export interface TestInfo {
  /** `test "adds numbers"` → `adds numbers`; `test foo` → `foo`; `test {}` → `''`. */
  name: string;
  form: 'string' | 'identifier' | 'anonymous';
  startLine: number;
  endLine: number;
  /** The enclosing container path (`Point.Inner`) when the test is not at top level. */
  container?: string;
}

/** What an `@import` refers to. `package` is a module named in build.zig (no `.zig` suffix). */
export type ImportKind = 'file' | 'std' | 'builtin' | 'root' | 'package';

export interface ImportInfo {
  /** The string inside `@import("…")`. */
  spec: string;
  kind: ImportKind;
  /** `file` imports: the target's path relative to the project root (posix; may start with `../` when outside). */
  path?: string;
  /** `file` imports: whether the target exists on disk. */
  exists?: boolean;
  /** First line that imports it. */
  line: number;
}

/** A syntax error tree-sitter recovered from (the known empty-container false error is not reported). */
export interface ParseError {
  line: number;
  column: number;
  /** `syntax error` with the offending text, or `missing <token>`. */
  message: string;
}

/** Why a file cannot be used as Zig source; the item is then counted as skipped. */
export interface SourceError {
  code: ErrorCode;
  message: string;
}

/** One unit of work: one `.zig` file. */
export interface WorkItem {
  /** Path relative to the project root, posix separators (`src/http/server.zig`). */
  path: string;
  /** Absolute path on disk. */
  absPath: string;
  /** sha256 of the bytes, hex. */
  sha256: string;
  bytes: number;
  lines: number;
  /** Top-level declarations in source order (containers hold theirs). */
  declarations: Declaration[];
  /** Fields at the top level: the file itself is a struct with fields (`Allocator.zig` style). */
  fileFields: Field[];
  /** Every test, top level first then nested, in source order. */
  tests: TestInfo[];
  /** Unique imports, in order of first appearance. */
  imports: ImportInfo[];
  /** Syntax errors (the first 50). The item is still usable. */
  parseErrors: ParseError[];
  /** Set when the file could not be read or is not Zig source (unreadable, binary, not UTF-8, empty, too large). */
  error?: SourceError;
}
