import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { E2E_TIMEOUT } from '../helpers/zig-to-rust.js';

describe('migrate demo', () => {
  it(
    'ports the bundled project with no key and no network, shows the real result, then the commands for a real run',
    async () => {
      const cwd = await mkdtemp(join(tmpdir(), 'mk-demo-'));
      // No ANTHROPIC_API_KEY, and ANTHROPIC_BASE_URL points at a closed port: the demo needs neither.
      const result = await runCli(['demo', '--out', 'd'], { cwd });
      expect(result.stderr).toMatch(/scripted: a fake Messages API on http:\/\/127\.0\.0\.1:\d+/);
      expect(result.stderr).toMatch(/Plan: zig-to-rust/);
      expect(result.stderr).toMatch(/outcome: ok: builds, 23\/23 tests/);
      expect(result.stderr).toMatch(/migrate-kit zig-to-rust \.\/src --dry-run/);
      expect(result.code).toBe(0);
      expect(JSON.parse(await readFile(join(cwd, 'd', 'calc-rs', 'report.json'), 'utf8'))).toMatchObject({ outcome: { ok: true } });

      const again = await runCli(['demo', '--out', 'd'], { cwd });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/d, which is not empty .* pass --out with another directory/);
    },
    E2E_TIMEOUT,
  );
});
