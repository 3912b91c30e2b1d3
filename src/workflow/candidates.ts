/**
 * The candidate set: each task's latest result (its patch, the files it touched, whether its agent
 * finished). Implement produces it; repair replaces the results of the tasks it reran; review and
 * apply read the newest one. It travels between stages as stage outputs.
 */
import { readFileSync } from 'node:fs';
import type { ScopeIssue, TaskPatch } from '../ports/git.js';
import type { Task, TaskCandidate } from '../tasks/types.js';
import { outputsOf } from '../stages/outputs.js';
import type { StageContext } from '../stages/types.js';

export interface TaskResult {
  task: string;
  /** Round that produced this result (1 = implement). */
  round: number;
  ok: boolean;
  error?: { category: string; message: string };
  finalMessage?: string;
  patch?: TaskPatch;
  files: string[];
  /** Tasks (of an earlier fanout, `seedFrom`) whose patches the workspace started from; `patch` holds only this task's changes. */
  seededBy?: string[];
}

export interface CandidateSet {
  base: string;
  tasks: Task[];
  results: TaskResult[];
  scope: ScopeIssue[];
}

/** The candidate set a fanout or repair stage produced (FanoutOutputs, RepairOutputs) (undefined when it did not run or was skipped). */
export function candidateSetOf(ctx: Pick<StageContext, 'scope'>, id: string): CandidateSet | undefined {
  const set = outputsOf<{ candidates: CandidateSet }>(ctx, id)?.candidates;
  return set?.results ? set : undefined;
}

/** Several candidate sets as one, in order (tests-first: the tests, then the code). */
export function mergeSets(sets: CandidateSet[]): CandidateSet | { problem: string } {
  if (sets.length === 1) return sets[0];
  const bases = [...new Set(sets.map((s) => s.base))];
  if (bases.length > 1) return { problem: `the combined stages started from different commits (${bases.map((b) => b.slice(0, 12)).join(', ')})` };
  const ids = sets.flatMap((s) => s.tasks.map((t) => t.id));
  const dupes = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (dupes.length) return { problem: `task ids must be unique across the combined stages; ${dupes.join(', ')} appear more than once` };
  return { base: bases[0], tasks: sets.flatMap((s) => s.tasks), results: sets.flatMap((s) => s.results), scope: sets.flatMap((s) => s.scope) };
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
