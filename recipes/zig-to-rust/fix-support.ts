/**
 * The fix loop's deterministic helpers: which errors are "pending" (they point at files not ported yet),
 * how diagnostics and test failures are shown to a fixer (sorted, so the same build asks the same question
 * on resume), and the signatures that tell when a file is stuck.
 */
import type { Diagnostic, FailureAttribution } from 'migrate-kit';
import { bare, type Layout } from './layout.js';

/** Module paths (without `crate::`) of the whole tree's modules that are not in the crate. */
export function missingModules(layout: Layout, ported: ReadonlySet<string>): string[][] {
  const missing: string[][] = [];
  for (const entry of layout.entries.values()) {
    if (entry.bin || ported.has(entry.zig)) continue;
    missing.push(entry.modulePath.map(bare));
  }
  return missing;
}

const RESOLUTION_CODES = new Set(['E0432', 'E0433', 'E0412', 'E0422', 'E0425', 'E0423', 'E0531', 'E0405']);

/** Every backticked name in the diagnostic's message, labels and notes. */
function mentioned(d: Diagnostic): string[] {
  const texts = [d.message, ...d.spans.map((s) => s.label ?? ''), ...d.children.map((c) => c.message)];
  return texts.flatMap((t) => [...t.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

/**
 * Whether an error comes from a reference to a file that is not ported yet (with slices): an unresolved
 * import or path naming one of the missing modules. Those are reported as pending, not sent to fixers.
 */
export function isPending(d: Diagnostic, missing: readonly string[][], crate: string): boolean {
  if (missing.length === 0 || d.code === undefined || !RESOLUTION_CODES.has(d.code)) return false;
  const names = mentioned(d);
  for (const name of names) {
    const segments = name.split('::').map(bare);
    const rest = segments[0] === 'crate' || segments[0] === crate || segments[0] === '' ? segments.slice(1) : segments;
    for (const path of missing) {
      // crate::a::b (or a::b in a use list) names the missing module a::b, or something in it
      if (rest.length >= path.length && path.every((s, i) => rest[i] === s)) return true;
      // "could not find `b` in `a`" / "unresolved import `a::b`" with the last segment alone
      if (rest.length === 1 && rest[0] === path[path.length - 1] && /could not find|unresolved|cannot find|failed to resolve/.test(d.message)) return true;
    }
  }
  return false;
}

/** Sorted, deduplicated, stable across runs: file, line, column, message. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): string =>
    `${d.file ?? ''}\u0000${String(d.primary?.line ?? 0).padStart(8, '0')}\u0000${String(d.primary?.column ?? 0).padStart(6, '0')}\u0000${d.code ?? ''}\u0000${d.message}`;
  const seen = new Set<string>();
  return [...list]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .filter((d) => {
      const k = `${key(d)}\u0000${d.rendered ?? ''}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

const MAX_DIAGNOSTICS = 30;

export function diagnosticsText(list: readonly Diagnostic[]): string {
  const sorted = sortDiagnostics(list);
  const shown = sorted.slice(0, MAX_DIAGNOSTICS).map((d) => (d.rendered ?? `${d.rawLevel}${d.code ? `[${d.code}]` : ''}: ${d.message}\n --> ${d.file}:${d.primary?.line}:${d.primary?.column}`).trimEnd());
  if (sorted.length > MAX_DIAGNOSTICS) shown.push(`… and ${sorted.length - MAX_DIAGNOSTICS} more errors in this file (fix these first).`);
  return shown.join('\n\n');
}

/** What identifies a file's set of errors from round to round (lines left out: a moved error is the same error). */
export function errorSignature(list: readonly Diagnostic[]): string {
  return [...new Set(list.map((d) => `${d.code ?? ''}|${d.message}|${d.primary?.text ?? ''}`))].sort().join('\n');
}

/** libtest's panic line carries a thread id since Rust 1.8x (`thread 'x' (1234) panicked`): drop it, so prompts repeat exactly. */
export function normalizeTestOutput(text: string): string {
  return text
    .replace(/(thread '[^']*') \(\d+\) panicked/g, '$1 panicked')
    .replace(/finished in \d+(\.\d+)?s/g, 'finished')
    .replace(/\r\n/g, '\n');
}

const MAX_FAILURE_CHARS = 4000;

export function failuresText(list: readonly FailureAttribution[]): string {
  const sorted = [...list].sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : 0));
  return sorted
    .map((f) => {
      let output = normalizeTestOutput(f.failure.output || f.failure.message || '(no output)');
      if (output.length > MAX_FAILURE_CHARS) output = `${output.slice(0, MAX_FAILURE_CHARS)}\n… (cut)`;
      const where = f.location !== undefined ? ` (panicked at ${f.location.file}:${f.location.line}:${f.location.column})` : '';
      // The output is the test's own (model-written code prints it): a fence it cannot close early.
      const fence = '`'.repeat(Math.max(2, ...[...output.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
      return `### ${f.test}${where}\n\n${fence}\n${output}\n${fence}`;
    })
    .join('\n\n');
}

export function failureSignature(list: readonly FailureAttribution[]): string {
  return [...new Set(list.map((f) => `${f.test}|${normalizeTestOutput(f.failure.message ?? '')}`))].sort().join('\n');
}
