/** Secrets never reach what migrate-kit writes: the run directory, events, errors. */
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../src/model/anthropic-provider.js';
import { defineRecipe } from '../src/recipes/define-recipe.js';
import { redact, redactedJson, redactValue, registerSecret } from '../src/redact.js';
import { startFakeAnthropicServer, type FakeAnthropicServer, type FakeRequest } from '../src/testing/fake-anthropic-server.js';
import type { WorkflowEvent } from '../src/workflow/events.js';
import { startRun } from '../src/workflow/run.js';
import { readTranscripts } from '../src/store/transcripts.js';

// A key that looks like an Anthropic key, and one that looks like nothing (only registration can catch it).
const PATTERNED_KEY = 'sk-ant-api03-Zq8PuT0pSeCrEt-9f8e7d6c5b4a3210';
const PLAIN_KEY = 'plainkey7f3a9c2e1bd4';
const GITHUB_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

let servers: FakeAnthropicServer[] = [];
let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'mk-secret-src-'));
  await mkdir(join(project, 'src'), { recursive: true });
  await writeFile(join(project, '.env'), `GITHUB_TOKEN=${GITHUB_TOKEN}\n`);
  await writeFile(join(project, 'src', 'a.zig'), 'pub fn a() void {}\n');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('secrets', () => {
  for (const key of [PATTERNED_KEY, PLAIN_KEY]) {
    it(`a grep over the run directory finds no API key after a run (${key === PLAIN_KEY ? 'a key with no known shape' : 'an Anthropic-shaped key'})`, async () => {
      const server = await startFakeAnthropicServer({ apiKey: key });
      servers.push(server);
      server.setAnswer((req: FakeRequest) => {
        if (req.lastUserText.includes('fail')) {
          // A server error that echoes the request's credentials back.
          return { status: 500, error: { type: 'api_error', message: `upstream rejected Authorization: Bearer ${key} (x-api-key: ${key})` } };
        }
        if (req.toolNames.length > 0 && !JSON.stringify(req.body).includes('tool_result')) return { toolUses: [{ name: 'read_file', input: { path: '.env' } }] };
        return `echo: ${req.lastUserText} ${JSON.stringify(req.body).includes(GITHUB_TOKEN) ? 'SAW-TOKEN' : 'no-token'}`;
      });
      const recipe = defineRecipe({
        name: 'leaky',
        description: '',
        run: async (ctx) => {
          ctx.log(`debug: ANTHROPIC_API_KEY=${key} and Authorization: Bearer ${key}`);
          const outcomes = await ctx.parallel([
            () => ctx.agent(`Port this; the config has token ${GITHUB_TOKEN} and key ${key}`, { label: 'echo' }),
            () => ctx.agent('please fail', { label: 'failing' }),
            () => ctx.agent('read the env file', { label: 'tools', tools: ['read_file'], roots: [project] }),
          ]);
          throw new Error(`recipe gave up; outcomes ${JSON.stringify(outcomes.map((o) => o.status))}; key was ${key}`);
        },
      });
      const events: WorkflowEvent[] = [];
      const stateDir = await mkdtemp(join(tmpdir(), 'mk-secret-'));
      const provider = new AnthropicProvider({ apiKey: key, baseURL: server.url, env: {} });
      const handle = await startRun({ recipe, provider, stateDir, retry: { maxTries: 2, baseDelayMs: 5 }, onEvent: (e) => events.push(e) });
      const result = await handle.done;

      expect(result.status).toBe('failed');
      const files = await filesUnder(result.dir);
      expect(files.map((f) => f.slice(result.dir.length + 1)).sort()).toEqual(expect.arrayContaining(['journal.jsonl', 'run.json']));
      expect(await readTranscripts(join(result.dir, 'transcripts'))).toHaveLength(3);
      let redactions = 0;
      // The journal keeps exactly what the model answered (a replay must be identical), readable by its owner only;
      // everything people read is redacted, and so is what the journal says about errors.
      const journalFile = join(result.dir, 'journal.jsonl');
      expect((await stat(journalFile)).mode & 0o777).toBe(0o600);
      const journal = (await readFile(journalFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; label: string; answer?: string });
      expect(journal.find((l) => l.type === 'attempt' && l.label === 'echo')?.answer).toContain(`token ${GITHUB_TOKEN} and key ${key}`);
      expect(JSON.stringify(journal.filter((l) => l.type === 'agent'))).not.toContain(key);
      for (const file of files.filter((f) => f !== journalFile)) {
        const text = await readFile(file, 'utf8');
        expect(text, file).not.toContain(key);
        expect(text, file).not.toContain(GITHUB_TOKEN);
        expect(text, file).not.toMatch(/Bearer\s+(?!\[)/);
        redactions += text.split('[REDACTED]').length - 1 + (text.split('[redacted]').length - 1);
      }
      expect(redactions).toBeGreaterThanOrEqual(3); // the secrets were there, and were replaced
      // The tool read a file holding a token: the model was sent the redacted text.
      expect(server.messageRequests().some((r) => JSON.stringify(r.body).includes(GITHUB_TOKEN) && JSON.stringify(r.body).includes('tool_result'))).toBe(false);

      const everything = JSON.stringify(events) + result.error!.message + JSON.stringify(result.error!.details);
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(GITHUB_TOKEN);
      expect(result.error!.message).toMatch(/recipe gave up.*key was \[REDACTED\]/);
      const failing = events.find((e) => e.type === 'agent:failed');
      expect(failing).toMatchObject({ label: 'failing', error: { code: 'MODEL_SERVER_ERROR' } });
    });
  }
});

describe('redact', () => {
  it('redacts Anthropic and GitHub tokens, credential headers and variables, and registered secrets also inside JSON', () => {
    expect(redact(`key ${PATTERNED_KEY} and ${GITHUB_TOKEN}`)).toBe('key [REDACTED] and [REDACTED]');
    expect(redact('github_pat_11ABCDEFG0123456789_abcdefghijklmnop')).toBe('[REDACTED]');
    expect(redact('Authorization: Bearer abc.def-123456')).toBe('Authorization: Bearer [REDACTED]');
    expect(redact('authorization: Basic dXNlcjpwYXNzd29yZA==')).toBe('authorization: Basic [REDACTED]');
    expect(redact('{"x-api-key":"abcdefgh12345678"}')).toBe('{"x-api-key":"[REDACTED]"}');
    expect(redact('ANTHROPIC_API_KEY=whatever123')).toBe('ANTHROPIC_API_KEY=[REDACTED]');
    registerSecret('quote"in\\key-123');
    expect(redactedJson({ note: 'the key quote"in\\key-123 here' })).toBe('{"note":"the key [REDACTED] here"}');
    // Structural: a pattern never eats JSON escapes, so the text stays valid JSON and other strings stay as they were.
    const answer = { rust_source: 'req.header("x-api-key: abcdefgh12345\\"");', other: 'a "quoted" \\ value' };
    const text = redactedJson(answer);
    expect(JSON.parse(text)).toEqual({ rust_source: 'req.header("x-api-key: [REDACTED]\\"");', other: answer.other });
    expect(redactValue({ list: [`${PATTERNED_KEY}`], n: 1, nested: { ok: true } })).toEqual({ list: ['[REDACTED]'], n: 1, nested: { ok: true } });
    expect(redact('ordinary text, sk-ant- too short')).toBe('ordinary text, sk-ant- too short');
  });
});
