/**
 * Task workspaces: private repositories created in parallel at the run's base, prepared, and always
 * removed. Nothing is registered in the user's `.git` (see private.ts).
 */
import { readdir, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GitRun, RemoveReport, WorkspaceSettings, Worktree } from '../ports/git.js';
import type { ProcessRunner } from '../ports/process.js';
import type { RunGit } from './exec.js';
import { staleRunFolders } from './owner.js';
import { repoFolder, runFolder, safeSegment } from './paths.js';
import { prepareWorktree } from './prepare.js';
import { ensureOdwGit, initWorkspace, removeTree, removeWorkspace } from './private.js';
import { discardWorkspace, settle } from './trash.js';
import { forgetReviewWorkspaces } from './review-keep.js';

export interface WorktreeDeps {
  git: RunGit;
  process: ProcessRunner;
}

export async function createWorktrees(deps: WorktreeDeps, run: GitRun, names: string[]): Promise<Worktree[]> {
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  if (dupes.length) throw new Error(`duplicate worktree names: ${[...new Set(dupes)].join(', ')}`);
  for (const name of names) if (!name.startsWith('.review-')) safeSegment(name, 'task id');
  const folder = runFolder(run.repo, run.runId, run.workspace);
  const odwGit = await ensureOdwGit(deps.git, run);
  const settled = await Promise.allSettled(names.map((name) => createOne(deps, run, odwGit, join(folder, name), name)));
  const created = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    // Remove what was made, including half-made workspaces of the failed tasks.
    const partial = names.filter((n) => !created.some((w) => w.name === n));
    await removeWorktrees(deps, run, [...created, ...partial.map((name) => ({ name, path: join(folder, name), base: run.base, placed: [] }))]);
    throw failure.reason;
  }
  return created;
}

async function createOne(deps: WorktreeDeps, run: GitRun, odwGit: string, path: string, name: string): Promise<Worktree> {
  await initWorkspace(deps.git, run, odwGit, path, run.base);
  const placed = await prepareWorktree({ ...deps, repo: run.repo, workspace: run.workspace, signal: run.signal }, path, name);
  return { name, path, base: run.base, placed };
}

/** Never takes the run's abort signal: cleanup must finish even after a cancellation. */
export async function removeWorktrees(deps: WorktreeDeps, _run: Pick<GitRun, 'repo'>, worktrees: Worktree[]): Promise<RemoveReport> {
  return removePaths(
    deps,
    worktrees.map((w) => w.path),
  );
}

async function removePaths(deps: WorktreeDeps, paths: string[]): Promise<RemoveReport> {
  const report: RemoveReport = { removed: [], failed: [] };
  await Promise.all(
    paths.map(async (path) => {
      try {
        await removeWorkspace(deps.process, path);
        report.removed.push(path);
      } catch (e) {
        report.failed.push({ path, message: (e as Error).message });
      }
    }),
  );
  return report;
}

export async function withWorktrees<T>(deps: WorktreeDeps, run: GitRun, names: string[], fn: (w: Worktree[]) => Promise<T>): Promise<T> {
  const worktrees = await createWorktrees(deps, run, names);
  try {
    return await fn(worktrees);
  } finally {
    await removeWorktrees(deps, run, worktrees);
  }
}

/**
 * One workspace for the duration of `fn` (a task's concurrency slot): created at the run's base and
 * prepared, then taken out of the way at once whatever happens (success, failure, abort) and deleted
 * in the background, at most `pendingRemovals` deletions at a time (see trash.ts).
 */
export async function withWorkspace<T>(deps: WorktreeDeps, run: GitRun, name: string, fn: (w: Worktree) => Promise<T>, pendingRemovals = 1): Promise<T> {
  const [workspace] = await createWorktrees(deps, run, [name]);
  try {
    return await fn(workspace);
  } finally {
    await discardWorkspace(deps.process, workspace.path, pendingRemovals);
  }
}

/** The workspaces in a run folder (every entry but owner.json and odw's git dir). */
async function workspacesIn(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((n) => n !== 'owner.json' && !n.startsWith('.odw-git')).map((n) => join(folder, n));
}

export async function removeAll(deps: WorktreeDeps, run: Pick<GitRun, 'repo' | 'runId' | 'workspace'>): Promise<RemoveReport> {
  const folder = runFolder(run.repo, run.runId, run.workspace);
  await settle(folder);
  forgetReviewWorkspaces(folder);
  const report = await removePaths(deps, await workspacesIn(folder));
  await removeTree(deps.process, folder).catch(() => undefined);
  await removeIfEmpty(dirname(folder));
  return report;
}

/** Workspace folders of runs whose process is gone are removed. */
export async function pruneStale(deps: WorktreeDeps, repo: string, workspace?: WorkspaceSettings): Promise<RemoveReport> {
  const parent = repoFolder(repo, workspace);
  const stale = await staleRunFolders(parent);
  const report = await removePaths(deps, (await Promise.all(stale.map(workspacesIn))).flat());
  await Promise.all(stale.map((f) => removeTree(deps.process, f).catch(() => undefined)));
  await removeIfEmpty(parent);
  return report;
}

/** The per-repository folder goes when its last run folder has gone (rmdir refuses a non-empty one). */
async function removeIfEmpty(folder: string): Promise<void> {
  await rmdir(folder).catch(() => undefined);
}
