/** Reading run records back: by id or `latest`, the list, agent calls, the tail of events. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentCallRecord } from '../ports/agents.js';
import type { RunEvent } from '../ports/events.js';
import { UserError } from '../util/errors.js';
import { pidAlive, readJson } from '../util/fs.js';
import { runDir, runsDir } from './paths.js';
import { newestSummaries, readSummaries } from './run-index.js';
import { lastJsonLines } from './tail.js';
import type { RunRecord, RunSummary, ShownStatus } from './types.js';

export function shownStatus(r: { status: RunRecord['status']; pid?: number }): ShownStatus {
  return r.status === 'running' && !pidAlive(r.pid) ? 'interrupted' : r.status;
}

const recorded =
  (repo: string) =>
  (s: RunSummary): boolean =>
    existsSync(join(runsDir(repo), s.id, 'run.json'));

export function listRuns(repo: string): RunSummary[] {
  return readSummaries(repo).filter(recorded(repo));
}

/**
 * The newest runs from the index (`.odw/runs/index.jsonl`), without opening run folders: only the
 * shown ones are checked to still exist (a folder deleted by hand), so thousands of runs list fast.
 * `older` counts the runs the index holds past the last one looked at.
 */
export function newestRuns(repo: string, limit: number): { runs: RunSummary[]; older: number } {
  return newestSummaries(repo, limit, recorded(repo));
}

export function readRun(repo: string, idOrLatest: string): RunRecord {
  let id = idOrLatest;
  if (id === 'latest') {
    const newest = newestRuns(repo, 1).runs[0];
    if (!newest) throw new UserError(`no runs recorded in ${runsDir(repo)}`, 'start one with: odw run <pipeline>');
    id = newest.id;
  }
  const record = readJson<RunRecord>(join(runDir(repo, id), 'run.json'));
  if (!record) {
    const known = newestRuns(repo, 5).runs.map((s) => s.id);
    const matches = known.filter((k) => k.includes(id));
    throw new UserError(
      `no run "${id}" in ${runsDir(repo)}`,
      matches.length ? `did you mean ${matches.join(', ')}?` : known.length ? `recent runs: ${known.join(', ')}` : 'odw runs list shows the recorded runs',
    );
  }
  return record;
}

export function readCalls(repo: string, id: string): AgentCallRecord[] {
  const dir = join(runDir(repo, id), 'calls');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => readJson<AgentCallRecord>(join(dir, name, 'call.json')))
    .filter((c): c is AgentCallRecord => Boolean(c))
    .sort((a, b) => a.startedAt - b.startedAt);
}

export function readEvents(repo: string, id: string, last: number): RunEvent[] {
  const path = join(runDir(repo, id), 'events.jsonl');
  if (!existsSync(path)) return [];
  // `--tail 0` (or not a number) has always meant every event
  if (last > 0) return lastJsonLines<RunEvent>(path, last);
  const events: RunEvent[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as RunEvent);
    } catch {
      // torn last line of a killed run
    }
  }
  return events.slice(-last);
}
