import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { byLabel, runWithScript, type ScriptedAnswer } from '../../src/testing/index.js';
import audit from '../../recipes/audit/recipe.js';
import { splitAuditItems } from '../../recipes/audit/work-items.js';

const SHOP = fileURLToPath(new URL('../../fixtures/audit/shop', import.meta.url));
const RULE = 'Every route that reads or changes an order must check the session first.';

const none: ScriptedAnswer = { json: { findings: [] } };
const finding = (line: number, title: string) => ({ json: { findings: [{ line, title, problem: `${title}.`, evidence: `line ${line}`, severity: 'high' }] } });

describe('the audit recipe', () => {
  it('splits a TypeScript project into route handlers and exported functions', () => {
    const { items, files } = splitAuditItems(SHOP);
    expect(files).toBe(4); // the .test.ts file is skipped
    expect(items.map((i) => `${i.kind} ${i.name} ${i.file}:${i.line}`)).toEqual([
      'route GET /api/users/[id] app/api/users/[id]/route.ts:3',
      'function totalOf src/orders.ts:8',
      'function applyDiscount src/orders.ts:13',
      'function loadOrder src/orders.ts:18',
      'function saveOrder src/orders.ts:22',
      'route GET /orders/:id src/server.ts:15',
      'route POST /orders src/server.ts:20',
      'function getSession src/session.ts:1',
    ]);
    const post = items.find((i) => i.name === 'POST /orders')!;
    expect(post.code).toContain("20| app.post('/orders', requireSession, createOrder);");
    expect(post.code).toContain('22| async function createOrder('); // the named handler comes with the route
    expect(splitAuditItems(SHOP, { exclude: ['src/orders.ts', 'app/'] }).items.map((i) => i.name)).toEqual(['GET /orders/:id', 'POST /orders', 'getSession']);
  });

  it('keeps the findings the refuter upholds, drops the refuted one, and writes the report', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'mk-audit-'));
    const run = await runWithScript(
      audit,
      byLabel(
        {
          'find src/server.ts:15 GET /orders/:id': finding(16, 'Order read without a session check'),
          'find src/orders.ts:8 totalOf': finding(10, 'Rounding loses cents'),
          'refute src/server.ts:15 GET /orders/:id #1': { json: { verdict: 'upheld', reason: 'Line 15 registers no session middleware.' } },
          'refute src/orders.ts:8 totalOf #1': { json: { verdict: 'refuted', reason: 'Not a route; outside the rule.' } },
        },
        () => none,
      ),
      { args: { input: SHOP, rule: RULE }, cwd },
    );
    expect(run.status).toBe('completed');
    const labels = run.provider.calls.map((c) => c.request.label);
    expect(labels.filter((l) => l?.startsWith('find '))).toHaveLength(8);
    expect(labels.filter((l) => l?.startsWith('refute ')).sort()).toEqual(['refute src/orders.ts:8 totalOf #1', 'refute src/server.ts:15 GET /orders/:id #1']);
    // The rule is in the shared (cached) context; the item's code is in the prompt.
    const find = run.provider.calls.find((c) => c.request.label === 'find src/server.ts:15 GET /orders/:id')!;
    expect(JSON.stringify(find.request.messages)).toContain(RULE);
    expect(find.prompt).toContain("15| app.get('/orders/:id'");

    const value = run.value as { upheld: number; refuted: number; findings: Array<{ title: string; item: { file: string } }> };
    expect(value).toMatchObject({ upheld: 1, refuted: 1, items: 8, failed: 0 });
    expect(value.findings.map((f) => f.title)).toEqual(['Order read without a session check']);

    const markdown = await readFile(join(cwd, 'audit-report.md'), 'utf8');
    const findings = markdown.slice(markdown.indexOf('## Findings'), markdown.indexOf('## Refuted'));
    expect(findings).toContain('[high] Order read without a session check');
    expect(findings).toContain('`src/server.ts:16`');
    expect(findings).not.toContain('Rounding loses cents');
    expect(markdown).toContain('1 upheld of 2 raised (1 refuted and dropped)');
    const json = JSON.parse(await readFile(join(cwd, 'audit-report.json'), 'utf8'));
    expect(json.findings).toHaveLength(1);
    expect(json.refuted[0]).toMatchObject({ title: 'Rounding loses cents', verdict: 'refuted' });
    // Read-only: nothing was written into the audited project.
    expect((await readdir(SHOP)).sort()).toEqual(['README.md', 'app', 'src']);
  });

  it('plans the run without a model call, and refuses an empty input', async () => {
    const plan = await audit.plan!({ args: { input: SHOP, rule: RULE, exclude: [], out: 'r.md', maxItems: 3, tools: false }, model: 'm', cwd: '/' });
    expect(plan.facts).toContainEqual(['work items', '3 (1 routes)']);
    expect(plan.phases[0]!.agents).toEqual({ low: 3, high: 9 });
    expect(plan.warnings?.[0]).toMatch(/5 work items beyond --max-items 3/);
    const empty = await mkdtemp(join(tmpdir(), 'mk-audit-empty-'));
    expect(() => audit.plan!({ args: { input: empty, rule: RULE, exclude: [], out: 'r.md', maxItems: 3, tools: false }, model: 'm', cwd: '/' })).toThrow(/no route handlers or exported functions/);
  });
});
