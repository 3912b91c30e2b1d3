/**
 * Leftover processes of one call. Killing a child's process group misses what it moved out of
 * the group (`setsid`, a double fork): such a daemon would outlive the call. When a call ends,
 * one pass over /proc finds, among the processes of odw's own user, every process that
 *   - carries the call's token in its initial environment (`ODW_PROCESS_TOKEN`, set by odw on the
 *     child and inherited by everything it starts, whatever its session or working directory), or
 *   - works inside the call's workspace (`/proc/<pid>/cwd`) and started after the call did (a
 *     daemon started with an empty environment, `env -i`),
 * and kills it with SIGKILL. odw itself and its ancestors are never touched, nor odw's own
 * other children (its git commands in that workspace), nor a process carrying another call's
 * token (calls that share a workspace, like parallel reviewers). Linux only: without /proc this
 * does nothing.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { sep } from 'node:path';

export const TOKEN_VARIABLE = 'ODW_PROCESS_TOKEN';

/** What marks the processes of one call. */
export interface ReapTarget {
  /** An environment entry, `NAME=value`, that the call's processes carry (inherited from its child). */
  marker: string;
  /** Workspace folder (absolute, as /proc shows it); processes working inside it are the call's. */
  cwd?: string;
  /** Processes started before this (clock ticks since boot) are never matched by cwd. */
  since: number;
}

export function newToken(): string {
  return randomBytes(16).toString('hex');
}

/** `ODW_PROCESS_TOKEN=<token>`, the marker of one call. */
export function tokenMarker(token: string): string {
  return `${TOKEN_VARIABLE}=${token}`;
}

/** Does the NUL-separated environment hold exactly this entry? */
function hasEntry(environ: Buffer, entry: Buffer): boolean {
  for (let i = environ.indexOf(entry); i >= 0; i = environ.indexOf(entry, i + 1)) {
    const end = i + entry.length;
    if ((i === 0 || environ[i - 1] === 0) && (end === environ.length || environ[end] === 0)) return true;
  }
  return false;
}

interface Stat {
  state: string;
  ppid: number;
  start: number;
}

function stat(pid: number | 'self'): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: f[0], ppid: Number(f[1]), start: Number(f[19]) };
  } catch {
    return undefined;
  }
}

/** Start time of a process in clock ticks since boot; 0 where it cannot be read. */
export function startTicks(pid: number): number {
  return stat(pid)?.start ?? 0;
}

function ancestors(): Set<number> {
  const out = new Set<number>([process.pid]);
  let pid = process.pid;
  for (let i = 0; i < 256 && pid > 1; i++) {
    const s = stat(pid);
    if (!s) break;
    pid = s.ppid;
    out.add(pid);
  }
  return out;
}

function inside(dir: string, folder: string): boolean {
  return dir === folder || dir.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

const ANY_TOKEN = Buffer.from(`${TOKEN_VARIABLE}=`);

function matches(pid: number, target: ReapTarget, needle: Buffer): boolean {
  let environ: Buffer;
  try {
    environ = readFileSync(`/proc/${pid}/environ`);
  } catch {
    return false; // gone, or not readable
  }
  if (hasEntry(environ, needle)) return true;
  // Another call's process (a second reviewer in the same workspace) carries that call's token.
  if (!target.cwd || environ.includes(ANY_TOKEN)) return false;
  const s = stat(pid);
  if (!s || s.ppid === process.pid || s.start < target.since) return false;
  try {
    return inside(readlinkSync(`/proc/${pid}/cwd`), target.cwd);
  } catch {
    return false;
  }
}

/** One pass over /proc; returns the pids it killed. */
function pass(target: ReapTarget, skip: Set<number>, uid: number | undefined): number[] {
  const needle = Buffer.from(target.marker);
  const killed: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 1 || skip.has(pid)) continue;
    try {
      if (uid !== undefined && statSync(`/proc/${pid}`).uid !== uid) continue;
    } catch {
      continue;
    }
    if (stat(pid)?.state === 'Z' || !matches(pid, target, needle)) continue;
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // ended meanwhile
    }
  }
  return killed;
}

/**
 * Kills every process of the call that is still there. A pass that killed something is followed
 * by another (a process may have forked between the read and the kill); usually there is one.
 */
export function reap(target: ReapTarget): number[] {
  if (process.platform !== 'linux') return [];
  const skip = ancestors();
  const uid = process.getuid?.();
  const all: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const killed = pass(target, skip, uid);
      for (const pid of killed) skip.add(pid);
      all.push(...killed);
      if (killed.length === 0) break;
    }
  } catch {
    // no /proc: nothing to do
  }
  return all;
}

/** Resolves once every pid has ended (gone or a zombie), or after `ms`: SIGKILL is delivered asynchronously. */
export async function waitGone(pids: number[], ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  let left = pids;
  while (left.length && Date.now() < deadline) {
    left = left.filter((pid) => {
      const s = stat(pid);
      return s !== undefined && s.state !== 'Z' && s.state !== 'X';
    });
    if (left.length) await new Promise((r) => setTimeout(r, 10));
  }
}
