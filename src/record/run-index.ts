/**
 * `.odw/runs/index.jsonl`: one summary line per run state change, newest last. `odw runs list`
 * reads this file instead of opening every run folder; the last line of an id wins.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/fs.js';
import { runsDir } from './paths.js';
import type { RunSummary } from './types.js';

function indexPath(repo: string): string {
  return join(runsDir(repo), 'index.jsonl');
}

export function appendSummary(repo: string, summary: RunSummary): void {
  appendFileSync(indexPath(repo), `${JSON.stringify(summary)}\n`);
}

/** Summaries, newest first. */
export function readSummaries(repo: string): RunSummary[] {
  const path = indexPath(repo);
  if (!existsSync(path)) return [];
  const byId = new Map<string, RunSummary>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const s = JSON.parse(line) as RunSummary;
      if (s && typeof s.id === 'string') byId.set(s.id, s);
    } catch {
      // a torn last line from a killed process: ignore it
    }
  }
  // Newest first: by start time (ids share a second), then by id.
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Rewrites the index with only the given runs (after pruning). */
export function rewriteIndex(repo: string, keep: RunSummary[]): void {
  const lines = [...keep].reverse().map((s) => JSON.stringify(s));
  writeFileAtomic(indexPath(repo), lines.length ? `${lines.join('\n')}\n` : '');
}
