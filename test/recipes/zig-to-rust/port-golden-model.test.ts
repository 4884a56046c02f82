/** The golden scripted model answers the port phase's new prompts: edits for revise/repair, parts, numbered ports. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../recipes/zig-to-rust/edits.js';
import { numberedSource } from '../../../recipes/zig-to-rust/port-context.js';
import { currentPort, editsBetween, ZigToRustGoldenModel } from '../../../src/testing/zig-to-rust-model.js';
import { FIXTURES } from '../../helpers/zig-to-rust.js';
import { readFileSync } from 'node:fs';

const golden = readFileSync(join(FIXTURES, 'calc/golden/src/eval.rs'), 'utf8');
const fault = readFileSync(join(FIXTURES, 'calc/faults/eval.no-compile.rs'), 'utf8');
const head = (step: string, extra = '') => `guide\n\`\`\`rust\npub fn api();\n\`\`\`\nTask: t\nStep: ${step}\nFile: eval.zig\nOutput: src/eval.rs\n${extra}`;

describe('ZigToRustGoldenModel (port phase)', () => {
  it('editsBetween gives edits that turn one text into the other, unique in the first', () => {
    expect(editsBetween(golden, golden)).toEqual([]);
    const edits = editsBetween(fault, golden);
    expect(edits).toHaveLength(1);
    expect(applyEdits(fault, edits)).toMatchObject({ text: golden, problems: [] });
    const repeated = 'a\nx\nb\nx\nc\n';
    expect(applyEdits(repeated, editsBetween(repeated, 'a\nx\nb\ny\nc\n'))).toMatchObject({ text: 'a\nx\nb\ny\nc\n', problems: [] });
  });

  it('reads the current port from the numbered block and answers repairs with edits, compile repairs with none when fixes are off', () => {
    const prompt = `${head('repair', 'Reason: compile')}\n${numberedSource(fault, 'rust')}\n`;
    expect(currentPort(prompt)).toBe(fault);
    const model = new ZigToRustGoldenModel(join(FIXTURES, 'calc'));
    const answer = model.answer(prompt, false).json as { edits: Array<{ old: string; new: string }> };
    expect(applyEdits(fault, answer.edits).text).toBe(golden);
    expect(new ZigToRustGoldenModel(join(FIXTURES, 'calc'), { fixes: false }).answer(prompt, false).json).toEqual({ edits: [] });
    expect(model.answer(head('revise-file'), false).json).toMatchObject({ rust_source: golden });
  });

  it('answers a port in parts with the golden file as part 1 and nothing after', () => {
    const model = new ZigToRustGoldenModel(join(FIXTURES, 'calc'), { faults: false });
    expect(model.answer(head('port', 'Part: 1 of 2'), false).json).toMatchObject({ rust_source: golden });
    expect(model.answer(head('port', 'Part: 2 of 2'), false).json).toMatchObject({ rust_source: '' });
  });
});
