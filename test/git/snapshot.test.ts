/** `snapshotPaths` with an exact list of files longer than one git command line holds. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeProcessRunner } from '../../src/process/process-runner.js';
import { openRepository } from '../../src/git/repository.js';
import { snapshotPaths } from '../../src/git/snapshot.js';
import { makeProject } from './helpers.js';

describe('snapshotPaths', () => {
  it('takes an exact list of thousands of files in batches, and nothing else', async () => {
    const p = await makeProject();
    const dir = join(p.work, 'port', 'src', 'generated-modules-with-rather-long-names');
    await mkdir(dir, { recursive: true });
    const rels: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const name = `module_number_${String(i).padStart(5, '0')}_of_the_generated_set.rs`;
      await writeFile(join(dir, name), `pub const N: u32 = ${i};\n`);
      rels.push(`port/src/generated-modules-with-rather-long-names/${name}`);
    }
    expect(rels.join(' ').length).toBeGreaterThan(100_000);
    const repo = await openRepository(p.work, new NodeProcessRunner(), p.env);
    const snapshot = await snapshotPaths(repo, rels.slice(0, 1499));
    expect(snapshot.changes).toHaveLength(1499);
    expect(snapshot.changes.every((c) => c.status === 'added')).toBe(true);
    expect(snapshot.changes.map((c) => c.path)).not.toContain(rels[1499]);
    expect(snapshot.changes.map((c) => c.path)).not.toContain('port/src/util.rs');
  });
});
