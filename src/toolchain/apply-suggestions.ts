/**
 * Applies the compiler's own fixes (by default only `MachineApplicable` ones) to the files,
 * the way `cargo fix` does: each suggestion is all-or-nothing; the first suggestion wins
 * where two overlap; edits are byte ranges on the UTF-8 file, applied from the end of the
 * file backwards so earlier offsets stay valid; a range whose text changed since the build
 * is left alone.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Applicability, Diagnostic, Suggestion, SuggestionEdit } from './diagnostic-types.js';

export interface ApplySuggestionsOptions {
  /** Which suggestions are applied. Default `['MachineApplicable']`. */
  applicability?: readonly Applicability[];
  /** Only suggestions whose edits all fall in these crate-relative files. Default: any file in the crate. */
  files?: readonly string[];
  /** Work out what would be applied without writing. Default false. */
  dryRun?: boolean;
}

type SkipReason =
  /** an edit falls outside the crate (std, another crate) */
  | 'outside-crate'
  /** an edit's file is not in `options.files` */
  | 'filtered'
  /** its edits overlap each other (rustc's alternatives for one place) */
  | 'ambiguous'
  /** overlaps a suggestion applied before it */
  | 'overlap'
  /** the file no longer holds the text rustc saw, or the range is past its end */
  | 'stale'
  /** the file cannot be read */
  | 'unreadable';

/** A suggestion together with the diagnostic that offered it. */
export interface SuggestionRecord {
  suggestion: Suggestion;
  diagnostic: { level: string; code?: string; message: string; file?: string };
}

export interface SkippedSuggestion extends SuggestionRecord {
  reason: SkipReason;
}

export interface ApplySuggestionsResult {
  applied: SuggestionRecord[];
  skipped: SkippedSuggestion[];
  /** Crate-relative files that changed (or would, with `dryRun`), sorted. */
  files: string[];
}

function overlaps(a: SuggestionEdit, b: SuggestionEdit): boolean {
  if (a.file !== b.file) return false;
  if (a.byteStart === a.byteEnd && b.byteStart === b.byteEnd) return a.byteStart === b.byteStart;
  return a.byteStart < b.byteEnd && b.byteStart < a.byteEnd;
}

function editKey(e: SuggestionEdit): string {
  return `${e.file}:${e.byteStart}:${e.byteEnd}:${e.replacement}`;
}

/** Applies suggestions from diagnostics to the crate's files; returns what it applied and skipped. */
export async function applySuggestions(
  crateDir: string,
  diagnostics: readonly Diagnostic[],
  options: ApplySuggestionsOptions = {},
): Promise<ApplySuggestionsResult> {
  const wanted = options.applicability ?? ['MachineApplicable'];
  const only = options.files === undefined ? undefined : new Set(options.files);
  const contents = new Map<string, Buffer | null>();
  const accepted = new Map<string, SuggestionEdit[]>();
  const applied: SuggestionRecord[] = [];
  const skipped: SkippedSuggestion[] = [];
  const seen = new Set<string>();

  const load = async (file: string): Promise<Buffer | null> => {
    if (!contents.has(file)) {
      try {
        contents.set(file, await readFile(join(crateDir, file)));
      } catch {
        contents.set(file, null);
      }
    }
    return contents.get(file) ?? null;
  };

  const check = async (s: Suggestion): Promise<SkipReason | undefined> => {
    if (s.edits.some((e) => !e.inCrate)) return 'outside-crate';
    if (only !== undefined && s.edits.some((e) => !only.has(e.file))) return 'filtered';
    for (let i = 0; i < s.edits.length; i++) {
      for (let j = i + 1; j < s.edits.length; j++) {
        if (overlaps(s.edits[i]!, s.edits[j]!)) return 'ambiguous';
      }
    }
    for (const e of s.edits) {
      const buffer = await load(e.file);
      if (buffer === null) return 'unreadable';
      if (e.byteStart > e.byteEnd || e.byteEnd > buffer.length) return 'stale';
      if (e.expected !== undefined && buffer.subarray(e.byteStart, e.byteEnd).toString('utf8') !== e.expected) return 'stale';
      if ((accepted.get(e.file) ?? []).some((a) => overlaps(a, e))) return 'overlap';
    }
    return undefined;
  };

  for (const d of diagnostics) {
    for (const suggestion of d.suggestions) {
      if (!wanted.includes(suggestion.applicability) || suggestion.edits.length === 0) continue;
      const key = suggestion.edits.map(editKey).sort().join('\u0000');
      if (seen.has(key)) continue; // the same fix offered twice (lib and test builds)
      seen.add(key);
      const record: SuggestionRecord = {
        suggestion,
        diagnostic: {
          level: d.rawLevel,
          message: d.message,
          ...(d.code !== undefined ? { code: d.code } : {}),
          ...(d.file !== undefined ? { file: d.file } : {}),
        },
      };
      const reason = await check(suggestion);
      if (reason !== undefined) {
        skipped.push({ ...record, reason });
        continue;
      }
      for (const e of suggestion.edits) {
        const list = accepted.get(e.file);
        if (list === undefined) accepted.set(e.file, [e]);
        else list.push(e);
      }
      applied.push(record);
    }
  }

  const files = [...accepted.keys()].sort();
  for (const file of files) {
    const original = contents.get(file);
    if (original === undefined || original === null) continue;
    const edits = [...(accepted.get(file) ?? [])].sort((a, b) => b.byteStart - a.byteStart || b.byteEnd - a.byteEnd);
    // From the end backwards: each edit's offsets still refer to the original bytes.
    const pieces: Buffer[] = [];
    let end = original.length;
    for (const e of edits) {
      pieces.push(original.subarray(e.byteEnd, end), Buffer.from(e.replacement, 'utf8'));
      end = e.byteStart;
    }
    pieces.push(original.subarray(0, end));
    if (options.dryRun !== true) await writeFile(join(crateDir, file), Buffer.concat(pieces.reverse()));
  }
  return { applied, skipped, files };
}
