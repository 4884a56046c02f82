/** Applying a fixer's `{ edits: [{ old, new }] }`: exact replacements, in order, each `old` found exactly once. */

export interface Edit {
  old: string;
  new: string;
}

export interface EditProblem {
  edit: Edit;
  /** `not-found`: `old` is not in the file; `ambiguous`: it occurs more than once; `empty`: `old` is empty. */
  reason: 'not-found' | 'ambiguous' | 'empty';
  occurrences: number;
}

export interface EditResult {
  text: string;
  applied: number;
  problems: EditProblem[];
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
  return count;
}

/** Applies the edits one after the other; an edit that cannot be placed is skipped and reported. */
export function applyEdits(text: string, edits: readonly Edit[]): EditResult {
  let current = text;
  let applied = 0;
  const problems: EditProblem[] = [];
  for (const edit of edits) {
    if (edit.old === '') {
      problems.push({ edit, reason: 'empty', occurrences: 0 });
      continue;
    }
    let old = edit.old;
    let count = occurrences(current, old);
    if (count === 0 && current.includes('\r\n') && !old.includes('\r\n')) {
      // A model rarely reproduces CRLF line ends; try the edit with the file's line ends.
      old = old.replace(/\n/g, '\r\n');
      count = occurrences(current, old);
    }
    if (count !== 1) {
      problems.push({ edit, reason: count === 0 ? 'not-found' : 'ambiguous', occurrences: count });
      continue;
    }
    const at = current.indexOf(old);
    current = current.slice(0, at) + edit.new + current.slice(at + old.length);
    applied++;
  }
  return { text: current, applied, problems };
}

/** The problems as prompt text for the next round. */
export function describeProblems(problems: readonly EditProblem[]): string {
  return problems
    .map((p, i) => {
      const why = p.reason === 'empty' ? 'its `old` was empty' : p.reason === 'not-found' ? '`old` was not found in the file' : `\`old\` occurs ${p.occurrences} times (it must be unique: include more context)`;
      return `${i + 1}. Not applied, ${why}:\n   old: ${JSON.stringify(p.edit.old.length > 400 ? `${p.edit.old.slice(0, 400)}…` : p.edit.old)}`;
    })
    .join('\n');
}
