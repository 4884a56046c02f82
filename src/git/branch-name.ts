/**
 * Branch names: the default `migrate/<recipe>/<slice-or-input>` made safe for git, and picking a name
 * no local or remote branch has (a suffix `-2`, `-3`, … for default names; a clear stop for a name
 * the user chose).
 */
import { MigrateError } from '../errors.js';

const MAX_SEGMENT = 60;

/** One path segment of a branch name: `src/http server` → `src-http-server`. */
export function branchSegment(text: string, max = MAX_SEGMENT): string {
  let s = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  if (s.length > max) s = s.slice(0, max).replace(/[.-]+$/, '');
  s = s.replace(/\.lock$/i, '-lock');
  return s === '' ? 'run' : s;
}

/** `migrate/<recipe>/<label>`, each part sanitized. */
export function defaultBranchName(recipe: string, label: string): string {
  return `migrate/${branchSegment(recipe, 40)}/${branchSegment(label)}`;
}

/**
 * A name that `taken` does not hold. A default name gets the first free suffix; a name the user gave
 * (`explicit`) is used as it is or refused with `BRANCH_EXISTS`.
 */
export function freeBranchName(wanted: string, taken: (name: string) => boolean, explicit: boolean, where: (name: string) => string): string {
  if (!taken(wanted)) return wanted;
  if (explicit) {
    throw new MigrateError(
      'BRANCH_EXISTS',
      `The branch ${wanted} already exists ${where(wanted)}. Nothing was force-pushed or overwritten. Pick another name with --branch, or leave --branch out to get a free name (a suffix such as ${wanted}-2).`,
      { details: { branch: wanted } },
    );
  }
  for (let n = 2; n < 1000; n++) {
    const candidate = `${wanted}-${n}`;
    if (!taken(candidate)) return candidate;
  }
  throw new MigrateError('BRANCH_EXISTS', `Branches ${wanted} to ${wanted}-999 all exist. Delete old ones or pass --branch NAME.`, { details: { branch: wanted } });
}
