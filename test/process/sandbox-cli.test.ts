/** The --sandbox options through the CLI: the run's context gets them, run.json keeps them, and `migrate resume` keeps them too. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'migrate-sandbox-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { ANTHROPIC_API_KEY: 'sk-ant-api03-never-used-0123456789' };

describe('--sandbox through the CLI', () => {
  it('reaches ctx.sandbox, is kept in run.json, and a resume keeps it unless an option overrides it', async () => {
    writeFileSync(join(work, 'recipe.mjs'), "export default { name: 'probe', description: 'reports its sandbox', async run(ctx) { return { sandbox: ctx.sandbox.settings, summary: ctx.sandbox.summary() }; } };\n");
    const state = join(work, 'state');
    const run = await runCli(['run', 'recipe.mjs', '--yes', '--json', '--state-dir', state, '--sandbox', 'off', '--sandbox-cpu', '30', '--sandbox-env', 'SSL_CERT_FILE'], { cwd: work, env });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { id: string; value: { sandbox: unknown; summary: string } };
    expect(result.value.sandbox).toEqual({ mode: 'off', env: ['SSL_CERT_FILE'], cpuSeconds: 30, memoryMb: 8192 });
    expect(result.value.summary).toMatch(/^off \(--sandbox off\): cargo runs unconfined, with the environment allow-list plus SSL_CERT_FILE only$/);
    const info = JSON.parse(readFileSync(join(state, 'runs', result.id, 'run.json'), 'utf8')) as { sandbox: unknown };
    expect(info.sandbox).toEqual({ mode: 'off', env: ['SSL_CERT_FILE'], cpuSeconds: 30, memoryMb: 8192 });

    const resumed = await runCli(['resume', result.id, '--dry-run', '--json', '--state-dir', state, '--sandbox-memory', '1G'], { cwd: work, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const plan = JSON.parse(resumed.stdout) as { settings: { sandbox: { mode: string; settings: unknown } } };
    expect(plan.settings.sandbox.mode).toBe('off');
    expect(plan.settings.sandbox.settings).toEqual({ mode: 'off', env: ['SSL_CERT_FILE'], cpuSeconds: 30, memoryMb: 1024 });
  }, 60_000);

  it('refuses a bad value with the option named (exit 2) and documents the options in --help', async () => {
    const bad = await runCli(['run', 'recipe.mjs', '--yes', '--sandbox', 'sometimes'], { cwd: work, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sandbox expects one of auto, required, off; got "sometimes"/);
    const help = await runCli(['run', '--help'], { cwd: work });
    expect(help.stdout).toMatch(/--sandbox auto\|required\|off/);
    expect(help.stdout).toMatch(/--sandbox-env NAME/);
    expect(help.stdout).toMatch(/--sandbox-cpu SECONDS .*\(default: 1200\)/);
    expect(help.stdout).toMatch(/--sandbox-memory SIZE .*\(default: 8G\)/);
  }, 60_000);
});
