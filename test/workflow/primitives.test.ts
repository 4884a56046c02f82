import { describe, expect, it } from 'vitest';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { runWithScript } from '../../src/testing/index.js';
import type { WorkflowEvent } from '../../src/workflow/events.js';

const delayed = (ms: number) => ({ text: 'ok', delayMs: ms });

function indexOf(events: WorkflowEvent[], type: string, label: string): number {
  return events.findIndex((e) => e.type === type && 'label' in e && e.label === label);
}

describe('parallel', () => {
  it('keeps every other result when one thunk fails', async () => {
    const recipe = defineRecipe({
      name: 'par',
      description: '',
      run: (ctx) =>
        ctx.parallel([
          () => ctx.agent('a', { label: 'a' }),
          () => {
            throw new Error('boom');
          },
          () => ctx.agent('c', { label: 'c' }),
        ]),
    });
    const run = await runWithScript(recipe, (call) => `answer to ${call.prompt}`);
    expect(run.status).toBe('completed');
    expect(run.value).toEqual([
      { status: 'ok', value: 'answer to a' },
      { status: 'failed', error: expect.objectContaining({ code: 'TASK_FAILED', message: 'boom' }) },
      { status: 'ok', value: 'answer to c' },
    ]);
  });

  it('does not cancel siblings when an agent fails', async () => {
    const recipe = defineRecipe({
      name: 'par2',
      description: '',
      run: (ctx) => ctx.parallel([() => ctx.agent('bad', { label: 'bad' }), () => ctx.agent('slow', { label: 'slow' })]),
    });
    const run = await runWithScript(recipe, (call) => (call.prompt === 'bad' ? { error: new Error('model said no') } : delayed(50)));
    const outcomes = run.value as Array<{ status: string }>;
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'ok']);
    expect(run.totals.failed).toBe(1);
  });

  it('rejects promises passed instead of thunks with a clear error', async () => {
    const recipe = defineRecipe({ name: 'p', description: '', run: (ctx) => ctx.parallel([Promise.resolve(1) as never]) });
    const run = await runWithScript(recipe, () => 'x');
    expect(run.status).toBe('failed');
    expect(run.error?.message).toMatch(/array of functions/);
  });
});

describe('pipeline', () => {
  const stages = (ctx: Parameters<Parameters<typeof defineRecipe>[0]['run']>[0]) =>
    [
      (item: number) => ctx.agent(`s1 ${item}`, { label: `s1-${item}` }),
      (_: string, item: number) => ctx.agent(`s2 ${item}`, { label: `s2-${item}` }),
      (_: string, item: number) => ctx.agent(`s3 ${item}`, { label: `s3-${item}` }),
    ] as const;

  it('lets an item reach its last stage before a later item finishes its first (no barrier)', async () => {
    const recipe = defineRecipe({
      name: 'pipe',
      description: '',
      run: (ctx) => {
        const [a, b, c] = stages(ctx);
        return ctx.pipeline([0, 1, 2, 3, 4, 5, 6, 7], a, b, c);
      },
    });
    const run = await runWithScript(recipe, () => delayed(20), { concurrency: 2 });
    expect(run.status).toBe('completed');
    const lastStageOfFirst = indexOf(run.events, 'agent:started', 's3-0');
    const firstStageOfLast = indexOf(run.events, 'agent:finished', 's1-7');
    expect(lastStageOfFirst).toBeGreaterThanOrEqual(0);
    expect(lastStageOfFirst).toBeLessThan(firstStageOfLast);
    const outcomes = run.value as Array<{ status: string; index: number; item: number }>;
    expect(outcomes.map((o) => [o.status, o.index, o.item])).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => ['ok', i, i]));
  });

  it('starts work on the first items of an async iterable before the source is done', async () => {
    let sourceDone = false;
    let startedBeforeSourceDone = false;
    async function* items() {
      for (let i = 0; i < 3; i++) {
        yield i;
        await new Promise((r) => setTimeout(r, 40));
      }
      sourceDone = true;
    }
    const recipe = defineRecipe({
      name: 'pipe-async',
      description: '',
      run: (ctx) =>
        ctx.pipeline(items(), async (item) => {
          const answer = await ctx.agent(`item ${item}`, { label: `item-${item}` });
          if (item === 0 && !sourceDone) startedBeforeSourceDone = true;
          return answer;
        }),
    });
    const run = await runWithScript(recipe, () => delayed(5));
    expect((run.value as unknown[]).length).toBe(3);
    expect(startedBeforeSourceDone).toBe(true);
  });

  it('ends an item whose stage throws with a failed outcome naming the stage; other items go on', async () => {
    const recipe = defineRecipe({
      name: 'pipe-fail',
      description: '',
      run: (ctx) =>
        ctx.pipeline(
          ['a', 'b', 'c'],
          (item) => ctx.agent(`port ${item}`, { label: `port-${item}` }),
          (prev, item) => {
            if (item === 'b') throw new Error('gate rejected b');
            return `${prev}!`;
          },
        ),
    });
    const run = await runWithScript(recipe, (call) => call.prompt.toUpperCase());
    const outcomes = run.value as Array<Record<string, unknown>>;
    expect(outcomes[0]).toMatchObject({ status: 'ok', value: 'PORT A!', item: 'a', index: 0 });
    expect(outcomes[1]).toMatchObject({ status: 'failed', item: 'b', index: 1, stage: 1 });
    expect((outcomes[1]!['error'] as Error).message).toBe('gate rejected b');
    expect(outcomes[2]).toMatchObject({ status: 'ok', value: 'PORT C!' });
    expect(run.status).toBe('completed');
  });

  it('reports a failing item source as one more outcome and keeps the items already done', async () => {
    async function* items() {
      yield 1;
      throw new Error('directory vanished');
    }
    const recipe = defineRecipe({ name: 'src-fail', description: '', run: (ctx) => ctx.pipeline(items(), (n) => ctx.agent(`n ${n}`)) });
    const run = await runWithScript(recipe, () => 'done');
    const outcomes = run.value as Array<Record<string, unknown>>;
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ status: 'ok', value: 'done' });
    expect(outcomes[1]).toMatchObject({ status: 'failed', stage: -1 });
  });
});

describe('phase and log', () => {
  it('tags agent events with the (nested) phase and emits phase events', async () => {
    const recipe = defineRecipe({
      name: 'phases',
      description: '',
      run: (ctx) =>
        ctx.phase('port', async () => {
          ctx.log('porting');
          return ctx.phase('review', () => ctx.agent('r', { label: 'reviewer' }));
        }),
    });
    const run = await runWithScript(recipe, () => 'approve');
    expect(run.value).toBe('approve');
    const types = run.events.map((e) => e.type);
    expect(types).toContain('phase:started');
    expect(run.events.find((e) => e.type === 'agent:finished')).toMatchObject({ phase: 'port / review', label: 'reviewer' });
    expect(run.events.find((e) => e.type === 'log')).toMatchObject({ phase: 'port', message: 'porting' });
    expect(run.events.filter((e) => e.type === 'phase:finished').map((e) => (e as { phase: string }).phase)).toEqual(['port / review', 'port']);
  });
});
