/** Typed events: appended to events.jsonl, shown by the live renderers. */

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';
export type StageStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface RunError {
  category: string;
  message: string;
}

interface Base {
  ts: number;
}

export type RunEvent = Base &
  (
    | { type: 'run_started'; runId: string; pipeline: string }
    | { type: 'run_resumed'; runId: string; pipeline: string; reused: string[] }
    | { type: 'stage_started'; stage: string; kind: string; round?: number }
    | { type: 'stage_finished'; stage: string; kind: string; status: StageStatus; durationMs: number; round?: number; error?: RunError; reused?: boolean }
    | { type: 'stage_skipped'; stage: string; kind: string; reason: string; round?: number }
    | { type: 'loop_round'; loop: string; round: number; max: number }
    | { type: 'loop_finished'; loop: string; rounds: number; reason: 'until' | 'max' | 'failed' }
    | { type: 'stage_output'; stage: string; stream: 'stdout' | 'stderr'; line: string }
    | { type: 'agent_started'; stage: string; call: string; runtime: string; task?: string; round?: number }
    | { type: 'agent_state'; stage: string; call: string; state: string; detail?: string }
    | { type: 'agent_finished'; stage: string; call: string; outcome: string; durationMs: number; tokens?: number; costUsd?: number }
    | { type: 'history'; entry: HistoryEntry }
    | { type: 'warning'; stage: string; category: string; message: string; files?: string[] }
    | { type: 'run_finished'; status: RunStatus; error?: RunError; durationMs: number }
  );

/** One line of a run's workflow history: what a person reads in `odw runs show`. */
export interface HistoryEntry {
  step: string;
  stage?: string;
  round?: number;
  tasks?: string[];
  decision?: string;
  blockers?: unknown[];
  files?: string[];
  ok?: boolean;
  summary?: string;
  [key: string]: unknown;
}

export interface EventSink {
  emit(event: RunEvent): void;
}

/** Distributes on `Omit<RunEvent, 'ts'>` so callers need not stamp the time. */
export type EventInput = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'ts'> : never) : never;
