import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { runWithScript } from '../../src/testing/index.js';

const Review = z.object({ verdict: z.enum(['approve', 'revise']), findings: z.array(z.object({ line: z.number().int(), problem: z.string() })) });

describe('agent with a schema', () => {
  it('returns the validated object and sends the JSON Schema to the model', async () => {
    const recipe = defineRecipe({ name: 's', description: '', run: (ctx) => ctx.agent('review this', { label: 'review', schema: Review }) });
    const run = await runWithScript(recipe, () => ({ json: { verdict: 'approve', findings: [] } }));
    expect(run.value).toEqual({ verdict: 'approve', findings: [] });
    const sent = run.provider.calls[0]!.request.outputSchema!;
    expect(sent).toMatchObject({ type: 'object', additionalProperties: false, required: ['verdict', 'findings'] });
  });

  it('retries an invalid answer with the validation error shown to the model', async () => {
    const recipe = defineRecipe({ name: 's', description: '', run: (ctx) => ctx.agent('review this', { label: 'review', schema: Review }) });
    const answers = [{ json: { verdict: 'maybe', findings: [] } }, { text: '```json\n{"verdict":"revise","findings":[{"line":3,"problem":"leak"}]}\n```' }];
    const run = await runWithScript(recipe, (call) => answers[call.index]!);
    expect(run.value).toEqual({ verdict: 'revise', findings: [{ line: 3, problem: 'leak' }] });
    expect(run.provider.calls).toHaveLength(2);
    const retry = run.provider.calls[1]!.request.messages;
    expect(retry.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(retry[2]!.content).toMatch(/does not match the required JSON schema[\s\S]*verdict/);
    expect(run.events.filter((e) => e.type === 'agent:retry')).toHaveLength(1);
  });

  it('fails cleanly after 3 invalid answers, keeping the cost in the journal', async () => {
    const recipe = defineRecipe({ name: 's', description: '', run: (ctx) => ctx.parallel([() => ctx.agent('review this', { schema: Review }), () => ctx.agent('other')]) });
    const run = await runWithScript(recipe, (call) => (call.prompt === 'other' ? 'fine' : 'not json at all'));
    const [bad, good] = run.value as Array<{ status: string; error?: { code: string; message: string } }>;
    expect(bad).toMatchObject({ status: 'failed', error: { code: 'SCHEMA_INVALID' } });
    expect(bad!.error!.message).toMatch(/3 tries.*not valid JSON/);
    expect(good).toMatchObject({ status: 'ok', value: 'fine' });
    expect(run.provider.calls.filter((c) => c.prompt !== 'other')).toHaveLength(3);
    const entries = (await readFile(join(run.dir, 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const failed = entries.find((e) => e.type === 'agent' && e.status === 'failed');
    expect(failed).toMatchObject({ tries: 3, error: { code: 'SCHEMA_INVALID' } });
    // Each of the three paid answers is journaled with its cost (so the budget counts all three).
    const paid = entries.filter((e) => e.type === 'attempt' && e.key === failed.key);
    expect(paid.map((e) => e.answer)).toEqual(['not json at all', 'not json at all', 'not json at all']);
    expect(paid.every((e) => e.costUsd > 0)).toBe(true);
  });

  it('accepts a plain JSON Schema', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] };
    const recipe = defineRecipe({ name: 's', description: '', run: (ctx) => ctx.agent('count', { schema }) });
    const answers = [{ json: { n: 'three' } }, { json: { n: 3 } }];
    const run = await runWithScript(recipe, (call) => answers[call.index]!);
    expect(run.value).toEqual({ n: 3 });
    expect(run.provider.calls[1]!.prompt).toMatch(/\/n must be integer/);
  });

  it('rejects an empty prompt and an unknown model with clear errors, without a request', async () => {
    const recipe = defineRecipe({
      name: 's',
      description: '',
      run: (ctx) => ctx.parallel([() => ctx.agent(''), () => ctx.agent('x', { model: 'gpt-banana' })]),
    });
    const run = await runWithScript(recipe, () => 'never');
    const codes = (run.value as Array<{ error: { code: string } }>).map((o) => o.error.code);
    expect(codes).toEqual(['BAD_INPUT', 'UNKNOWN_MODEL']);
    expect(run.provider.calls).toHaveLength(0);
  });
});
