/**
 * Pull requests from a run: for each unit (the whole run, or one per item) a commit on a new branch
 * whose parent is the current HEAD, holding the run's output files only; `pr.md` and a `.patch` in the
 * run directory; then, when it can, a push (never forced) and a PR through `gh` or the REST API.
 *
 * The user's checkout is never disturbed: the commit is built in a temporary index and made with
 * `commit-tree`, and the branch is created with `update-ref` (which refuses to overwrite). HEAD, the
 * index and the work tree are not touched, so there is nothing to restore, even after a crash.
 *
 * Everything is checked before anything is created: the paths, changes the run did not make (by hash
 * against the report's `files` when it has them: those are left out and listed; else dirty-check.ts),
 * secrets in the files, the remote and the base branch. Run again, a branch already holding the same
 * tree on the same parent is reused (up-to-date-branch.ts). A run whose outcome is not ok gets a draft.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { MigrateError } from '../errors.js';
import { redact } from '../redact.js';
import type { ProcessRunner } from '../process/process-runner.js';
import { branchSegment, defaultBranchName, freeBranchName } from './branch-name.js';
import { chooseOpener as defaultChooseOpener, type OpenerChoice, type ChooseOpenerInput } from './choose-opener.js';
import { inspectChanges, type FileDiffStat } from './diff-stats.js';
import { dirtyTreeError, findForeignChanges, type ForeignChange, type RunWindow } from './dirty-check.js';
import { readOpenedPrs } from './earlier-prs.js';
import { findExcludedDirs } from './excludes.js';
import { gitError, type Env } from './git.js';
import { webUrl } from './github-remote.js';
import { commitMessage, renderPrBody } from './pr-body.js';
import { planUnits, type PrUnit } from './pr-units.js';
import { chooseRemote, openRepository, realExisting, remoteUrl, repoRelative, type Repository } from './repository.js';
import { commitTree, createBranch, inHead, snapshotPaths, type Snapshot } from './snapshot.js';
import type { ChangesSource, LeftOutFile, PrOptions, PrOutcome, PrRunInfo, PrSummary } from './types.js';
import { findUpToDateBranch, localBranches } from './up-to-date-branch.js';
import { sortByWriter, type WrittenFiles } from './written-files.js';

export interface PrDeps {
  runner: ProcessRunner;
  /** Variables for git and gh, and where tokens are read from. */
  env: Env;
  /** Progress lines (already redacted). */
  log?: (line: string) => void;
  /** Literal secrets that must not be committed. Default: the values of GITHUB_TOKEN, GH_TOKEN, ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN. */
  secrets?: readonly string[];
  /** Test seam: how the opener is chosen. */
  chooseOpener?: (input: ChooseOpenerInput) => Promise<OpenerChoice>;
}

interface Prepared {
  unit: PrUnit;
  snapshot: Snapshot;
  stats: FileDiffStat[];
  /** Per item: `unit.item` relative to the repository top. */
  item?: string;
}

const LONG_TIMEOUT_MS = 300_000;

export async function createPullRequests(runIn: PrRunInfo, sourceIn: ChangesSource, options: PrOptions, deps: PrDeps): Promise<PrSummary> {
  const log = (line: string): void => deps.log?.(redact(line));
  const { run, source } = await normalized(runIn, sourceIn);
  const perItem = options.perItem === true;
  const planned = planUnits(source, run, options);
  if (planned.units.length === 0) {
    throw new MigrateError('NOTHING_TO_COMMIT', `Run ${run.id} has nothing to put in a pull request: ${planned.skipped.length > 0 ? `no item has an output file (${planned.skipped.map((s) => `${s.path}: ${s.why}`).slice(0, 5).join('; ')})` : 'its result lists no changes'}.`);
  }
  const repo = await openRepository(planned.units[0]!.paths[0]!, deps.runner, deps.env);
  const summary: PrSummary = { runId: run.id, repository: repo.top, head: { sha: repo.head.sha, ...(repo.head.branch ? { branch: repo.head.branch } : {}) }, prs: [], skipped: [...planned.skipped], leftOut: [], notes: [] };
  log(`Repository ${repo.top}, HEAD ${repo.head.sha.slice(0, 10)}${repo.head.branch ? ` (${repo.head.branch})` : ' (detached)'}`);

  // 1. Snapshots and checks, before anything is created.
  const excludes = await findExcludedDirs(repo.top, planned.units.flatMap((u) => u.paths), [run.stateDir]);
  const window: RunWindow | undefined = runWindow(run);
  const secrets = (deps.secrets ?? ['GITHUB_TOKEN', 'GH_TOKEN', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'].map((k) => deps.env[k])).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const prepared: Prepared[] = [];
  const foreign: ForeignChange[] = [];
  // With the report's hashes, what the run did not write is left out (and listed), not refused.
  const written: WrittenFiles | undefined =
    source.kind === 'report' && source.report.files ? { output: source.report.output, files: source.report.files, runId: run.id, reportFile: await realExisting(resolve(source.file)) } : undefined;
  for (const unit of planned.units) {
    const paths: string[] = [];
    for (const path of unit.paths) {
      const rel = await repoRelative(repo, path);
      if (existsSync(path) || (await inHead(repo, rel))) paths.push(rel);
    }
    const item = unit.item ? await repoRelative(repo, unit.item) : undefined;
    const what = item !== undefined ? `\`${item}\`` : `the output of run ${run.id}`;
    if (paths.length === 0) {
      if (!perItem) throw new MigrateError('NOTHING_TO_COMMIT', `${unit.paths.join(', ')} ${unit.paths.length === 1 ? 'does' : 'do'} not exist, so there is nothing to commit. Was the output moved or deleted?`);
      summary.skipped.push({ path: unit.paths[0]!, why: 'the file does not exist' });
      continue;
    }
    let snapshot = await snapshotPaths(repo, paths, excludes);
    if (snapshot.changes.length === 0) {
      if (!perItem) {
        throw new MigrateError('NOTHING_TO_COMMIT', `${what} (${paths.map((p) => p || '.').join(', ')}) has no changes against HEAD ${repo.head.sha.slice(0, 10)}: it is committed already, or everything in it is ignored by .gitignore.`);
      }
      summary.skipped.push({ path: paths[0]!, why: 'no changes against HEAD' });
      continue;
    }
    if (written) {
      const sorted = await sortByWriter(repo.top, snapshot.changes, written);
      if (sorted.leftOut.length > 0 && options.allowDirty) foreign.push(...sorted.leftOut);
      else if (sorted.leftOut.length > 0) {
        summary.leftOut.push(...sorted.leftOut);
        if (sorted.ours.length === 0) {
          if (!perItem) throw allLeftOut(run.id, sorted.leftOut);
          summary.skipped.push({ path: paths[0]!, why: `left out: ${sorted.leftOut.map((f) => f.why).join('; ')}` });
          continue;
        }
        // Built again from the exact list: the left-out files stay as HEAD has them.
        snapshot = await snapshotPaths(repo, sorted.ours.map((c) => c.path));
      }
    } else {
      const listed = new Set<string>();
      for (const path of unit.listed) {
        try {
          listed.add(await repoRelative(repo, path));
        } catch {
          // an input outside the repository
        }
      }
      foreign.push(...(await findForeignChanges(repo.top, snapshot.changes, listed, window)));
    }
    const inspection = await inspectChanges(repo, snapshot.changes, secrets);
    if (inspection.secretsIn.length > 0) {
      throw new MigrateError(
        'SECRET_IN_OUTPUT',
        `Refusing to commit: ${inspection.secretsIn.join(', ')} contain${inspection.secretsIn.length === 1 ? 's' : ''} the value of a token from your environment (GITHUB_TOKEN, GH_TOKEN or ANTHROPIC_API_KEY). Remove it from the file${inspection.secretsIn.length === 1 ? '' : 's'}, then run this again.`,
        { details: { paths: inspection.secretsIn } },
      );
    }
    prepared.push({ unit, snapshot, stats: inspection.stats, ...(item !== undefined ? { item } : {}) });
  }
  summary.leftOut = [...new Map(summary.leftOut.map((f) => [f.path, f])).values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const unique = [...new Map(foreign.map((f) => [f.path, f])).values()];
  if (unique.length > 0) {
    if (!options.allowDirty) throw dirtyTreeError(unique, perItem ? 'these files' : `the output of run ${run.id}`);
    summary.notes.push(`--allow-dirty: including ${unique.length} change${unique.length === 1 ? '' : 's'} the run did not make (${unique.slice(0, 5).map((f) => f.path).join(', ')}${unique.length > 5 ? ', …' : ''}).`);
  }
  if (prepared.length === 0) throw new MigrateError('NOTHING_TO_COMMIT', `No file of run ${run.id} has changes against HEAD ${repo.head.sha.slice(0, 10)}: ${summary.skipped.map((s) => `${s.path} (${s.why})`).slice(0, 5).join(', ')}.`);

  // 2. Where the branches go, and how the PRs are opened.
  const remote = chooseRemote(repo, options.remote);
  if (remote) summary.remote = remote;
  if (options.push && !remote) throw new MigrateError('BAD_OPTION', `--push: the repository at ${repo.top} has no remote to push to. Add one with \`git remote add origin <url>\`, or leave --push out.`);
  const url = remote ? await remoteUrl(repo, remote) : undefined;
  const choice: OpenerChoice = options.offline
    ? { reason: '--offline was given' }
    : await (deps.chooseOpener ?? defaultChooseOpener)({ runner: deps.runner, cwd: repo.top, env: deps.env, ...(remote ? { remote } : {}), ...(url ? { remoteUrl: url } : {}), warn: log });
  const willPush = !options.offline && remote !== undefined && (choice.opener !== undefined || options.push === true);
  const remoteHeads = willPush ? await listRemoteHeads(repo, remote!) : new Map<string, string>();
  const base = await baseBranch(repo, options.base, remote);
  if (willPush && !remoteHeads.has(base)) {
    throw new MigrateError('BAD_OPTION', `The base branch ${base} is not on the remote "${remote}", so a pull request into it cannot be opened. Push it first (\`git push -u ${remote} ${base}\`) or pass --base with a branch the remote has.`, { details: { base, remote } });
  }
  if (remote) {
    const ahead = await repo.git.tryOut(['rev-list', '--count', `refs/remotes/${remote}/${base}..${repo.head.sha}`]);
    if (ahead && Number(ahead) > 0) summary.notes.push(`HEAD is ${ahead} commit${ahead === '1' ? '' : 's'} ahead of ${remote}/${base}: the pull request will show ${ahead === '1' ? 'it' : 'them'} too. Push ${repo.head.branch ?? 'HEAD'} first if that is not wanted.`);
  }

  // 3. Branches, commits, files; then push and open.
  const local = await localBranches(repo);
  const openedBefore = await readOpenedPrs(run.dir);
  const draft = options.draft === true || run.outcome?.ok === false;
  if (run.outcome?.ok === false) summary.notes.push(`Run ${run.id} is not ready (${run.outcome.summary}): its pull request is a draft, with that verdict on top of its text.`);
  const used = new Set<string>();
  for (const { unit, snapshot, stats, item } of prepared) {
    const explicit = options.branch !== undefined && !perItem;
    const wanted = explicit ? options.branch! : perItem && options.branch ? `${options.branch}/${branchSegment(unit.label)}` : defaultBranchName(run.recipe, unit.label);
    if ((await repo.git.exec(['check-ref-format', '--branch', wanted])).code !== 0) {
      throw new MigrateError('BAD_OPTION', `"${wanted}" is not a valid branch name for git (see \`git check-ref-format\`). Pass another --branch.`);
    }
    const bodyInput = { unit, run, source, top: repo.top, stats, perItem };
    const body = renderPrBody(bodyInput);
    // Made before (an earlier `migrate pr`): the same tree on the same parent. Reused, not made again.
    const current = await findUpToDateBranch(repo, wanted, explicit, { local, remote: remoteHeads }, snapshot.tree, (name) => used.has(name));
    let branch: string;
    let commit: string;
    if (current) {
      ({ branch, commit } = current);
      if (!current.local) await createBranch(repo, branch, commit, `migrate pr: run ${run.id} (from the remote)`);
      log(`Branch ${branch} is up to date: commit ${commit.slice(0, 10)} already holds these ${snapshot.changes.length} file${snapshot.changes.length === 1 ? '' : 's'} on HEAD ${repo.head.sha.slice(0, 10)}`);
    } else {
      branch = freeBranchName(wanted, (name) => local.has(name) || remoteHeads.has(name) || used.has(name), explicit, (name) => (local.has(name) ? 'in this repository' : `on the remote "${remote}"`));
      if (branch !== wanted) summary.notes.push(`The branch ${wanted} exists already; using ${branch}.`);
      commit = await commitTree(repo, snapshot.tree, commitMessage(bodyInput));
      await createBranch(repo, branch, commit, `migrate pr: run ${run.id}`);
    }
    used.add(branch);
    const name = perItem ? join('prs', branchSegment(unit.label, 80)) : 'pr';
    const bodyFile = join(run.dir, `${name}.md`);
    const patchFile = join(run.dir, `${name}.patch`);
    await mkdir(join(run.dir, perItem ? 'prs' : '.'), { recursive: true });
    await writeFile(bodyFile, body);
    await repo.git.run(['format-patch', '-1', '--binary', '--no-signature', `--output=${patchFile}`, commit], { timeoutMs: LONG_TIMEOUT_MS });
    const outcome: PrOutcome = {
      title: unit.title,
      branch,
      commit,
      parent: repo.head.sha,
      base,
      files: snapshot.changes.length,
      added: stats.reduce((s, f) => s + f.added, 0),
      removed: stats.reduce((s, f) => s + f.removed, 0),
      bodyFile,
      patchFile,
      ...(item !== undefined ? { item } : {}),
      via: 'offline',
      ...(current ? { upToDate: true } : {}),
      ...(draft ? { draft: true } : {}),
    };
    summary.prs.push(outcome);
    if (!current) log(`Branch ${branch}: commit ${commit.slice(0, 10)} with ${snapshot.changes.length} file${snapshot.changes.length === 1 ? '' : 's'}`);
    const before = openedBefore.get(branch);
    const alreadyOpen = current !== undefined && before !== undefined && before.commit === commit;
    if (alreadyOpen) {
      outcome.via = before.via;
      outcome.url = before.url;
      if (before.number !== undefined) outcome.number = before.number;
      log(`Pull request ${before.url} is open already for ${branch}`);
    }
    if (!willPush) continue;
    if (remoteHeads.get(branch) === commit) {
      outcome.pushed = { remote: remote!, branch };
    } else {
      const pushed = await repo.git.exec(['push', '--porcelain', remote!, `refs/heads/${branch}:refs/heads/${branch}`], { timeoutMs: LONG_TIMEOUT_MS });
      if (pushed.code !== 0) {
        const rejected = /\[rejected\]|already exists|non-fast-forward|fetch first/.test(pushed.stdout + pushed.stderr);
        outcome.error = rejected
          ? `The remote "${remote}" refused ${branch}: a branch of that name appeared there meanwhile. Nothing was forced. Run this again for a new name, or push by hand.`
          : gitError(['push', remote!, branch], pushed).message;
        continue;
      }
      outcome.pushed = { remote: remote!, branch };
    }
    if (!choice.opener || alreadyOpen) continue;
    try {
      const opened = await choice.opener.open({ title: unit.title, body, bodyFile, head: branch, base, draft });
      outcome.via = choice.opener.via;
      outcome.url = opened.url;
      if (opened.number !== undefined) outcome.number = opened.number;
      log(`Opened ${opened.url}`);
    } catch (error) {
      outcome.error = redact((error as Error).message);
    }
  }
  if (!choice.opener && summary.prs.some((pr) => pr.url === undefined)) summary.offline = { reason: choice.reason, instructions: offlineInstructions(summary, remote, choice, options) };
  await writeFile(join(run.dir, 'pr.json'), `${redact(JSON.stringify(summary, null, 2))}\n`);
  return summary;
}

function offlineInstructions(summary: PrSummary, remote: string | undefined, choice: OpenerChoice, options: PrOptions): string[] {
  const lines: string[] = [];
  const target = remote ?? 'origin';
  for (const pr of summary.prs) {
    if (pr.url) continue; // opened by an earlier `migrate pr`
    if (!pr.pushed) lines.push(`git push ${target} ${pr.branch}`);
    lines.push(
      choice.location
        ? `open ${webUrl(choice.location)}/compare/${encodeURIComponent(pr.base)}...${encodeURIComponent(pr.branch)}?expand=1 and paste ${pr.bodyFile}`
        : `open a pull request from ${pr.branch} into ${pr.base} on ${remote ? `the host of "${remote}"` : 'your Git host'}, with ${pr.bodyFile} as its text`,
    );
  }
  const patches = summary.prs.length === 1 ? summary.prs[0]!.patchFile : join(dirname(summary.prs[0]!.patchFile), '*.patch');
  if (summary.prs.length > 0) lines.push(`or apply the patch${summary.prs.length === 1 ? '' : 'es'} on a checkout of ${summary.prs[0]!.base} elsewhere: git am ${patches}`);
  if (!options.offline && choice.location) lines.push('to open it from here next time: log in with `gh auth login`, or set GITHUB_TOKEN');
  return lines;
}

/** The remote's branches: name → commit. */
async function listRemoteHeads(repo: Repository, remote: string): Promise<Map<string, string>> {
  const result = await repo.git.exec(['ls-remote', '--heads', remote], { timeoutMs: LONG_TIMEOUT_MS });
  if (result.code !== 0) throw gitError(['ls-remote', '--heads', remote], result, `Could not list the branches of the remote "${remote}". Check the network and your access (\`git ls-remote ${remote}\`), or pass --offline.`);
  const heads = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const [sha, ref] = line.split('\t');
    if (sha && ref?.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), sha);
  }
  return heads;
}

function allLeftOut(runId: string, leftOut: readonly LeftOutFile[]): MigrateError {
  const shown = leftOut.slice(0, 20).map((f) => `  ${f.path}: ${f.why}`);
  if (leftOut.length > shown.length) shown.push(`  … and ${leftOut.length - shown.length} more`);
  return new MigrateError(
    'NOTHING_TO_COMMIT',
    `Nothing of run ${runId} to commit: every file changed against HEAD in its output holds content the run did not write:\n${shown.join('\n')}\nIf the run's files are committed already, there is nothing to do. Pass --allow-dirty to put these changes in the pull request anyway.`,
    { details: { leftOut: leftOut.map((f) => ({ ...f })) } },
  );
}

/** --base, else the upstream branch, else the current branch, else the remote's default branch. */
async function baseBranch(repo: Repository, asked: string | undefined, remote: string | undefined): Promise<string> {
  if (asked) return asked;
  if (repo.head.upstream && repo.head.upstream.remote === remote) return repo.head.upstream.branch;
  if (repo.head.branch) return repo.head.branch;
  if (remote) {
    const target = await repo.git.tryOut(['symbolic-ref', '--quiet', '--short', `refs/remotes/${remote}/HEAD`]);
    if (target?.startsWith(`${remote}/`)) return target.slice(remote.length + 1);
  }
  throw new MigrateError('BAD_OPTION', 'HEAD is detached, so there is no current branch for the pull request to go into. Pass --base BRANCH.');
}

function runWindow(run: PrRunInfo): RunWindow | undefined {
  const start = Date.parse(run.startedAt);
  const end = Date.parse(run.finishedAt ?? run.updatedAt ?? '');
  if (!Number.isFinite(start)) return undefined;
  return { start, end: Number.isFinite(end) ? end : Date.now() };
}

/** Real paths everywhere (symlinked temp dirs, `..`), so paths compare with git's. */
async function normalized(run: PrRunInfo, source: ChangesSource): Promise<{ run: PrRunInfo; source: ChangesSource }> {
  const real = realExisting;
  const out: PrRunInfo = { ...run, dir: await real(run.dir), stateDir: await real(run.stateDir), ...(run.cwd ? { cwd: await real(run.cwd) } : {}) };
  // The verdict: run.json's, else (a run recorded before runs kept one) the report's.
  const outcome = verdict(run.outcome) ?? (source.kind === 'report' ? verdict(source.report.outcome) : undefined);
  delete out.outcome;
  if (outcome) out.outcome = outcome;
  if (source.kind === 'report') {
    const cwd = out.cwd ?? process.cwd();
    const input = await real(resolve(cwd, source.report.input));
    return { run: out, source: { ...source, report: { ...source.report, output: await real(source.report.output), input } } };
  }
  const items = await Promise.all(source.changes.items.map(async (item) => ({ ...item, path: await real(resolve(out.cwd ?? process.cwd(), item.path)) })));
  return { run: out, source: { kind: 'changes', changes: { ...source.changes, items } } };
}

function verdict(value: unknown): { ok: boolean; summary: string } | undefined {
  const v = value as { ok?: unknown; summary?: unknown } | null | undefined;
  return typeof v?.ok === 'boolean' ? { ok: v.ok, summary: typeof v.summary === 'string' && v.summary.trim() !== '' ? v.summary.trim() : v.ok ? 'ok' : 'not ok' } : undefined;
}
