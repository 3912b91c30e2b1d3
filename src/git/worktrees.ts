/** Task worktrees: created in parallel at the run's base, prepared, and always removed. */
import { mkdir, realpath, rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { GitError, type GitRun, type RemoveReport, type WorkspaceSettings, type Worktree } from '../ports/git.js';
import type { ProcessRunner } from '../ports/process.js';
import { failureMessage, type RunGit } from './exec.js';
import { claimRunFolder, staleRunFolders } from './owner.js';
import { repoFolder, runFolder, safeSegment } from './paths.js';
import { prepareWorktree } from './prepare.js';

export interface WorktreeDeps {
  git: RunGit;
  process: ProcessRunner;
}

export async function createWorktrees(deps: WorktreeDeps, run: GitRun, names: string[]): Promise<Worktree[]> {
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  if (dupes.length) throw new Error(`duplicate worktree names: ${[...new Set(dupes)].join(', ')}`);
  for (const name of names) if (!name.startsWith('.review-')) safeSegment(name, 'task id');
  const folder = runFolder(run.repo, run.runId, run.workspace);
  await claimRunFolder(folder, run.runId, run.repo);
  const settled = await Promise.allSettled(names.map((name) => createOne(deps, run, join(folder, name), name)));
  const created = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    // Remove what was made, including half-made worktrees of the failed tasks.
    const partial = names.filter((n) => !created.some((w) => w.name === n));
    await removeWorktrees(deps, run, [...created, ...partial.map((name) => ({ name, path: join(folder, name), base: run.base, placed: [] }))]);
    throw failure.reason;
  }
  return created;
}

async function createOne(deps: WorktreeDeps, run: GitRun, path: string, name: string): Promise<Worktree> {
  await rm(path, { recursive: true, force: true });
  await register(deps, run, path);
  // Filling the folder is the slow part: it runs in parallel (git's own `worktree add` does the same reset).
  await deps.git(['reset', '--hard', '--quiet'], { cwd: path, signal: run.signal });
  const placed = await prepareWorktree({ ...deps, repo: run.repo, workspace: run.workspace, signal: run.signal }, path, name);
  return { name, path, base: run.base, placed };
}

/**
 * Registers an empty worktree. Concurrent `git worktree add` calls in one repository can read each
 * other's half-written metadata and fail ("failed to read .git/worktrees/…"), so registrations in
 * this process take turns, and one that collides with another process's is retried.
 */
async function register(deps: WorktreeDeps, run: GitRun, path: string): Promise<void> {
  const previous = registering.get(run.repo) ?? Promise.resolve();
  const mine = previous.then(async () => {
    // --force: a leftover registration of this path (its folder deleted) must not block the run.
    const args = ['worktree', 'add', '--detach', '--no-checkout', '--force', '--quiet', path, run.base];
    for (let attempt = 1; ; attempt++) {
      const r = await deps.git(args, { cwd: run.repo, signal: run.signal, allowFail: true });
      if (r.exitCode === 0) return;
      if (attempt >= REGISTER_ATTEMPTS || !/\/worktrees\//.test(r.stderr)) throw new GitError('git_failed', failureMessage(args, r));
      await rm(path, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
    }
  });
  registering.set(run.repo, mine.catch(() => undefined));
  return mine;
}

const REGISTER_ATTEMPTS = 5;
const registering = new Map<string, Promise<unknown>>();

/** Never takes the run's abort signal: cleanup must finish even after a cancellation. */
export async function removeWorktrees(deps: WorktreeDeps, run: Pick<GitRun, 'repo'>, worktrees: Worktree[]): Promise<RemoveReport> {
  return removePaths(deps, run.repo, worktrees.map((w) => w.path));
}

async function removePaths(deps: WorktreeDeps, repo: string, paths: string[]): Promise<RemoveReport> {
  const report: RemoveReport = { removed: [], failed: [] };
  let prune = false;
  await Promise.all(
    paths.map(async (path) => {
      // -f -f: also removes a worktree left locked by a `worktree add` that was killed.
      const r = await deps.git(['worktree', 'remove', '-f', '-f', path], { cwd: repo, allowFail: true });
      if (r.exitCode !== 0) prune = true;
      try {
        await rm(path, { recursive: true, force: true });
        report.removed.push(path);
      } catch (e) {
        report.failed.push({ path, message: (e as Error).message });
      }
    }),
  );
  if (prune) await deps.git(['worktree', 'prune'], { cwd: repo, allowFail: true });
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

/** Registered worktree paths (as git reports them: real paths). */
async function listWorktrees(deps: WorktreeDeps, repo: string): Promise<string[]> {
  const r = await deps.git(['worktree', 'list', '--porcelain'], { cwd: repo, full: true });
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length));
}

async function registeredUnder(deps: WorktreeDeps, repo: string, folders: string[]): Promise<string[]> {
  if (!folders.length) return [];
  const reals = await Promise.all(folders.map((f) => realpath(f).catch(() => f)));
  const prefixes = [...new Set([...folders, ...reals])].map((f) => f + sep);
  return (await listWorktrees(deps, repo)).filter((p) => prefixes.some((pre) => p.startsWith(pre)));
}

export async function removeAll(deps: WorktreeDeps, run: Pick<GitRun, 'repo' | 'runId' | 'workspace'>): Promise<RemoveReport> {
  const folder = runFolder(run.repo, run.runId, run.workspace);
  const report = await removePaths(deps, run.repo, await registeredUnder(deps, run.repo, [folder]));
  await rm(folder, { recursive: true, force: true });
  return report;
}

/** Worktree folders of runs whose process is gone are removed and unregistered. */
export async function pruneStale(deps: WorktreeDeps, repo: string, workspace?: WorkspaceSettings): Promise<RemoveReport> {
  const parent = repoFolder(repo, workspace);
  await mkdir(parent, { recursive: true });
  const stale = await staleRunFolders(parent);
  const report = await removePaths(deps, repo, await registeredUnder(deps, repo, stale));
  await Promise.all(stale.map((f) => rm(f, { recursive: true, force: true })));
  await deps.git(['worktree', 'prune'], { cwd: repo });
  return report;
}
