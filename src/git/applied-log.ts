/**
 * `.odw/runs/applied.jsonl`: one line per finished apply — which run, when, the files it changed,
 * and for `apply.commit` the refs it wrote (a new branch, HEAD switched to it). Read by the next
 * apply's refusal (to name the run that changed a file) and by other runs' repository guards, so
 * that a concurrent run's reviewed commit is taken as the new starting point instead of being
 * reported as tampering and put back (docs/git.md, "The repository guard").
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AppliedEntry {
  runId: string;
  /** Milliseconds since the epoch. */
  at: number;
  files: string[];
  /** Refs the apply created or moved, with the object each points to now. */
  refs?: Record<string, string>;
  /** The symbolic ref HEAD was switched to, and the git dir whose HEAD it is. */
  head?: { ref: string; gitDir: string };
}

const file = (repo: string) => join(repo, '.odw', 'runs', 'applied.jsonl');

export function noteApplied(repo: string, entry: AppliedEntry): void {
  mkdirSync(dirname(file(repo)), { recursive: true });
  appendFileSync(file(repo), JSON.stringify(entry) + '\n');
}

/** Every entry, oldest first. Unreadable lines (a torn line from a crash) are skipped. */
function entries(repo: string): AppliedEntry[] {
  let text = '';
  try {
    text = readFileSync(file(repo), 'utf8');
  } catch {
    return [];
  }
  const out: AppliedEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as AppliedEntry;
      if (typeof e.runId === 'string' && typeof e.at === 'number' && Array.isArray(e.files)) out.push(e);
    } catch {
      // skipped
    }
  }
  return out;
}

/** Applies of other runs at or after `since`. */
export function appliedSince(repo: string, since: number, exceptRun?: string): AppliedEntry[] {
  return entries(repo).filter((e) => e.at >= since && e.runId !== exceptRun);
}

/** The last apply in the repository, if any. */
export function lastApplied(repo: string): AppliedEntry | undefined {
  return entries(repo).pop();
}
