import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMigrationReport } from '../../../src/report/render-migration-report.js';
import { buildReport } from '../../../recipes/zig-to-rust/report.js';
import { UsageBook } from '../../../recipes/zig-to-rust/usage.js';

const ZIG = 'const std = @import("std");\ntest "adds" {\n    try std.testing.expectEqual(@as(u8, 3), 1 + 2);\n    try std.testing.expect(true);\n}\ntest "fixture" {\n    const data = try std.fs.cwd().readFileAlloc(std.testing.allocator, "f.bin", 9);\n    try std.testing.expect(data.len == 3);\n}\n';
const RUST = '#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {\n        let _ = 1 + 2;\n    }\n    #[test]\n    fn fixture() {\n        let Ok(data) = std::fs::read("f.bin") else { return };\n        assert_eq!(data.len(), 3);\n    }\n}\n';

describe('the report lists the hollow tests that remain', () => {
  it('per file, in report.json and MIGRATION_REPORT.md', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'z2r-hollow-'));
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'out/src'), { recursive: true });
    writeFileSync(join(dir, 'in/m.zig'), ZIG);
    writeFileSync(join(dir, 'out/src/m.rs'), RUST);
    writeFileSync(join(dir, 'in/ok.zig'), 'test "t" {\n    try @import("std").testing.expect(true);\n}\n');
    writeFileSync(join(dir, 'out/src/ok.rs'), '#[test]\nfn t() { assert!(true); }\n');
    const report = await buildReport({
      runId: 'r1',
      input: join(dir, 'in'),
      out: join(dir, 'out'),
      slices: [],
      command: 'migrate zig-to-rust in',
      hashes: {},
      results: [
        { path: 'm.zig', output: 'src/m.rs', outcome: 'approved', todos: [], reviewers: [], reviewRounds: 1, warnings: [] },
        { path: 'ok.zig', output: 'src/ok.rs', outcome: 'approved', todos: [], reviewers: [], reviewRounds: 1, warnings: [] },
      ],
      earlier: new Map(),
      treeFiles: 2,
      changed: new Map(),
      tests: new Map([['m.zig', 2], ['ok.zig', 1]]),
      usage: new UsageBook(),
      warnings: [],
    });
    const m = report.items.find((i) => i.path === 'm.zig')!;
    expect(m.hollowTests).toEqual([
      { test: 'adds', line: 4, sourceTest: 'adds', sourceLine: 2, reason: 'no-assertions', problem: expect.stringMatching(/asserts nothing$/) },
      { test: 'fixture', line: 8, sourceTest: 'fixture', sourceLine: 6, reason: 'early-return', problem: expect.stringMatching(/can return at line 9 before its first assertion/) },
    ]);
    expect(report.items.find((i) => i.path === 'ok.zig')!.hollowTests).toBeUndefined();
    const md = renderMigrationReport(report);
    expect(md).toContain('- **Hollow tests:** 2 in 1 file');
    expect(md).toContain('- hollow test `adds` (src/m.rs:4): Zig test "adds" (line 2) checks 2 assertions, but its Rust test `adds` (line 4) asserts nothing');
    expect(md).toContain('- hollow test `fixture` (src/m.rs:8): Rust test `fixture` (line 8) can return at line 9');
  });
});
