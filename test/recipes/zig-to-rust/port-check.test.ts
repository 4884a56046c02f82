import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildLayout } from '../../../recipes/zig-to-rust/layout.js';
import { crateChecker } from '../../../recipes/zig-to-rust/port.js';

const scratch = mkdtempSync(join(tmpdir(), 'z2r-portcheck-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

function checker(out: string, runId: string) {
  const ctx = { runId, signal: new AbortController().signal, sandbox: false } as never;
  return crateChecker({ ctx, out, crate: 'demo', layout: buildLayout(['a.zig', 'b.zig'], 'demo'), targetDir: join(scratch, 'target'), slice: new Set(['a.zig', 'b.zig']) });
}

describe('cargo check before review', () => {
  it("remembers each port's result for the run: a resumed session gets it again without running cargo", async () => {
    const out = join(scratch, 'out');
    const broken = 'pub fn f() -> u8 {\n    "not a u8"\n}\n';
    const first = await checker(out, 'run-1')('a.zig', broken);
    expect(first.ran).toBe(true);
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]).toMatch(/mismatched types[\s\S]*src\/a\.rs:2/);
    expect(existsSync(join(out, '.migrate-kit/runs/run-1/checks.jsonl'))).toBe(true);

    // The resumed session: no cargo on the PATH, yet the same port gets the same answer.
    process.env.PATH = '/nonexistent';
    const resumed = checker(out, 'run-1');
    expect(await resumed('a.zig', broken)).toEqual(first);
    // A port it has not seen needs cargo; another run remembers nothing of run-1's.
    expect((await resumed('b.zig', 'pub fn g() {}\n')).ran).toBe(false);
    expect((await checker(out, 'run-2')('a.zig', broken)).ran).toBe(false);
    // A line cut short by a kill is ignored; the lines before it still count.
    const memo = join(out, '.migrate-kit/runs/run-1/checks.jsonl');
    expect(readFileSync(memo, 'utf8').trim().split('\n')).toHaveLength(1);
    appendFileSync(memo, '{"key":"b.zig\\u0000ab');
    expect(await checker(out, 'run-1')('a.zig', broken)).toEqual(first);
  });
});
