/**
 * Repair routing: which tasks own the root cause of each blocker, and by which rule and evidence.
 * A failed check with failure blocks is read from its blocks only (blocks.ts); reviewer blockers,
 * and a check recorded without blocks, are read as prose (prose.ts).
 */
import type { FailureExcerpt } from '../review/failures/types.js';
import type { Blocker, TaskCandidate } from '../../tasks/types.js';
import { REVIEWER_FAILED } from '../review/aggregate.js';
import { lineAt, uniqueTasks, type Blame, type Rule } from './blame.js';
import { blameBlock } from './blocks.js';
import { coverBlocks } from './cover.js';
import { proseOf, routeProse } from './prose.js';
import { cachedReader, type ReadFile } from './under-test.js';

export interface RouteReason {
  task: string;
  /** Index of the blocker in the review's blockers; −1 when no blocker named the task. */
  blocker: number;
  why: string;
  rule: Rule;
  /** The frame, `file:line` or text that sent the task back. */
  evidence: string;
}

export interface Route {
  tasks: string[];
  reasons: RouteReason[];
}

/** What routing may read besides the blockers: the failed check's blocks, and the candidate's files. */
export interface RouteEvidence {
  failures?: FailureExcerpt;
  readFile?: ReadFile;
}

export function routeBlockers(blockers: Blocker[], tasks: TaskCandidate[], evidence: RouteEvidence = {}): Route {
  const all = (why: string): Route => ({
    tasks: tasks.map((t) => t.id),
    reasons: tasks.map((t) => ({ task: t.id, blocker: -1, why, rule: 'every-task', evidence: '' })),
  });
  if (!blockers.length) return all('no blocker named a cause: every task is repaired');
  // A reviewer that could not answer blames no task: repairing would not change its answer.
  const counted = blockers.map((b, i) => ({ b, i })).filter(({ b }) => !b.message.startsWith(REVIEWER_FAILED));
  if (!counted.length) return { tasks: [], reasons: [] };
  if (!tasks.some((t) => t.owned.length)) return all('no task declares files: every task is repaired');
  // A check whose output had no failure block (killed, timed out, nothing recognised) is read as prose.
  const blocks = (b: Blocker) => (b.source === 'check' && evidence.failures?.blocks.length ? evidence.failures.blocks : undefined);
  const readFile = evidence.readFile && cachedReader(evidence.readFile);
  const reasons: RouteReason[] = [];
  const add = (i: number, blames: Blame[]) => reasons.push(...uniqueTasks(blames).map((x) => ({ ...x, blocker: i })));
  for (const { b, i } of counted) {
    const own = blocks(b);
    add(i, own ? coverBlocks(own.map((block) => blameBlock(block, tasks, readFile))) : routeProse(b, tasks, readFile));
  }
  // Still nothing: a task whose path the prose mentions anywhere.
  if (!reasons.length)
    for (const { b, i } of counted.filter(({ b }) => !blocks(b))) {
      const body = [b.file, proseOf(b)].filter(Boolean).join(' ');
      add(
        i,
        tasks.flatMap((t) => {
          const path = [...t.owned, ...t.touched].find((p) => p && body.includes(p));
          return path ? [{ task: t.id, rule: 'mentions' as const, evidence: lineAt(body, body.indexOf(path)), why: `mentions ${path}` }] : [];
        }),
      );
    }
  if (!reasons.length) return all('no blocker could be traced to a task: every task is repaired');
  const ids = new Set(reasons.map((r) => r.task));
  return { tasks: tasks.filter((t) => ids.has(t.id)).map((t) => t.id), reasons };
}
