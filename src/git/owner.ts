/**
 * Run-folder bookkeeping: each run's worktree folder holds `owner.json` ({pid, runId, repo, host,
 * createdAt}). A folder whose process is gone belongs to a run that crashed or was killed.
 */
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tempPath } from '../util/fs.js';

const OWNER_FILE = 'owner.json';
/** A folder without owner.json younger than this may be a run that is still starting. */
const UNOWNED_GRACE_MS = 10 * 60 * 1000;

export interface Owner {
  pid: number;
  runId: string;
  repo: string;
  host: string;
  createdAt: string;
}

/** Create the run folder and claim it for this process (idempotent). */
export async function claimRunFolder(folder: string, runId: string, repo: string): Promise<void> {
  // Another run may remove the (then empty) per-repository folder at the same moment: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await mkdir(folder, { recursive: true });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw e;
    }
  }
  const file = join(folder, OWNER_FILE);
  const current = await readOwner(folder);
  if (current && current.pid === process.pid && current.host === hostname()) return;
  const owner: Owner = { pid: process.pid, runId, repo, host: hostname(), createdAt: new Date().toISOString() };
  const tmp = tempPath(file);
  await writeFile(tmp, JSON.stringify(owner, null, 2) + '\n');
  await rename(tmp, file);
}

async function readOwner(folder: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(join(folder, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Run folders under a repository folder whose owner process is gone. */
export async function staleRunFolders(repoFolder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(repoFolder);
  } catch {
    return [];
  }
  const stale: string[] = [];
  for (const name of names) {
    const folder = join(repoFolder, name);
    const owner = await readOwner(folder);
    if (owner) {
      if (owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid)) stale.push(folder);
      continue;
    }
    const info = await stat(folder).catch(() => undefined);
    if (info?.isDirectory() && Date.now() - info.mtimeMs > UNOWNED_GRACE_MS) stale.push(folder);
  }
  return stale;
}
