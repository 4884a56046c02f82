/**
 * The recipe's prompts: Markdown files in `prompts/` beside this module, read at run time (an ejected copy
 * reads its own, edited files), filled with `{{name}}` variables, and hashed for the report.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MigrateError } from 'migrate-kit';

export const PROMPT_NAMES = [
  'system',
  'guide',
  'field-map',
  'port',
  'repair',
  'review-behaviour',
  'review-ownership',
  'revise',
  'fix-build',
  'fix-test',
] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

export interface Prompts {
  readonly texts: Readonly<Record<PromptName, string>>;
  /** Fills a template: every `{{name}}` must have a value; values are inserted as they are. */
  render(name: PromptName, values: Record<string, string>): string;
}

/** The recipe's folder (where recipe.ts and prompts/ are). */
export const RECIPE_DIR = fileURLToPath(new URL('.', import.meta.url));

export async function loadPrompts(dir = join(RECIPE_DIR, 'prompts')): Promise<Prompts> {
  const entries = await Promise.all(
    PROMPT_NAMES.map(async (name) => {
      const file = join(dir, `${name}.md`);
      try {
        return [name, (await readFile(file, 'utf8')).replace(/\r\n/g, '\n').trimEnd()] as const;
      } catch (cause) {
        throw new MigrateError('RECIPE_INVALID', `The zig-to-rust recipe expects its prompt ${file}, but it cannot be read: ${(cause as Error).message}. Restore it (or re-eject the recipe).`, { cause });
      }
    }),
  );
  const texts = Object.fromEntries(entries) as Record<PromptName, string>;
  return {
    texts,
    render(name, values) {
      return renderTemplate(texts[name], values, `prompts/${name}.md`);
    },
  };
}

/** Replaces `{{name}}` in one pass (values are never re-read as template text). */
export function renderTemplate(text: string, values: Record<string, string>, file = 'prompt'): string {
  return text.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new MigrateError('RECIPE_INVALID', `${file} uses {{${name}}}, which the zig-to-rust recipe does not provide. Known here: ${Object.keys(values).sort().join(', ')}.`);
    }
    return value;
  });
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
