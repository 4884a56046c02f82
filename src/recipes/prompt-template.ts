/**
 * Prompt templates: Markdown (or any text) with named variables, kept as files beside a recipe so a
 * user can eject the recipe and edit its prompts.
 *
 * Syntax: `{{name}}` (spaces inside the braces are allowed: `{{ name }}`) is replaced by the value of
 * `name`; a name is a letter or `_`, then letters, digits or `_`. `{{! a note }}` is a comment for the
 * prompt's editors and is removed (with its line when it stands alone). `\{{` writes literal braces.
 * Values are inserted as they are (a list is joined with newlines) and never re-read as template text.
 * A file's last newline is dropped, and CRLF line ends become LF.
 *
 * A variable the recipe does not provide is an error naming the file, line and column, found when the
 * template is loaded with its `variables` declared (before anything is spent), else when it is rendered.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MigrateError } from '../errors.js';

export type PromptValue = string | number | boolean | ReadonlyArray<string | number>;

/** Values by variable name; a name that is present with `undefined` or `null` is a missing value. */
export type PromptValues = Readonly<Record<string, PromptValue | undefined | null>>;

export interface PromptTemplateOptions {
  /** Where the text came from, for error messages. Default: `prompt`. */
  file?: string;
  /** The variables the recipe provides: a template using any other is an error at once. Default: checked at render. */
  variables?: readonly string[];
}

/** A parsed template. */
export interface PromptTemplate {
  readonly file: string;
  readonly text: string;
  /** The variables the template uses, in order of first use. */
  readonly variables: readonly string[];
  /** The text with every variable replaced; an unknown variable or a missing value is a PROMPT_TEMPLATE error. */
  render(values: PromptValues): string;
}

type Part = string | { name: string; line: number; column: number };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parsePromptTemplate(text: string, options: PromptTemplateOptions = {}): PromptTemplate {
  const file = options.file ?? 'prompt';
  const parts = parse(text, file);
  const slots = parts.filter((p): p is Exclude<Part, string> => typeof p !== 'string');
  if (options.variables) for (const slot of slots) checkKnown(slot, new Set(options.variables), file);
  const variables = [...new Set(slots.map((s) => s.name))];
  return {
    file,
    text,
    variables,
    render(values: PromptValues): string {
      const known = new Set(Object.keys(values));
      return parts
        .map((part) => {
          if (typeof part === 'string') return part;
          checkKnown(part, known, file);
          return valueText(values[part.name], part, file);
        })
        .join('');
    },
  };
}

/** Reads a template file (a path or a `file:` URL, such as `new URL('./prompts/port.md', import.meta.url)`). */
export async function loadPromptTemplate(file: string | URL, options: Omit<PromptTemplateOptions, 'file'> = {}): Promise<PromptTemplate> {
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new MigrateError('PROMPT_TEMPLATE', `Prompt file ${path} could not be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)}). Restore it, or eject the recipe again into a fresh folder.`, { cause, details: { file: path } });
  }
  return parsePromptTemplate(promptFileText(text), { ...options, file: path });
}

/** A template file's text as {@link loadPromptTemplate} parses it (also used by `migrate recipe check`). */
export function promptFileText(text: string): string {
  // Files end with a newline by convention; the prompt does not need it. Windows line ends become \n.
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

/** Parses and renders in one step: the variables known are the keys of `values`. */
export function renderPrompt(text: string, values: PromptValues, options: { file?: string } = {}): string {
  return parsePromptTemplate(text, { ...options, variables: Object.keys(values) }).render(values);
}

function parse(text: string, file: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      literal += text.slice(i);
      break;
    }
    if (open > 0 && text[open - 1] === '\\') {
      literal += text.slice(i, open - 1) + '{{';
      i = open + 2;
      continue;
    }
    literal += text.slice(i, open);
    const close = text.indexOf('}}', open + 2);
    const { line, column } = position(text, open);
    if (close < 0) {
      throw templateError(file, line, column, `"{{" is never closed with "}}". Close it, or write \\{{ for literal braces.`);
    }
    const body = text.slice(open + 2, close);
    i = close + 2;
    if (body.startsWith('!')) {
      // A comment alone on its line takes the line with it.
      const before = text.slice(text.lastIndexOf('\n', open - 1) + 1, open);
      const lineEnd = text.indexOf('\n', i);
      const after = text.slice(i, lineEnd < 0 ? text.length : lineEnd);
      if (before.trim() === '' && after.trim() === '') {
        literal = literal.slice(0, literal.length - before.length);
        i = lineEnd < 0 ? text.length : lineEnd + 1;
      }
      continue;
    }
    const name = body.trim();
    if (!NAME.test(name)) {
      throw templateError(file, line, column, `{{${body}}} is not a variable: expected {{name}} with a name of letters, digits and _ (or {{! a comment }}). Write \\{{ for literal braces.`);
    }
    parts.push(literal, { name, line, column });
    literal = '';
  }
  parts.push(literal);
  return parts.filter((p) => p !== '');
}

function checkKnown(slot: { name: string; line: number; column: number }, known: ReadonlySet<string>, file: string): void {
  if (known.has(slot.name)) return;
  const names = [...known].sort();
  const near = names
    .map((n) => ({ n, d: distance(n, slot.name) }))
    .filter(({ n, d }) => d <= (Math.min(n.length, slot.name.length) >= 4 ? 2 : 1))
    .sort((x, y) => x.d - y.d)[0]?.n;
  throw templateError(
    file,
    slot.line,
    slot.column,
    `unknown variable {{${slot.name}}}.${near ? ` Did you mean {{${near}}}?` : ''} This prompt can use: ${names.length > 0 ? names.map((n) => `{{${n}}}`).join(', ') : '(no variables)'}.`,
  );
}

function valueText(value: PromptValue | undefined | null, slot: { name: string; line: number; column: number }, file: string): string {
  if (value === undefined || value === null) {
    throw templateError(file, slot.line, slot.column, `no value for {{${slot.name}}}: the recipe passed ${value === null ? 'null' : 'undefined'}. This is a bug in the recipe's code, not in the prompt.`);
  }
  if (Array.isArray(value)) return value.join('\n');
  if (typeof value === 'object') {
    throw templateError(file, slot.line, slot.column, `the value of {{${slot.name}}} is an object; expected a string, number, boolean or list. Format it to text in the recipe first.`);
  }
  return String(value);
}

function templateError(file: string, line: number, column: number, message: string): MigrateError {
  return new MigrateError('PROMPT_TEMPLATE', `Prompt ${file}:${line}:${column}: ${message}`, { details: { file, line, column } });
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Edit distance, case and `_` ignored (0 for `Name` vs `name`). */
function distance(x: string, y: string): number {
  const a = x.toLowerCase().replace(/_/g, '');
  const b = y.toLowerCase().replace(/_/g, '');
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
