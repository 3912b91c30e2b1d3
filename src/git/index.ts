/** The git layer: createGit wires the pieces of src/git/ into the Git port. */
import { sep } from 'node:path';
import { GitError, type Git, type GitConfigSnapshot } from '../ports/git.js';
import type { ProcessRunner } from '../ports/process.js';
import { apply, isApplied } from './apply.js';
import { acquireLock, releaseLock, tryLock } from './lock.js';
import { recoverInterrupted } from './recover.js';
import { combine } from './candidate.js';
import { existingChange, resolveCommit } from './change.js';
import { capture, filesTree, seed } from './capture.js';
import { gitRunner, type RunGit } from './exec.js';
import { configWatch } from './config-snapshot.js';
import { compare, discard, restore, snapshot } from './guard.js';
import { bundleBase, cloneBundle } from './bundle.js';
import { createRepoGuard, type SettingsCheck } from './repo-guard.js';
import { dirtyFiles } from './tree.js';
import { withReviewWorkspace } from './review.js';
import { checkScope } from './scope.js';
import { createWorktrees, pruneStale, removeAll, removeWorktrees, withWorkspace, withWorktrees } from './worktrees.js';

/**
 * `config`: the user's global and system git settings as the odw process read them at its start
 * (takeGitConfig), the only ones outside a repository that odw's git calls read; without it the
 * layer reads them at its first git call.
 */
export function createGit(deps: { process: ProcessRunner; config?: GitConfigSnapshot | Promise<GitConfigSnapshot> }): Git {
  const raw = gitRunner(deps.process, deps.config);
  // The user's repositories under a repository guard, with its check of their settings files.
  const guarded = new Map<string, SettingsCheck>();
  const git: RunGit = async (args, call) => {
    // A call with a GIT_DIR of odw's (a workspace) never reads the user's repository settings.
    if (!call.env?.GIT_DIR) for (const [repo, check] of guarded) if (inside(call.cwd, repo)) await check();
    return raw(args, call);
  };
  const wt = { git, process: deps.process };
  const isBare = async (path: string) => (await git(['rev-parse', '--is-bare-repository'], { cwd: path, allowFail: true })).stdout.trim() === 'true';
  return {
    async repoRoot(cwd) {
      if (await isBare(cwd)) throw bareRepository(cwd);
      const r = await git(['rev-parse', '--show-toplevel'], { cwd, allowFail: true });
      if (r.exitCode !== 0)
        throw new GitError('not_a_repository', `${cwd} is not inside a git repository: run odw from your project's repository (git init creates one).`);
      return r.stdout.trim();
    },
    async head(repo) {
      if (await isBare(repo)) throw bareRepository(repo);
      const r = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: repo, allowFail: true });
      if (r.exitCode === 0) return r.stdout.trim();
      const inside = await git(['rev-parse', '--is-inside-work-tree'], { cwd: repo, allowFail: true });
      if (inside.exitCode !== 0)
        throw new GitError(
          'not_a_repository',
          `${repo} is not a git repository: odw works on one (git init, then commit once), or pass --repo <your repository>.`,
        );
      throw new GitError('not_a_repository', `${repo} has no commit yet: odw starts every task from HEAD, so commit once first.`);
    },
    isBare,
    dirtyFiles: (repo) => dirtyFiles(git, repo),
    pruneStale: (repo, workspace) => pruneStale(wt, repo, workspace),
    createWorktrees: (run, tasks) => createWorktrees(wt, run, tasks),
    removeWorktrees: (run, worktrees) => removeWorktrees(wt, run, worktrees),
    withWorktrees: (run, tasks, fn) => withWorktrees(wt, run, tasks, fn),
    withWorkspace: (run, task, fn, options) => withWorkspace(wt, run, task, fn, options?.pendingRemovals),
    removeAll: (run) => removeAll(wt, run),
    seed: (worktree, patches) => seed(git, worktree, patches),
    filesTree: (worktree) => filesTree(git, worktree),
    capture: (run, worktree, options) => capture(git, run, worktree, options),
    checkScope,
    combine: (run, patches, options) => combine(git, run, patches, options),
    existingChange: (run, source, name) => existingChange(git, run, source, name),
    resolveCommit: (repo, rev) => resolveCommit(git, repo, rev),
    withReviewWorkspace: (run, candidate, fn, options) => withReviewWorkspace(wt, run, candidate, fn, options),
    apply: (repo, candidate, options) => apply(git, repo, candidate, options),
    isApplied: (repo, candidate) => isApplied(git, repo, candidate),
    // The guard's own calls (it puts the settings back, then reads refs) are not checked.
    repoGuard: (repo, options) =>
      createRepoGuard(raw, repo, options, {
        onSettingsCheck: (check) => guarded.set(repo, check),
        ...(deps.config ? { configChanges: configWatch(deps.process, repo, deps.config) } : {}),
      }),
    async recoverApplies(repo, runId) {
      if (!tryLock(repo, runId)) return undefined;
      try {
        return await recoverInterrupted(git, repo);
      } finally {
        releaseLock(repo, runId);
      }
    },
    acquireApplyLock: async (repo, runId, options) => {
      await acquireLock(repo, runId, { signal: options?.signal, onWait: (owner) => options?.onWait?.(owner.runId) });
    },
    releaseApplyLock: releaseLock,
    snapshot: (repo, options) => snapshot(git, repo, options),
    compare: async (snap) => {
      const { restoreFromGit: _fromGit, ...changes } = await compare(git, snap);
      return changes;
    },
    restore: (snap) => restore(git, snap),
    discard,
    bundle: (repo, base, file, signal) => bundleBase(git, repo, base, file, signal),
    cloneBundle: (bundle, dest, base, signal) => cloneBundle(git, bundle, dest, base, signal),
  };
}

const inside = (cwd: string, repo: string) => cwd === repo || cwd.startsWith(repo.endsWith(sep) ? repo : repo + sep);

/** A bare repository has no working tree to apply to. */
function bareRepository(path: string): GitError {
  return new GitError('not_a_repository', bareMessage(path));
}

export function bareMessage(path: string): string {
  return `${path} is a bare repository: odw applies changes to a working tree; run it in a clone with a working tree (git clone ${path} <folder>).`;
}

export { checkScope, ownershipMatcher } from './scope.js';
export { takeGitConfig } from './config-snapshot.js';
