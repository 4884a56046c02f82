/**
 * Terminal display width: what a line occupies on screen, with wide characters (CJK, emoji) counting two
 * columns and ANSI escape sequences none (string-width), and cutting a line to the terminal's width without
 * splitting a character or an escape sequence.
 */
import stringWidth from 'string-width';

const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/y;
const segmenter = new Intl.Segmenter();

/** Columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * `text` cut to at most `columns` display columns, ending in `…` when cut. Escape sequences are kept (they take
 * no room) and a reset is added after a cut one, so a colour never leaks into the next line.
 */
export function truncateToWidth(text: string, columns: number): string {
  if (columns <= 0) return '';
  if (displayWidth(text) <= columns) return text;
  const room = columns - 1; // for the ellipsis
  let out = '';
  let used = 0;
  let escapes = false;
  let i = 0;
  while (i < text.length) {
    ANSI.lastIndex = i;
    const escape = ANSI.exec(text);
    if (escape) {
      out += escape[0];
      escapes = true;
      i += escape[0].length;
      continue;
    }
    // The next grapheme up to the next escape sequence.
    const next = text.indexOf('\x1b', i + 1);
    const run = text.slice(i, next < 0 ? text.length : next);
    let stopped = false;
    for (const { segment } of segmenter.segment(run)) {
      const width = stringWidth(segment);
      if (used + width > room) {
        stopped = true;
        break;
      }
      out += segment;
      used += width;
    }
    if (stopped) break;
    i += run.length;
  }
  return `${out}…${escapes ? '\x1b[0m' : ''}`;
}

/** Rows that lines of these display widths take on a terminal `columns` wide (a longer line wraps). */
export function rowsOnScreen(widths: readonly number[], columns: number): number {
  const cols = Math.max(1, columns);
  return widths.reduce((rows, width) => rows + Math.max(1, Math.ceil(width / cols)), 0);
}
