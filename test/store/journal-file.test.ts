import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournalFile } from '../../src/store/journal-file.js';

const start = { v: 2, type: 'start', key: 'k', occurrence: 0, label: 'a', phase: '', model: 'm', session: 1, at: 'now' };

async function journal(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'mk-journal-')), 'journal.jsonl');
  await writeFile(path, text);
  return path;
}

describe('journal file', () => {
  it('reads valid lines and tolerates a torn last line', async () => {
    const loaded = await readJournalFile(await journal(`${JSON.stringify(start)}\n{"v":2,"type":"att`));
    expect(loaded).toMatchObject({ exists: true, tornTail: true, lines: [start] });
  });

  it.each([
    ['a null line', 'null', /Line 2 of the journal .* is damaged: it is not a journal entry/],
    ['a line that is not JSON', 'garbage', /Line 2 of the journal .* is damaged: it is not valid JSON/],
    ['an entry missing fields', JSON.stringify({ v: 2, type: 'attempt', key: 'k' }), /Line 2 .* is damaged: it is not a journal entry \(.+\)/],
    ['a negative cost', JSON.stringify({ ...start, type: 'attempt', answer: 'x', final: true, usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 }, costUsd: -1 }), /Line 2/],
  ])('refuses %s in the middle, naming the line', async (_, bad, message) => {
    const path = await journal(`${JSON.stringify(start)}\n${bad}\n${JSON.stringify(start)}\n`);
    await expect(readJournalFile(path)).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', message: expect.stringMatching(message), details: { path, line: 2 } });
  });

  it('a missing journal reads as empty, and says it does not exist', async () => {
    const loaded = await readJournalFile(join(await mkdtemp(join(tmpdir(), 'mk-journal-')), 'journal.jsonl'));
    expect(loaded).toMatchObject({ exists: false, lines: [] });
  });
});
