/** The review workspace: a private repository at the base with the whole candidate applied (and staged). */
import { GitError, type Candidate, type GitRun, type Worktree } from '../ports/git.js';
import { failureMessage } from './exec.js';
import { handOver, workspaceEnv } from './private.js';
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
    // Applied with odw's git dir and index, then the reviewers' own index gets a copy.
    const r = await deps.git(['apply', '--index', candidate.patchFile], { cwd: workspace.path, env: await workspaceEnv(workspace.path), signal: run.signal, allowFail: true });
    if (r.exitCode !== 0) {
      throw new GitError('review_workspace_failed', `odw could not build the review workspace: ${failureMessage(['apply', '--index', candidate.patchFile], r)}`);
    }
    await handOver(workspace.path);
    return await fn(workspace);
  } finally {
    await removeWorktrees(deps, run, [workspace]);
  }
}
