/**
 * The user's git control files, read as bytes (never by running anything the repository
 * configures): config, config.worktree, hooks/, info/, HEAD, objects/info/alternates, and every
 * ref. Used by the repository guard (repo-guard.ts) to notice and undo changes made during a run.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { GitDirArea, GitDirChange } from '../ports/git.js';
import type { RunGit } from './exec.js';
import { readState, type PathState } from './files.js';

/**
 * Settings every guard call pins, whatever the repository's config says now: no hook and no
 * fsmonitor ever runs (a planted one must not run while odw looks at it or puts things back).
 */
export const SAFE = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false'];

export interface GitDirs {
  /** This worktree's git dir (`.git`, or `.git/worktrees/<name>` in a linked worktree). */
  gitDir: string;
  /** The shared git dir: config, hooks, info, objects and refs live here. */
  commonDir: string;
}

export interface GitDirFiles {
  /** Keyed by path relative to the common dir (`hooks/pre-commit`, `worktrees/wt/HEAD`). */
  files: Map<string, PathState>;
  /** Real folders under the watched areas (to remove the ones an intruder created). */
  dirs: Set<string>;
}

export async function gitDirs(git: RunGit, repo: string): Promise<GitDirs> {
  const r = await git([...SAFE, 'rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir'], { cwd: repo });
  const [gitDir, commonDir] = r.stdout.trim().split('\n');
  return { gitDir: resolve(repo, gitDir), commonDir: resolve(repo, commonDir) };
}

/** Reads every watched file. Folders are walked without following symlinks. */
export async function readGitDirFiles(dirs: GitDirs): Promise<GitDirFiles> {
  const root = dirs.commonDir;
  const out: GitDirFiles = { files: new Map(), dirs: new Set() };
  const own = relative(root, dirs.gitDir);
  const singles = ['config', 'config.worktree', 'HEAD', 'objects/info/alternates'];
  if (own) singles.push(`${own}/HEAD`, `${own}/config.worktree`);
  for (const rel of singles) {
    const state = await readSafely(root, rel);
    if (state.kind !== 'missing') out.files.set(rel, state);
  }
  for (const area of ['hooks', 'info']) await walk(root, area, out);
  return out;
}

/**
 * The files of the user's git dir that git reads settings from on every call (a filter driver is
 * defined in a config and chosen in `info/attributes`), keyed as in `readGitDirFiles`.
 */
export function settingsKeys(dirs: GitDirs): string[] {
  const own = relative(dirs.commonDir, dirs.gitDir);
  return ['config', 'config.worktree', 'info/attributes', ...(own ? [`${own}/config.worktree`] : [])];
}

/** The settings files as they are now, as `readGitDirFiles` would read them. */
export async function readSettingsFiles(dirs: GitDirs): Promise<GitDirFiles> {
  const out: GitDirFiles = { files: new Map(), dirs: new Set() };
  for (const rel of settingsKeys(dirs)) {
    const state = await readSafely(dirs.commonDir, rel);
    if (state.kind !== 'missing') out.files.set(rel, state);
  }
  return out;
}

async function walk(root: string, rel: string, out: GitDirFiles): Promise<void> {
  const info = await lstat(join(root, rel)).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) {
    out.files.set(rel, await readSafely(root, rel));
    return;
  }
  out.dirs.add(rel);
  const entries = await readdir(join(root, rel)).catch(() => [] as string[]);
  for (const name of entries.sort()) await walk(root, `${rel}/${name}`, out);
}

/** A file made unreadable (chmod 000) still counts as changed and is put back. */
const readSafely = (root: string, rel: string): Promise<PathState> => readState(root, rel).catch(() => ({ kind: 'other' }) as PathState);

/** Every ref (refs/stash included) with the object it points to. */
export async function readRefs(git: RunGit, repo: string): Promise<Map<string, string>> {
  const r = await git([...SAFE, 'for-each-ref', '--format=%(refname)%00%(objectname)'], { cwd: repo, full: true });
  const refs = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const at = line.indexOf('\0');
    if (at > 0) refs.set(line.slice(0, at), line.slice(at + 1));
  }
  return refs;
}

function areaOf(rel: string): GitDirArea {
  if (rel.startsWith('hooks/') || rel === 'hooks') return 'hooks';
  if (rel.startsWith('info/') || rel === 'info') return 'info';
  if (rel === 'objects/info/alternates') return 'alternates';
  if (rel === 'HEAD' || rel.endsWith('/HEAD')) return 'HEAD';
  return 'config';
}

function sameState(a: PathState, b: PathState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'file' && b.kind === 'file') return a.mode === b.mode && a.data.equals(b.data);
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target;
  return true;
}

const text = (s: PathState | undefined) => (s?.kind === 'file' ? s.data.toString('utf8').trim() : s?.kind === 'symlink' ? `-> ${s.target}` : undefined);

/** What changed in the watched files, sorted by path. HEAD carries its old and new content. */
export function diffFiles(before: GitDirFiles, after: GitDirFiles): GitDirChange[] {
  const changes: GitDirChange[] = [];
  const keys = [...new Set([...before.files.keys(), ...after.files.keys()])].sort();
  for (const path of keys) {
    const a = before.files.get(path);
    const b = after.files.get(path);
    const area = areaOf(path);
    const values = area === 'HEAD' ? { ...(text(a) ? { from: text(a) } : {}), ...(text(b) ? { to: text(b) } : {}) } : {};
    if (!a) changes.push({ area, path, change: 'added', ...values });
    else if (!b) changes.push({ area, path, change: 'removed', ...values });
    else if (!sameState(a, b)) changes.push({ area, path, change: 'changed', ...values });
  }
  return changes;
}

export function diffRefs(before: Map<string, string>, after: Map<string, string>): GitDirChange[] {
  const changes: GitDirChange[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const from = before.get(path);
    const to = after.get(path);
    if (from === to) continue;
    const change = from === undefined ? 'added' : to === undefined ? 'removed' : 'changed';
    changes.push({ area: 'refs', path, change, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }
  return changes;
}
