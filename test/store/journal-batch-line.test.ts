import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournalFile } from '../../src/store/journal-file.js';
import { JournalState } from '../../src/workflow/journal-state.js';

const call = { key: 'k1', occurrence: 0, label: 'review a', phase: 'port', model: 'claude-sonnet-5-5', at: '2026-11-30T00:00:00Z' };
const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 };
const batch = (id: string, customId: string, requestHash: string) => ({ v: 2, type: 'batch', id, entries: [{ customId, requestHash, ...call, at: undefined }], at: call.at });

async function journal(lines: unknown[]): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'migrate-jb-')), 'journal.jsonl');
  await writeFile(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return path;
}

describe('the batch journal line', () => {
  it('is read beside the other lines; an entry stays pending until an attempt names it', async () => {
    const path = await journal([
      { v: 2, type: 'start', ...call, session: 1 },
      batch('msgbatch_1', 's1_1', 'h1'),
      { v: 2, type: 'start', ...call, key: 'k2', session: 1 },
      { ...batch('msgbatch_1', 's1_2', 'h2'), entries: [{ customId: 's1_2', requestHash: 'h2', ...call, key: 'k2', at: undefined }] },
      { v: 2, type: 'attempt', ...call, key: 'k2', answer: '{}', final: true, usage, costUsd: 0.01, batch: { id: 'msgbatch_1', customId: 's1_2' } },
    ]);
    const state = JournalState.from((await readJournalFile(path)).lines);
    expect(state.batches.get('msgbatch_1')).toBeDefined();
    expect(state.pendingBatch('k1', 0, 'h1')).toEqual({ batchId: 'msgbatch_1', customId: 's1_1', requestHash: 'h1' });
    expect(state.pendingBatch('k1', 0, 'another request')).toBeUndefined();
    expect(state.pendingBatch('k2', 0, 'h2')).toBeUndefined();
    expect(state.call('k2', 0)!.costUsd).toBe(0.01);
    expect(state.agentsStarted).toBe(2);
  });

  it('refuses a batch line without entries or id, naming the line', async () => {
    const path = await journal([{ v: 2, type: 'start', ...call, session: 1 }, { v: 2, type: 'batch', id: '', entries: [], at: call.at }, { v: 2, type: 'start', ...call, session: 1 }]);
    await expect(readJournalFile(path)).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', details: { line: 2 } });
  });
});
