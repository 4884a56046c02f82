/** The dashboard's server without a browser: the token, the state as the run's files grow, SSE, finished runs, redaction. */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardServer } from '../../src/cli/dashboard/dashboard-server.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { registerSecret } from '../../src/redact.js';
import { JsonlRunStore } from '../../src/store/jsonl-store.js';
import type { Lock } from '../../src/store/lock.js';
import { RUN_INFO_VERSION, type RunInfo } from '../../src/store/run-info.js';

const work = mkdtempSync(join(tmpdir(), 'dashboard-server-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let store: JsonlRunStore;
let lock: Lock | undefined;
let dashboard: DashboardServer | undefined;
let n = 0;
const runId = 'r1';

function info(patch: Partial<RunInfo> = {}): RunInfo {
  const now = new Date().toISOString();
  return {
    version: RUN_INFO_VERSION,
    id: runId,
    recipe: 'zig-to-rust',
    args: {},
    status: 'running',
    startedAt: now,
    updatedAt: now,
    sessions: 1,
    pid: process.pid,
    settings: { model: 'claude-sonnet-5-5', concurrency: 4, maxAgents: 100, budgetUsd: 5 },
    totals: { agents: 0, replayed: 0, failed: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 },
    ...patch,
  };
}

const events = (): string => join(store.runDir(runId), 'events.jsonl');
const at = (): number => 1_800_000_000_000 + ++n * 1000;
function append(...list: object[]): void {
  appendFileSync(events(), list.map((e) => `${JSON.stringify({ at: at(), ...e })}\n`).join(''));
}

beforeEach(async () => {
  store = new JsonlRunStore(join(work, `state-${++n}`));
  lock = await store.lock(runId, 'test run'); // a live holder: the run reads as running
  await store.writeInfo(info());
  writeFileSync(events(), '');
});
afterEach(async () => {
  await dashboard?.close();
  dashboard = undefined;
  await lock?.release();
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads SSE `state` events from the stream, one at a time. */
async function openStream(url: string): Promise<{ next(until: (state: any) => boolean): Promise<any>; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(until) {
      const deadline = Date.now() + 5000;
      for (;;) {
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: state') && data) {
            const state = JSON.parse(data.slice(6));
            if (until(state)) return state;
          }
        }
        if (Date.now() > deadline) throw new Error('no matching state event within 5 s');
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

describe('dashboard server', () => {
  it('listens on 127.0.0.1 only and answers 403 without the token, a wrong token or a foreign Host', async () => {
    dashboard = await startDashboard({ store, runId, pollMs: 50 });
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    const base = `http://127.0.0.1:${dashboard.port}`;
    for (const path of ['/', '/app.js', '/api/state', '/api/events', '/api/item?path=a.zig']) {
      expect((await get(`${base}${path}`)).status, path).toBe(403);
      expect((await get(`${base}${path}${path.includes('?') ? '&' : '?'}token=${'0'.repeat(48)}`)).status, path).toBe(403);
    }
    // DNS rebinding: the right token, but a page of another site whose name resolves here.
    expect((await get(`${base}/api/state?token=${dashboard.token}`, { Host: `evil.example:${dashboard.port}` })).status).toBe(403);
    const page = await get(dashboard.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`app.js?token=${dashboard.token}`);
    expect(page.body).not.toMatch(/https?:\/\//); // nothing from the network
    const script = await get(`${base}/app.js?token=${dashboard.token}`);
    expect(script.status).toBe(200);
    expect(script.body).toContain('EventSource');
  });

  it('pushes the state over SSE as the event log grows (a torn last line waits for its end)', async () => {
    append({ type: 'run:started', runId, recipe: 'zig-to-rust', resumed: false, journaled: 0 }, { type: 'phase:started', phase: 'port' });
    dashboard = await startDashboard({ store, runId, pollMs: 50 });
    const stream = await openStream(`http://127.0.0.1:${dashboard.port}/api/events?token=${dashboard.token}`);
    try {
      const first = await stream.next(() => true);
      expect(first.run).toMatchObject({ id: runId, status: 'running', budgetUsd: 5 });
      expect(first.phases.map((p: { title: string }) => p.title)).toEqual(['port']);
      expect(first.items).toEqual([]);

      append(
        { type: 'item:stage', phase: 'port', item: 'a.zig', stage: 'queued' },
        { type: 'item:stage', phase: 'port', item: 'a.zig', stage: 'review', round: 1 },
        { type: 'agent:queued', id: 'p#1', label: 'port a.zig', phase: 'port' },
        { type: 'agent:started', id: 'p#1', label: 'port a.zig', phase: 'port', model: 'claude-sonnet-5-5' },
        { type: 'agent:usage', id: 'p#1', label: 'port a.zig', phase: 'port', model: 'claude-sonnet-5-5', usage: { inputTokens: 100, outputTokens: 50, cacheReadTokens: 10, cacheWriteTokens: 5 }, costUsd: 0.25 },
      );
      const second = await stream.next((s) => s.items.length === 1);
      expect(second.items[0]).toMatchObject({ path: 'a.zig', stage: 'review', round: 1 });
      expect(second.agents).toMatchObject([{ label: 'port a.zig', model: 'claude-sonnet-5-5', tokens: 165 }]);
      expect(second.series).toMatchObject([{ usd: 0.25, input: 100, output: 50, cacheRead: 10, cacheWrite: 5 }]);
      expect(second.phases[0]).toMatchObject({ title: 'port', agents: 1, costUsd: 0.25 });

      // Half a line: not applied; its end arrives: applied.
      const line = JSON.stringify({ at: at(), type: 'item:stage', phase: 'port', item: 'a.zig', stage: 'approved' });
      appendFileSync(events(), line.slice(0, 20));
      await new Promise((r) => setTimeout(r, 200));
      const state = (await (await fetch(`http://127.0.0.1:${dashboard.port}/api/state?token=${dashboard.token}`)).json()) as { items: Array<{ stage: string }> };
      expect(state.items[0]!.stage).toBe('review');
      appendFileSync(events(), `${line.slice(20)}\n`);
      const third = await stream.next((s) => s.items[0]?.stage === 'approved');
      expect(third.items[0].stage).toBe('approved');
    } finally {
      stream.close();
    }
  });

  it('serves a file: its source, output versions with the diff between them, and reviews on the version they read', async () => {
    append(
      { type: 'item:file', phase: 'port', item: 'a.zig', role: 'source', path: 'a.zig', text: 'const a = 1;\n' },
      { type: 'item:file', phase: 'port', item: 'a.zig', role: 'output', path: 'src/a.rs', text: 'fn a() -> i32 {\n    2\n}\n', todos: 1 },
      { type: 'item:review', phase: 'port', item: 'a.zig', reviewer: 'behaviour', verdict: 'revise', round: 1, findings: [{ line: 2, problem: 'returns 2, the Zig has 1', evidence: 'a.zig line 1' }] },
      { type: 'item:file', phase: 'port', item: 'a.zig', role: 'output', path: 'src/a.rs', text: 'fn a() -> i32 {\n    1\n}\n', todos: 0 },
      { type: 'item:review', phase: 'port', item: 'a.zig', reviewer: 'behaviour', verdict: 'approve', round: 2, findings: [] },
    );
    dashboard = await startDashboard({ store, runId, pollMs: 50 });
    const res = await fetch(`http://127.0.0.1:${dashboard.port}/api/item?path=a.zig&token=${dashboard.token}`);
    const detail = (await res.json()) as any;
    expect(detail.source).toEqual({ path: 'a.zig', text: 'const a = 1;\n' });
    expect(detail.versions).toHaveLength(2);
    expect(detail.reviews.map((r: any) => [r.round, r.version, r.findings.length])).toEqual([
      [1, 0, 1],
      [2, 1, 0],
    ]);
    expect(detail.diffs[1]).toContain('-    2\n+    1');
    const state = (await (await fetch(`http://127.0.0.1:${dashboard.port}/api/state?token=${dashboard.token}`)).json()) as any;
    expect(state.items[0]).toMatchObject({ path: 'a.zig', todos: 0, versions: 2, verdicts: [{ reviewer: 'behaviour', verdict: 'approve', round: 2, findings: 0 }] });
    expect((await fetch(`http://127.0.0.1:${dashboard.port}/api/item?path=b.zig&token=${dashboard.token}`)).status).toBe(404);
  });

  it('serves a finished run: the outcome and every file from its report, the fix loop by round, failed calls, nothing secret', async () => {
    const secret = 'sk-ant-dashboardtestSECRET0123456789';
    registerSecret(secret);
    const reportPath = join(work, `report-${n}.json`);
    writeFileSync(
      reportPath,
      JSON.stringify({
        version: 1,
        recipe: 'zig-to-rust',
        runId,
        generatedAt: new Date().toISOString(),
        items: [
          { path: 'a.zig', outcome: 'approved', reviewers: [{ angle: 'behaviour', verdict: 'approve', findings: 0 }], reviewRounds: 1, todos: [{ line: 3, text: 'TODO(port): x' }], tokens: {}, costUsd: 0 },
          { path: 'bad.zig', outcome: 'skipped', error: 'SOURCE_PARSE: not Zig', todos: [], tokens: {}, costUsd: 0 },
        ],
        warnings: [`a warning that quotes ${secret}`],
      }),
    );
    append(
      { type: 'item:stage', phase: 'fix loop', item: 'a.zig', stage: 'fix', round: 1, detail: 'build: 2 error(s)' },
      { type: 'item:stage', phase: 'fix loop', item: 'c.zig', stage: 'fix', round: 1, detail: 'build: 1 error(s)' },
      { type: 'item:stage', phase: 'fix loop', item: 'c.zig', stage: 'fix', round: 2, detail: 'build: 1 error(s)' },
      { type: 'agent:started', id: 'f#1', label: 'fix c', phase: 'fix loop', model: 'm' },
      { type: 'agent:backoff', id: 'f#1', label: 'fix c', phase: 'fix loop', attempt: 2, maxTries: 6, waitMs: 10, error: { code: 'MODEL_OVERLOADED', message: '529 overloaded' } },
      { type: 'agent:failed', id: 'f#1', label: 'fix c', phase: 'fix loop', started: true, error: { code: 'MODEL_OVERLOADED', message: `gave up after 6 tries (${secret})` } },
    );
    await store.writeInfo(info({ status: 'completed', finishedAt: new Date().toISOString(), outcome: { ok: true, summary: 'builds, 3/3 tests' }, result: { report: reportPath } }));
    dashboard = await startDashboard({ store, runId, pollMs: 50 });
    const text = await (await fetch(`http://127.0.0.1:${dashboard.port}/api/state?token=${dashboard.token}`)).text();
    expect(text).not.toContain(secret);
    const state = JSON.parse(text);
    expect(state.ended).toBe(true);
    expect(state.run).toMatchObject({ status: 'completed', outcome: { ok: true, summary: 'builds, 3/3 tests' } });
    expect(state.items.map((i: any) => [i.path, i.stage, i.todos])).toEqual([
      ['a.zig', 'approved', 1],
      ['bad.zig', 'skipped', 0],
      ['c.zig', 'fix', 0],
    ]);
    expect(state.fixRounds).toEqual([
      { loop: 'build', round: 1, files: [{ item: 'a.zig', detail: 'build: 2 error(s)' }, { item: 'c.zig', detail: 'build: 1 error(s)' }], cleared: ['a.zig'] },
      { loop: 'build', round: 2, files: [{ item: 'c.zig', detail: 'build: 1 error(s)' }], cleared: [] },
    ]);
    expect(state.failed).toHaveLength(1);
    expect(state.failed[0]).toMatchObject({ label: 'fix c', code: 'MODEL_OVERLOADED' });
    expect(state.failed[0].message).toContain('last request: MODEL_OVERLOADED: 529 overloaded');
    expect(state.warnings.map((w: any) => w.message)).toContain('a warning that quotes [REDACTED]');
  });

  it('migrate dashboard prints the URL and serves until interrupted; a bad --port or an unknown run is exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), interactive: false, ask: async () => '', env: {}, cwd: work };
    let interrupt: (() => void) | undefined;
    const code = main(['dashboard', runId, '--state-dir', store.location], io, { onInterrupt: (handler) => ((interrupt = handler), () => undefined) });
    const deadline = Date.now() + 10_000;
    while (out.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(out[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    expect((await fetch(out[0]!)).status).toBe(200);
    interrupt!();
    expect(await code).toBe(0);
    await expect(fetch(out[0]!)).rejects.toThrow(); // stopped
    expect(await main(['dashboard', '--last', '--port', 'http', '--state-dir', store.location], io)).toBe(2);
    expect(err.at(-1)).toContain('--port expects a port number');
    expect(await main(['dashboard', 'nope', '--state-dir', store.location], io)).toBe(2);
    expect(err.at(-1)).toContain('No run "nope"');
  });

  it('refuses an unknown run before serving anything', async () => {
    await expect(startDashboard({ store, runId: 'nope' })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
});
