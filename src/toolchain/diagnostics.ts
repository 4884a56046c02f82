/**
 * Turns cargo's `compiler-message`s into {@link Diagnostic}s: crate-relative spans (a
 * primary span inside a macro expansion is followed back to the crate), children,
 * suggestions; drops rustc's summary chatter; dedupes what several targets report (the
 * lib and its `cfg(test)` build say the same thing twice); groups by file.
 */
import type { CargoMessage, RawDiagnostic, RawSpan } from './cargo-messages.js';
import type { CratePaths } from './crate-paths.js';
import type {
  Applicability,
  Diagnostic,
  DiagnosticChild,
  DiagnosticLevel,
  DiagnosticSet,
  DiagnosticSource,
  Span,
  Suggestion,
  SuggestionEdit,
} from './diagnostic-types.js';

const APPLICABILITIES: readonly Applicability[] = ['MachineApplicable', 'MaybeIncorrect', 'HasPlaceholders', 'Unspecified'];

function level(raw: string): DiagnosticLevel {
  if (raw === 'error' || raw === 'warning' || raw === 'note' || raw === 'help') return raw;
  if (raw.includes('internal compiler error')) return 'ice';
  return 'other';
}

/** The text a span covers, from rustc's excerpt lines (columns count characters). */
function spanText(span: RawSpan): string | undefined {
  const lines = span.text;
  if (lines === undefined || lines.length === 0) return undefined;
  const parts = lines.map((l) => Array.from(l.text).slice(l.highlight_start - 1, l.highlight_end - 1).join(''));
  const text = parts.join('\n');
  // rustc may elide lines of long spans, and CRLF files shift bytes: only trust an exact fit.
  return Buffer.byteLength(text, 'utf8') === span.byte_end - span.byte_start ? text : undefined;
}

function toSpan(raw: RawSpan, paths: CratePaths): Span {
  const where = paths.resolve(raw.file_name);
  const text = spanText(raw);
  return {
    file: where.file,
    ...(where.absolute !== undefined ? { absolute: where.absolute } : {}),
    inCrate: where.inCrate,
    line: raw.line_start,
    column: raw.column_start,
    endLine: raw.line_end,
    endColumn: raw.column_end,
    byteStart: raw.byte_start,
    byteEnd: raw.byte_end,
    isPrimary: raw.is_primary,
    ...(raw.label !== null && raw.label !== undefined ? { label: raw.label } : {}),
    ...(text !== undefined ? { text } : {}),
  };
}

/** The primary span, followed through macro expansions until it lands in the crate. */
function primarySpan(raw: RawDiagnostic, paths: CratePaths): Span | undefined {
  const first = raw.spans.find((s) => s.is_primary) ?? raw.spans[0];
  if (first === undefined) return undefined;
  let current: RawSpan | undefined = first;
  for (let depth = 0; current !== undefined && depth < 32; depth++) {
    const span = toSpan(current, paths);
    if (span.inCrate) return { ...span, isPrimary: true };
    current = current.expansion?.span;
  }
  return { ...toSpan(first, paths), isPrimary: true };
}

function applicabilityOf(spans: RawSpan[]): Applicability {
  let worst = 0;
  for (const span of spans) {
    const index = APPLICABILITIES.indexOf((span.suggestion_applicability ?? 'Unspecified') as Applicability);
    worst = Math.max(worst, index < 0 ? 3 : index);
  }
  return APPLICABILITIES[worst] ?? 'Unspecified';
}

function suggestionsOf(raw: RawDiagnostic, paths: CratePaths): Suggestion[] {
  const suggestions: Suggestion[] = [];
  for (const child of raw.children) {
    const spans = child.spans.filter((s) => s.suggested_replacement !== null && s.suggested_replacement !== undefined);
    if (spans.length === 0) continue;
    const edits: SuggestionEdit[] = spans.map((s) => {
      const where = paths.resolve(s.file_name);
      const expected = spanText(s);
      return {
        file: where.file,
        ...(where.absolute !== undefined ? { absolute: where.absolute } : {}),
        inCrate: where.inCrate,
        byteStart: s.byte_start,
        byteEnd: s.byte_end,
        replacement: s.suggested_replacement ?? '',
        ...(expected !== undefined ? { expected } : {}),
      };
    });
    suggestions.push({ message: child.message, applicability: applicabilityOf(spans), edits });
  }
  return suggestions;
}

function isChatter(raw: RawDiagnostic): boolean {
  if (raw.level === 'failure-note') return true;
  if (raw.spans.length > 0) return false;
  return /^aborting due to/.test(raw.message) || /^\d+ warnings? emitted/.test(raw.message);
}

/** One rustc diagnostic in the toolchain's shape (paths relative to the crate). */
function toDiagnostic(raw: RawDiagnostic, paths: CratePaths, source: DiagnosticSource = 'build'): Diagnostic {
  const primary = primarySpan(raw, paths);
  const children: DiagnosticChild[] = raw.children.map((c) => ({
    level: c.level,
    message: c.message,
    spans: c.spans.map((s) => toSpan(s, paths)),
  }));
  return {
    level: level(raw.level),
    rawLevel: raw.level,
    ...(raw.code?.code ? { code: raw.code.code } : {}),
    message: raw.message,
    ...(raw.rendered ? { rendered: raw.rendered } : {}),
    ...(primary?.inCrate ? { file: primary.file } : {}),
    ...(primary !== undefined ? { primary } : {}),
    spans: raw.spans.map((s) => toSpan(s, paths)),
    children,
    suggestions: suggestionsOf(raw, paths),
    targets: [],
    sources: [source],
  };
}

/** Identity of a diagnostic across targets and runs. */
function diagnosticKey(d: Diagnostic): string {
  const spans = d.spans.map((s) => `${s.file}:${s.byteStart}-${s.byteEnd}:${s.isPrimary ? 'p' : ''}:${s.label ?? ''}`);
  return [d.rawLevel, d.code ?? '', d.message, ...spans].join('\u0000');
}

/** Merges duplicates (same level, code, message and spans), keeping first-seen order. */
function dedupeDiagnostics(diagnostics: Iterable<Diagnostic>): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    const key = diagnosticKey(d);
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, { ...d, targets: [...d.targets], sources: [...d.sources] });
      continue;
    }
    for (const t of d.targets) {
      if (!seen.targets.some((s) => s.kind === t.kind && s.name === t.name)) seen.targets.push(t);
    }
    for (const s of d.sources) if (!seen.sources.includes(s)) seen.sources.push(s);
  }
  return [...byKey.values()];
}

/** Diagnostics of a message stream (chatter such as "aborting due to…" dropped). */
export function diagnosticsFromMessages(
  messages: readonly CargoMessage[],
  paths: CratePaths,
  source: DiagnosticSource = 'build',
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of messages) {
    if (m.reason !== 'compiler-message' || isChatter(m.message)) continue;
    const d = toDiagnostic(m.message, paths, source);
    d.targets.push({ kind: m.target.kind[0] ?? 'unknown', name: m.target.name });
    out.push(d);
  }
  return out;
}

/** Dedupes and splits: errors (ICEs included), warnings, by file of the primary span, unlocated. */
export function groupDiagnostics(diagnostics: Iterable<Diagnostic>): DiagnosticSet {
  const all = dedupeDiagnostics(diagnostics);
  const byFile = new Map<string, Diagnostic[]>();
  const unlocated: Diagnostic[] = [];
  for (const d of all) {
    if (d.file === undefined) {
      unlocated.push(d);
      continue;
    }
    const list = byFile.get(d.file);
    if (list === undefined) byFile.set(d.file, [d]);
    else list.push(d);
  }
  return {
    all,
    errors: all.filter((d) => d.level === 'error' || d.level === 'ice'),
    warnings: all.filter((d) => d.level === 'warning'),
    byFile,
    unlocated,
  };
}
