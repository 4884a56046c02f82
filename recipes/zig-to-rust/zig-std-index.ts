/**
 * The compact index of zig_std that the porting guide carries (prompts/guide.md, between the `zig_std index`
 * markers): one line per public item, read from the Rust source of `zig_std/src/` (the crate every output
 * crate gets, see scaffold.ts). `test/recipes/zig-to-rust/zig-std.test.ts` fails when the guide's index and
 * the source disagree; `ZIG_STD_INDEX_UPDATE=1` on that test rewrites the guide's block.
 *
 * Lines: `mem::index_of<T: PartialEq>(haystack: &[T], needle: &[T]) -> Option<usize>` (fns, with lifetimes
 * left out), `mem::SplitIterator::next(&mut self) -> Option<&[T]>` (inherent methods), `math::U<const BITS:
 * u32>` (types: `struct`, `enum`, `trait`), `math::NAN_F64: f64` (consts), `zig_skip!(…)` (exported macros).
 * Items marked `#[doc(hidden)]` and trait impls are left out.
 */

export const INDEX_START = '<!-- zig_std index (generated from zig_std/src; see zig-std-index.ts) -->';
export const INDEX_END = '<!-- end of zig_std index -->';

/** Index lines of one module's source (`module` is the file name without `.rs`; `lib` for the crate root). */
export function moduleIndex(module: string, source: string): string[] {
  const prefix = module === 'lib' ? '' : `${module}::`;
  const lines: string[] = [];
  const text = stripComments(source);
  let depth = 0;
  let implType: string | undefined;
  let implDepth = -1;
  let inTrait = false;
  let hidden = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '{') {
      depth++;
      i++;
      continue;
    }
    if (ch === '}') {
      depth--;
      if (implType !== undefined && depth === implDepth) implType = undefined;
      i++;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const attr = /^#\[([^\]]*)\]/.exec(rest);
    if (attr !== null) {
      if (/^doc\s*\(\s*hidden\s*\)$/.test(attr[1]!.trim())) hidden = true;
      if (attr[1]!.trim() === 'macro_export') {
        const mac = /^#\[macro_export\]\s*macro_rules!\s*([A-Za-z_]\w*)/.exec(rest);
        if (mac !== null && !hidden) lines.push(`${mac[1]}!(…)`);
      }
      i += attr[0].length;
      continue;
    }
    const topLevel = depth === 0;
    const inImpl = implType !== undefined && depth === implDepth + 1;
    if (topLevel) {
      const impl = /^impl\s*(<[^{]*?>)?\s*([A-Za-z_][\w:]*(?:<[^{]*?>)?)\s*\{/.exec(rest);
      if (impl !== null && !/\bfor\b/.test(impl[0])) {
        implType = impl[2]!.replace(/<.*$/, '');
        implDepth = depth;
        inTrait = false;
        depth++;
        i += impl[0].length;
        hidden = false;
        continue;
      }
      const trait = /^pub\s+trait\s+([A-Za-z_]\w*)[^{;]*\{/.exec(rest);
      if (trait !== null) {
        if (!hidden) lines.push(`${prefix}${tidy(trait[0].slice('pub trait '.length, -1))} (trait)`);
        implType = hidden ? undefined : trait[1]!;
        implDepth = depth;
        inTrait = true;
        depth++;
        i += trait[0].length;
        hidden = false;
        continue;
      }
    }
    if (inImpl && inTrait && /^(const\s+)?fn\s/.test(rest)) {
      const end = signatureEnd(rest);
      const signature = tidy(rest.slice(rest.indexOf('fn ') + 3, end));
      if (!hidden) lines.push(`${prefix}${implType}::${signature}`);
      hidden = false;
      i += end;
      continue;
    }
    if (topLevel || inImpl) {
      const item = /^pub\s+(fn|struct|enum|trait|const|type)\s+/.exec(rest);
      if (item !== null) {
        const end = signatureEnd(rest);
        const signature = tidy(rest.slice(item[0].length, end));
        const owner = inImpl ? `${prefix}${implType}::` : prefix;
        if (!hidden) {
          if (item[1] === 'fn') lines.push(`${owner}${signature}`);
          else if (item[1] === 'const') lines.push(`${owner}${signature.replace(/\s*=.*$/, '')}`);
          else if (item[1] === 'type') lines.push(`${owner}${signature} (type)`);
          else lines.push(`${owner}${signature.replace(/\s*\(.*$/, '')} (${item[1]})`);
        }
        hidden = false;
        i += end;
        continue;
      }
    }
    // Anything else: skip to the next token boundary.
    const word = /^[\w']+|^./.exec(rest)!;
    if (!/^(pub|#)/.test(word[0])) hidden = hidden && /^(pub|fn|const|struct|enum|trait|type|impl|unsafe|async|extern)$/.test(word[0]);
    i += word[0].length;
  }
  return lines;
}

/** Where a signature ends: the `{` or `;` (or `=` of a const) outside brackets. */
function signatureEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '<') depth++;
    else if (c === ')' || c === ']' || (c === '>' && text[i - 1] !== '-')) depth--;
    else if (depth <= 0 && (c === '{' || c === ';')) return i;
  }
  return text.length;
}

function tidy(signature: string): string {
  return signature
    .replace(/\s+/g, ' ')
    .replace(/<'[a-z_]+(?:, '[a-z_]+)*>/g, '')
    .replace(/<'[a-z_]+, /g, '<')
    .replace(/'[a-z_]+, /g, '')
    .replace(/&'[a-z_]+ /g, '&')
    .replace(/, \)/g, ')')
    .replace(/\( /g, '(')
    .trim();
}

function stripComments(source: string): string {
  // Line comments (doc comments included) and string literals that could hold braces.
  return source.replace(/\/\/[^\n]*/g, '').replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/b'(?:[^'\\]|\\.)'|'(?:[^'\\\n]|\\.)'(?!\w)/g, "' '");
}

/**
 * The index of the whole crate: `lib.rs`'s items, then each module that lib.rs declares, in its order, under
 * a `module:` heading line. `files` maps `src/<name>.rs` (or `<name>.rs`) to its source.
 */
export function zigStdIndex(files: ReadonlyMap<string, string>): string {
  const byName = new Map([...files].map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.rs$/, ''), text]));
  const lib = byName.get('lib') ?? '';
  const modules = [...lib.matchAll(/^pub mod ([a-z_]\w*);/gm)].map((m) => m[1]!);
  const out: string[] = [];
  const exported: string[] = [];
  for (const name of modules) {
    const lines = moduleIndex(name, byName.get(name) ?? '');
    exported.push(...lines.filter((l) => l.endsWith('!(…)')));
    const items = lines.filter((l) => !l.endsWith('!(…)'));
    if (items.length > 0) out.push(...items);
  }
  out.push(...exported, ...moduleIndex('lib', lib).filter((l) => !l.endsWith('!(…)')));
  return out.join('\n');
}

/** The guide's index block (between the markers), or undefined when the guide has none. */
export function guideIndex(guide: string): string | undefined {
  const start = guide.indexOf(INDEX_START);
  const end = guide.indexOf(INDEX_END);
  if (start < 0 || end < start) return undefined;
  const block = guide.slice(start + INDEX_START.length, end);
  return block.replace(/^\s*```text\n/, '').replace(/\n```\s*$/, '').trim();
}

/** The guide with its index block replaced by `index`. */
export function withGuideIndex(guide: string, index: string): string {
  const start = guide.indexOf(INDEX_START);
  const end = guide.indexOf(INDEX_END);
  if (start < 0 || end < start) throw new Error(`the porting guide has no ${INDEX_START} … ${INDEX_END} block`);
  return `${guide.slice(0, start + INDEX_START.length)}\n\`\`\`text\n${index}\n\`\`\`\n${guide.slice(end)}`;
}
