/**
 * The verify guard: a snapshot of the user's tree before a read-only step, and an exact restore
 * after it. Only files that differ from HEAD are saved (copied into the snapshot folder); clean
 * tracked files are restored from git, files the step added are removed.
 */
import { copyFile, mkdir, mkdtemp, rename, rm, rmdir, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { GitError, type SnapshotEntry, type TreeChanges, type TreeSnapshot } from '../ports/git.js';
import { type RunGit } from './exec.js';
import { writeState } from './files.js';
import { tempPath } from '../util/fs.js';
import { dirtyPaths, entryState, readEntry, sameEntry, stagedLines } from './tree.js';

export async function snapshot(git: RunGit, repo: string, options: { dir?: string } = {}): Promise<TreeSnapshot> {
  const dir = options.dir ? resolve(options.dir) : await mkdtemp(join(tmpdir(), 'odw-snapshot-'));
  await mkdir(join(dir, 'files'), { recursive: true });
  const head = (await git(['rev-parse', '--verify', 'HEAD'], { cwd: repo })).stdout.trim();
  const [dirty, staged, indexFile] = await Promise.all([dirtyPaths(git, repo, head), stagedLines(git, repo, head), indexPath(git, repo)]);
  const indexCopy = join(dir, 'index');
  await copyKeepingTime(indexFile, indexCopy);
  const entries: Record<string, SnapshotEntry> = {};
  let n = 0;
  for (const path of dirty.keys()) entries[path] = await readEntry(repo, path, join(dir, 'files', String(n++)));
  return { repo, head, dir, entries, staged, indexCopy };
}

export async function compare(git: RunGit, snap: TreeSnapshot): Promise<TreeChanges & { restoreFromGit: string[] }> {
  const { repo } = snap;
  const [head, now, staged] = await Promise.all([
    git(['rev-parse', '--verify', 'HEAD'], { cwd: repo }).then((r) => r.stdout.trim()),
    dirtyPaths(git, repo, snap.head),
    stagedLines(git, repo, snap.head),
  ]);
  const changes = { modified: [] as string[], added: [] as string[], removed: [] as string[], restoreFromGit: [] as string[] };
  const paths = [...new Set([...Object.keys(snap.entries), ...now.keys()])].sort();
  for (const path of paths) {
    const before = snap.entries[path];
    if (before) {
      const current = await readEntry(repo, path);
      if (sameEntry(before, current)) continue;
      if (before.kind === 'missing') changes.added.push(path);
      else if (current.kind === 'missing') changes.removed.push(path);
      else changes.modified.push(path);
      continue;
    }
    // Clean at the snapshot: the file was exactly as in the snapshot's HEAD (or did not exist).
    const status = now.get(path)!;
    if (status === 'A' || status === '?') changes.added.push(path);
    else {
      (status === 'D' ? changes.removed : changes.modified).push(path);
      changes.restoreFromGit.push(path);
    }
  }
  const indexChanged = staged.join('\n') !== snap.staged.join('\n');
  const changed = changes.modified.length + changes.added.length + changes.removed.length > 0 || indexChanged || head !== snap.head;
  return { changed, ...changes, indexChanged, ...(head !== snap.head ? { headMoved: { from: snap.head, to: head } } : {}) };
}

export async function restore(git: RunGit, snap: TreeSnapshot): Promise<TreeChanges> {
  const found = await compare(git, snap);
  if (!found.changed) return strip(found);
  const { repo } = snap;
  const fromGit = new Set(found.restoreFromGit);
  for (const path of [...found.modified, ...found.added, ...found.removed]) {
    const before = snap.entries[path];
    if (before) await writeState(repo, path, await entryState(before));
    else if (!fromGit.has(path)) await removeAdded(repo, path);
  }
  if (fromGit.size) {
    const input = [...fromGit].join('\0') + '\0';
    const args = ['--literal-pathspecs', 'restore', `--source=${snap.head}`, '--worktree', '--pathspec-from-file=-', '--pathspec-file-nul'];
    await git(args, { cwd: repo, input });
  }
  if (found.indexChanged && snap.indexCopy) {
    const index = await indexPath(git, repo);
    const tmp = tempPath(`${index}.odw-restore`);
    await copyKeepingTime(snap.indexCopy, tmp);
    await rename(tmp, index);
  }
  const after = await compare(git, snap);
  const left = [...after.modified, ...after.added, ...after.removed];
  if (left.length || after.indexChanged) {
    throw new GitError(
      'git_failed',
      `odw could not put back ${left.join(', ') || 'the index'} after a read-only step changed ${left.length ? 'them' : 'it'}; the saved copies are in ${snap.dir}.`,
    );
  }
  return strip(found);
}

export async function discard(snap: TreeSnapshot): Promise<void> {
  await rm(snap.dir, { recursive: true, force: true });
}

function strip(changes: TreeChanges & { restoreFromGit: string[] }): TreeChanges {
  const { restoreFromGit: _ignored, ...rest } = changes;
  return rest;
}

/** Removes a file the step added, and the folders that held only it. */
async function removeAdded(repo: string, path: string): Promise<void> {
  await rm(join(repo, path), { recursive: true, force: true });
  for (let dir = dirname(path); dir !== '.' && dir !== ''; dir = dirname(dir)) {
    if (
      !(await rmdir(join(repo, dir)).then(
        () => true,
        () => false,
      ))
    )
      break;
  }
}

/**
 * An index copy must keep the index's time: git trusts a file's stat data only when the file is
 * older than the index, so a newer time would hide edits made in the second the index was written.
 */
async function copyKeepingTime(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  const { atime, mtime } = await stat(from);
  await utimes(to, atime, mtime);
}

async function indexPath(git: RunGit, repo: string): Promise<string> {
  const r = await git(['rev-parse', '--git-path', 'index'], { cwd: repo });
  return resolve(repo, r.stdout.trim());
}
