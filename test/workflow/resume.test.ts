import { appendFile, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { ScriptedProvider, runWithScript } from '../../src/testing/index.js';
import { startRun } from '../../src/workflow/run.js';
import type { Recipe } from '../../src/workflow/types.js';
import { readTranscripts } from '../../src/store/transcripts.js';

const echo = (call: { prompt: string }) => `answer: ${call.prompt}`;

async function resume(recipe: Recipe<any>, stateDir: string, runId: string, script = echo) {
  const provider = new ScriptedProvider(script);
  const result = await (await startRun({ recipe, provider, stateDir, resumeId: runId })).done;
  return { result, provider };
}

const list = (prompts: string[]) =>
  defineRecipe({
    name: 'list',
    description: '',
    run: (ctx) => ctx.parallel(prompts.map((p) => () => ctx.agent(p, { label: p }))),
  });

describe('journal and resume', () => {
  it('a resume of a completed run sends no request and returns the same results', async () => {
    const recipe = list(['a', 'b', 'c']);
    const first = await runWithScript(recipe, echo);
    const { result, provider } = await resume(recipe, first.stateDir, first.runId);
    expect(provider.calls).toHaveLength(0);
    expect(result.value).toEqual(first.value);
    expect(result.totals).toMatchObject({ agents: 3, replayed: 3, failed: 0 });
    expect(result.totals.costUsd).toBeCloseTo(first.totals.costUsd, 10);
  });

  it('answers journaled calls whatever order they arrive in', async () => {
    const first = await runWithScript(list(['a', 'b', 'c']), echo);
    const { provider, result } = await resume(list(['c', 'a', 'b']), first.stateDir, first.runId);
    expect(provider.calls).toHaveLength(0);
    expect((result.value as Array<{ value: string }>).map((o) => o.value)).toEqual(['answer: c', 'answer: a', 'answer: b']);
  });

  it('a changed prompt is a new call; the unchanged ones are replayed', async () => {
    const first = await runWithScript(list(['a', 'b']), echo);
    const { provider } = await resume(list(['a', 'b2']), first.stateDir, first.runId);
    expect(provider.calls.map((c) => c.prompt)).toEqual(['b2']);
  });

  it('identical calls are journaled separately and replayed in turn', async () => {
    let n = 0;
    const recipe = defineRecipe({
      name: 'same',
      description: '',
      run: async (ctx) => [await ctx.agent('roll'), await ctx.agent('roll')],
    });
    const first = await runWithScript(recipe, () => `roll ${++n}`);
    expect(first.value).toEqual(['roll 1', 'roll 2']);
    const { provider, result } = await resume(recipe, first.stateDir, first.runId);
    expect(provider.calls).toHaveLength(0);
    expect(result.value).toEqual(['roll 1', 'roll 2']);
  });

  it('the phase, label, model, system prompt and schema are part of the key', async () => {
    const variant = (label: string, system?: string) =>
      defineRecipe({ name: 'k', description: '', run: (ctx) => ctx.phase('p', () => ctx.agent('same prompt', { label, ...(system ? { system } : {}) })) });
    const first = await runWithScript(variant('one'), echo);
    expect((await resume(variant('one'), first.stateDir, first.runId)).provider.calls).toHaveLength(0);
    expect((await resume(variant('two'), first.stateDir, first.runId)).provider.calls).toHaveLength(1);
    expect((await resume(variant('one', 'be terse'), first.stateDir, first.runId)).provider.calls).toHaveLength(1);
  });

  it('tolerates a torn last journal line (a crash mid-write) and keeps appending cleanly', async () => {
    const recipe = list(['a', 'b']);
    const first = await runWithScript(recipe, echo);
    const journal = join(first.dir, 'journal.jsonl');
    await appendFile(journal, '{"v":2,"type":"attempt","key":"deadbeef","occ');
    const { provider } = await resume(list(['a', 'b', 'c']), first.stateDir, first.runId);
    expect(provider.calls.map((c) => c.prompt)).toEqual(['c']);
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    // Three calls, each a start, an attempt (the paid answer) and an agent line (how it settled).
    expect(lines).toHaveLength(9);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('refuses a journal broken in the middle with a clear error', async () => {
    const first = await runWithScript(list(['a']), echo);
    const journal = join(first.dir, 'journal.jsonl');
    const text = await readFile(journal, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(journal, `not json\n${text}`);
    await expect(startRun({ recipe: list(['a']), provider: new ScriptedProvider(echo), stateDir: first.stateDir, resumeId: first.runId })).rejects.toMatchObject({
      code: 'JOURNAL_CORRUPT',
      message: expect.stringMatching(/Line 1 of the journal/),
    });
  });

  it('journals a completed call before the recipe receives its result', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'mk-order-'));
    let linesWhenReceived = -1;
    const recipe = defineRecipe({
      name: 'order',
      description: '',
      run: async (ctx) => {
        await ctx.agent('x');
        const lines = (await readFile(join(stateDir, 'runs', ctx.runId, 'journal.jsonl'), 'utf8')).trim().split('\n');
        linesWhenReceived = lines.map((l) => JSON.parse(l) as { type: string; status?: string }).filter((l) => l.type === 'agent' && l.status === 'ok').length;
      },
    });
    await runWithScript(recipe, echo, { stateDir });
    expect(linesWhenReceived).toBe(1);
  });

  it('writes run.json with status and totals, and a transcript per call', async () => {
    const first = await runWithScript(list(['a', 'b']), echo);
    const info = JSON.parse(await readFile(join(first.dir, 'run.json'), 'utf8'));
    expect(info).toMatchObject({ id: first.runId, recipe: 'list', status: 'completed', sessions: 1, totals: { agents: 2, replayed: 0, failed: 0 } });
    expect(info.totals.costUsd).toBeGreaterThan(0);
    expect(await readdir(join(first.dir, 'transcripts'))).toEqual(['session-1.jsonl']);
    const transcripts = await readTranscripts(join(first.dir, 'transcripts'));
    expect(transcripts).toHaveLength(2);
    const t = transcripts[0];
    expect(t).toMatchObject({ prompt: expect.any(String), tries: [{ answer: expect.stringMatching(/^answer: /) }] });
  });

  it('a failed call is sent again on resume', async () => {
    const recipe = list(['a']);
    const first = await runWithScript(recipe, () => ({ error: new Error('server fell over'), usage: {} }));
    expect(first.totals.failed).toBe(1);
    const { provider, result } = await resume(recipe, first.stateDir, first.runId);
    expect(provider.calls).toHaveLength(1);
    expect(result.totals.failed).toBe(0);
  });
});
