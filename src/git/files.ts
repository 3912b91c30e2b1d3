/** Saving and putting back the exact state of a few paths: bytes, mode, symlink or absence. */
import { chmod, lstat, mkdir, readFile, readlink, rm, rmdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type PathState =
  { kind: 'missing'; createdFrom?: string } | { kind: 'file'; mode: number; data: Buffer } | { kind: 'symlink'; target: string } | { kind: 'other' };

/** The state of `root/rel`; for a missing path, also its first missing ancestor folder. */
export async function readState(root: string, rel: string): Promise<PathState> {
  const abs = join(root, rel);
  const info = await lstat(abs).catch(() => undefined);
  if (!info) return { kind: 'missing', createdFrom: await firstMissingAncestor(root, rel) };
  if (info.isSymbolicLink()) return { kind: 'symlink', target: await readlink(abs) };
  if (info.isFile()) return { kind: 'file', mode: info.mode & 0o7777, data: await readFile(abs) };
  return { kind: 'other' };
}

async function firstMissingAncestor(root: string, rel: string): Promise<string | undefined> {
  const parts = rel.split('/').slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (!(await lstat(join(root, dir)).catch(() => undefined))) return dir;
  }
  return undefined;
}

/**
 * Puts `root/rel` back to `state`. Folders created since are removed once empty (a file someone
 * else put there later is never deleted), removed ones recreated.
 */
export async function writeState(root: string, rel: string, state: PathState): Promise<void> {
  const abs = join(root, rel);
  if (state.kind === 'other') return;
  if (state.kind === 'missing') {
    await rm(abs, { recursive: true, force: true });
    if (state.createdFrom) await removeEmptyFolders(root, dirname(rel), state.createdFrom);
    return;
  }
  await makeWritable(dirname(abs));
  await rm(abs, { recursive: true, force: true });
  await mkdir(dirname(abs), { recursive: true });
  if (state.kind === 'symlink') {
    await symlink(state.target, abs);
    return;
  }
  await writeFile(abs, state.data, { mode: state.mode });
  await chmod(abs, state.mode);
}

/** Removes `dir` and its parents up to `top` while they are empty. */
async function removeEmptyFolders(root: string, dir: string, top: string): Promise<void> {
  for (let d = dir; d && d !== '.'; d = dirname(d)) {
    try {
      await rmdir(join(root, d));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return; // not empty: keep it and its parents
    }
    if (d === top) return;
  }
}

/** A folder made read-only during a failed step must not stop the file inside being restored. */
async function makeWritable(dir: string): Promise<void> {
  const info = await lstat(dir).catch(() => undefined);
  if (info?.isDirectory() && (info.mode & 0o200) === 0) await chmod(dir, info.mode | 0o200);
}

/** Restores every path, collecting failures instead of stopping at the first. */
export async function restoreAll(root: string, states: Map<string, PathState>): Promise<{ path: string; message: string }[]> {
  const failed: { path: string; message: string }[] = [];
  // Deepest paths first, so removing a created folder never races a file restored inside it.
  const order = [...states.keys()].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const path of order) {
    try {
      await writeState(root, path, states.get(path)!);
    } catch (e) {
      failed.push({ path, message: (e as Error).message });
    }
  }
  return failed;
}
