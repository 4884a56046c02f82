/**
 * One field map (issue 13, item 5) in-process against a scripted model: batches see the rows already decided
 * for related structs of other files, reconcile asks only about disagreeing groups, two refuters challenge
 * UNKNOWN and low-confidence rows (two votes overturn), the share caps them, uses are found through imports,
 * usingnamespace containers are asked, max_tokens follows the batch, and prompts carry the module layout.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexProject } from '../../../src/source/index.js';
import { runWithScript, ZigToRustGoldenModel, type ScriptedCall } from '../../../src/testing/index.js';
import { fieldMapMaxTokens, mapFields, planFieldMap, plannedChecks, type FieldRow } from '../../../recipes/zig-to-rust/field-map.js';
import { relatedStructs, selfType, structInfos, structKey } from '../../../recipes/zig-to-rust/field-groups.js';
import { extraAgentCap } from '../../../recipes/zig-to-rust/field-reconcile.js';
import { usesThroughImports } from '../../../recipes/zig-to-rust/field-uses.js';
import { buildLayout } from '../../../recipes/zig-to-rust/layout.js';
import { OutputFiles } from '../../../recipes/zig-to-rust/output-files.js';
import { loadPrompts } from '../../../recipes/zig-to-rust/prompts.js';
import { UsageBook } from '../../../recipes/zig-to-rust/usage.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/zig-to-rust');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function write(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'z2r-fmap-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'src', name)), { recursive: true });
    writeFileSync(join(dir, 'src', name), text);
  }
  return dir;
}

function text(call: ScriptedCall): string {
  const content = call.request.messages[0]!.content;
  return typeof content === 'string' ? content : content.map((b) => ('text' in b ? b.text : '')).join('\n');
}
const task = (call: ScriptedCall): string => /^Task: (.+)$/m.exec(text(call))?.[1] ?? '';
const step = (call: ScriptedCall): string => /^Step: (.+)$/m.exec(text(call))?.[1] ?? '';

type Row = Omit<FieldRow, 'file'>;
const row = (struct: string, field: string, zig_type: string, cls: FieldRow['class'], rust_type: string, confidence?: number): Row => ({
  struct,
  field,
  zig_type,
  class: cls,
  rust_type,
  evidence: `${struct}.${field} evidence`,
  ...(confidence !== undefined ? { confidence } : {}),
});

async function mapWith(dir: string, script: (call: ScriptedCall) => unknown, options: { share?: number; portedFiles?: number; batchSize?: number; resume?: { stateDir: string; runId: string } } = {}) {
  const { index, items } = await indexProject(join(dir, 'src'));
  const prompts = await loadPrompts();
  const out = join(dir, 'out');
  const recipe = {
    name: 'field-map-test',
    description: '',
    async run(ctx: any) {
      return mapFields({
        ctx,
        prompts,
        out,
        files: new OutputFiles(out, ctx.runId),
        index,
        items,
        batchSize: options.batchSize ?? 60,
        usage: new UsageBook(),
        layout: buildLayout(index.files, 'demo'),
        share: options.share ?? 0.25,
        portedFiles: options.portedFiles ?? 100,
      });
    },
  };
  mkdirSync(out, { recursive: true });
  const run = await runWithScript(recipe, script as never, options.resume === undefined ? {} : { stateDir: options.resume.stateDir, resumeId: options.resume.runId });
  expect(run.status, run.error?.message).toBe('completed');
  const value = run.value as { rows: FieldRow[]; warnings: string[] };
  return { ...value, calls: run.provider.calls, index, items, run };
}

// Three files with the same linked node (two named Node, one Tree of the same shape), and an unrelated file.
const NODES = {
  'one.zig': 'pub const Node = struct {\n    next: ?*Node,\n    data: []const u8,\n};\n',
  'two.zig': 'pub const Node = struct {\n    next: ?*Node,\n    data: []const u8,\n};\n',
  'three.zig': 'pub const Tree = struct {\n    next: ?*Tree,\n    data: []const u8,\n};\n',
  'other.zig': 'pub const Config = struct {\n    name: []const u8,\n    path: []const u8,\n};\n',
};

function nodeScript(prompts: Record<string, string>) {
  return (call: ScriptedCall) => {
    const t = task(call);
    prompts[t] = text(call);
    switch (t) {
      case 'map fields of one.zig':
        return { json: { fields: [row('Node', 'next', '?*Node', 'INTRUSIVE', 'Option<NodeId>', 0.9), row('Node', 'data', '[]const u8', 'BORROW_PARAM', "&'a [u8]", 0.9)] } };
      case 'map fields of two.zig':
        return { json: { fields: [row('Node', 'next', '?*Node', 'OWNED', 'Option<Box<Node>>', 0.8), row('Node', 'data', '[]const u8', 'BORROW_PARAM', "&'a [u8]", 0.9)] } };
      case 'map fields of three.zig':
        return { json: { fields: [row('Tree', 'next', '?*Tree', 'INTRUSIVE', 'Option<TreeId>', 0.9), row('Tree', 'data', '[]const u8', 'BORROW_PARAM', "&'a [u8]", 0.9)] } };
      case 'map fields of other.zig':
        return { json: { fields: [row('Config', 'name', '[]const u8', 'UNKNOWN', ''), row('Config', 'path', '[]const u8', 'STATIC', "&'static str", 0.3)] } };
    }
    if (step(call) === 'reconcile-fields') {
      const shown = [...text(call).matchAll(/^- file (\S+), struct (\S+), field (\S+?):/gm)];
      return { json: { fields: shown.map(([, file, struct, field]) => ({ file, struct, field, class: 'HANDLE', rust_type: 'Option<usize>', evidence: 'one design: indices into the owning list', confidence: 0.8 })) } };
    }
    if (t === 'refute field map of other.zig (refuter 1 of 2)') {
      return { json: { votes: [{ struct: 'Config', field: 'name', verdict: 'overturn', class: 'OWNED', rust_type: 'String', evidence: 'duped in init' }, { struct: 'Config', field: 'path', verdict: 'keep', class: 'STATIC', rust_type: "&'static str", evidence: '' }] } };
    }
    if (t === 'refute field map of other.zig (refuter 2 of 2)') {
      return { json: { votes: [{ struct: 'Config', field: 'name', verdict: 'overturn', class: 'OWNED', rust_type: 'String', evidence: 'freed in deinit' }, { struct: 'Config', field: 'path', verdict: 'overturn', class: 'OWNED', rust_type: 'String', evidence: 'maybe duped' }] } };
    }
    throw new Error(`unexpected task ${t}`);
  };
}

describe('one field map', () => {
  it('shows a batch the rows already decided for a same-named or same-shaped struct of another file', async () => {
    const prompts: Record<string, string> = {};
    await mapWith(write(NODES), nodeScript(prompts));
    const two = prompts['map fields of two.zig']!;
    const related = two.slice(two.indexOf('## Rows already decided'), two.indexOf('## The file two.zig'));
    expect(related).toContain('one.zig Node.next: `?*Node` → INTRUSIVE `Option<NodeId>`');
    expect(related).toContain('three.zig Tree.next: `?*Tree` → INTRUSIVE `Option<TreeId>`'); // same shape, another name
    expect(related).not.toContain('Config');
    const first = prompts['map fields of one.zig']!;
    expect(first.slice(first.indexOf('## Rows already decided'), first.indexOf('## The file one.zig'))).toContain('(none)');
  });

  it('reconciles only the disagreeing group, then two refuters overturn a row only with two votes', async () => {
    const prompts: Record<string, string> = {};
    const { rows, calls, warnings } = await mapWith(write(NODES), nodeScript(prompts));
    const byStep = (s: string) => calls.filter((c) => step(c) === s).map(task);
    expect(byStep('map-fields')).toHaveLength(4);
    // `next` disagrees (INTRUSIVE, OWNED, INTRUSIVE); `data` agrees; Config is related to nothing.
    expect(byStep('reconcile-fields')).toEqual(['reconcile field map: Node.next: ?*Node (one.zig, three.zig, two.zig)']);
    const reconcile = prompts['reconcile field map: Node.next: ?*Node (one.zig, three.zig, two.zig)']!;
    expect(reconcile).toContain('OWNED `Option<Box<Node>>`');
    expect(reconcile).toContain('Node.next evidence');
    expect(reconcile).toMatch(/pub const Tree = struct/);
    expect(reconcile).not.toContain('field data');
    const get = (file: string, field: string) => rows.find((r) => r.file === file && r.field === field)!;
    expect(['one.zig', 'two.zig', 'three.zig'].map((f) => get(f, 'next').class)).toEqual(['HANDLE', 'HANDLE', 'HANDLE']);
    expect(get('two.zig', 'data').class).toBe('BORROW_PARAM');
    // Refuters: the UNKNOWN row and the low-confidence row of other.zig, two of them.
    expect(byStep('refute-fields').sort()).toEqual(['refute field map of other.zig (refuter 1 of 2)', 'refute field map of other.zig (refuter 2 of 2)']);
    expect(prompts['refute field map of other.zig (refuter 1 of 2)']).toContain('Config.name: `[]const u8` → UNKNOWN');
    expect(get('other.zig', 'name')).toMatchObject({ class: 'OWNED', rust_type: 'String' });
    expect(get('other.zig', 'name').evidence).toMatch(/^Overturned by two refuters \(was UNKNOWN\)/);
    expect(get('other.zig', 'path')).toMatchObject({ class: 'STATIC' }); // one vote does not overturn
    expect(warnings).toEqual([]);
  });

  it("caps reconcile and refuter calls at the field map's share of the run's agents", async () => {
    const none = await mapWith(write(NODES), nodeScript({}), { share: 0 });
    expect(none.calls.map(step).filter((s) => s !== 'map-fields')).toEqual([]);
    expect(none.warnings.join('\n')).toMatch(/not reconciled[\s\S]*not refuted/);
    expect(none.rows.find((r) => r.file === 'two.zig' && r.field === 'next')!.class).toBe('OWNED');
    // 4 batches; share 0.25 of a run of 4 ported files (16 agents) allows 5 field-map agents: 1 more call,
    // the reconcile; a refuter pair needs two.
    expect(extraAgentCap(0.25, 4, 4)).toBe(1);
    const one = await mapWith(write(NODES), nodeScript({}), { share: 0.25, portedFiles: 4 });
    expect(one.calls.map(step).filter((s) => s !== 'map-fields')).toEqual(['reconcile-fields']);
    expect(one.calls.length).toBeLessThanOrEqual(Math.ceil(0.25 * (one.calls.length + 4 * 4)));
    expect(extraAgentCap(1, 4, 4)).toBe(Number.POSITIVE_INFINITY);
  });

  it('the plan counts reconcile and refuter calls within the cap', async () => {
    const { index, items } = await indexProject(join(write(NODES), 'src'));
    const plan = planFieldMap(index, items, 60);
    expect(plannedChecks(index, plan, 4, 0.25, 100)).toMatchObject({ groups: 2, high: 2 + 8 });
    expect(plannedChecks(index, plan, 4, 0.25, 4).high).toBe(1);
    expect(plannedChecks(index, plan, 4, 0, 100).high).toBe(0);
  });

  it('finds uses in other files through imports, not by bare names', async () => {
    const dir = write({
      'one.zig': 'pub const Node = struct {\n    next: ?*Node,\n};\n',
      'user.zig': 'const one = @import("one.zig");\npub fn make(n: *one.Node) void {\n    _ = n;\n}\n',
      'alias.zig': 'const Node = @import("one.zig").Node;\nconst N = Node;\npub fn first(list: []N) ?*Node {\n    return if (list.len > 0) &list[0] else null;\n}\n',
      'reexport.zig': 'pub const list = @import("one.zig");\n',
      'far.zig': 'const r = @import("reexport.zig");\nvar root: ?*r.list.Node = null;\n',
      'unrelated.zig': 'const Node = struct { x: u8 };\nvar n: Node = .{ .x = 1 };\n',
    });
    const { index, items } = await indexProject(join(dir, 'src'));
    const { readFileSync } = await import('node:fs');
    const texts = new Map(items.map((i) => [i.path, readFileSync(i.absPath, 'utf8')]));
    const uses = usesThroughImports([{ file: 'one.zig', path: 'Node' }], items, texts, 60);
    expect(uses).toEqual(['alias.zig:2: const N = Node;', 'alias.zig:3: pub fn first(list: []N) ?*Node {', 'far.zig:2: var root: ?*r.list.Node = null;', 'user.zig:2: pub fn make(n: *one.Node) void {']);
    expect(uses.join('\n')).not.toContain('unrelated.zig');
    expect(index.files).toContain('unrelated.zig');
    const prompts: Record<string, string> = {};
    await mapWith(dir, (call) => {
      prompts[task(call)] = text(call);
      return { json: { fields: [] } };
    });
    expect(prompts['map fields of one.zig']).toContain('user.zig:2: pub fn make(n: *one.Node) void {');
    expect(prompts['map fields of one.zig']).not.toContain('unrelated.zig:2');
  });

  it('asks for the fields of containers inside usingnamespace and of anonymous ones, with the module layout and max_tokens from the batch', async () => {
    const fields = Array.from({ length: 29 }, (_, i) => `        f${i}: []u8,`).join('\n');
    const dir = write({
      'formats/png.zig': `pub const Png = struct {\n    pub usingnamespace struct {\n        pub const Chunk = struct {\n            data: []u8,\n            owner: ?*Png,\n        };\n    };\n    pixels: []u8,\n    header: struct { width: u32, palette: []u8 },\n};\n`,
      'formats/big.zig': `const png = @import("png.zig");\npub const Big = struct {\n${fields.replace(/^ {4}/gm, '')}\n};\n`,
    });
    const prompts: Record<string, string> = {};
    const tokens: Record<string, number> = {};
    await mapWith(dir, (call) => {
      prompts[task(call)] = text(call);
      tokens[task(call)] = call.request.maxTokens;
      return { json: { fields: [] } };
    });
    const png = prompts['map fields of formats/png.zig']!;
    expect(png).toContain('- Png.Chunk.data: []u8');
    expect(png).toContain('- Png.Chunk.owner: ?*Png');
    expect(png).toContain('- Png.header.palette: []u8'); // a field of an anonymous struct (its u32 is trivial)
    expect(png).not.toContain('- Png.header.width');
    expect(png).toContain('- formats/png.zig → crate::formats::png (src/formats/png.rs)');
    expect(prompts['map fields of formats/big.zig']).toContain('- formats/png.zig → crate::formats::png (src/formats/png.rs)'); // an import's path
    expect(tokens['map fields of formats/big.zig']).toBe(fieldMapMaxTokens(29));
    expect(tokens['map fields of formats/big.zig']).toBeGreaterThan(tokens['map fields of formats/png.zig']!);
    expect(fieldMapMaxTokens(29)).toBeGreaterThanOrEqual(29 * 200);
    expect(fieldMapMaxTokens(1)).toBe(2048);
    expect(fieldMapMaxTokens(10_000)).toBe(32_000);
  });

  it('the golden model answers reconcile from fields.json and refuters with no vote', () => {
    const model = new ZigToRustGoldenModel(join(FIXTURES, 'minihttp'));
    const reconcile = model.answer('Task: reconcile field map: Header.name: []u8 (http/header.zig, util.zig)\nStep: reconcile-fields\nFile: http/header.zig\n\n- file http/header.zig, struct Header, field name: `[]u8` → SHARED `Rc<str>` — x\n- file util.zig, struct Pair, field head: `[]const u8` → OWNED `String` — y\n', false);
    expect(reconcile.json).toEqual({
      fields: [
        expect.objectContaining({ file: 'http/header.zig', struct: 'Header', field: 'name', class: 'OWNED', rust_type: 'String' }),
        expect.objectContaining({ file: 'util.zig', struct: 'Pair', field: 'head', class: 'BORROW_PARAM' }),
      ],
    });
    expect(model.answer('Task: refute field map of util.zig (refuter 1 of 2)\nStep: refute-fields\nFile: util.zig\n', false).json).toEqual({ votes: [] });
  });

  it('relates structs by type name or shape across files, not by the field name of an anonymous container', () => {
    expect(selfType('?*Node', 'Node')).toBe('?*Self');
    expect(selfType('std.ArrayList(*Node)', 'Node')).toBe('std.ArrayList(*Self)');
    expect(selfType('*other.Node', 'Node')).toBe('*other.Node');
    const r = (file: string, struct: string, field: string, zigType: string) => ({ file, struct, kind: 'struct' as const, field, zigType, line: 1 });
    const infos = structInfos([
      r('a.zig', 'Node', 'next', '?*Node'),
      r('b.zig', 'List.Node', 'next', '?*Node'),
      r('c.zig', 'Link', 'next', '?*Link'),
      r('c.zig', 'Link', 'value', 'u8'),
      r('d.zig', 'Chain', 'next', '?*Chain'),
      r('d.zig', 'Chain', 'value', 'u8'),
      r('e.zig', 'Png.header', 'palette', '[]u8'),
      r('f.zig', 'Gif.header', 'palette', '[]u8'),
    ]);
    const related = relatedStructs(infos);
    expect(related.get(structKey('a.zig', 'Node'))).toEqual([structKey('b.zig', 'List.Node')]);
    expect(related.get(structKey('c.zig', 'Link'))).toEqual([structKey('d.zig', 'Chain')]); // the same shape
    expect(related.has(structKey('e.zig', 'Png.header'))).toBe(false); // one field: no shape; `header` is no type name
  });

  it('a resumed run asks the same questions (related rows, reconcile, refuters) and the journal answers them all', async () => {
    const dir = write(NODES);
    const first = await mapWith(dir, nodeScript({}));
    expect(first.calls).toHaveLength(7);
    const again = await mapWith(dir, nodeScript({}), { resume: { stateDir: first.run.stateDir, runId: first.run.runId } });
    expect(again.calls).toHaveLength(0);
    expect(again.rows).toEqual(first.rows);
  });
});
