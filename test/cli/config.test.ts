import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../src/testing/index.js';
import { runCli } from '../helpers/cli.js';

const RECIPE = "export default { name: 'one', description: 'one call', run: (ctx) => ctx.agent('hi', { label: 'one' }) };\n";

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await startFakeAnthropicServer({ answer: 'hello' });
});
afterAll(() => server.close());

async function project(files: Record<string, string>): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'mk-config-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(cwd, name), text);
  return cwd;
}

type Settings = Record<string, { value: unknown; source: string }>;
async function effective(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ configFile: string | null; settings: Settings }> {
  const result = await runCli(['config', '--json', ...args], { cwd, env });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('config: option > environment > config file > default', () => {
  it('shows each effective value and where it came from', async () => {
    const none = await effective(await project({}));
    expect(none.configFile).toBeNull();
    expect(Object.values(none.settings).every((s) => s.source === 'default')).toBe(true);
    expect(none.settings['budget']!.value).toBe(25);

    const cwd = await project({ 'migrate.config.json': JSON.stringify({ budget: 7, slots: 3, stateDir: 'state', exclude: ['gen/**'], recipePaths: ['team-recipes'] }) });
    const fromFile = await effective(cwd);
    expect(fromFile.configFile).toBe(join(cwd, 'migrate.config.json'));
    expect(fromFile.settings).toMatchObject({
      budget: { value: 7, source: 'migrate.config.json' },
      slots: { value: 3, source: 'migrate.config.json' },
      stateDir: { value: join(cwd, 'state'), source: 'migrate.config.json' },
      exclude: { value: ['gen/**'], source: 'migrate.config.json' },
      recipePaths: { value: [join(cwd, 'team-recipes')], source: 'migrate.config.json' },
      model: { source: 'default' },
    });
    const env = await effective(cwd, [], { MIGRATE_STATE_DIR: 'from-env' });
    expect(env.settings['stateDir']).toEqual({ value: join(cwd, 'from-env'), source: 'MIGRATE_STATE_DIR' });
    const flags = await effective(cwd, ['--budget', '2', '--concurrency', '5', '--state-dir', 'flag-state'], { MIGRATE_STATE_DIR: 'from-env' });
    expect(flags.settings).toMatchObject({ budget: { value: 2, source: '--budget' }, slots: { value: 5, source: '--concurrency' }, stateDir: { value: join(cwd, 'flag-state'), source: '--state-dir' } });

    const text = await runCli(['config'], { cwd });
    expect(text.stdout).toMatch(/budget\s+\$7\s+migrate\.config\.json/);
  });

  it('reads migrate.config.ts (typed, importing migrate-kit) and refuses a bad config with the reason', async () => {
    const ts = await project({ 'migrate.config.ts': "import { defineConfig, type MigrateConfig } from 'migrate-kit';\nconst slots: number = 4;\nexport default defineConfig({ slots, cacheTtl: '1h' } satisfies MigrateConfig);\n" });
    expect((await effective(ts)).settings).toMatchObject({ slots: { value: 4, source: 'migrate.config.ts' }, cacheTtl: { value: '1h', source: 'migrate.config.ts' } });

    const bad = await project({ 'migrate.config.json': JSON.stringify({ slot: 4, budget: -1 }) });
    const result = await runCli(['config'], { cwd: bad });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Config file ${join(bad, 'migrate.config.json')} is not valid:`);
    expect(result.stderr).toContain('"slot": not a setting; the settings are model, slots,');
    expect(result.stderr).toMatch(/budget: Too small/);
  });

  it('a run takes its defaults from the config; options override them; runs and resume find the config state dir', async () => {
    const cwd = await project({ 'recipe.mjs': RECIPE, 'migrate.config.json': JSON.stringify({ budget: 7, slots: 3, stateDir: 'state', model: 'claude-opus-4-5', cacheTtl: '1h' }) });
    const first = await runCli(['run', 'recipe.mjs', '--yes'], { cwd, env: server.env() });
    expect(first.code, first.stderr).toBe(0);
    const runs = JSON.parse((await runCli(['runs', '--json'], { cwd })).stdout) as Array<{ id: string }>;
    expect(runs).toHaveLength(1);
    const info = JSON.parse(await readFile(join(cwd, 'state', 'runs', runs[0]!.id, 'run.json'), 'utf8'));
    expect(info.settings).toEqual({ model: 'claude-opus-4-5', concurrency: 3, maxAgents: 1000, budgetUsd: 7, cacheTtl: '1h' });

    const second = await runCli(['run', 'recipe.mjs', '--yes', '--json', '--budget', '2', '--concurrency', '1'], { cwd, env: server.env() });
    const id = JSON.parse(second.stdout).id as string;
    const settings = JSON.parse(await readFile(join(cwd, 'state', 'runs', id, 'run.json'), 'utf8')).settings;
    expect(settings).toMatchObject({ budgetUsd: 2, concurrency: 1, model: 'claude-opus-4-5' });
    const status = await runCli(['status', id, '--json'], { cwd });
    expect(JSON.parse(status.stdout)).toMatchObject({ id, status: 'completed' });
    const resumed = await runCli(['resume', id, '--yes'], { cwd, env: server.env() });
    expect(resumed.code, resumed.stderr).toBe(0);
  });
});
