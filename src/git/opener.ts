/** The interface every way of opening a pull request implements (gh, the REST API), and its inputs. */

export interface PullRequestSpec {
  title: string;
  /** The PR text (the content of `bodyFile`). */
  body: string;
  /** `pr.md` (or the per-item file) holding the body. */
  bodyFile: string;
  /** The pushed branch. */
  head: string;
  /** The branch the PR goes into. */
  base: string;
  draft: boolean;
}

export interface OpenedPullRequest {
  url: string;
  number?: number;
}

export interface PullRequestOpener {
  /** `gh` or `rest`: shown to the user and stored in `pr.json`. */
  readonly via: 'gh' | 'rest';
  /** One line on where PRs go (never a secret). */
  readonly describe: string;
  open(spec: PullRequestSpec): Promise<OpenedPullRequest>;
}
