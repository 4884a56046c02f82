import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applySuggestions } from '../../src/toolchain/index.js';
import type { Applicability, Diagnostic, SuggestionEdit } from '../../src/toolchain/index.js';
import { makeCrate, makeScratch } from './helpers.js';

const scratch = makeScratch('apply');
afterAll(() => scratch.remove());

function edit(file: string, byteStart: number, byteEnd: number, replacement: string, expected?: string): SuggestionEdit {
  return { file, inCrate: !file.startsWith('/'), byteStart, byteEnd, replacement, ...(expected !== undefined ? { expected } : {}) };
}

function diag(message: string, edits: SuggestionEdit[], applicability: Applicability = 'MachineApplicable'): Diagnostic {
  return {
    level: 'warning',
    rawLevel: 'warning',
    message,
    file: edits[0]?.file ?? '',
    spans: [],
    children: [],
    suggestions: [{ message, applicability, edits }],
    targets: [],
    sources: ['build'],
  };
}

describe('applySuggestions', () => {
  it('applies non-overlapping edits by UTF-8 byte offset, from the end backwards, and reports the rest', async () => {
    // "é" and "ü" are two bytes each: byte offsets differ from string offsets after them.
    const text = 'let é = 1; let mut ü = 2; let mut z = 3;\n';
    const crate = makeCrate(scratch.root, 'apply_a', { 'src/lib.rs': text });
    const at = (needle: string) => Buffer.from(text.slice(0, text.indexOf(needle)), 'utf8').length;
    const mutU = at('mut ü');
    const mutZ = at('mut z');
    const diagnostics = [
      diag('remove mut (ü)', [edit('src/lib.rs', mutU, mutU + 4, '', 'mut ')]),
      diag('remove mut (z)', [edit('src/lib.rs', mutZ, mutZ + 4, '', 'mut ')]),
      diag('rename ü, overlapping the first', [edit('src/lib.rs', mutU, mutU + 6, '_ü')]),
      diag('maybe', [edit('src/lib.rs', 0, 3, 'const')], 'MaybeIncorrect'),
      diag('alternatives for one place', [edit('src/lib.rs', 0, 0, 'a'), edit('src/lib.rs', 0, 0, 'b')]),
      diag('stale', [edit('src/lib.rs', 4, 6, 'x', 'zz')]),
      diag('past the end', [edit('src/lib.rs', 400, 401, '')]),
      diag('in std', [edit('/rustc/lib/core/src/x.rs', 0, 1, '')]),
      diag('again (build and test both offered it)', [edit('src/lib.rs', mutZ, mutZ + 4, '', 'mut ')]),
    ];
    const dry = await applySuggestions(crate, diagnostics, { dryRun: true });
    expect(readFileSync(join(crate, 'src/lib.rs'), 'utf8')).toBe(text);
    const result = await applySuggestions(crate, diagnostics);
    expect(dry.applied.length).toBe(result.applied.length);
    expect(readFileSync(join(crate, 'src/lib.rs'), 'utf8')).toBe('let é = 1; let ü = 2; let z = 3;\n');
    expect(result.files).toEqual(['src/lib.rs']);
    expect(result.applied.map((a) => a.diagnostic.message)).toEqual(['remove mut (ü)', 'remove mut (z)']);
    expect(result.skipped.map((s) => `${s.diagnostic.message}: ${s.reason}`)).toEqual([
      'rename ü, overlapping the first: overlap',
      'alternatives for one place: ambiguous',
      'stale: stale',
      'past the end: stale',
      'in std: outside-crate',
    ]);
  });

  it('applies a multi-edit suggestion all together, inserting at shared boundaries in order', async () => {
    const crate = makeCrate(scratch.root, 'apply_b', { 'src/lib.rs': 'fn f(x: u8) {}\n', 'src/other.rs': 'abc\n' });
    const result = await applySuggestions(crate, [
      diag('wrap', [edit('src/lib.rs', 8, 10, 'u16', 'u8'), edit('src/lib.rs', 8, 8, '&')]),
      diag('other file', [edit('src/other.rs', 1, 2, 'B', 'b')]),
    ], { files: ['src/lib.rs'] });
    expect(readFileSync(join(crate, 'src/lib.rs'), 'utf8')).toBe('fn f(x: &u16) {}\n');
    expect(readFileSync(join(crate, 'src/other.rs'), 'utf8')).toBe('abc\n');
    expect(result.skipped.map((s) => s.reason)).toEqual(['filtered']);
  });
});
