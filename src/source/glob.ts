/**
 * Glob patterns over posix paths relative to a root, with gitignore semantics:
 * `*` and `?` never cross `/`; `**` crosses any number of directories; `[abc]`, `[!a-z]` and
 * `{a,b}` work; a pattern without a `/` (other than a trailing one) matches a name at any depth.
 */

/** The regular expression source for a glob, without anchors. */
export function globSource(glob: string): string {
  let out = '';
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const before = i === 0 || glob[i - 1] === '/';
        const after = glob[i + 2];
        if (before && after === '/') {
          out += '(?:.*/)?';
          i += 3;
          continue;
        }
        if (before && after === undefined) {
          out += '.*';
          i += 2;
          continue;
        }
        out += '[^/]*';
        i += 2;
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '\\' && i + 1 < glob.length) {
      out += escape(glob[i + 1] as string);
      i++;
    } else out += escape(c);
    i++;
  }
  return out;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** True when the string holds glob syntax (as opposed to a plain path). */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

export interface GlobMatcher {
  readonly pattern: string;
  /** Tests a posix path relative to the root. */
  matches(path: string): boolean;
}

/** Compiles a glob. `dir/` matches the directory and everything in it; a bare name matches at any depth. */
export function compileGlob(pattern: string): GlobMatcher {
  let glob = pattern.replace(/^\.\//, '');
  const dirOnly = glob.endsWith('/');
  if (dirOnly) glob = glob.slice(0, -1);
  const anchored = glob.includes('/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  const body = globSource(glob);
  const source = `^${anchored ? '' : '(?:.*/)?'}${body}${dirOnly ? '/.*' : '(?:/.*)?'}$`;
  const regex = new RegExp(source);
  return { pattern, matches: (path: string) => regex.test(path) };
}
