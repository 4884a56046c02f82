/** The README documents what the CLI does: its option table is the one the CLI's own table makes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-table.js';
import { configSettingsMarkdown } from '../../src/cli/config-file.js';
import { runOptionsMarkdown } from '../../src/cli/run-option-table.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists the run options exactly as the CLI describes them (regenerate with runOptionsMarkdown())', () => {
    const start = README.indexOf('| option | default | meaning |', README.indexOf('Options of `run` and `resume`'));
    const table = README.slice(start, README.indexOf('\n\n', start));
    expect(table).toBe(runOptionsMarkdown());
  });

  it('lists the config settings exactly as the CLI describes them (regenerate with configSettingsMarkdown())', () => {
    const start = README.indexOf('| setting | default | meaning |');
    const table = README.slice(start, README.indexOf('\n\n', start));
    expect(table).toBe(configSettingsMarkdown());
  });

  it('lists the commands the CLI has, and no other (the command table drives help and dispatch)', () => {
    const start = README.indexOf('| command | what it does |');
    const rows = README.slice(start, README.indexOf('\n\n', start)).split('\n').slice(2);
    const named = new Set(rows.flatMap((row) => /^\| `migrate ([a-z][a-z-]*)/.exec(row)?.[1] ?? []));
    expect([...named].sort()).toEqual(Object.keys(COMMANDS).sort());
  });
});
