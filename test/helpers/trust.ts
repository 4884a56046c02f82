/** The trust tests' shared setup: a recipe of N agent calls whose answers go to files, one fake server per test file. */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startFakeAnthropicServer, type FakeAnswer, type FakeAnthropicServer, type FakeRequest } from '../../src/testing/index.js';
import { waitFor, type CliProcess } from './cli.js';

/** N calls; each answer goes into out/<i>.txt as it is, so a replay can be compared byte for byte. `plan()` names the output. */
export const WRITER = `export default {
  name: 'writer',
  description: 'n calls, answers written to files',
  plan: ({ args, cwd }) => ({ facts: [['calls', String(args.n ?? 10)]], phases: [], assumptions: [], outputs: [cwd + '/' + (args.out ?? 'out')] }),
  async run(ctx) {
    const n = Number(ctx.args.n ?? 10);
    const out = ctx.workspace(String(ctx.args.out ?? 'out'));
    const outcomes = await ctx.phase('work', () => ctx.parallel(Array.from({ length: n }, (_, i) => async () => {
      const answer = await ctx.agent('task ' + i, { label: 't' + i });
      await out.write(i + '.txt', answer);
      return answer;
    })));
    return { written: outcomes.filter((o) => o.status === 'ok').length };
  },
};
`;

export interface WriterServer {
  server: FakeAnthropicServer;
  /** What the model answers; reset to `done: <prompt>` before each test. */
  answer: (req: FakeRequest) => FakeAnswer | string;
}

/** Registers the file's hooks: one fake server whose answer each test may set, its requests cleared before each test. */
export function writerServer(): WriterServer {
  const t = { answer: (req: FakeRequest) => `done: ${req.lastUserText}` } as WriterServer;
  beforeAll(async () => {
    t.server = await startFakeAnthropicServer({ answer: (req) => t.answer(req) });
  });
  afterAll(() => t.server.close());
  beforeEach(() => {
    t.server.clearRequests();
    t.answer = (req) => `done: ${req.lastUserText}`;
  });
  return t;
}

export async function project(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'mk-trust-'));
  await writeFile(join(cwd, 'recipe.mjs'), WRITER);
  return cwd;
}

export const prompts = (server: FakeAnthropicServer): string[] =>
  server.messageRequests().map((r) => {
    const content = (r.body as { messages: Array<{ content: string | Array<{ text: string }> }> }).messages[0]!.content;
    return typeof content === 'string' ? content : content.map((b) => b.text).join('');
  });

export async function runId(cwd: string): Promise<string> {
  const ids = await waitFor(async () => {
    const found = await readdir(join(cwd, '.migrate', 'runs')).catch(() => [] as string[]);
    return found.length > 0 ? found : undefined;
  });
  return ids[0]!;
}

export async function journal(cwd: string, id: string): Promise<Array<{ type: string; answer?: string }>> {
  const text = await readFile(join(cwd, '.migrate', 'runs', id, 'journal.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l.endsWith('}')).map((l) => JSON.parse(l) as { type: string; answer?: string });
}

export const answers = async (cwd: string, id: string): Promise<number> => (await journal(cwd, id)).filter((l) => l.type === 'attempt').length;

/** Starts the command and kills it with SIGKILL once `journaled` answers are on disk; returns when the kill was sent. */
export async function killAfter(child: CliProcess, cwd: string, journaled: number): Promise<number> {
  const id = await runId(cwd);
  await waitFor(async () => (await answers(cwd, id)) >= journaled, 30_000, `${journaled} journaled answers`);
  const at = Date.now();
  child.child.kill('SIGKILL');
  await child.done;
  return at;
}

export const noStackTrace = (text: string): void => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
