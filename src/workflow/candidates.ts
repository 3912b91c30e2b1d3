/**
 * The candidate set: each task's latest result (its patch, the files it touched, whether its agent
 * finished). Implement produces it; repair replaces the results of the tasks it reran; review and
 * apply read the newest one. It travels between stages as stage outputs.
 */
import { readFileSync } from 'node:fs';
import type { ScopeIssue, TaskPatch } from '../ports/git.js';
import type { Task, TaskCandidate } from '../tasks/types.js';

export interface TaskResult {
  task: string;
  /** Round that produced this result (1 = implement). */
  round: number;
  ok: boolean;
  error?: { category: string; message: string };
  finalMessage?: string;
  patch?: TaskPatch;
  files: string[];
}

export interface CandidateSet {
  base: string;
  tasks: Task[];
  results: TaskResult[];
  scope: ScopeIssue[];
}

type StagesView = Record<string, { status?: string; outputs?: Record<string, unknown> } | undefined>;

/** The newest candidate set among the named stages' outputs (first match wins). */
export function latestCandidates(stages: StagesView, from: string[]): CandidateSet | undefined {
  for (const id of from) {
    const set = stages[id]?.outputs?.candidates as CandidateSet | undefined;
    if (set?.results) return set;
  }
  return undefined;
}

function readPatch(result: TaskResult): string {
  if (!result.patch) return '';
  try {
    return readFileSync(result.patch.patchFile, 'utf8');
  } catch {
    return '';
  }
}

/** What the repair router sees of each task. */
export function routingView(set: CandidateSet): TaskCandidate[] {
  return set.tasks.map((t) => {
    const r = set.results.find((x) => x.task === t.id);
    return { id: t.id, owned: t.files, touched: r?.files ?? [], prompt: t.prompt, diff: r ? readPatch(r) : '' };
  });
}

export function allFiles(results: TaskResult[]): string[] {
  return [...new Set(results.flatMap((r) => r.files))].sort();
}
