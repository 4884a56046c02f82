/**
 * `migrate pr` run again must not make `-2`, `-3` branches holding the same commit. A branch of the
 * wanted name (or, for a default name, a `-N` one of it) whose commit has the same tree and, as its only
 * parent, the same HEAD is the pull request made before: it is reused, and nothing new is committed.
 *
 * A branch counts only when the remote does not disagree: when the remote has a branch of that name at
 * another commit (someone else's, or an older push), pushing would be refused, so it is not reused. A
 * branch only on the remote (deleted here after the push) is reused when its commit is in this repository.
 */
import type { Repository } from './repository.js';

export interface BranchRefs {
  /** Local branches: name → commit. */
  local: ReadonlyMap<string, string>;
  /** The remote's branches (empty when nothing is pushed): name → commit. */
  remote: ReadonlyMap<string, string>;
}

export interface UpToDateBranch {
  branch: string;
  commit: string;
  /** The local branch exists (else it has to be created at `commit`). */
  local: boolean;
  /** The remote has the branch at `commit` already. */
  onRemote: boolean;
}

/**
 * The branch already holding `tree` on HEAD, among `wanted` and (unless `explicit`) `wanted-N`, lowest N
 * first; undefined when there is none. `skip` names branches this command used already.
 */
export async function findUpToDateBranch(repo: Repository, wanted: string, explicit: boolean, refs: BranchRefs, tree: string, skip: (name: string) => boolean = () => false): Promise<UpToDateBranch | undefined> {
  const names = explicit ? [wanted] : candidates(wanted, [...refs.local.keys(), ...refs.remote.keys()]);
  for (const branch of names) {
    if (skip(branch)) continue;
    const local = refs.local.get(branch);
    const remote = refs.remote.get(branch);
    const commit = local ?? remote;
    if (commit === undefined) continue;
    if (local !== undefined && remote !== undefined && remote !== local) continue;
    if (await holds(repo, commit, tree)) return { branch, commit, local: local !== undefined, onRemote: remote === commit };
  }
  return undefined;
}

/** `wanted` and the existing `wanted-N` names, by N. */
function candidates(wanted: string, existing: readonly string[]): string[] {
  const suffixed = new Map<string, number>();
  for (const name of existing) {
    if (!name.startsWith(`${wanted}-`)) continue;
    const n = name.slice(wanted.length + 1);
    if (/^[1-9]\d*$/.test(n)) suffixed.set(name, Number(n));
  }
  return [wanted, ...[...suffixed.entries()].sort((a, b) => a[1] - b[1]).map(([name]) => name)];
}

/** Whether `commit` (present in this repository) has `tree` and HEAD as its only parent. */
async function holds(repo: Repository, commit: string, tree: string): Promise<boolean> {
  const text = await repo.git.tryOut(['cat-file', 'commit', commit]);
  if (text === undefined) return false;
  const header = text.slice(0, text.indexOf('\n\n') >= 0 ? text.indexOf('\n\n') : text.length).split('\n');
  const trees = header.filter((l) => l.startsWith('tree ')).map((l) => l.slice(5));
  const parents = header.filter((l) => l.startsWith('parent ')).map((l) => l.slice(7));
  return trees.length === 1 && trees[0] === tree && parents.length === 1 && parents[0] === repo.head.sha;
}

/** Local branches, name → commit. */
export async function localBranches(repo: Repository): Promise<Map<string, string>> {
  const text = await repo.git.out(['for-each-ref', '--format=%(objectname)%09%(refname:lstrip=2)', 'refs/heads/']);
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) map.set(line.slice(tab + 1), line.slice(0, tab));
  }
  return map;
}
