/**
 * `migrate demo [--out DIR]`: a keyless look at a real run. It ports the bundled Zig calculator with the
 * built-in zig-to-rust recipe, against a fake Messages API started in this process whose scripted model
 * answers from the fixture's golden crate (with the fixture's injected faults, so the fix loop has work):
 * the real plan, progress, report and `cargo test`, no key, no network, nothing paid.
 */
import { cp, mkdir, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MigrateError } from '../../errors.js';
import { loadRecipe } from '../../recipes/load-recipe.js';
import { builtinRecipeFile } from '../../recipes/registry.js';
import { startFakeAnthropicServer } from '../../testing/fake-anthropic-server.js';
import { ZigToRustGoldenModel } from '../../testing/zig-to-rust-model.js';
import { runLoadedRecipe, type RunDeps } from '../execute-run.js';
import { HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { resolveSettings } from '../settings.js';

/** The bundled project: a Zig calculator (5 files, 23 tests) with its golden port. */
const FIXTURE = fileURLToPath(new URL('../../../fixtures/zig-to-rust/calc/', import.meta.url));
/** Each scripted answer waits this long, so the progress is visible. */
const ANSWER_DELAY_MS = 250;

export async function demoCommand(words: string[], io: CliIo, deps: RunDeps = {}): Promise<number> {
  const { values, positionals } = parseOptions('demo', words, { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const);
  if (values.help) {
    io.out(HELP['demo']!);
    return 0;
  }
  if (positionals.length > 0) throw new MigrateError('BAD_INPUT', `migrate demo takes no arguments; got ${positionals.join(' ')}. Use --out DIR to choose where it writes.`);
  const out = resolve(io.cwd, values.out ?? 'migrate-demo');
  const existing = await readdir(out).catch(() => [] as string[]);
  if (existing.length > 0) {
    throw new MigrateError('OUTPUT_NOT_EMPTY', `The demo writes into ${out}, which is not empty (it holds ${existing.slice(0, 3).join(', ')}). Remove it, or pass --out with another directory.`);
  }
  const input = join(out, 'calc');
  await mkdir(out, { recursive: true });
  await cp(join(FIXTURE, 'src'), input, { recursive: true });

  const answer = new ZigToRustGoldenModel(FIXTURE).forFakeServer();
  const server = await startFakeAnthropicServer({ answer: (request) => ({ ...(answer(request) as object), delayMs: ANSWER_DELAY_MS }) });
  const show = (path: string): string => relative(io.cwd, path) || '.';
  io.err(
    [
      'migrate demo: porting a small Zig calculator (5 files, 23 tests) to Rust with the built-in zig-to-rust recipe.',
      `The model is scripted: a fake Messages API on ${server.url} answers from a golden port, with a few wrong`,
      'answers on purpose so you see the gate, the reviewers and the fix loop at work. No key, no network, nothing paid',
      '(the costs shown are what a real run of the same tokens would cost).',
      '',
    ].join('\n'),
  );
  try {
    const env = { ...io.env, ...server.env() };
    const demoIo: CliIo = { ...io, env };
    const recipeFile = builtinRecipeFile('zig-to-rust');
    if (!recipeFile) throw new MigrateError('RECIPE_NOT_FOUND', 'The built-in zig-to-rust recipe is missing from this installation. Reinstall migrate-kit.');
    const settings = await resolveSettings({ stateDir: join(out, '.migrate') }, demoIo);
    const code = await runLoadedRecipe(
      await loadRecipe(recipeFile),
      [input, '--out', join(out, 'calc-rs')],
      { yes: true, dryRun: false, json: false, help: false, flags: {} },
      settings,
      demoIo,
      deps,
      { helpCommand: 'migrate zig-to-rust --help', what: 'Run the demo' },
    );
    io.err(
      [
        '',
        `The demo's Zig input is in ${show(input)}, the Rust crate in ${show(join(out, 'calc-rs'))} (see its MIGRATION_REPORT.md), its run state in ${show(join(out, '.migrate'))}.`,
        'A real run of your own project:',
        '  export ANTHROPIC_API_KEY=sk-ant-...',
        '  migrate-kit zig-to-rust ./src --dry-run          # the plan and cost estimate, nothing spent',
        '  migrate-kit zig-to-rust ./src --slice <dir> --yes  # a small slice first',
        '  migrate-kit zig-to-rust ./src --yes --pr           # the whole tree, then a pull request',
      ].join('\n'),
    );
    return code;
  } finally {
    await server.close();
  }
}
