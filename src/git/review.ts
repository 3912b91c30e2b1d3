/** The review workspace: a worktree at the base with the whole candidate applied (and staged). */
import { GitError, type Candidate, type GitRun, type Worktree } from '../ports/git.js';
import { failureMessage } from './exec.js';
import { createWorktrees, removeWorktrees, type WorktreeDeps } from './worktrees.js';

let counter = 0;

export async function withReviewWorkspace<T>(
  deps: WorktreeDeps,
  run: GitRun,
  candidate: Candidate,
  fn: (workspace: Worktree) => Promise<T>,
): Promise<T> {
  const name = `.review-${process.pid.toString(36)}-${++counter}`;
  const [workspace] = await createWorktrees(deps, { ...run, base: candidate.base }, [name]);
  try {
    // --index: reviewers see every change, new files included, with `git diff --cached`.
    const r = await deps.git(['apply', '--index', candidate.patchFile], { cwd: workspace.path, signal: run.signal, allowFail: true });
    if (r.exitCode !== 0) {
      throw new GitError('review_workspace_failed', `odw could not build the review workspace: ${failureMessage(['apply', '--index', candidate.patchFile], r)}`);
    }
    return await fn(workspace);
  } finally {
    await removeWorktrees(deps, run, [workspace]);
  }
}
