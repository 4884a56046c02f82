/**
 * The recipe's prompts: Markdown files in `prompts/` beside this module, read at run time (an ejected copy
 * reads its own, edited files), filled with `{{name}}` variables, and hashed for the report.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPromptTemplate, type PromptTemplate } from 'migrate-kit';
import { DEFAULT_ZIG_VERSION } from './args.js';

export const PROMPT_NAMES = [
  'system',
  'guide',
  'field-map',
  'reconcile-fields',
  'refute-fields',
  'port',
  'repair',
  'review-behaviour',
  'review-ownership',
  'revise',
  'fix-build',
  'fix-test',
  'fix-deviation',
] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

/**
 * The variables the recipe provides to each prompt. An edited prompt that uses any other is an error
 * naming its file, line and column when the prompts load, before anything is spent.
 */
const VARIABLES: Readonly<Record<PromptName, readonly string[]>> = {
  system: ['zig_version'],
  guide: [],
  'field-map': ['header', 'zig_path', 'source', 'fields', 'uses', 'related', 'layout'],
  'reconcile-fields': ['header', 'rows', 'sources', 'layout'],
  'refute-fields': ['header', 'zig_path', 'source', 'fields', 'uses', 'layout'],
  // port, repair, reviews, revise: the file's shared material (imports and their interfaces, field rows, the
  // numbered Zig, and the numbered Rust for reviews and revisions) is a cached context block before the task.
  port: ['header', 'zig_path', 'rust_path', 'source', 'earlier', 'names', 'module_note', 'part_note', 'part_answer'],
  repair: ['header', 'zig_path', 'rust_path', 'reason', 'rust', 'answer', 'findings', 'names', 'todos'],
  'review-behaviour': ['header', 'zig_path', 'rust_path', 'compile', 'previous', 'rust'],
  'review-ownership': ['header', 'zig_path', 'rust_path', 'compile', 'previous', 'why', 'rust'],
  revise: ['header', 'zig_path', 'rust_path', 'answer', 'findings', 'names', 'todos', 'rust'],
  'fix-build': ['header', 'zig_path', 'rust_path', 'source', 'rust', 'diagnostics', 'unmatched'],
  'fix-test': ['header', 'zig_path', 'rust_path', 'source', 'rust', 'failures', 'unmatched'],
  'fix-deviation': ['header', 'zig_path', 'rust_path', 'source', 'rust', 'deviations', 'unmatched'],
};

export interface Prompts {
  /** The prompts without variables (system prompt, porting guide) as they are. */
  readonly texts: Readonly<Record<PromptName, string>>;
  /** Fills a template: every `{{name}}` it uses must have a value; values are inserted as they are. */
  render(name: PromptName, values: Record<string, string>): string;
}

/** The recipe's folder (where recipe.ts and prompts/ are). */
export const RECIPE_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * Every prompt file with the variables the recipe provides to it: what `loadPrompts` loads, and what the
 * recipe declares as its `prompts`, so `migrate recipe check` checks each template (an unknown variable
 * with file:line:column, a missing file) without running anything. One table for both.
 */
export function promptFiles(dir = join(RECIPE_DIR, 'prompts')): Array<{ name: PromptName; file: string; variables: readonly string[] }> {
  return PROMPT_NAMES.map((name) => ({ name, file: join(dir, `${name}.md`), variables: VARIABLES[name] }));
}

/**
 * The values of the run-wide variables, filled into `texts`: `zig_version` (the system prompt names the Zig
 * version whose semantics apply, so every request carries it). Default: {@link DEFAULT_ZIG_VERSION}.
 */
export interface RunValues {
  zigVersion?: string;
}

export async function loadPrompts(dir = join(RECIPE_DIR, 'prompts'), run: RunValues = {}): Promise<Prompts> {
  const templates = Object.fromEntries(
    await Promise.all(promptFiles(dir).map(async ({ name, file, variables }) => [name, await loadPromptTemplate(file, { variables })] as const)),
  ) as Record<PromptName, PromptTemplate>;
  const runValues: Record<string, string> = { zig_version: run.zigVersion ?? DEFAULT_ZIG_VERSION };
  // A prompt whose variables are all run-wide (the system prompt, the guide) is filled once, here.
  const text = (name: PromptName): string => (VARIABLES[name].every((v) => v in runValues) ? templates[name].render(runValues) : templates[name].text);
  return {
    texts: Object.fromEntries(PROMPT_NAMES.map((name) => [name, text(name)])) as Record<PromptName, string>,
    render: (name, values) => templates[name].render(values),
  };
}

/** sha256 (16 hex chars) of the recipe's modules and prompts, keyed by their path in the recipe folder. */
export async function recipeHashes(dir = RECIPE_DIR): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  const walk = async (sub: string): Promise<void> => {
    const entries = await readdir(join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rel === 'prompts') await walk(rel);
      } else if (/\.(m?ts|m?js|md)$/.test(entry.name) && !entry.name.startsWith('.') && entry.name !== 'README.md') {
        hashes[rel] = createHash('sha256').update(await readFile(join(dir, rel))).digest('hex').slice(0, 16);
      }
    }
  };
  await walk('');
  return hashes;
}

/** A Markdown code block that no line of `text` can close early. */
export function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}

/** The text with line numbers (`  12| …`), for reviewers and revisers to refer to. */
export function numbered(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const width = String(lines.length).length;
  return lines.map((line, i) => `${String(i + 1).padStart(width)}| ${line}`).join('\n');
}

/** The first lines of every task prompt: `Task: <label>`, `Step: <step>`, `File: <zig path>`, then extras. */
export function header(label: string, step: string, zig: string, extra: Record<string, string> = {}): string {
  return [`Task: ${label}`, `Step: ${step}`, `File: ${zig}`, ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`)].join('\n');
}
