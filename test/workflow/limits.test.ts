import { describe, expect, it } from 'vitest';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { ScriptedProvider, runWithScript } from '../../src/testing/index.js';
import { startRun } from '../../src/workflow/run.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const many = (n: number) =>
  defineRecipe({
    name: 'many',
    description: '',
    run: (ctx) => ctx.parallel(Array.from({ length: n }, (_, i) => () => ctx.agent(`task ${i}`, { label: `t${i}` }))),
  });

const statuses = (value: unknown) => (value as Array<{ status: string; error?: { code: string } }>).map((o) => o.error?.code ?? o.status);

describe('scheduler limits', () => {
  it('never has more calls in flight than the slot count, and uses all slots', async () => {
    const run = await runWithScript(many(30), () => ({ text: 'x', delayMs: 10 }), { concurrency: 4 });
    expect(run.provider.maxInFlight).toBe(4);
    expect(run.totals.agents).toBe(30);
  });

  it('refuses calls past the agent cap with a clear error', async () => {
    const run = await runWithScript(many(5), () => 'x', { maxAgents: 3, concurrency: 1 });
    expect(statuses(run.value)).toEqual(['ok', 'ok', 'ok', 'AGENT_CAP_REACHED', 'AGENT_CAP_REACHED']);
    expect(run.provider.calls).toHaveLength(3);
    const failure = (run.value as Array<{ error?: Error }>)[3]!.error!;
    expect(failure.message).toMatch(/Agent cap reached.*at most 3.*--max-agents/);
  });

  it('starts no agent once the budget is spent; the run ends budget-exhausted and resumes with a higher budget', async () => {
    // Each answer costs 1,000,000 output tokens of claude-sonnet-5-5 = $10.
    const script = () => ({ text: 'x', usage: { inputTokens: 0, outputTokens: 1_000_000 } });
    const first = await runWithScript(many(4), script, { concurrency: 1, budgetUsd: 15 });
    expect(first.status).toBe('budget-exhausted');
    expect(statuses(first.value)).toEqual(['ok', 'ok', 'BUDGET_EXHAUSTED', 'BUDGET_EXHAUSTED']);
    expect(first.totals.costUsd).toBeCloseTo(20, 6);

    const provider = new ScriptedProvider(script);
    const handle = await startRun({ recipe: many(4), provider, stateDir: first.stateDir, resumeId: first.runId, concurrency: 1, budgetUsd: 100 });
    const second = await handle.done;
    expect(second.status).toBe('completed');
    expect(statuses(second.value)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(provider.calls.map((c) => c.prompt)).toEqual(['task 2', 'task 3']);
    expect(second.totals.costUsd).toBeCloseTo(40, 6);
    expect(second.totals.replayed).toBe(2);
  });

  it('ends a hung call with AGENT_TIMEOUT and goes on with the others', async () => {
    const recipe = defineRecipe({
      name: 'hang',
      description: '',
      run: (ctx) => ctx.parallel([() => ctx.agent('hang', { label: 'stuck', timeoutMs: 100 }), () => ctx.agent('fine', { label: 'fine' })]),
    });
    const started = Date.now();
    const run = await runWithScript(recipe, (call) => (call.prompt === 'hang' ? { hang: true } : 'ok'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(statuses(run.value)).toEqual(['AGENT_TIMEOUT', 'ok']);
    expect((run.value as Array<{ error?: Error }>)[0]!.error!.message).toMatch(/did not finish within 100 ms/);
  });

  it('validates options before anything is written', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'mk-limits-'));
    const provider = new ScriptedProvider(() => 'x');
    await expect(startRun({ recipe: many(1), provider, stateDir, concurrency: 0 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(startRun({ recipe: many(1), provider, stateDir, budgetUsd: -1 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(startRun({ recipe: many(1), provider, stateDir, model: 'claude-nonexistent-9' })).rejects.toMatchObject({ code: 'UNKNOWN_MODEL' });
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(stateDir)).toEqual([]);
  });
});

describe('interruption', () => {
  it('first interrupt: queued calls do not start, calls in flight finish and are journaled; resume sends only the rest', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'mk-int-'));
    const provider = new ScriptedProvider(() => ({ text: 'done', delayMs: 100 }));
    const handle = await startRun({ recipe: many(6), provider, stateDir, concurrency: 2 });
    handle.events.on((e) => {
      if (e.type === 'agent:started' && e.label === 't1') handle.interrupt();
    });
    const result = await handle.done;
    expect(result.status).toBe('interrupted');
    expect(statuses(result.value)).toEqual(['ok', 'ok', 'INTERRUPTED', 'INTERRUPTED', 'INTERRUPTED', 'INTERRUPTED']);

    const again = new ScriptedProvider(() => 'done');
    const resumed = await (await startRun({ recipe: many(6), provider: again, stateDir, resumeId: result.runId })).done;
    expect(resumed.status).toBe('completed');
    expect(again.calls.map((c) => c.prompt).sort()).toEqual(['task 2', 'task 3', 'task 4', 'task 5']);
  });

  it('abort: calls in flight are aborted', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'mk-abort-'));
    const provider = new ScriptedProvider(() => ({ hang: true }));
    const handle = await startRun({ recipe: many(2), provider, stateDir });
    handle.events.on((e) => {
      if (e.type === 'agent:started' && e.label === 't1') setTimeout(() => handle.abort(), 10);
    });
    const result = await handle.done;
    expect(result.status).toBe('interrupted');
    expect(statuses(result.value)).toEqual(['ABORTED', 'ABORTED']);
  });

  it('an AbortSignal given to startRun cancels the run like a second Ctrl-C', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'mk-signal-'));
    const controller = new AbortController();
    const provider = new ScriptedProvider(() => ({ hang: true }));
    const handle = await startRun({ recipe: many(3), provider, stateDir, concurrency: 1, signal: controller.signal });
    handle.events.on((e) => {
      if (e.type === 'agent:started') setTimeout(() => controller.abort(), 10);
    });
    const result = await handle.done;
    expect(result.status).toBe('interrupted');
    expect(statuses(result.value)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
    expect(provider.calls).toHaveLength(1); // the queued calls never reached the model
  });
});
