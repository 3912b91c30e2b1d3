/** Reading the user's tree for the verify guard: what differs from a commit, and file states. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, lstat, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotEntry } from '../ports/git.js';
import { type RunGit, splitZ } from './exec.js';
import type { PathState } from './files.js';

/** odw's own run records are never the step's doing. */
const SPECS = ['--', '.', ':(exclude,literal).odw'];

/**
 * Paths whose working-tree file differs from `commit`, with git's status letter (M, D, A, T), plus
 * untracked, non-ignored files ('?').
 */
export async function dirtyPaths(git: RunGit, repo: string, commit: string): Promise<Map<string, string>> {
  const [tracked, untracked] = await Promise.all([
    git(['diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', commit, ...SPECS], { cwd: repo, full: true }),
    git(['ls-files', '--others', '--exclude-standard', '-z', ...SPECS], { cwd: repo, full: true }),
  ]);
  const paths = new Map<string, string>();
  const parts = splitZ(tracked.stdout);
  for (let i = 0; i + 1 < parts.length; i += 2) paths.set(parts[i + 1], parts[i][0]);
  for (const path of splitZ(untracked.stdout)) if (!paths.has(path)) paths.set(path.replace(/\/$/, ''), '?');
  return paths;
}

/** Paths that differ from HEAD in the index or on disk, or are untracked (odw's .odw/ aside). */
export async function dirtyFiles(git: RunGit, repo: string): Promise<string[]> {
  const r = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', ...SPECS], { cwd: repo, full: true });
  return [...new Set(splitZ(r.stdout).map((e) => e.slice(3)))].sort();
}

/** Index entries that differ from `commit`, one `:mode mode oid oid status<TAB>path` line each. */
export async function stagedLines(git: RunGit, repo: string, commit: string): Promise<string[]> {
  const r = await git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', commit, ...SPECS], { cwd: repo, full: true });
  const parts = splitZ(r.stdout);
  const lines: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) lines.push(`${parts[i]}\t${parts[i + 1]}`);
  return lines;
}

/** The state of one path; with `copyTo`, a file's bytes are also saved there. */
export async function readEntry(repo: string, path: string, copyTo?: string): Promise<SnapshotEntry> {
  const abs = join(repo, path);
  const info = await lstat(abs).catch(() => undefined);
  if (!info) return { kind: 'missing' };
  if (info.isSymbolicLink()) return { kind: 'symlink', target: await readlink(abs) };
  if (!info.isFile()) return { kind: 'other' };
  if (copyTo) await copyFile(abs, copyTo);
  return { kind: 'file', mode: info.mode & 0o7777, sha256: await sha256(copyTo ?? abs), copy: copyTo ?? '' };
}

export function sameEntry(a: SnapshotEntry, b: SnapshotEntry): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'file' && b.kind === 'file') return a.sha256 === b.sha256 && a.mode === b.mode;
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target;
  return true;
}

/** What to write back for a snapshot entry. */
export async function entryState(entry: SnapshotEntry): Promise<PathState> {
  if (entry.kind === 'file') return { kind: 'file', mode: entry.mode, data: await readFile(entry.copy) };
  return entry;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolveHash, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolveHash(hash.digest('hex')));
  });
}
