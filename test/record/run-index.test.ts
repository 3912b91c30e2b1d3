import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newestSummaries, readSummaries } from '../../src/record/run-index.js';
import type { RunSummary } from '../../src/record/types.js';
import { tempDir } from '../helpers/tmp.js';

/** What `odw runs list` did before: parse the whole index, then walk it newest first. */
function oracle(repo: string, limit: number, shown: (s: RunSummary) => boolean) {
  const all = readSummaries(repo);
  const runs: RunSummary[] = [];
  let i = 0;
  for (; i < all.length && runs.length < limit; i++) if (shown(all[i])) runs.push(all[i]);
  return { runs, older: all.length - i };
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function indexOf(repo: string, lines: string[]): void {
  mkdirSync(join(repo, '.odw', 'runs'), { recursive: true });
  writeFileSync(join(repo, '.odw', 'runs', 'index.jsonl'), lines.join(''));
}

/** Runs that start in order (some in the same millisecond) and finish in any order, as concurrent runs do. */
function history(runs: number, rand: () => number): string[] {
  const lines: string[] = [];
  const open: RunSummary[] = [];
  let t = Date.UTC(2026, 0, 1);
  for (let i = 0; i < runs || open.length;) {
    if (i < runs && (rand() < 0.6 || !open.length)) {
      if (rand() < 0.8) t += 1000;
      const s: RunSummary = { id: `r${String(i++).padStart(4, '0')}`, status: 'running', pipeline: 'p', startedAt: t, pid: 1 };
      lines.push(`${JSON.stringify(s)}\n`);
      open.push(s);
    } else {
      const s = open.splice(Math.floor(rand() * open.length), 1)[0];
      lines.push(`${JSON.stringify({ ...s, status: rand() < 0.5 ? 'succeeded' : 'failed', durationMs: 5, headline: 'done "quoted" {"id":"x"}' })}\n`);
    }
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('the newest runs, read from the end of the index', () => {
  it('are the runs and the count of older ones that reading the whole index gives', () => {
    for (const seed of [1, 2, 3]) {
      const rand = random(seed);
      const repo = tempDir();
      const lines = history(200, rand);
      // torn writes: a killed writer's half line with the next append glued on, and a torn last line
      const at = Math.floor(lines.length / 2);
      lines.splice(at, 1, lines[at].slice(0, 20) + lines[at + 1]);
      lines.splice(at + 40, 0, '{"status":"failed","id":"r0100","pipeline":"p","startedAt":1}\n', '\n');
      lines.push(lines.at(-1)!.slice(0, 30));
      indexOf(repo, lines);
      const gone = new Set(['r0199', 'r0150', 'r0003']);
      const shown = (s: RunSummary) => !gone.has(s.id);
      for (const limit of [0, 1, 2, 5, 20, 150, 1000]) {
        expect(newestSummaries(repo, limit, shown), `seed ${seed}, limit ${limit}`).toEqual(oracle(repo, limit, shown));
      }
    }
  });

  it('parse only the lines they return', () => {
    const repo = tempDir();
    indexOf(repo, history(2000, random(7)));
    const parse = vi.spyOn(JSON, 'parse');
    const { runs, older } = newestSummaries(repo, 20, () => true);
    const parsed = parse.mock.calls.length;
    parse.mockRestore();
    expect(runs.map((s) => s.id)).toEqual(oracle(repo, 20, () => true).runs.map((s) => s.id));
    expect(older).toBe(1980);
    expect(parsed).toBe(20);
  });

  it('fall back to reading the whole index when a line that looked whole is not JSON', () => {
    const repo = tempDir();
    const lines = history(30, random(9));
    const last = JSON.parse(lines.at(-1)!) as RunSummary;
    // ends in } and names its run first, but its headline string is never closed
    lines.push(`{"id":"${last.id}","status":"failed","pipeline":"p","startedAt":${last.startedAt},"headline":"cut}\n`);
    indexOf(repo, lines);
    for (const limit of [1, 5, 100]) expect(newestSummaries(repo, limit, () => true)).toEqual(oracle(repo, limit, () => true));
  });

  it('find nothing when no run was recorded', () => {
    expect(newestSummaries(tempDir(), 20, () => true)).toEqual({ runs: [], older: 0 });
  });
});
