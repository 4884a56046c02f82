/** Text helpers for Zig declarations: header cuts, whitespace normalisation, string escapes. */

/** `@import("…")`, group 1 the string's content (escapes not decoded). No flags: derive with `new RegExp(IMPORT_CALL.source, …)`. */
export const IMPORT_CALL = /@import\s*\(\s*"((?:[^"\\\n]|\\.)*)"\s*\)/;

/** Source text from `start` up to the first `stop` character (not inside a string), whitespace collapsed. */
export function headerText(text: string, start: number, end: number, stop: string): string {
  let inString = false;
  let cut = end;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"' || ch === '\n') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === stop) {
      cut = i;
      break;
    }
  }
  return normalise(text.slice(start, cut));
}

/** Collapses whitespace unless a line comment or multiline string would then swallow the rest. */
export function normalise(source: string): string {
  const trimmed = source.trim().replace(/;$/, '').trimEnd();
  if (!/\s\s|[\n\t]|\( |,? \)/.test(trimmed)) return trimmed;
  if (trimmed.includes('//') || trimmed.includes('\\\\')) return trimmed;
  return trimmed.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/,? \)/g, ')');
}

/** Decodes the escapes of a Zig string literal's content: \n, \t, \", \x41, \u{1F600}. */
export function unescapeZigString(content: string): string {
  if (!content.includes('\\')) return content;
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };
  return content.replace(/\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)/g, (whole, escape: string) => {
    if (escape.startsWith('x') && escape.length === 3) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (escape.startsWith('u{')) return String.fromCodePoint(parseInt(escape.slice(2, -1), 16));
    return simple[escape] ?? whole;
  });
}
