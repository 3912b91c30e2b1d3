/**
 * A fingerprint of the user's working tree for the repository guard: `git status` (odw's own
 * folders aside) and the SHA-256 and mode of every path that was dirty — no copies of contents.
 * Comparing two fingerprints gives the paths whose state changed: newly dirty, changed content or
 * mode, or cleaned.
 */
import type { SnapshotEntry } from '../ports/git.js';
import { splitZ, type RunGit } from './exec.js';
import { SAFE } from './gitdir-state.js';
import { readEntry, sameEntry } from './tree.js';

export interface TreePrint {
  /** Path → its two-letter `git status --porcelain` code. */
  status: Map<string, string>;
  entries: Map<string, SnapshotEntry>;
}

export async function treePrint(git: RunGit, repo: string, exclude: string[] = []): Promise<TreePrint> {
  const specs = ['--', '.', ':(exclude,literal).odw', ...exclude.map((e) => `:(exclude,literal)${e}`)];
  const args = [...SAFE, 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', ...specs];
  const r = await git(args, { cwd: repo, full: true });
  const status = new Map<string, string>();
  for (const e of splitZ(r.stdout)) status.set(e.slice(3).replace(/\/$/, ''), e.slice(0, 2));
  const entries = new Map<string, SnapshotEntry>();
  for (const path of status.keys()) entries.set(path, await readEntry(repo, path));
  return { status, entries };
}

/** Paths whose state differs between two fingerprints, sorted. */
export function changedPaths(start: TreePrint, now: TreePrint): string[] {
  const paths = [...new Set([...start.status.keys(), ...now.status.keys()])].sort();
  return paths.filter((p) => {
    if (start.status.get(p) !== now.status.get(p)) return true;
    return !sameEntry(start.entries.get(p)!, now.entries.get(p)!);
  });
}

/** True when a changed path is one of the change's files, or a folder holding one. */
export function touches(files: string[], path: string): boolean {
  return files.some((f) => f === path || f.startsWith(`${path}/`));
}
