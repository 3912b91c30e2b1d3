/**
 * Putting the user's git control files and refs back as they were at run start: saved bytes and
 * modes written back, added files (and the folders made for them) removed, refs moved back with
 * `git update-ref` — always with hooks and fsmonitor pinned off.
 */
import { lstat, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GitDirChange } from '../ports/git.js';
import type { RunGit } from './exec.js';
import { writeState } from './files.js';
import { SAFE, type GitDirFiles } from './gitdir-state.js';

export interface Unrestored {
  path: string;
  message: string;
}

const depth = (p: string) => p.split('/').length;

/** Puts back the changed files; returns what could not be put back. */
export async function restoreFiles(root: string, saved: GitDirFiles, changes: GitDirChange[]): Promise<Unrestored[]> {
  const failed: Unrestored[] = [];
  const attempt = async (path: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      failed.push({ path, message: (e as Error).message });
    }
  };
  // Added entries go first, shallowest first: a folder replaced by a symlink is removed before
  // anything is written, so nothing is ever written through a link an intruder planted.
  const added = changes.filter((c) => c.change === 'added').sort((a, b) => depth(a.path) - depth(b.path));
  for (const c of added) {
    await attempt(c.path, async () => {
      await rm(join(root, c.path), { recursive: true, force: true });
      const made = createdFolder(saved, c.path);
      if (made) await rm(join(root, made), { recursive: true, force: true });
    });
  }
  for (const c of changes.filter((x) => x.change !== 'added')) {
    const state = saved.files.get(c.path);
    if (!state) continue;
    await attempt(c.path, async () => {
      await realFolders(root, dirname(c.path));
      await writeState(root, c.path, state);
    });
  }
  return failed;
}

/** The topmost folder above `path` that did not exist at the snapshot (it held only added files). */
function createdFolder(saved: GitDirFiles, path: string): string | undefined {
  const parts = path.split('/').slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (dir === 'objects' || dir === 'objects/info' || dir === 'worktrees' || dir.startsWith('worktrees/')) continue;
    if (!saved.dirs.has(dir)) return dir;
  }
  return undefined;
}

/** Every folder on the way to `dir` is a real folder (a file or symlink in its place is removed). */
async function realFolders(root: string, dir: string): Promise<void> {
  if (dir === '.' || dir === '') return;
  const parts = dir.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const abs = join(root, parts.slice(0, i).join('/'));
    const info = await lstat(abs).catch(() => undefined);
    if (info && !info.isDirectory()) await rm(abs, { force: true });
    if (!info || !info.isDirectory()) await mkdir(abs);
  }
}

/** Moves refs back: added refs are deleted first (a name may block a restored one), then the rest. */
export async function restoreRefs(git: RunGit, repo: string, changes: GitDirChange[]): Promise<Unrestored[]> {
  const failed: Unrestored[] = [];
  const refs = changes.filter((c) => c.area === 'refs');
  const order = [...refs.filter((c) => c.change === 'added'), ...refs.filter((c) => c.change !== 'added')];
  for (const c of order) {
    const args = c.change === 'added' ? ['update-ref', '--no-deref', '-d', c.path] : ['update-ref', '--no-deref', c.path, c.from!];
    const r = await git([...SAFE, ...args], { cwd: repo, allowFail: true });
    if (r.exitCode !== 0) failed.push({ path: c.path, message: (r.stderr || r.stdout).trim().split('\n')[0] || `git update-ref exited with ${r.exitCode}` });
  }
  return failed;
}
