/**
 * One apply at a time per repository: `.odw/runs/apply.lock`, holding {pid, host, runId, since, token}.
 *
 * Taking it: the owner record is written to a private file, then hard-linked to the lock's name;
 * link(2) fails when the name exists, like O_EXCL, and a reader never sees a half-written lock.
 * An owner on this host whose process is gone is stale. Taking over a stale lock with token T needs
 * the slot `apply.lock.takeover-T` (again created by link, so one taker wins); the winner checks
 * that the lock still holds T and renames its own file over it. No two takers can both win: the
 * lock changes away from T only through the slot's winner. A slot whose winner died is passed by
 * the slot `…takeover-T-<its token>`, and so on.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GitError } from '../ports/git.js';
import { pidAlive } from '../util/fs.js';

export interface LockOwner {
  pid: number;
  host: string;
  runId: string;
  since: string;
  token: string;
}

/** Locks this process holds, by lock file. Released on exit, whatever ends the process. */
const held = new Map<string, LockOwner>();
let hooked = false;

/** Inside `.odw/runs/`, which odw's .gitignore hides from `git status` (and so from the verify guard). */
export const lockPath = (repo: string) => join(repo, '.odw', 'runs', 'apply.lock');

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Called once for each owner this run starts waiting for. */
  onWait?: (owner: LockOwner) => void;
  /** Poll interval while another run holds the lock (default 100 ms). */
  pollMs?: number;
}

/** Takes the lock for `runId` (at once if it already holds it); resolves with the owners it waited for. */
export async function acquireLock(repo: string, runId: string, options: AcquireOptions = {}): Promise<LockOwner[]> {
  const file = lockPath(repo);
  if (held.get(file)?.runId === runId) return [];
  const waited: LockOwner[] = [];
  for (;;) {
    if (options.signal?.aborted) throw new GitError('cancelled', 'the run was cancelled while waiting for the apply lock');
    if (tryLock(repo, runId)) return waited;
    const owner = readOwner(file);
    if (owner && !waited.some((w) => w.token === owner.token)) {
      waited.push(owner);
      options.onWait?.(owner);
    }
    await pause(options.pollMs ?? 100, options.signal);
  }
}

/** One attempt: true when this run now holds the lock (a free lock, or a stale one taken over). */
export function tryLock(repo: string, runId: string): boolean {
  const file = lockPath(repo);
  if (held.get(file)?.runId === runId) return true;
  mkdirSync(join(repo, '.odw', 'runs'), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: hostname(), runId, since: new Date().toISOString(), token: randomBytes(6).toString('hex') };
  const mine = `${file}.${me.token}`;
  writeFileSync(mine, `${JSON.stringify(me)}\n`, { flag: 'wx' });
  try {
    if (linkOrFalse(mine, file) || takeOver(file, mine)) {
      held.set(file, me);
      hookExit();
      return true;
    }
    return false;
  } finally {
    unlinkQuiet(mine);
  }
}

function takeOver(file: string, mine: string): boolean {
  const stale = readOwner(file);
  if (!stale || !isStale(stale)) return false;
  let slot = `${file}.takeover-${stale.token}`;
  const passed: string[] = [];
  for (;;) {
    if (linkOrFalse(mine, slot)) break;
    const winner = readOwner(slot);
    if (winner && !isStale(winner)) return false; // someone is taking over right now
    passed.push(slot);
    slot = `${slot}-${winner?.token ?? 'x'}`;
  }
  try {
    if (readOwner(file)?.token !== stale.token) return false;
    renameSync(mine, file);
    return true;
  } finally {
    for (const s of [slot, ...passed]) unlinkQuiet(s);
  }
}

/** Gives the lock up if this process holds it for `runId`. */
export function releaseLock(repo: string, runId: string): void {
  const file = lockPath(repo);
  const me = held.get(file);
  if (!me || me.runId !== runId) return;
  held.delete(file);
  if (readOwner(file)?.token === me.token) unlinkQuiet(file);
}

/** The lock's current owner, if any. */
export function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** Gone from this host; or this very process, for a run it no longer holds the lock for. */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return ![...held.values()].some((h) => h.token === owner.token);
  return !pidAlive(owner.pid);
}

/** Creates `to` as a copy of `from` only if `to` does not exist: by link, or O_EXCL where links are not supported. */
function linkOrFalse(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
  }
  try {
    writeFileSync(to, readFileSync(from), { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const [file, me] of held) if (readOwner(file)?.token === me.token) unlinkQuiet(file);
  });
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
