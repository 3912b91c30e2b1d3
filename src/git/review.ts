/**
 * The review workspace: a private repository at the base with the whole candidate applied (and
 * staged). With `reuse`, one workspace per run and review stage is kept between rounds: the next
 * round brings it back to the base (review-reset.ts) and applies the new candidate instead of
 * checking everything out again; removeAll removes it at the run's end.
 */
import { GitError, type Candidate, type GitRun, type Worktree } from '../ports/git.js';
import { failureMessage } from './exec.js';
import { handOver, workspaceEnv } from './private.js';
import { runFolder } from './paths.js';
import { keepReview, keptReview, type KeptReview } from './review-keep.js';
import { ignoredPaths, resetReview, resettable } from './review-reset.js';
import { createWorktrees, removeWorktrees, type WorktreeDeps } from './worktrees.js';

let counter = 0;

export interface ReviewWorkspaceOptions {
  /** Keep the workspace for the next round under this key (the review stage's id). */
  reuse?: string;
}

export async function withReviewWorkspace<T>(
  deps: WorktreeDeps,
  run: GitRun,
  candidate: Candidate,
  fn: (workspace: Worktree) => Promise<T>,
  options: ReviewWorkspaceOptions = {},
): Promise<T> {
  if (options.reuse === undefined) {
    const [workspace] = await createWorktrees(deps, { ...run, base: candidate.base }, [`.review-${process.pid.toString(36)}-${++counter}`]);
    try {
      return await withCandidate(deps, run, workspace, candidate, fn);
    } finally {
      await removeWorktrees(deps, run, [workspace]);
    }
  }
  const folder = runFolder(run.repo, run.runId, run.workspace);
  const kept = await reviewWorkspace(deps, run, candidate.base, folder, options.reuse);
  keepReview(folder, options.reuse, kept);
  return withCandidate(deps, run, kept.workspace, candidate, fn);
}

/** The kept workspace brought back to the base, or a new one (the first round, or when it cannot be reset). */
async function reviewWorkspace(deps: WorktreeDeps, run: GitRun, base: string, folder: string, key: string): Promise<KeptReview> {
  const kept = keptReview(folder, key);
  if (kept?.reusable && kept.workspace.base === base) {
    try {
      await resetReview(deps, run, kept, base);
      return kept;
    } catch (e) {
      if (run.signal?.aborted) throw e;
      // Fall through: a new workspace in its place.
    }
  }
  keepReview(folder, key, undefined);
  const name = `.review-${key.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const [workspace] = await createWorktrees(deps, { ...run, base }, [name]);
  return { workspace, ignored: await ignoredPaths(deps, workspace.path), reusable: await resettable(deps, run, workspace.path) };
}

async function withCandidate<T>(
  deps: WorktreeDeps,
  run: GitRun,
  workspace: Worktree,
  candidate: Candidate,
  fn: (workspace: Worktree) => Promise<T>,
): Promise<T> {
  // --index: reviewers see every change, new files included, with `git diff --cached`.
  // Applied with odw's git dir and index, then the reviewers' own index gets a copy.
  const args = ['apply', '--index', candidate.patchFile];
  const r = await deps.git(args, { cwd: workspace.path, env: await workspaceEnv(workspace.path), signal: run.signal, allowFail: true });
  if (r.exitCode !== 0) throw new GitError('review_workspace_failed', `odw could not build the review workspace: ${failureMessage(args, r)}`);
  await handOver(workspace.path);
  return fn(workspace);
}
