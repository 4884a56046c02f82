import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer, type FakeRequest } from '../../src/testing/index.js';
import { runCli } from '../helpers/cli.js';

const SHOP = fileURLToPath(new URL('../../fixtures/audit/shop', import.meta.url));

/** A TypeScript recipe outside the repository: type annotations, `migrate-kit` and zod with nothing installed, a relative .ts import, a prompt beside it. */
const TS_RECIPE = `import { readFile } from 'node:fs/promises';
import { defineRecipe, loadPromptTemplate, z, type RecipeContext } from 'migrate-kit';
import { greeting } from './helpers.js';

interface Counted { index: number; text: string }

const args = z.object({
  count: z.number().int().min(1).max(5).describe('how many greetings'),
  who: z.string().default('world'),
});

export default defineRecipe({
  name: 'greet',
  description: 'Greets a few times (a TypeScript recipe from anywhere on disk)',
  args,
  async run(ctx: RecipeContext<z.output<typeof args>>): Promise<Counted[]> {
    const prompt = await loadPromptTemplate(new URL('./prompts/greet.md', import.meta.url), { variables: ['greeting', 'index'] });
    const outcomes = await ctx.phase('greet', () =>
      ctx.parallel(Array.from({ length: ctx.args.count }, (_, index: number) => () => ctx.agent(prompt.render({ greeting: greeting(ctx.args.who), index }), { label: 'g' + index }))),
    );
    return outcomes.map((o, index): Counted => ({ index, text: o.status === 'ok' ? o.value : 'failed' }));
  },
});
`;

let server: FakeAnthropicServer;
let prompts: string[];

beforeAll(async () => {
  server = await startFakeAnthropicServer({
    answer: (req: FakeRequest) => {
      prompts.push(req.lastUserText);
      if (!req.wantsSchema) return `ok: ${req.lastUserText}`;
      return { json: 'findings' in ((req.schema?.['properties'] as object) ?? {}) ? { findings: [] } : { verdict: 'refuted', reason: 'n/a' } };
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  prompts = [];
});

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

async function writeTsRecipe(dir: string): Promise<string> {
  await mkdir(join(dir, 'prompts'), { recursive: true });
  await writeFile(join(dir, 'recipe.ts'), TS_RECIPE);
  await writeFile(join(dir, 'helpers.ts'), 'export function greeting(who: string): string {\n  return `Hello, ${who}`;\n}\n');
  await writeFile(join(dir, 'prompts', 'greet.md'), '{{! variables: greeting, index }}\n{{greeting}} (#{{index}})\n');
  return join(dir, 'recipe.ts');
}

describe('recipe customisation on the command line', () => {
  it('eject, then edit a prompt: the edited text reaches the model; a bad edit stops before any request', async () => {
    const cwd = await tempDir('mk-eject-');
    const eject = await runCli(['recipe', 'eject', 'audit'], { cwd });
    expect(eject.code).toBe(0);
    expect(eject.stdout).toContain('Ejected audit (built-in) to migrate-recipes/audit/');
    expect(eject.stdout).toContain('`migrate audit` now runs this copy');
    const promptFile = join(cwd, 'migrate-recipes', 'audit', 'prompts', 'find.md');
    await writeFile(promptFile, (await readFile(promptFile, 'utf8')).replace('Audit this {{kind}}', 'EDITED BY THE USER: audit this {{kind}} named {{name}}'));

    const show = JSON.parse((await runCli(['recipe', 'show', 'audit', '--json'], { cwd })).stdout);
    expect(show).toMatchObject({ name: 'audit', source: 'local', file: join(cwd, 'migrate-recipes', 'audit', 'recipe.ts') });
    expect(show.overrides).toHaveLength(1);
    expect(show.prompts.map((p: { file: string }) => p.file)).toContain(promptFile);

    const run = await runCli(['audit', SHOP, '--rule', 'routes check the session', '--yes', '--exclude', 'app/', '--exclude', 'src/orders.ts'], { cwd, env: server.env() });
    expect(run.stderr).toContain('completed');
    expect(run.code).toBe(0);
    const finds = server.messageRequests().map((r) => JSON.stringify(r.body)).filter((b) => b.includes('EDITED BY THE USER'));
    expect(finds.length).toBe(3); // GET /orders/:id, POST /orders, getSession
    expect(prompts.some((p) => p.includes('EDITED BY THE USER: audit this route handler named GET /orders/:id'))).toBe(true);
    expect(existsSync(join(cwd, 'audit-report.md'))).toBe(true);

    await writeFile(promptFile, 'Audit {{kind}}\nand {{nmae}} please\n');
    prompts = [];
    const bad = await runCli(['audit', SHOP, '--rule', 'r', '--yes'], { cwd, env: server.env() });
    expect(bad.code, bad.stderr).not.toBe(0);
    expect(bad.stderr).toContain(`${promptFile}:2:5: unknown variable {{nmae}}. Did you mean {{name}}?`);
    expect(prompts).toHaveLength(0);

    const again = await runCli(['recipe', 'eject', 'audit'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists and is not empty\. Pass --force/);
  });

  it('runs a .ts recipe with type annotations from a folder outside the repository', async () => {
    const dir = await tempDir('mk-ts-recipe-');
    const file = await writeTsRecipe(dir);
    const run = await runCli(['run', file, '--yes', '--json', '--', '--count', '2', '--who', 'Zig'], { cwd: dir, env: server.env() });
    expect(run.stderr).toContain('completed');
    expect(run.code).toBe(0);
    expect(prompts.sort()).toEqual(['Hello, Zig (#0)', 'Hello, Zig (#1)']);
    expect(JSON.parse(run.stdout).value).toEqual([
      { index: 0, text: 'ok: Hello, Zig (#0)' },
      { index: 1, text: 'ok: Hello, Zig (#1)' },
    ]);
  });

  it('validates typed arguments with clear errors, and shows them in help', async () => {
    const dir = await tempDir('mk-args-');
    const file = await writeTsRecipe(dir);
    const bad = await runCli(['run', file, '--yes', '--', '--count', '9', '--colour', 'red'], { cwd: dir, env: server.env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Recipe "greet" has no option:\n  --colour\nIts options: --count, --who');
    const big = await runCli(['run', file, '--yes', '--', '--count', '9'], { cwd: dir, env: server.env() });
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/--count: Too small|--count: Too big: expected number to be <=5; got 9/);
    const missing = await runCli(['audit', SHOP, '--yes'], { cwd: dir, env: server.env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--rule: required (what to check, in plain words); got nothing');
    expect(prompts).toHaveLength(0);
    expect(existsSync(join(dir, '.migrate'))).toBe(false);

    const help = await runCli(['run', file, '--help'], { cwd: dir });
    expect(help.stdout).toMatch(/--count N\s+how many greetings \(required\)/);
    expect(help.stdout).toMatch(/--who TEXT\s+\(default: "world"\)/);
    const auditHelp = await runCli(['audit', '--help'], { cwd: dir });
    expect(auditHelp.stdout).toMatch(/Usage: migrate audit <input> \[recipe options\] \[run options\]/);
    expect(auditHelp.stdout).toMatch(/--rule TEXT\s+what to check/);
  });

  it('recipe check: type errors with file:line:column and exit 1; a correct recipe passes with its phases', async () => {
    const dir = await tempDir('mk-check-');
    const good = await writeTsRecipe(dir);
    await writeFile(
      join(dir, 'bad.ts'),
      `import { defineRecipe, z } from 'migrate-kit';\n\nexport default defineRecipe({\n  name: 'bad',\n  description: 'wrong option and a schema/result mismatch',\n  async run(ctx) {\n    const r = await ctx.agent('q', { lable: 'x', schema: z.object({ a: z.string() }) });\n    return ctx.phase('use', () => r.b);\n  },\n});\n`,
    );
    const bad = await runCli(['recipe', 'check', 'bad.ts'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("bad.ts:7:38 - error TS2561: Object literal may only specify known properties, but 'lable' does not exist");
    expect(bad.stdout).toContain("bad.ts:8:37 - error TS2339: Property 'b' does not exist on type '{ a: string; }'.");
    expect(bad.stdout).toContain('2 errors: bad.ts');
    const ok = await runCli(['recipe', 'check', good, '--json'], { cwd: dir });
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout);
    expect(result).toMatchObject({ ok: true, errors: [], phases: [{ title: 'greet', line: 18 }] });
    expect(result.files.sort()).toEqual([join(dir, 'helpers.ts'), good]);
    expect(result.prompts).toMatchObject([{ file: join(dir, 'prompts', 'greet.md'), exists: true, declared: ['greeting', 'index'] }]);
  });
});
