/**
 * Removal off the critical path: a finished workspace is renamed at once into `<runFolder>/.trash/`
 * (same file system, so the rename is instant) and deleted in the background. At most `limit`
 * deletions are pending per run folder (a removal beyond that waits for the oldest), so disk stays
 * bounded by the concurrency; `settle` (the run's end, removeAll) waits for every pending deletion.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ProcessRunner } from '../ports/process.js';
import { removeTree, removeWorkspace, workspaceIndex } from './private.js';

const TRASH = '.trash';
const pending = new Map<string, Set<Promise<void>>>();
let counter = 0;

/** Takes the workspace out of the way now; its files are deleted in the background. */
export async function discardWorkspace(process: ProcessRunner, path: string, limit: number): Promise<void> {
  const folder = dirname(path);
  const to = join(folder, TRASH, `${basename(path)}.${globalThis.process.pid}.${++counter}`);
  try {
    await mkdir(dirname(to), { recursive: true });
    await rename(path, to);
  } catch {
    // Not renamed (gone already, or a rename the file system refuses): removed in the foreground.
    await removeWorkspace(process, path);
    return;
  }
  await rm(workspaceIndex(path), { force: true });
  const set = pending.get(folder) ?? new Set<Promise<void>>();
  pending.set(folder, set);
  while (set.size >= Math.max(1, limit)) await Promise.race(set);
  const deletion: Promise<void> = removeTree(process, to)
    .catch(() => undefined)
    .finally(() => set.delete(deletion));
  set.add(deletion);
}

/** Waits for every background deletion of a run folder (before the folder itself is removed). */
export async function settle(folder: string): Promise<void> {
  const set = pending.get(folder);
  while (set?.size) await Promise.all([...set]);
  pending.delete(folder);
}
