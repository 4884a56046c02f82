/** The toolchain's own view of compiler diagnostics: paths relative to the crate, camelCase. */

export type DiagnosticLevel = 'error' | 'warning' | 'note' | 'help' | 'ice' | 'other';

/** rustc's confidence in a suggestion. Only `MachineApplicable` is applied without a model. */
export type Applicability = 'MachineApplicable' | 'MaybeIncorrect' | 'HasPlaceholders' | 'Unspecified';

/** A source range. Lines and columns are 1-based (columns count characters); bytes are UTF-8 offsets, end exclusive. */
export interface Span {
  /** Path relative to the crate directory, `/`-separated; as rustc gave it when outside the crate. */
  file: string;
  /** Absolute path, when it could be resolved. */
  absolute?: string;
  /** False for files outside the crate (the standard library, other crates, `<anon>`). */
  inCrate: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  byteStart: number;
  byteEnd: number;
  isPrimary: boolean;
  label?: string;
  /** The source text the span covers, reconstructed from rustc's excerpt (for stale checks). */
  text?: string;
}

/** One edit of a suggestion. */
export interface SuggestionEdit {
  /** Crate-relative file (as rustc gave it when outside the crate). */
  file: string;
  absolute?: string;
  inCrate: boolean;
  byteStart: number;
  byteEnd: number;
  replacement: string;
  /** What the file held at the range when rustc looked, when known. */
  expected?: string;
}

/** A fix offered by the compiler: all its edits go together or not at all. */
export interface Suggestion {
  message: string;
  applicability: Applicability;
  edits: SuggestionEdit[];
}

/** A note or help attached to a diagnostic. */
export interface DiagnosticChild {
  level: string;
  message: string;
  spans: Span[];
}

/** A compiler target a diagnostic was reported for. */
interface DiagnosticTarget {
  /** `lib`, `bin`, `test`, `example`, `bench`, `custom-build`, … */
  kind: string;
  name: string;
}

/** Where a diagnostic came from: `cargo build` or `cargo test` (`--no-run` or a real run). */
export type DiagnosticSource = 'build' | 'test';

export interface Diagnostic {
  level: DiagnosticLevel;
  /** rustc's level word (`error`, `warning`, `error: internal compiler error`). */
  rawLevel: string;
  /** Error code or lint name: `E0308`, `unused_mut`. */
  code?: string;
  message: string;
  /** The human rendering rustc would print (with the source excerpt). */
  rendered?: string;
  /** File of the primary span, relative to the crate; undefined when it has none in the crate. */
  file?: string;
  primary?: Span;
  spans: Span[];
  children: DiagnosticChild[];
  suggestions: Suggestion[];
  targets: DiagnosticTarget[];
  sources: DiagnosticSource[];
}

/** Diagnostics split the ways the fix loop needs them. */
export interface DiagnosticSet {
  /** All diagnostics, deduplicated, in the order first reported. */
  all: Diagnostic[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** By the crate-relative file of the primary span. */
  byFile: Map<string, Diagnostic[]>;
  /** Diagnostics with no primary span in the crate (linker errors, crate-level notes, std). */
  unlocated: Diagnostic[];
}
