/** Keep the newest ODW_RUNS_KEEP runs (default 50; 0 keeps all). Never prune the current run or a live one. */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pidAlive, readJson } from '../util/fs.js';
import { runsDir } from './paths.js';
import { readSummaries, rewriteIndex } from './run-index.js';
import type { RunRecord } from './types.js';

export function keepCount(env: NodeJS.ProcessEnv): number {
  const raw = env.ODW_RUNS_KEEP;
  if (raw === undefined || raw === '') return 50;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : 50;
}

export function pruneRuns(repo: string, currentId: string, keep: number): string[] {
  if (keep === 0) return [];
  const dir = runsDir(repo);
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .reverse();
  const removed: string[] = [];
  for (const id of ids.slice(keep)) {
    if (id === currentId) continue;
    const record = readJson<RunRecord>(join(dir, id, 'run.json'));
    if (record?.status === 'running' && pidAlive(record.pid)) continue;
    rmSync(join(dir, id), { recursive: true, force: true });
    removed.push(id);
  }
  if (removed.length) {
    rewriteIndex(
      repo,
      readSummaries(repo).filter((s) => existsSync(join(dir, s.id))),
    );
  }
  return removed;
}
