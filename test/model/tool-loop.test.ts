/** The confined read-only tools, and the bounded tool loop through the SDK against the fake server. */
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../src/model/anthropic-provider.js';
import { ReadOnlyTools } from '../../src/model/read-only-tools.js';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { startFakeAnthropicServer, type FakeAnthropicServer, type FakeAnswer, type FakeRequest } from '../../src/testing/fake-anthropic-server.js';
import type { WorkflowEvent } from '../../src/workflow/events.js';
import { startRun } from '../../src/workflow/run.js';
import { readTranscripts } from '../../src/store/transcripts.js';
import type { AgentOptions } from '../../src/workflow/types.js';

let base: string;
let root: string;
let server: FakeAnthropicServer;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'mk-tools-'));
  root = join(base, 'project');
  await mkdir(join(root, 'src', 'http'), { recursive: true });
  await mkdir(join(root, '.git'), { recursive: true });
  await mkdir(join(base, 'outside'), { recursive: true });
  await writeFile(join(root, 'src', 'main.zig'), 'const std = @import("std");\npub fn main() void {\n    std.debug.print("hi", .{});\n}\n');
  await writeFile(join(root, 'src', 'http', 'server.zig'), 'pub const Server = struct {\n    port: u16,\n};\n');
  await writeFile(join(root, '.git', 'config'), 'pub fn hidden() void {}\n');
  await writeFile(join(root, 'big.txt'), Array.from({ length: 2000 }, (_, i) => `line ${i + 1} ${'x'.repeat(40)}`).join('\n'));
  await writeFile(join(root, 'blob.bin'), Buffer.from([1, 2, 0, 3]));
  await writeFile(join(base, 'outside', 'secret.txt'), 'the secret outside the roots');
  await symlink(join(base, 'outside', 'secret.txt'), join(root, 'escape.txt'));
  await symlink(join(base, 'outside'), join(root, 'escape-dir'));
  await symlink(join(root, 'src', 'main.zig'), join(root, 'inside-link.zig'));
  server = await startFakeAnthropicServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearRequests();
});

describe('ReadOnlyTools: confined to the roots', () => {
  it('reads an allowed file, lists a directory and greps, with paths relative to the root', async () => {
    const tools = await ReadOnlyTools.open({ roots: [root] });
    expect(tools.specs.map((s) => s.name)).toEqual(['read_file', 'list_dir', 'grep']);
    const read = await tools.run('read_file', { path: 'src/main.zig' });
    expect(read).toEqual({ isError: false, content: expect.stringContaining('pub fn main() void {') });
    expect(read.content.split('\n')[0]).toBe('src/main.zig (lines 1-4 of 4)');
    expect((await tools.run('read_file', { path: 'src/main.zig', start_line: 2, end_line: 2 })).content).toBe('src/main.zig (lines 2-2 of 4)\npub fn main() void {');
    expect((await tools.run('read_file', { path: 'inside-link.zig' })).isError).toBe(false);
    const listing = await tools.run('list_dir', { path: '.' });
    expect(listing.content).toContain('src/');
    expect(listing.content).toMatch(/escape\.txt -> \(a link outside the allowed directories\)/);
    const grep = await tools.run('grep', { pattern: 'pub (fn|const)', glob: '*.zig' });
    expect(grep.content).toContain('src/http/server.zig:1: pub const Server = struct {');
    expect(grep.content).toContain('src/main.zig:2: pub fn main() void {');
    expect(grep.content).not.toContain('.git'); // skipped
    expect(grep.content).not.toContain('secret');
  });

  it('refuses ../, absolute paths like /etc/passwd and symlinks pointing out, as tool errors', async () => {
    const tools = await ReadOnlyTools.open({ roots: [root] });
    const refusals = await Promise.all([
      tools.run('read_file', { path: '../outside/secret.txt' }),
      tools.run('read_file', { path: 'src/../../outside/secret.txt' }),
      tools.run('read_file', { path: '/etc/passwd' }),
      tools.run('read_file', { path: join(base, 'outside', 'secret.txt') }),
      tools.run('read_file', { path: 'escape.txt' }),
      tools.run('read_file', { path: 'escape-dir/secret.txt' }),
      tools.run('list_dir', { path: 'escape-dir' }),
      tools.run('grep', { pattern: 'secret', path: '..' }),
    ]);
    for (const refusal of refusals) {
      expect(refusal.isError).toBe(true);
      expect(refusal.content).toMatch(/^Refused: /);
      expect(refusal.content).not.toContain('the secret');
    }
    expect(refusals[2]!.content).toMatch(/absolute path/);
    expect(refusals[4]!.content).toMatch(/outside the allowed directories/);
  });

  it('reports bad calls as tool errors: unknown tool, missing file, directory, bad regex, binary file', async () => {
    const tools = await ReadOnlyTools.open({ roots: [root] });
    expect(await tools.run('write_file', { path: 'x' })).toMatchObject({ isError: true, content: expect.stringMatching(/Unknown tool "write_file"/) });
    expect(await tools.run('read_file', { path: 'nope.zig' })).toMatchObject({ isError: true, content: 'Not found: "nope.zig".' });
    expect(await tools.run('read_file', { path: 'src' })).toMatchObject({ isError: true, content: expect.stringMatching(/is a directory/) });
    expect(await tools.run('grep', { pattern: '(' })).toMatchObject({ isError: true, content: expect.stringMatching(/not a valid regular expression/) });
    expect(await tools.run('read_file', 'src/main.zig')).toMatchObject({ isError: true });
    expect(await tools.run('read_file', { path: 'blob.bin' })).toMatchObject({ isError: false, content: expect.stringMatching(/binary file/) });
  });

  it('cuts long results at the byte limit with a note, and stops after the total budget', async () => {
    const tools = await ReadOnlyTools.open({ roots: [root], maxResultBytes: 2048, maxTotalBytes: 5000 });
    const big = await tools.run('read_file', { path: 'big.txt' });
    expect(Buffer.byteLength(big.content)).toBeLessThanOrEqual(2048);
    expect(big.content).toMatch(/\[… cut at line (\d+) of 2000: ask for start_line=\d+ to see more\.\]$/);
    await tools.run('read_file', { path: 'big.txt', start_line: 100 });
    await tools.run('read_file', { path: 'big.txt', start_line: 200 });
    expect(await tools.run('read_file', { path: 'src/main.zig' })).toMatchObject({ isError: true, content: expect.stringMatching(/budget of this agent \(5000 bytes\) is used up/) });
  });

  it('names several roots, and refuses a root that does not exist', async () => {
    const tools = await ReadOnlyTools.open({ roots: [join(root, 'src'), join(base, 'outside')] });
    expect((await tools.run('list_dir', {})).content).toBe('. (the roots)\nsrc/\noutside/');
    expect((await tools.run('read_file', { path: 'outside/secret.txt' })).content).toContain('the secret outside the roots');
    expect((await tools.run('read_file', { path: 'main.zig' })).content).toMatch(/Paths start with a root name: src, outside/);
    await expect(ReadOnlyTools.open({ roots: [join(base, 'missing')] })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

type Msg = { role: string; content: string | Array<{ type: string; text?: string; content?: string; is_error?: boolean; cache_control?: unknown }> };
const messagesOf = (req: FakeRequest) => (req.body['messages'] as Msg[]) ?? [];
const toolResults = (req: FakeRequest) => messagesOf(req).flatMap((m) => (typeof m.content === 'string' ? [] : m.content.filter((b) => b.type === 'tool_result')));

describe('the tool loop through the SDK', () => {
  async function run(answer: (req: FakeRequest) => FakeAnswer, agent: Omit<AgentOptions, 'schema'> = {}, stateDir?: string) {
    server.setAnswer(answer);
    const events: WorkflowEvent[] = [];
    const recipe = defineRecipe({ name: 'tools', description: '', run: (ctx) => ctx.agent('Summarise main.zig', { label: 'reader', tools: ['read_file', 'list_dir', 'grep'], roots: [root], ...agent }) });
    const provider = new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {} });
    const handle = await startRun({ recipe, provider, stateDir: stateDir ?? (await mkdtemp(join(tmpdir(), 'mk-loop-'))), onEvent: (e) => events.push(e) });
    return { result: await handle.done, events };
  }

  it('reads an allowed file, is refused ../ and /etc/passwd and a symlink escape as tool errors, then answers', async () => {
    const { result, events } = await run((req) => {
      if (toolResults(req).length === 0) {
        return {
          toolUses: [
            { name: 'read_file', input: { path: 'src/main.zig' } },
            { name: 'read_file', input: { path: '../outside/secret.txt' } },
            { name: 'read_file', input: { path: '/etc/passwd' } },
            { name: 'read_file', input: { path: 'escape.txt' } },
          ],
        };
      }
      const results = toolResults(req);
      return `main prints hi; ${results.filter((r) => r.is_error).length} refused`;
    });
    expect(result.status).toBe('completed');
    expect(result.value).toBe('main prints hi; 3 refused');
    const [first, second] = server.messageRequests().map((r) => r.body as Record<string, unknown>);
    expect((first!['tools'] as Array<{ name: string }>).map((t) => t.name)).toEqual(['read_file', 'list_dir', 'grep']);
    const results = (second!['messages'] as Msg[])[2]!.content as Array<{ content: string; is_error?: boolean; cache_control?: unknown }>;
    expect(results[0]!.content).toContain('std.debug.print("hi"');
    expect(results.slice(1).map((r) => r.is_error)).toEqual([true, true, true]);
    expect(JSON.stringify(second)).not.toContain('the secret outside the roots');
    expect(results.at(-1)!.cache_control).toEqual({ type: 'ephemeral', ttl: '5m' }); // the moving breakpoint
    expect(events.filter((e) => e.type === 'agent:tool').map((e) => (e as { isError: boolean }).isError)).toEqual([false, true, true, true]);
    const [transcript] = await readTranscripts(join(result.dir, 'transcripts'));
    expect(transcript!.toolCalls).toHaveLength(4);
  });

  it('bounds the turns: the last one is sent with tool_choice none, and a model that still asks fails the agent clearly', async () => {
    const { result } = await run(() => ({ toolUses: [{ name: 'list_dir', input: { path: '.' } }] }), { maxTurns: 3 });
    const log = server.messageRequests().map((r) => r.body as Record<string, unknown>);
    expect(log).toHaveLength(3);
    expect(log.map((b) => (b['tool_choice'] as { type: string } | undefined)?.type ?? 'auto')).toEqual(['auto', 'auto', 'none']);
    expect(JSON.stringify((log[2]!['messages'] as Msg[]).at(-1))).toContain('You have used all your tool turns');
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'TOOL_LOOP_LIMIT' });
    expect(result.error?.message).toMatch(/maxTurns 3/);
  });

  it('puts tools and roots in the content key', async () => {
    const answer = (req: FakeRequest): FakeAnswer => (toolResults(req).length === 0 ? { toolUses: [{ name: 'list_dir', input: {} }] } : 'listed');
    const first = await run(answer);
    const stateDir = join(first.result.dir, '..', '..');
    server.clearRequests();
    const replay = await (await startRun({ recipe: defineRecipe({ name: 'tools', description: '', run: (ctx) => ctx.agent('Summarise main.zig', { label: 'reader', tools: ['read_file', 'list_dir', 'grep'], roots: [root] }) }), provider: new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {} }), stateDir, resumeId: first.result.runId })).done;
    expect(replay.totals.replayed).toBe(1);
    expect(server.messageRequests()).toHaveLength(0);
    const otherRoots = await (await startRun({ recipe: defineRecipe({ name: 'tools', description: '', run: (ctx) => ctx.agent('Summarise main.zig', { label: 'reader', tools: ['read_file', 'list_dir', 'grep'], roots: [join(root, 'src')] }) }), provider: new AnthropicProvider({ apiKey: server.apiKey, baseURL: server.url, env: {} }), stateDir, resumeId: first.result.runId })).done;
    expect(otherRoots.totals.replayed).toBe(0);
    expect(server.messageRequests().length).toBeGreaterThan(0);
  });

  it('refuses bad tool options before any request', async () => {
    const { result } = await run(() => 'x', { roots: [] });
    expect(result.error).toMatchObject({ code: 'BAD_INPUT' });
    expect(result.error?.message).toMatch(/needs `roots`/);
    const missing = await run(() => 'x', { roots: [join(base, 'missing')] });
    expect(missing.result.error?.message).toMatch(/not a readable directory/);
    expect(server.messageRequests()).toHaveLength(0);
  });
});
