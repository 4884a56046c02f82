/**
 * A `.gitignore` matcher: comments, blank lines, `!` negation, trailing `/` for directories,
 * anchoring by a leading or middle `/`, `*`, `?`, `[…]` and `**`. Rules of a deeper
 * `.gitignore` come later and so win, as in git. A file inside an ignored directory is never
 * reached (the walker does not descend), which gives git's "cannot re-include" rule for free.
 */
import { globSource } from './glob.js';

interface Rule {
  /** Directory of the .gitignore, relative to the matcher's top, posix, `''` for the top. */
  base: string;
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
}

/** Parses the text of one `.gitignore` into rules relative to `base`. */
function parseGitignore(text: string, base = ''): Rule[] {
  const rules: Rule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (line === '') continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const source = `^${anchored ? '' : '(?:.*/)?'}${globSource(line)}$`;
    rules.push({ base, negate, dirOnly, regex: new RegExp(source) });
  }
  return rules;
}

export class GitignoreMatcher {
  private readonly rules: Rule[] = [];

  /** Adds the rules of the `.gitignore` in directory `base` (relative to the top, posix, `''` for the top). */
  add(text: string, base = ''): void {
    this.rules.push(...parseGitignore(text, base));
  }

  /** Whether `path` (relative to the top, posix) is ignored. */
  ignores(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.dirOnly && !isDirectory) continue;
      if (ignored === !rule.negate) continue; // cannot change the outcome
      let relative: string;
      if (rule.base === '') relative = path;
      else if (path.startsWith(`${rule.base}/`)) relative = path.slice(rule.base.length + 1);
      else continue;
      if (rule.regex.test(relative)) ignored = !rule.negate;
    }
    return ignored;
  }
}
