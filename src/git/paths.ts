/** Where odw's worktrees live: `<root>/<repo-name>-<hash>/<runId>/<name>`. */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, resolve } from 'node:path';
import type { WorkspaceSettings } from '../ports/git.js';

/** The folder that holds every repository's worktree folders. */
export function worktreeRoot(repo: string, workspace?: WorkspaceSettings): string {
  const root = workspace?.root;
  if (!root) return resolve(tmpdir(), 'odw-worktrees');
  return isAbsolute(root) ? root : resolve(repo, root);
}

/** One folder per repository, so a shared root never mixes two repositories' runs. */
export function repoFolder(repo: string, workspace?: WorkspaceSettings): string {
  const hash = createHash('sha256').update(resolve(repo)).digest('hex').slice(0, 8);
  const name = basename(resolve(repo)).replace(/[^A-Za-z0-9._-]/g, '_') || 'repo';
  return resolve(worktreeRoot(repo, workspace), `${name}-${hash}`);
}

export function runFolder(repo: string, runId: string, workspace?: WorkspaceSettings): string {
  return resolve(repoFolder(repo, workspace), safeSegment(runId, 'run id'));
}

/** Task ids and run ids become folder and file names: keep them to one plain segment. */
export function safeSegment(value: string, what: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(value) || value.includes('..')) {
    throw new Error(`${what} "${value}" cannot be used as a folder name: use letters, digits, ".", "_" and "-" only`);
  }
  return value;
}
