/**
 * The apply journal, `<runDir>/apply-journal/`: before odw touches the user's tree it writes, and
 * fsyncs, the original state of every path the apply will touch — bytes and mode (all in one
 * `originals.bin`), symlink target, or absence with the first missing ancestor folder — and then
 * `journal.json` {state: 'applying', …}. A journal still 'applying' whose process is gone is an
 * interrupted apply: src/git/recover.ts puts every path back from it.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { PathState } from './files.js';
import { tempPath } from '../util/fs.js';

export interface JournalCommit {
  branch: string;
  /** `refs/heads/<name>` the user was on, or '' when HEAD was detached. */
  original: string;
  head: string;
}

export interface JournalEntry {
  path: string;
  kind: PathState['kind'];
  mode?: number;
  target?: string;
  createdFrom?: string;
  /** Where the file's bytes are in originals.bin. */
  offset?: number;
  length?: number;
}

export interface Journal {
  state: 'applying' | 'applied';
  runId: string;
  pid: number;
  host: string;
  base: string;
  patch: string;
  files: JournalEntry[];
  commit?: JournalCommit;
  startedAt: string;
}

export const journalDir = (runDir: string) => join(runDir, 'apply-journal');
const JSON_FILE = 'journal.json';
const BLOBS = 'originals.bin';

/** Writes the journal durably; nothing in the user's tree may change before this resolves. */
export async function writeJournal(dir: string, meta: Pick<Journal, 'runId' | 'base' | 'patch' | 'commit'>, states: Map<string, PathState>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files: JournalEntry[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [path, s] of states) {
    if (s.kind === 'file') {
      files.push({ path, kind: 'file', mode: s.mode, offset, length: s.data.length });
      chunks.push(s.data);
      offset += s.data.length;
    } else if (s.kind === 'symlink') files.push({ path, kind: 'symlink', target: s.target });
    else if (s.kind === 'missing') files.push({ path, kind: 'missing', ...(s.createdFrom ? { createdFrom: s.createdFrom } : {}) });
    else files.push({ path, kind: 'other' });
  }
  await writeSynced(join(dir, BLOBS), Buffer.concat(chunks));
  const journal: Journal = { state: 'applying', pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), ...meta, files };
  await saveJournal(dir, journal);
}

/** Replaces journal.json atomically and durably (temp file, fsync, rename, fsync the folder). */
async function saveJournal(dir: string, journal: Journal): Promise<void> {
  const tmp = tempPath(join(dir, JSON_FILE));
  await writeSynced(tmp, `${JSON.stringify(journal, null, 2)}\n`);
  await rename(tmp, join(dir, JSON_FILE));
  await syncDir(dir);
}

export async function readJournal(dir: string): Promise<Journal | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, JSON_FILE), 'utf8')) as Journal;
  } catch {
    return undefined;
  }
}

/** The saved state of every path, as src/git/files.ts restores it. */
export async function journalStates(dir: string, journal: Journal): Promise<Map<string, PathState>> {
  const blobs = await readFile(join(dir, BLOBS)).catch(() => Buffer.alloc(0));
  const states = new Map<string, PathState>();
  for (const e of journal.files) {
    if (e.kind === 'file') states.set(e.path, { kind: 'file', mode: e.mode!, data: blobs.subarray(e.offset!, e.offset! + e.length!) });
    else if (e.kind === 'symlink') states.set(e.path, { kind: 'symlink', target: e.target! });
    else if (e.kind === 'missing') states.set(e.path, { kind: 'missing', ...(e.createdFrom ? { createdFrom: e.createdFrom } : {}) });
    else states.set(e.path, { kind: 'other' });
  }
  return states;
}

export async function removeJournal(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

async function writeSynced(path: string, data: string | Buffer): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // some file systems cannot fsync a folder; the rename is still atomic
  } finally {
    await handle.close();
  }
}
