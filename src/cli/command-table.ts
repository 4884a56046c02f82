/**
 * The commands of `migrate`, described once: `migrate --help` lists them from this table and `main` dispatches
 * through it (a command not in it is a recipe name). Each command is loaded when used: `runs` need not load the
 * SDK, nor `run` ts-morph. Each command's own `--help` text is in help.ts, under the same name.
 */
import type { RunDeps } from './execute-run.js';
import type { CliIo } from './io.js';

export type CommandHandler = (words: string[], io: CliIo, deps: RunDeps) => Promise<number>;

interface CommandEntry {
  /** What follows the name in the help's command list. */
  usage: string;
  summary: string;
  handler: CommandHandler;
}

export const COMMANDS: Record<string, CommandEntry> = {
  demo: { usage: '[--out DIR]', summary: 'see a whole port with no key: a bundled Zig project, a scripted model', handler: async (w, io, deps) => (await import('./commands/demo.js')).demoCommand(w, io, deps) },
  run: { usage: '<recipe-file> [options] [-- recipe args]', summary: 'run a recipe (.js, .mjs, .ts, .mts)', handler: async (w, io, deps) => (await import('./commands/run.js')).runCommand(w, io, deps) },
  resume: { usage: '<runId> [options]', summary: 'resume a run; journaled calls are not paid again', handler: async (w, io, deps) => (await import('./commands/resume.js')).resumeCommand(w, io, deps) },
  runs: { usage: '[--json]', summary: 'list runs', handler: async (w, io) => (await import('./commands/runs.js')).runsCommand(w, io) },
  status: { usage: '<runId> [--json]', summary: 'show one run', handler: async (w, io) => (await import('./commands/runs.js')).statusCommand(w, io) },
  dashboard: { usage: '[runId|--last] [--open]', summary: 'a live web page of a run: files, reviews, fix rounds, money', handler: async (w, io, deps) => (await import('./commands/dashboard.js')).dashboardCommand(w, io, deps) },
  pr: { usage: '<runId> [options]', summary: 'branch + commit + PR body from a run; opens the PR if it can', handler: async (w, io) => (await import('./commands/pr.js')).prCommand(w, io) },
  recipe: { usage: 'list|show|eject|check', summary: 'list, inspect, copy to customise, type-check recipes', handler: async (w, io) => (await import('./commands/recipe.js')).recipeCommand(w, io) },
  config: { usage: '[--json] [options]', summary: 'the effective settings and where each came from', handler: async (w, io) => (await import('./commands/config.js')).configCommand(w, io) },
};

/** The help's command list: one line per command, then the recipe-by-name form (after `pr`, as it always was). */
export function commandList(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => [`${name} ${c.usage}`, c.summary] as const);
  const at = rows.findIndex(([usage]) => usage.startsWith('pr '));
  rows.splice(at + 1, 0, ['<recipe> [input] [options]', 'run a recipe by name (ejected, config paths, built-in)']);
  const width = Math.max(...rows.map(([usage]) => usage.length)) + 3;
  return rows.map(([usage, summary]) => `  ${usage.padEnd(width)}${summary}`).join('\n');
}
