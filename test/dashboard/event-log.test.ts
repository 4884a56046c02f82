/**
 * The run's event log (`events.jsonl`): written by the runtime with every event redacted, item stages from the
 * public API, cargo reported as `command:*` events, mode 0600; a log that cannot be written warns once and never
 * stops the run.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineRecipe } from '../../src/recipes/define-recipe.js';
import { registerSecret } from '../../src/redact.js';
import { ScriptedRunner } from '../../src/process/scripted-runner.js';
import { JsonlRunStore } from '../../src/store/jsonl-store.js';
import { readEventLog } from '../../src/store/event-log.js';
import { ScriptedProvider } from '../../src/testing/index.js';
import { cargoBuild } from '../../src/toolchain/index.js';
import { itemFile, itemReview, itemStage } from '../../src/workflow/item-events.js';
import { startRun } from '../../src/workflow/run.js';
import type { WorkflowEvent } from '../../src/workflow/events.js';

const work = mkdtempSync(join(tmpdir(), 'dashboard-events-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const secret = 'sk-ant-eventlogSECRET9876543210abcdef';

const recipe = defineRecipe({
  name: 'staged',
  description: 'reports item stages and runs cargo (scripted)',
  run: async (ctx) =>
    ctx.phase('port', async () => {
      itemStage('a.zig', 'porting');
      itemFile('a.zig', { role: 'source', path: 'a.zig', text: `const key = "${secret}";\n` });
      await ctx.agent('port a.zig', { label: 'port a.zig' });
      itemReview('a.zig', { reviewer: 'behaviour', verdict: 'revise', round: 1, findings: [{ line: 1, problem: 'wrong', evidence: 'see line 1' }] });
      const runner = new ScriptedRunner([{ cmd: 'cargo', result: { code: 0, stdout: '', durationMs: 1234 } }]);
      await cargoBuild(work, { check: true, tests: false, runner, sandbox: false });
      itemStage('a.zig', 'approved');
      return 'ok';
    }),
});

describe('event log', () => {
  it('holds the run events, item stages and cargo commands, redacted, readable by the owner only', async () => {
    registerSecret(secret);
    const store = new JsonlRunStore(join(work, 'state'));
    const handle = await startRun({ recipe, provider: new ScriptedProvider(() => 'done'), stateDir: store.location, store });
    const result = await handle.done;
    expect(result.status).toBe('completed');
    const path = join(store.runDir(handle.runId), 'events.jsonl');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(secret);
    const events = (await store.readEvents(handle.runId)).events as WorkflowEvent[];
    expect(events[0]!.type).toBe('run:started');
    expect(events.at(-1)!.type).toBe('run:finished');
    const mine = events.filter((e) => e.type.startsWith('item:') || e.type.startsWith('command:'));
    expect(mine.map((e) => [e.type, 'stage' in e ? e.stage : 'title' in e ? e.title : e.type === 'item:review' ? e.verdict : e.type === 'item:file' ? e.role : '', (e as { phase?: string }).phase])).toEqual([
      ['item:stage', 'porting', 'port'],
      ['item:file', 'source', 'port'],
      ['item:review', 'revise', 'port'],
      ['command:started', 'cargo check', 'port'],
      ['command:finished', 'cargo check', 'port'],
      ['item:stage', 'approved', 'port'],
    ]);
    const finished = mine.find((e) => e.type === 'command:finished');
    expect(finished).toMatchObject({ code: 0, timedOut: false, durationMs: 1234 });
    expect(mine.find((e) => e.type === 'item:file')).toMatchObject({ text: 'const key = "[REDACTED]";\n' });
  });

  it('a log that cannot be written warns once and the run completes', async () => {
    const store = new JsonlRunStore(join(work, 'state-broken'));
    const seen: WorkflowEvent[] = [];
    const handle = await startRun({ recipe, provider: new ScriptedProvider(() => 'done'), stateDir: store.location, store, onEvent: (e) => seen.push(e) });
    // A directory where the file goes, before the first event is written (the log opens on its first line).
    mkdirSync(join(store.runDir(handle.runId), 'events.jsonl'), { recursive: true });
    const result = await handle.done;
    expect(result.status).toBe('completed');
    const warnings = seen.filter((e) => e.type === 'log' && e.message.includes('event log'));
    expect(warnings).toHaveLength(1);
    expect(seen.some((e) => e.type === 'item:stage' && e.stage === 'approved')).toBe(true);
  });

  it('reads only complete lines and carries on from the offset it returned', async () => {
    const path = join(work, 'partial.jsonl');
    writeFileSync(path, '{"type":"a","at":1}\n{"type":"b"');
    const first = await readEventLog(path);
    expect(first.events).toEqual([{ type: 'a', at: 1 }]);
    appendFileSync(path, ',"at":2}\nnot json\n');
    const second = await readEventLog(path, first.offset);
    expect(second.events).toEqual([{ type: 'b', at: 2 }]);
    expect(await readEventLog(join(work, 'missing.jsonl'))).toEqual({ events: [], offset: 0, exists: false });
  });
});
