/**
 * `.odw/runs/index.jsonl`: one summary line per run state change, newest last. `odw runs list`
 * reads this file instead of opening every run folder; the last line of an id wins. Writers only
 * append whole lines, so concurrent runs need no lock; a killed writer can leave a torn line.
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

/** Newest first: by start time (ids share a second), then by id. */
const newestFirst = (a: { startedAt: number; id: string }, b: { startedAt: number; id: string }): number =>
  b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

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
  return [...byId.values()].sort(newestFirst);
}

interface Latest {
  id: string;
  startedAt: number;
  line: string;
  parsed?: RunSummary;
}

const HEAD = '{"id":"';
const STARTED = /,"startedAt":(\d+)[,}]/;

/** The latest line of each run, read from the end of the index; only odd lines are parsed. */
function latestLines(text: string): Latest[] {
  const seen = new Map<string, Latest>();
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    // A line as odw writes it (JSON.stringify of a summary) names its run first: no need to parse it.
    const close = line.startsWith(HEAD) ? line.indexOf('"', HEAD.length) : -1;
    if (close > 0 && seen.has(line.slice(HEAD.length, close))) continue;
    const started = close > 0 && line.endsWith('}') && line.indexOf(HEAD, 1) < 0 ? STARTED.exec(line) : null;
    const id = line.slice(HEAD.length, close);
    if (started && !id.includes('\\')) {
      seen.set(id, { id, startedAt: Number(started[1]), line });
      continue;
    }
    if (!line.trim()) continue;
    try {
      const s = JSON.parse(line) as RunSummary;
      if (s && typeof s.id === 'string' && !seen.has(s.id)) seen.set(s.id, { id: s.id, startedAt: s.startedAt, line, parsed: s });
    } catch {
      // a torn line from a killed process: ignore it
    }
  }
  return [...seen.values()];
}

/**
 * The `limit` newest runs that `shown` accepts (e.g. their folder still exists), and how many runs
 * the index holds past the last one looked at — what readSummaries would give, but parsing only
 * the lines it returns, so `odw runs list` and `odw runs show latest` stay fast with many runs.
 */
export function newestSummaries(repo: string, limit: number, shown: (s: RunSummary) => boolean): { runs: RunSummary[]; older: number } {
  const path = indexPath(repo);
  if (!existsSync(path)) return { runs: [], older: 0 };
  const all = latestLines(readFileSync(path, 'utf8')).sort(newestFirst);
  const runs: RunSummary[] = [];
  let i = 0;
  for (; i < all.length && runs.length < limit; i++) {
    let s: RunSummary;
    try {
      s = all[i].parsed ?? (JSON.parse(all[i].line) as RunSummary);
    } catch {
      s = { id: '' } as RunSummary;
    }
    // A line that looked whole but is not: read the index the slow, careful way.
    if (s?.id !== all[i].id || s.startedAt !== all[i].startedAt) return fromAll(readSummaries(repo), limit, shown);
    if (shown(s)) runs.push(s);
  }
  return { runs, older: all.length - i };
}

function fromAll(all: RunSummary[], limit: number, shown: (s: RunSummary) => boolean): { runs: RunSummary[]; older: number } {
  const runs: RunSummary[] = [];
  let i = 0;
  for (; i < all.length && runs.length < limit; i++) if (shown(all[i])) runs.push(all[i]);
  return { runs, older: all.length - i };
}

/** Rewrites the index with only the given runs (after pruning). */
export function rewriteIndex(repo: string, keep: RunSummary[]): void {
  const lines = [...keep].reverse().map((s) => JSON.stringify(s));
  writeFileAtomic(indexPath(repo), lines.length ? `${lines.join('\n')}\n` : '');
}
