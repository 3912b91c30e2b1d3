/**
 * `.odw/runs/applied.jsonl`: one line per apply that changed the user's git folder (apply.commit:
 * a new branch, HEAD switched to it). Another run's repository guard reads it, so that a
 * concurrent run's reviewed commit is taken as the new starting point instead of being reported
 * as tampering and put back (docs/git.md, "The repository guard").
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AppliedGitWrite {
  runId: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** Refs the apply created or moved, with the object each points to now. */
  refs: Record<string, string>;
  /** The symbolic ref HEAD was switched to, and the git dir whose HEAD it is. */
  head?: { ref: string; gitDir: string };
}

const file = (repo: string) => join(repo, '.odw', 'runs', 'applied.jsonl');

export function noteGitWrite(repo: string, entry: AppliedGitWrite): void {
  mkdirSync(dirname(file(repo)), { recursive: true });
  appendFileSync(file(repo), JSON.stringify(entry) + '\n');
}

/** Writes of other runs at or after `since`. Unreadable lines are skipped. */
export function gitWritesSince(repo: string, since: number, exceptRun?: string): AppliedGitWrite[] {
  let text = '';
  try {
    text = readFileSync(file(repo), 'utf8');
  } catch {
    return [];
  }
  const out: AppliedGitWrite[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as AppliedGitWrite;
      if (typeof e.at === 'number' && e.at >= since && e.runId !== exceptRun && e.refs && typeof e.refs === 'object') out.push(e);
    } catch {
      // a torn line from a crash: ignored
    }
  }
  return out;
}
