/**
 * Golden files: the items and interface summaries of fixtures/zig/basic, compared in full.
 * After a deliberate change, regenerate with `UPDATE_FIXTURES=1 npx vitest run test/source/fixtures.test.ts`
 * and review the diff.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexProject } from '../../src/source/index.js';
import { fixture } from './helpers.js';

const update = process.env['UPDATE_FIXTURES'] === '1';

function golden(name: string, actual: unknown): void {
  const path = fixture('basic-expected', name);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (update) {
    mkdirSync(fixture('basic-expected'), { recursive: true });
    writeFileSync(path, text);
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

describe('fixtures/zig/basic against its expected JSON', async () => {
  const { index, items } = await indexProject(fixture('basic'), { workers: 0 });

  it('items', () => {
    // absPath depends on the checkout; everything else is stable.
    golden(
      'items.json',
      items.map(({ absPath: _absPath, ...rest }) => rest),
    );
  });

  it('interface summaries', () => {
    golden('summaries.json', index.summaries);
  });

  it('struct fields and import order', () => {
    golden('index.json', { structFields: index.structFields, imports: index.imports, totals: index.totals });
  });
});
