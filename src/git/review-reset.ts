/**
 * Brings a kept review workspace back to what a new one would be, without writing its checkout
 * again: tracked files back to the base (`git read-tree -u --reset` with odw's index: the previous
 * candidate's new files go, changed and deleted files come back), untracked files odw did not place
 * removed, ignored paths that were not there after preparation removed (build outputs of a check),
 * copies and links placed again, and a new own `.git` (nothing a reviewer wrote there survives).
 * workspace.setup does not run again: its outputs are kept.
 */
import type { GitRun } from '../ports/git.js';
import { splitZ } from './exec.js';
import { prepareWorktree } from './prepare.js';
import { ensureOdwGit, initOwnGit, workspaceEnv } from './private.js';
import type { KeptReview } from './review-keep.js';
import type { WorktreeDeps } from './worktrees.js';

const isOwnGit = (p: string) => /^\.git(\/|$)/i.test(p);

/** Ignored paths now in the workspace (folders collapsed), as odw's git sees them. */
export async function ignoredPaths(deps: WorktreeDeps, path: string): Promise<Set<string>> {
  const r = await deps.git(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], {
    cwd: path,
    env: await workspaceEnv(path),
    full: true,
  });
  return new Set(splitZ(r.stdout).filter((p) => !isOwnGit(p)));
}

/** True when setup changed no tracked file (then the base plus setup's untracked outputs is what setup made). */
export async function resettable(deps: WorktreeDeps, run: GitRun, path: string): Promise<boolean> {
  if (!run.workspace?.setup?.length) return true;
  const r = await deps.git(['ls-files', '-z', '--modified', '--deleted'], { cwd: path, env: await workspaceEnv(path), full: true });
  return splitZ(r.stdout).length === 0;
}

export async function resetReview(deps: WorktreeDeps, run: GitRun, kept: KeptReview, base: string): Promise<void> {
  const path = kept.workspace.path;
  const env = await workspaceEnv(path);
  const call = { cwd: path, env, signal: run.signal, full: true };
  await deps.git(['read-tree', '-u', '--reset', base], call);
  const placed = kept.workspace.placed;
  const isPlaced = (p: string) => placed.some((q) => p === q || p.startsWith(`${q}/`));
  const untracked = splitZ((await deps.git(['ls-files', '-z', '--others', '--exclude-standard'], call)).stdout);
  const ignored = await ignoredPaths(deps, path);
  const leftovers = [...untracked.filter((p) => !isPlaced(p) && !isOwnGit(p)), ...[...ignored].filter((p) => !kept.ignored.has(p))];
  for (let i = 0; i < leftovers.length; i += 500) {
    const args = ['-rf', '--', ...leftovers.slice(i, i + 500).map((p) => p.replace(/\/$/, ''))];
    const r = await deps.process.run({ command: 'rm', args, cwd: path });
    if (r.exitCode !== 0) throw new Error(`could not clean the review workspace ${path}: ${r.stderr.trim()}`);
  }
  // Copies and links placed again (a check may have changed them); setup is not run again.
  await prepareWorktree({ ...deps, repo: run.repo, workspace: { ...run.workspace, setup: [] }, signal: run.signal }, path, kept.workspace.name);
  await initOwnGit(deps.git, await ensureOdwGit(deps.git, run), path, base, run.signal);
}
