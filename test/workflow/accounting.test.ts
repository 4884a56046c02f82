/** Every paid answer counts exactly once: journaled before its slot is released, charged on resume, never lost to a write failure. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MigrateError } from '../../src/errors.js';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { JsonlRunStore } from '../../src/store/jsonl-store.js';
import type { LoadedJournal } from '../../src/store/journal-file.js';
import type { JournalAppender } from '../../src/store/run-store.js';
import { ScriptedProvider, runWithScript } from '../../src/testing/index.js';
import { startRun } from '../../src/workflow/run.js';

const many = (n: number) =>
  defineRecipe({
    name: 'many',
    description: '',
    run: (ctx) => ctx.parallel(Array.from({ length: n }, (_, i) => () => ctx.agent(`task ${i}`, { label: `t${i}` }))),
  });

const Verdict = z.object({ verdict: z.enum(['approve', 'revise']) });
const reviewer = defineRecipe({ name: 'review', description: '', run: (ctx) => ctx.agent('review it', { label: 'review', schema: Verdict }) });

/** A store whose journal fails like a full disk after `ok` appends. */
class FullDiskStore extends JsonlRunStore {
  appends = 0;
  constructor(
    location: string,
    private readonly ok: number,
  ) {
    super(location);
  }
  override async openJournal(runId: string, loaded: LoadedJournal): Promise<JournalAppender> {
    const inner = await super.openJournal(runId, loaded);
    const path = inner.path;
    return {
      path,
      append: async (line) => {
        if (++this.appends > this.ok) {
          throw new MigrateError('STATE_IO', `Could not write the journal ${path} (ENOSPC): no space left on device`, { details: { path, errno: 'ENOSPC' } });
        }
        return inner.append(line);
      },
      close: () => inner.close(),
    };
  }
}

const lines = async (dir: string) => (await readFile(join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; costUsd?: number; answer?: string });

describe('exact accounting', () => {
  it('a journal write failure stops the run at once: interrupted, nothing paid unrecorded beyond the calls in flight, resumable', async () => {
    const first = await runWithScript(many(1), () => 'x'); // a state dir to reuse
    const store = new FullDiskStore(first.stateDir, 20);
    const provider = new ScriptedProvider(() => ({ text: 'done', delayMs: 5 }));
    const result = await (await startRun({ recipe: many(200), provider, stateDir: first.stateDir, store, concurrency: 8 })).done;
    expect(result.status).toBe('interrupted');
    expect(result.error).toMatchObject({ code: 'STATE_IO', message: expect.stringMatching(/journal\.jsonl \(ENOSPC\)/) });
    // 20 lines made it: whatever was paid beyond them was in flight when the disk filled (at most the 8 slots).
    const paidButNotJournaled = provider.calls.length - (await lines(result.dir)).filter((l) => l.type === 'attempt').length;
    expect(paidButNotJournaled).toBeLessThanOrEqual(8);
    expect(provider.calls.length).toBeLessThan(30);
    const info = await new JsonlRunStore(first.stateDir).info(result.runId);
    expect(info.status).toBe('interrupted');

    const before = (await lines(result.dir)).filter((l) => l.type === 'attempt').length;
    const again = new ScriptedProvider(() => 'done');
    const resumed = await (await startRun({ recipe: many(200), provider: again, stateDir: first.stateDir, resumeId: result.runId, concurrency: 8 })).done;
    expect(resumed.status).toBe('completed');
    // Only the calls whose answers were not journaled are sent again.
    expect(again.calls).toHaveLength(200 - before);
  });

  it('a run.json write that fails while the run goes on stops it too', async () => {
    const first = await runWithScript(many(1), () => 'x');
    class FullInfoStore extends JsonlRunStore {
      writes = 0;
      override async writeInfo(info: Parameters<JsonlRunStore['writeInfo']>[0]): Promise<void> {
        if (++this.writes > 1) throw new MigrateError('STATE_IO', `Could not write run.json (ENOSPC): no space left on device`);
        return super.writeInfo(info);
      }
    }
    const provider = new ScriptedProvider(() => ({ text: 'done', delayMs: 100 }));
    const result = await (await startRun({ recipe: many(60), provider, stateDir: first.stateDir, store: new FullInfoStore(first.stateDir), concurrency: 1 })).done;
    expect(result.status).toBe('interrupted');
    expect(result.error).toMatchObject({ code: 'STATE_IO' });
    expect(provider.calls.length).toBeLessThan(40); // stopped after the first periodic save (2 s), not at the end
  });

  it("a schema retry's paid first answer is journaled and counted in the budget, also after a resume", async () => {
    const answers = ['not json', { json: { verdict: 'approve' } }];
    const run = await runWithScript(reviewer, (call) => answers[call.index]!);
    expect(run.value).toEqual({ verdict: 'approve' });
    const attempts = (await lines(run.dir)).filter((l) => l.type === 'attempt');
    expect(attempts.map((a) => a.answer)).toEqual(['not json', '{"verdict":"approve"}']);
    const paid = attempts.reduce((sum, a) => sum + a.costUsd!, 0);
    expect(run.totals.costUsd).toBeCloseTo(paid, 12);
    const resumed = await (await startRun({ recipe: reviewer, provider: new ScriptedProvider(() => 'never'), stateDir: run.stateDir, resumeId: run.runId })).done;
    expect(resumed.value).toEqual({ verdict: 'approve' });
    expect(resumed.totals.costUsd).toBeCloseTo(paid, 12);
  });

  it('a journaled answer that no longer matches its schema is sent again, with a warning', async () => {
    const run = await runWithScript(reviewer, () => ({ json: { verdict: 'approve' } }));
    const path = join(run.dir, 'journal.jsonl');
    await writeFile(path, (await readFile(path, 'utf8')).replace('{\\"verdict\\":\\"approve\\"}', '{\\"verdict\\":\\"maybe\\"}'));
    const provider = new ScriptedProvider(() => ({ json: { verdict: 'revise' } }));
    const events: Array<{ type: string; message?: string }> = [];
    const resumed = await (await startRun({ recipe: reviewer, provider, stateDir: run.stateDir, resumeId: run.runId, onEvent: (e) => events.push(e) })).done;
    expect(provider.calls).toHaveLength(1);
    expect(resumed.value).toEqual({ verdict: 'revise' });
    expect(events.find((e) => e.type === 'log' && /journaled answer of "review" does not match its schema/.test(e.message ?? ''))).toBeDefined();
  });

  it('a resume refuses a journal that lost calls run.json recorded, saying what it would pay again; --repay goes on', async () => {
    const run = await runWithScript(many(5), () => 'x');
    await rm(join(run.dir, 'journal.jsonl'));
    const provider = new ScriptedProvider(() => 'x');
    await expect(startRun({ recipe: many(5), provider, stateDir: run.stateDir, resumeId: run.runId })).rejects.toMatchObject({
      code: 'JOURNAL_SHORT',
      message: expect.stringMatching(/records 5 agent calls but the journal .* is missing\. Resuming would send up to 5 of them again and pay about \$0\.\d\d again.*--repay/),
    });
    expect(provider.calls).toHaveLength(0);
    const repaid = await (await startRun({ recipe: many(5), provider, stateDir: run.stateDir, resumeId: run.runId, repay: true })).done;
    expect(repaid.status).toBe('completed');
    expect(provider.calls).toHaveLength(5);
  });
});
