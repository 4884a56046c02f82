/** The port phase in-process against a scripted model: parts, the gate's repair loop, revisions by edits, outcomes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexProject } from '../../../src/source/index.js';
import { runWithScript, type ScriptedCall } from '../../../src/testing/index.js';
import { buildLayout } from '../../../recipes/zig-to-rust/layout.js';
import { portAll, type PortEnv, type PortResult } from '../../../recipes/zig-to-rust/port.js';
import { OutputFiles } from '../../../recipes/zig-to-rust/output-files.js';
import { loadPrompts } from '../../../recipes/zig-to-rust/prompts.js';
import { UsageBook } from '../../../recipes/zig-to-rust/usage.js';

const dir = mkdtempSync(join(tmpdir(), 'z2r-port-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ZIG = ['pub fn one() u8 {', '    return 1;', '}', '', 'pub fn two() u8 {', '    return 2;', '}', '', 'test "one is one" {', '    try @import("std").testing.expect(one() == 1);', '}', ''].join('\n');
const ONE = 'pub fn one() -> u8 {\n    1\n}';
const TWO = 'pub fn two() -> u8 {\n    2\n}';
const TEST = '#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn one_is_one() {\n        assert!(one() == 1);\n    }\n}';

function text(call: ScriptedCall): string {
  const content = call.request.messages[0]!.content;
  return typeof content === 'string' ? content : content.map((b) => ('text' in b ? b.text : '')).join('\n');
}
const task = (call: ScriptedCall) => /^Task: (.+)$/m.exec(text(call))?.[1] ?? '';

async function portWith(script: (task: string, prompt: string, call: ScriptedCall) => unknown, options: { chunkLines?: number; reviseRounds?: number } = {}) {
  writeFileSync(join(dir, 'm.zig'), ZIG);
  const { index, items } = await indexProject(dir);
  const prompts = await loadPrompts();
  const recipe = {
    name: 'port-test',
    description: '',
    async run(ctx: any) {
      const env: PortEnv = {
        ctx,
        prompts,
        out: join(dir, 'out'),
        files: new OutputFiles(join(dir, 'out'), 'run-1'),
        crate: 'demo',
        layout: buildLayout(index.files, 'demo'),
        index,
        rows: [],
        wholeMapInPrefix: true,
        usage: new UsageBook(),
        system: 'system',
        prefix: [{ text: 'guide', cache: true }],
        reviseRounds: options.reviseRounds ?? 2,
        gateRetries: 2,
        chunkLines: options.chunkLines ?? 1500,
      };
      return portAll(env, items);
    },
  };
  const run = await runWithScript(recipe, ((call: ScriptedCall) => script(task(call), text(call), call)) as never);
  expect(run.status, run.error?.message).toBe('completed');
  return { result: (run.value as PortResult[])[0]!, tasks: run.provider.calls.map(task) };
}

const approve = { json: { verdict: 'approve', findings: [] } };

describe('port phase', () => {
  it('sends gate findings back to the porter until the port passes (answered with edits), then the behaviour reviewer approves', async () => {
    const prompts: Record<string, string> = {};
    const { result, tasks } = await portWith((t, prompt) => {
      prompts[t] = prompt;
      if (t === 'port m.zig') return { json: { rust_source: `${ONE}\n`, todos: [], confidence: 0.5 } };
      if (t === 'repair port of m.zig (attempt 1)') return { json: { edits: [{ old: ONE, new: `${ONE}\n\n${TWO}\n\n${TEST}` }], todos: ['kept'] } };
      return approve;
    });
    // No struct field, no FFI: the ownership reviewer is skipped, and the report says why.
    expect(tasks).toEqual(['port m.zig', 'repair port of m.zig (attempt 1)', 'review port of m.zig (behaviour, round 1)']);
    expect(prompts['repair port of m.zig (attempt 1)']).toMatch(/Step: repair\n[\s\S]*Zig pub fn two \(line 5\) has no Rust counterpart[\s\S]*test "one is one"/);
    expect(prompts['repair port of m.zig (attempt 1)']).toMatch(/Answer with exact edits[\s\S]*without the line numbers/);
    expect(prompts['port m.zig']).toMatch(/^guide\n# The file m.zig → src\/m.rs[\s\S]*\nTask: port m.zig\nStep: port\nFile: m.zig\nOutput: src\/m.rs$/m);
    expect(result).toMatchObject({ outcome: 'approved', reviewRounds: 1, output: 'src/m.rs', todos: ['kept'] });
    expect(result.reviewers).toEqual([
      { angle: 'behaviour', verdict: 'approve', findings: 0 },
      { angle: 'ownership', verdict: 'skipped', findings: 0, reason: expect.stringMatching(/^no pointer, slice, allocator or optional-pointer fields/) },
    ]);
    expect(readFileSync(join(dir, 'out/src/m.rs'), 'utf8')).toBe(`${ONE}\n\n${TWO}\n\n${TEST}\n`);
  });

  it('ports a long file in parts, revises it with edits (asked again when they cannot be placed), and keeps it unapproved when reviewers never agree', async () => {
    const prompts: Record<string, string> = {};
    const { result, tasks } = await portWith(
      (t, prompt) => {
        prompts[t] = prompt;
        if (t.startsWith('port m.zig (part 1')) return { json: { rust_source: ONE, todos: [], confidence: 0.9 } };
        if (t.startsWith('port m.zig (part 2')) return { json: { rust_source: TWO, todos: [], confidence: 0.7 } };
        if (t.startsWith('port m.zig (part 3')) return { json: { rust_source: TEST, todos: [], confidence: 0.8 } };
        if (t === 'review port of m.zig (behaviour, round 1)') return { json: { verdict: 'revise', findings: [{ line: 6, problem: 'two returns 2?', evidence: 'Zig line 6' }] } };
        if (t === 'revise port of m.zig (round 1)') return { json: { edits: [{ old: '    2\n', new: '    1 + 1\n' }, { old: 'nope', new: '' }] } };
        if (t === 'revise port of m.zig (round 1, edits again)') return { json: { edits: [{ old: '    2\n', new: '    1 + 1\n' }] } };
        if (t.startsWith('review port of m.zig (behaviour')) return { json: { verdict: 'revise', findings: [{ line: 6, problem: 'still', evidence: 'x' }] } };
        return approve;
      },
      { chunkLines: 4, reviseRounds: 1 },
    );
    // Parts go one after the other: each sees the Rust of the parts before it.
    expect(tasks.filter((t) => t.startsWith('port '))).toEqual(['port m.zig (part 1 of 3)', 'port m.zig (part 2 of 3)', 'port m.zig (part 3 of 3)']);
    expect(prompts[tasks.find((t) => t.startsWith('port m.zig (part 2'))!]).toMatch(/this is part 2 \(lines 4-7\)[\s\S]*Do not repeat `use` lines/);
    expect(prompts['revise port of m.zig (round 1)']).toMatch(/Step: revise\n[\s\S]*\[behaviour\] line 6: two returns 2\?[\s\S]*Answer with exact edits/);
    expect(prompts['revise port of m.zig (round 1, edits again)']).toMatch(/could not be applied[\s\S]*old: "nope"[\s\S]*Answer with exact edits/);
    expect(result).toMatchObject({ outcome: 'unapproved', reviewRounds: 2, confidence: 0.7 });
    expect(result.reviewers).toEqual([
      { angle: 'behaviour', verdict: 'revise', findings: 1 },
      { angle: 'ownership', verdict: 'skipped', findings: 0, reason: expect.any(String) },
    ]);
    expect(result.warnings.join('\n')).toMatch(/1 edit\(s\) could not be applied, asked again[\s\S]*not approved after 2 review round/);
    expect(readFileSync(join(dir, 'out/src/m.rs'), 'utf8')).toBe(`${ONE}\n\n${TWO.replace('    2', '    1 + 1')}\n\n${TEST}\n`);
  });

  it('ends a file failed when the porter never answers in the schema, and counts an empty revise as approval', async () => {
    const failed = await portWith((t) => (t === 'port m.zig' ? 'not json' : approve));
    expect(failed.result).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^SCHEMA_INVALID: /) });
    expect(failed.tasks).toEqual(['port m.zig', 'port m.zig', 'port m.zig']);
    const lenient = await portWith((t) => (t === 'port m.zig' ? { json: { rust_source: `${ONE}\n\n${TWO}\n\n${TEST}\n`, todos: [], confidence: 1 } } : t.includes('behaviour') ? { json: { verdict: 'revise', findings: [] } } : approve));
    expect(lenient.result).toMatchObject({ outcome: 'approved', warnings: [expect.stringMatching(/behaviour reviewer asked for a revision with no findings/)] });
  });
});
