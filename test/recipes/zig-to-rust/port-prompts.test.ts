/**
 * What the port phase's prompts carry (issue 13), against a scripted model: a dependent's port sees its
 * import's Rust API, every source is line-numbered, the file's shared material is one cached block, the
 * ownership reviewer runs only where there is something to check, round 2 sees its findings and a diff,
 * revisions are edits, parts see only their own names, and compile errors go back to the porter first.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexProject } from '../../../src/source/index.js';
import { runWithScript, type ScriptedCall } from '../../../src/testing/index.js';
import type { FieldRow } from '../../../recipes/zig-to-rust/field-map.js';
import { buildLayout } from '../../../recipes/zig-to-rust/layout.js';
import { crateChecker, portAll, type CompileCheck, type PortEnv, type PortResult } from '../../../recipes/zig-to-rust/port.js';
import { OutputFiles } from '../../../recipes/zig-to-rust/output-files.js';
import { loadPrompts } from '../../../recipes/zig-to-rust/prompts.js';
import { UsageBook } from '../../../recipes/zig-to-rust/usage.js';

const root = mkdtempSync(join(tmpdir(), 'z2r-port-prompts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Call {
  task: string;
  prompt: string;
  /** The text of every context block marked cacheable, in order. */
  cached: string[];
}

function blocks(call: ScriptedCall): Array<{ text: string; cache?: unknown }> {
  const content = call.request.messages[0]!.content;
  return typeof content === 'string' ? [{ text: content }] : content.flatMap((b) => ('text' in b ? [{ text: b.text, cache: b.cache }] : []));
}

const text = (call: ScriptedCall): string => blocks(call).map((b) => b.text).join('\n');
const taskOf = (prompt: string): string => /^Task: (.+)$/m.exec(prompt)?.[1] ?? '';

async function portFiles(
  files: Record<string, string>,
  answer: (task: string, prompt: string) => unknown,
  options: { rows?: FieldRow[]; chunkLines?: number; check?: boolean; checker?: CompileCheck } = {},
): Promise<{ results: Map<string, PortResult>; calls: Call[] }> {
  const dir = mkdtempSync(join(root, 'case-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  for (const [path, content] of Object.entries(files)) writeFileSync(join(input, path), content);
  const { index, items } = await indexProject(input);
  const prompts = await loadPrompts();
  const out = join(dir, 'out');
  const layout = buildLayout(index.files, 'demo');
  const recipe = {
    name: 'port-prompts-test',
    description: '',
    async run(ctx: any) {
      const env: PortEnv = {
        ctx,
        prompts,
        out,
        files: new OutputFiles(out, 'run-1'),
        crate: 'demo',
        layout,
        index,
        rows: options.rows ?? [],
        wholeMapInPrefix: true,
        usage: new UsageBook(),
        system: 'system',
        prefix: [{ text: 'guide', cache: true }],
        reviseRounds: 2,
        gateRetries: 2,
        chunkLines: options.chunkLines ?? 1500,
        ...(options.checker !== undefined ? { check: options.checker } : {}),
        ...(options.check === true ? { check: crateChecker({ ctx, out, crate: 'demo', layout, targetDir: join(dir, 'target'), slice: new Set(items.map((i) => i.path)) }) } : {}),
      };
      // Dependents first in the list: the pipeline must still hold them until their imports are ported.
      return portAll(env, [...items].reverse());
    },
  };
  const calls: Call[] = [];
  const run = await runWithScript(recipe, ((call: ScriptedCall) => {
    const prompt = text(call);
    const task = taskOf(prompt);
    calls.push({ task, prompt, cached: blocks(call).filter((b) => b.cache !== undefined).map((b) => b.text) });
    return answer(task, prompt);
  }) as never);
  expect(run.status, run.error?.message).toBe('completed');
  return { results: new Map((run.value as PortResult[]).map((r) => [r.path, r])), calls };
}

const approve = { json: { verdict: 'approve', findings: [] } };
const port = (rust: string) => ({ json: { rust_source: rust, todos: [], confidence: 0.9 } });

const A_ZIG = ['pub const Node = struct {', '    next: ?*Node,', '    value: u8,', '};', '', 'pub fn helper(x: []const u8) !u8 {', '    return x[0];', '}', ''].join('\n');
const A_RS = [
  'pub struct Node {',
  '    pub next: Option<Box<Node>>,',
  '    pub value: u8,',
  '}',
  '',
  '#[derive(Debug)]',
  'pub enum AError {',
  '    Empty,',
  '}',
  '',
  'pub fn helper(x: &[u8]) -> Result<u8, AError> {',
  '    x.first().copied().ok_or(AError::Empty)',
  '}',
  '',
].join('\n');
const B_ZIG = ['const a = @import("a.zig");', '', 'pub fn useIt() !u8 {', '    return a.helper("x");', '}', '', 'test "works" {', '    try @import("std").testing.expect((try useIt()) == \'x\');', '}', ''].join('\n');
const B_RS = [
  'use crate::a;',
  '',
  'pub fn use_it() -> Result<u8, a::AError> {',
  '    a::helper(b"x")',
  '}',
  '',
  '#[cfg(test)]',
  'mod tests {',
  '    use super::*;',
  '    #[test]',
  '    fn works() {',
  "        assert!(use_it().unwrap() == b'x');",
  '    }',
  '}',
  '',
].join('\n');
const ROWS: FieldRow[] = [
  { file: 'a.zig', struct: 'Node', field: 'next', zig_type: '?*Node', class: 'INTRUSIVE', rust_type: 'Option<Box<Node>>', evidence: 'a linked list' },
  { file: 'a.zig', struct: 'Node', field: 'value', zig_type: 'u8', class: 'OWNED', rust_type: 'u8', evidence: 'an integer' },
] as FieldRow[];

const M_ZIG = ['pub fn one() u8 {', '    return 1;', '}', '', 'pub fn two() u8 {', '    return 2;', '}', '', 'test "one is one" {', '    try @import("std").testing.expect(one() == 1);', '}', ''].join('\n');
const M_RS = 'pub fn one() -> u8 {\n    1\n}\n\npub fn two() -> u8 {\n    2\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn one_is_one() {\n        assert!(one() == 1);\n    }\n}\n';

describe('port prompts', () => {
  it("a dependent's port waits for its import and carries the import's Rust signatures; sources are numbered; reviewers share one cached block", async () => {
    const { results, calls } = await portFiles({ 'a.zig': A_ZIG, 'b.zig': B_ZIG }, (task) => (task === 'port a.zig' ? port(A_RS) : task === 'port b.zig' ? port(B_RS) : approve), { rows: ROWS });
    const tasks = calls.map((c) => c.task);
    expect(tasks.indexOf('port b.zig')).toBeGreaterThan(tasks.indexOf('port a.zig'));
    const portB = calls.find((c) => c.task === 'port b.zig')!;
    expect(portB.prompt).toContain('### a.zig: ported to `crate::a`; its Rust public API');
    expect(portB.prompt).toContain('pub fn helper(x: &[u8]) -> Result<u8, AError>;');
    expect(portB.prompt).not.toContain('x.first()'); // signatures, no bodies
    expect(portB.prompt).not.toContain('pub fn helper(x: []const u8)'); // no Zig summary for a ported import
    // The Zig source is line-numbered, in the file's cached block, ahead of the task.
    expect(portB.cached).toHaveLength(2);
    expect(portB.cached[1]).toMatch(/^# The file b\.zig → src\/b\.rs[\s\S]*\n3\| pub fn useIt\(\) !u8 \{/m);
    expect(portB.prompt.indexOf('Task: port b.zig')).toBeGreaterThan(portB.prompt.indexOf('\n3| pub fn useIt'));

    // a.zig has a pointer field: two reviewers, reading the same cached block (numbered Zig and Rust).
    const reviewsA = calls.filter((c) => c.task.startsWith('review port of a.zig'));
    expect(reviewsA.map((c) => c.task).sort()).toEqual(['review port of a.zig (behaviour, round 1)', 'review port of a.zig (ownership, round 1)']);
    expect(reviewsA[0]!.cached[1]).toBe(reviewsA[1]!.cached[1]);
    expect(reviewsA[0]!.cached[1]).toMatch(/\n2\|     next: \?\*Node,[\s\S]*## The current Rust port src\/a\.rs[\s\S]*\n 1\| pub struct Node \{/);
    expect(reviewsA.find((c) => c.task.includes('ownership'))!.prompt).toContain('This file has something to check: pointer, slice or allocator fields (`Node.next: ?*Node`');
    // b.zig declares no field: the behaviour reviewer alone, and the report says why.
    expect(tasks.filter((t) => t.startsWith('review port of b.zig'))).toEqual(['review port of b.zig (behaviour, round 1)']);
    expect(results.get('b.zig')!.reviewers).toEqual([
      { angle: 'behaviour', verdict: 'approve', findings: 0 },
      { angle: 'ownership', verdict: 'skipped', findings: 0, reason: expect.stringMatching(/no pointer, slice, allocator/) },
    ]);
    // The reviewers of b see a's Rust API too.
    expect(calls.find((c) => c.task.startsWith('review port of b.zig'))!.cached[1]).toContain('pub fn helper(x: &[u8]) -> Result<u8, AError>;');
  });

  it("a dependent's port starts once its import passes the gate, without waiting for the import's cargo check", async () => {
    // a.zig's check ends only when b.zig's port has been asked for (or after 5 s, which fails the test).
    let portedB!: () => void;
    const bAsked = new Promise<void>((resolve) => (portedB = resolve));
    const order: string[] = [];
    const checker: CompileCheck = async (zig) => {
      if (zig === 'a.zig') order.push(await Promise.race([bAsked.then(() => 'b asked during the check of a.zig'), new Promise<string>((r) => setTimeout(() => r('the check of a.zig timed out'), 5000))]));
      return { ran: true, errors: [] };
    };
    const { results } = await portFiles({ 'a.zig': A_ZIG, 'b.zig': B_ZIG }, (task) => {
      if (task === 'port b.zig') portedB();
      return task === 'port a.zig' ? port(A_RS) : task === 'port b.zig' ? port(B_RS) : approve;
    }, { rows: ROWS, checker });
    expect(order).toEqual(['b asked during the check of a.zig']);
    expect(results.get('b.zig')!.outcome).toBe('approved');
  });

  it('round 2 of a review shows its findings and a diff since round 1; the revision is answered with edits and keeps todos', async () => {
    const finding = { line: 6, problem: 'two must return 2 through a sum', evidence: 'Zig line 6' };
    const { results, calls } = await portFiles({ 'm.zig': M_ZIG }, (task) => {
      if (task === 'port m.zig') return { json: { rust_source: M_RS, todos: ['first note'], confidence: 0.8 } };
      if (task === 'review port of m.zig (behaviour, round 1)') return { json: { verdict: 'revise', findings: [finding] } };
      if (task === 'revise port of m.zig (round 1)') return { json: { edits: [{ old: '    2\n', new: '    1 + 1\n' }] } };
      return approve;
    });
    expect(calls.map((c) => c.task)).toEqual(['port m.zig', 'review port of m.zig (behaviour, round 1)', 'revise port of m.zig (round 1)', 'review port of m.zig (behaviour, round 2)']);
    const revise = calls[2]!;
    expect(revise.prompt).toMatch(/Step: revise\n[\s\S]*1\. \[behaviour\] line 6: two must return 2 through a sum[\s\S]*## TODO\(port\) notes so far\n\n- first note[\s\S]*Answer with exact edits[\s\S]*without the line numbers/);
    // One reviewer: the reviewer and the revision read the block the port wrote (imports, rows, numbered Zig)
    // from the cache; the numbered Rust, which only that round reads, is in the task.
    expect(calls[1]!.cached[1]).toBe(calls[0]!.cached[1]);
    expect(revise.cached[1]).toBe(calls[0]!.cached[1]);
    expect(revise.cached[1]).not.toContain('## The current Rust port');
    expect(revise.prompt.slice(revise.prompt.indexOf('Task: revise'))).toMatch(/## The current Rust port src\/m\.rs \(line numbers added[\s\S]* 6\|     2\n/);
    expect(calls[1]!.prompt.slice(calls[1]!.prompt.indexOf('Task: review'))).toContain(' 6|     2');
    const round2 = calls[3]!.prompt;
    expect(round2).toMatch(/Your findings in round 1[\s\S]*1\. line 6: two must return 2 through a sum\n   evidence: Zig line 6/);
    expect(round2).toMatch(/```diff\n--- a\/src\/m\.rs\n\+\+\+ b\/src\/m\.rs\n@@ [^\n]+ @@[\s\S]*\n-    2\n\+    1 \+ 1\n/);
    expect(calls[1]!.prompt).not.toContain('Your findings in round');
    expect(results.get('m.zig')).toMatchObject({ outcome: 'approved', reviewRounds: 2, todos: ['first note'] });
    expect(results.get('m.zig')!.rust).toContain('    1 + 1\n');
  });

  it('a part prompt holds only its own names, the shared header, and the Rust items of the parts before it', async () => {
    const parts = ['pub fn one() -> u8 {\n    1\n}', 'pub fn two() -> u8 {\n    2\n}', '#[cfg(test)]\nmod tests_part_3 {\n    use super::*;\n    #[test]\n    fn one_is_one() {\n        assert!(one() == 1);\n    }\n}'];
    const { calls } = await portFiles(
      { 'm.zig': M_ZIG },
      (task) => {
        const part = /^port m\.zig \(part (\d) of 3\)$/.exec(task);
        return part !== null ? port(parts[Number(part[1]) - 1]!) : approve;
      },
      { chunkLines: 4 },
    );
    const [p1, p2, p3] = ['1', '2', '3'].map((i) => calls.find((c) => c.task === `port m.zig (part ${i} of 3)`)!.prompt);
    expect(p1).toContain('fn `one` (line 1)');
    expect(p1).not.toMatch(/fn `two`|one is one/);
    expect(p2).toContain('fn `two` (line 5)');
    expect(p2).not.toMatch(/fn `one` \(line 1\)|one is one/);
    expect(p2).toMatch(/What the earlier parts define[\s\S]*pub fn one\(\) -> u8;/);
    expect(p2).toMatch(/\/\/ migrate-kit chunk 2\/3 of m\.zig[\s\S]*\n5\| pub fn two\(\) u8 \{/);
    expect(p2).not.toContain('return 1;'); // not the whole file
    expect(p3).toMatch(/What the earlier parts define[\s\S]*pub fn one\(\) -> u8;\npub fn two\(\) -> u8;/);
    expect(p3).toContain('test "one is one" (line 9)');
    // Parts go in order.
    expect(calls.slice(0, 3).map((c) => c.task)).toEqual(['port m.zig (part 1 of 3)', 'port m.zig (part 2 of 3)', 'port m.zig (part 3 of 3)']);
  });

  it("gates each part on its own: a part's repair carries only that part's names, Zig and findings, never the whole file", async () => {
    const parts = ['pub fn one() -> u8 {\n    1\n}', 'pub fn too() -> u8 {\n    2\n}', '#[cfg(test)]\nmod tests_part_3 {\n    use super::*;\n    #[test]\n    fn one_is_one() {\n        assert!(one() == 1);\n    }\n}'];
    const { results, calls } = await portFiles(
      { 'm.zig': M_ZIG },
      (task) => {
        const part = /^port m\.zig \(part (\d) of 3\)$/.exec(task);
        if (part !== null) return port(parts[Number(part[1]) - 1]!);
        if (task === 'repair port of m.zig (part 2 of 3, attempt 1)') return { json: { edits: [{ old: 'fn too()', new: 'fn two()' }] } };
        return approve;
      },
      { chunkLines: 4 },
    );
    const repairs = calls.filter((c) => c.task.startsWith('repair'));
    expect(repairs.map((c) => c.task)).toEqual(['repair port of m.zig (part 2 of 3, attempt 1)']);
    const [repair] = repairs;
    expect(repair!.prompt).toMatch(/Part: 2 of 3/);
    expect(repair!.prompt).toMatch(/`two`/); // the finding: part 2's fn is missing
    expect(repair!.prompt).toContain('fn `two` (line 5)');
    expect(repair!.prompt).not.toMatch(/fn `one` \(line 1\)|one is one/); // part 1's and part 3's names are not asked about
    expect(repair!.prompt).toMatch(/\n5\| pub fn two\(\) u8 \{/); // the part's own Zig, numbered as in the file
    expect(repair!.prompt).not.toContain('return 1;'); // not the whole file
    // Part 3 was ported after part 2's repair, and shown its result.
    expect(calls.map((c) => c.task).indexOf('port m.zig (part 3 of 3)')).toBeGreaterThan(calls.map((c) => c.task).indexOf(repair!.task));
    expect(results.get('m.zig')).toMatchObject({ outcome: 'approved' });
    expect(results.get('m.zig')!.rust).toContain('pub fn two() -> u8');
  });

  it('cargo check errors in the new file go back to the porter before any reviewer, who is told the port compiles', { timeout: 180_000 }, async () => {
    const broken = M_RS.replace('    1\n', '    "1"\n');
    const { results, calls } = await portFiles(
      { 'm.zig': M_ZIG },
      (task) => {
        if (task === 'port m.zig') return port(broken);
        if (task === 'repair port of m.zig (compile, attempt 1)') return { json: { edits: [{ old: '    "1"\n', new: '    1\n' }] } };
        return approve;
      },
      { check: true },
    );
    expect(calls.map((c) => c.task)).toEqual(['port m.zig', 'repair port of m.zig (compile, attempt 1)', 'review port of m.zig (behaviour, round 1)']);
    expect(calls[1]!.prompt).toMatch(/Step: repair\n[\s\S]*Reason: compile[\s\S]*`cargo check` of the crate with your port[\s\S]*E0308[\s\S]*## Your port[\s\S]* 2\|     "1"/);
    expect(calls[2]!.prompt).toContain('The port compiles');
    expect(results.get('m.zig')).toMatchObject({ outcome: 'approved', rust: M_RS });
  });
});
