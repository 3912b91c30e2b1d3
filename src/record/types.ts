import type { HistoryEntry, RunError, RunStatus, StageStatus } from '../ports/events.js';

export interface StageRecord {
  kind: string;
  status: StageStatus | 'running';
  round?: number;
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  outputs?: Record<string, unknown>;
  error?: RunError;
  reason?: string;
  log?: string;
  /** A failure that did not fail the run (continueOnError). */
  tolerated?: boolean;
}

/** `.odw/runs/<id>/run.json`: rewritten atomically after every change. */
export interface RunRecord {
  id: string;
  pipeline: { file: string; name: string };
  repo: string;
  inputs: Record<string, unknown>;
  status: RunStatus;
  pid: number;
  startedAt: number;
  finishedAt?: number;
  durationMs?: number;
  error?: RunError;
  /** One-line outcome, e.g. "approved in round 2, 4 files applied". */
  headline?: string;
  /** Stage id (suffixed `@r<round>` inside loops) → its latest state. */
  stages: Record<string, StageRecord>;
  history: HistoryEntry[];
}

/** What `odw runs list` shows; one line of `.odw/runs/index.jsonl`. */
export interface RunSummary {
  id: string;
  status: RunStatus;
  pipeline: string;
  startedAt: number;
  durationMs?: number;
  headline?: string;
  pid?: number;
}

/** A status as a person should read it: a running record whose process is gone was interrupted. */
export type ShownStatus = RunStatus | 'interrupted';
