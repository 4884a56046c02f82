/** The record of the output's files: hashes taken at write time; a file changed by hand is never blessed. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFiles, sha256 } from '../../../recipes/zig-to-rust/output-files.js';

const temp = () => mkdtempSync(join(tmpdir(), 'z2r-files-'));

describe('output files', () => {
  it('records what it writes, keeps earlier runs records, and keeps an earlier record of unchanged content', async () => {
    const out = temp();
    const files = new OutputFiles(out, 'r2', { 'Cargo.toml': { sha256: sha256('toml\n'), runId: 'r1' }, 'src/old.rs': { sha256: sha256('old'), runId: 'r1' } });
    writeFileSync(join(out, 'Cargo.toml'), 'toml\n');
    expect(await files.writeIfChanged('Cargo.toml', 'toml\n')).toBe(false);
    await files.write('src/a.rs', 'a\n');
    expect(await files.writeIfChanged('src/lib.rs', 'pub mod a;\n')).toBe(true);
    expect(readFileSync(join(out, 'src/a.rs'), 'utf8')).toBe('a\n');
    expect(files.all()).toEqual({
      'Cargo.toml': { sha256: sha256('toml\n'), runId: 'r1' },
      'src/a.rs': { sha256: sha256('a\n'), runId: 'r2' },
      'src/lib.rs': { sha256: sha256('pub mod a;\n'), runId: 'r2' },
      'src/old.rs': { sha256: sha256('old'), runId: 'r1' },
    });
    expect(Object.keys(files.all(['src/old.rs']))).toEqual(['Cargo.toml', 'src/a.rs', 'src/lib.rs']);
    // Content already there that the recipe makes whole is its own, even with no (or another) record.
    writeFileSync(join(out, '.gitignore'), '/target/\n');
    await files.writeIfChanged('.gitignore', '/target/\n');
    expect(files.get('.gitignore')).toEqual({ sha256: sha256('/target/\n'), runId: 'r2' });
  });

  it("records a change made from the recipe's own content, not one made from content edited by hand", async () => {
    const out = temp();
    const files = new OutputFiles(out, 'r2', { 'src/mine.rs': { sha256: sha256('mine'), runId: 'r1' }, 'src/edited.rs': { sha256: sha256('original'), runId: 'r1' } });
    expect(await files.derive('src/mine.rs', 'mine', 'mine, fixed')).toBe(true);
    expect(files.get('src/mine.rs')).toEqual({ sha256: sha256('mine, fixed'), runId: 'r2' });
    expect(await files.derive('src/edited.rs', 'original, edited by hand', 'original, edited by hand, fixed')).toBe(true);
    expect(readFileSync(join(out, 'src/edited.rs'), 'utf8')).toBe('original, edited by hand, fixed');
    expect(files.get('src/edited.rs')).toEqual({ sha256: sha256('original'), runId: 'r1' });
    // A further change of the hand-edited file stays unrecorded; a file with no record (an older output) is taken as the recipe's.
    files.noteDerived('src/edited.rs', 'original, edited by hand, fixed', 'again');
    expect(files.get('src/edited.rs')?.runId).toBe('r1');
    expect(await files.derive('src/unknown.rs', 'x', 'y')).toBe(true);
    expect(files.get('src/unknown.rs')).toEqual({ sha256: sha256('y'), runId: 'r2' });
    expect(await files.derive('src/unknown.rs', 'y', 'y')).toBe(false);
  });
});
