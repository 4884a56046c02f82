import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, describeProblems } from '../../../recipes/zig-to-rust/edits.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/zig-to-rust');

describe('applyEdits', () => {
  it('applies exact replacements in order', () => {
    const result = applyEdits('let a = 1;\nlet b = 2;\n', [
      { old: 'let a = 1;', new: 'let a = 10;' },
      { old: 'a = 10', new: 'a = 11' },
    ]);
    expect(result).toEqual({ text: 'let a = 11;\nlet b = 2;\n', applied: 2, problems: [] });
  });

  it('skips and reports an edit whose old text is missing, repeated or empty', () => {
    const result = applyEdits('x x y', [
      { old: 'z', new: 'q' },
      { old: 'x', new: 'q' },
      { old: '', new: 'q' },
      { old: 'y', new: 'w' },
    ]);
    expect(result.text).toBe('x x w');
    expect(result.applied).toBe(1);
    expect(result.problems.map((p) => [p.reason, p.occurrences])).toEqual([
      ['not-found', 0],
      ['ambiguous', 2],
      ['empty', 0],
    ]);
    const text = describeProblems(result.problems);
    expect(text).toContain('1. Not applied, `old` was not found in the file');
    expect(text).toContain('occurs 2 times');
  });

  it('matches LF edits against a CRLF file', () => {
    expect(applyEdits('a\r\nb\r\n', [{ old: 'a\nb', new: 'c' }]).text).toBe('c\r\n');
  });

  it("turns each fixture's faulty file into the golden one with its fix answer", () => {
    for (const [project, rel, kind] of [
      ['calc', 'eval', 'no-compile'],
      ['calc', 'stack', 'fails-test'],
      ['minihttp', 'router', 'no-compile'],
      ['minihttp', 'util', 'fails-test'],
    ] as const) {
      const faulty = readFileSync(join(FIXTURES, project, 'faults', `${rel}.${kind}.rs`), 'utf8');
      const fix = JSON.parse(readFileSync(join(FIXTURES, project, 'faults', `${rel}.${kind}.fix.json`), 'utf8')) as { edits: Array<{ old: string; new: string }> };
      const golden = readFileSync(join(FIXTURES, project, 'golden/src', `${rel}.rs`), 'utf8');
      const result = applyEdits(faulty, fix.edits);
      expect(result.problems).toEqual([]);
      expect(result.text).toBe(golden);
    }
  });
});
