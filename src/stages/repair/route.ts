/**
 * Repair routing: which tasks own the root cause of each blocker. Explicit file paths first
 * (scored by what the text says about them), symbols defined in a task's own diff next, symbols
 * named in task prompts only as a fallback; a failure shown in a test file is weighed toward the
 * code under test rather than the test's owner.
 */
import type { Blocker, TaskCandidate } from '../../tasks/types.js';
import { REVIEWER_FAILED } from '../review/aggregate.js';
import { checkEvidence } from '../review/check.js';
import { fileHits, isTestPath, ownerOf, type Hit } from './hits.js';
import { diffSymbolHits, promptSymbolHits } from './symbols.js';

export interface RouteReason {
  task: string;
  blocker: number;
  why: string;
}

export interface Route {
  tasks: string[];
  reasons: RouteReason[];
}

const FALLBACK_WORDS = /\b(symptom|caller|call-?site|stack trace)\b/i;

export function routeBlockers(blockers: Blocker[], tasks: TaskCandidate[]): Route {
  const reasons: RouteReason[] = [];
  const all = (why: string): Route => ({ tasks: tasks.map((t) => t.id), reasons: tasks.map((t) => ({ task: t.id, blocker: -1, why })) });
  if (!blockers.length) return all('no blocker named a cause: every task is repaired');
  // A reviewer that could not answer blames no task: repairing would not change its answer.
  const evidence = blockers.map((b, i) => ({ b, i })).filter(({ b }) => !b.message.startsWith(REVIEWER_FAILED));
  if (!evidence.length) return { tasks: [], reasons: [] };
  if (!tasks.some((t) => t.owned.length)) return all('no task declares files: every task is repaired');
  for (const { b, i } of evidence) {
    for (const [task, why] of routeOne(b, tasks)) reasons.push({ task, blocker: i, why });
  }
  if (!reasons.length) {
    evidence.forEach(({ b, i }) => {
      for (const t of tasks) {
        const path = [...t.owned, ...t.touched].find((p) => p && text(b).includes(p));
        if (path) reasons.push({ task: t.id, blocker: i, why: `mentions ${path}` });
      }
    });
  }
  if (!reasons.length) return all('no blocker could be traced to a task: every task is repaired');
  const ids = new Set(reasons.map((r) => r.task));
  return { tasks: tasks.filter((t) => ids.has(t.id)).map((t) => t.id), reasons };
}

const text = (b: Blocker) => [b.file, b.symbol, b.source === 'check' ? checkEvidence(b.message) : b.message].filter(Boolean).join(' ');

function routeOne(blocker: Blocker, tasks: TaskCandidate[]): Map<string, string> {
  const picked = new Map<string, string>();
  // 1. An explicit file field names the root cause, unless it is a test that merely shows a failure.
  if (blocker.file && !isTestPath(blocker.file)) {
    const owner = ownerOf(blocker.file, tasks);
    if (owner) return picked.set(owner, `blocker names ${blocker.file}`);
  }
  const body = text(blocker);
  const files = fileHits(body, tasks);
  const symbols = diffSymbolHits(body, tasks);
  const positive = bestPositive(files);
  if (files.length && symbols.length) {
    for (const h of positive.length ? positive : [files[0]]) picked.set(h.task, `${h.name}: ${h.why}`);
    for (const h of best(symbols)) picked.set(h.task, `defines ${h.name}: ${h.why}`);
    return picked;
  }
  if (symbols.length && !files.length) {
    for (const h of best(symbols)) picked.set(h.task, `defines ${h.name}: ${h.why}`);
    return picked;
  }
  if (!files.length || FALLBACK_WORDS.test(body)) {
    const named = promptSymbolHits(body, tasks);
    if (named.length) {
      for (const h of [...positive, ...named]) picked.set(h.task, `${h.name}: ${h.why}`);
      return picked;
    }
  }
  if (!files.length) return picked;
  for (const h of positive.length ? positive : [files[0]]) picked.set(h.task, `${h.name}: ${h.why}`);
  return picked;
}

/** Hits with the best positive score; among equals, the one named first. */
function bestPositive(hits: Hit[]): Hit[] {
  const pos = hits.filter((h) => h.score > 0);
  if (!pos.length) return [];
  const top = Math.max(...pos.map((h) => h.score));
  const first = pos.filter((h) => h.score === top).sort((a, b) => a.index - b.index)[0];
  return [first];
}

function best(hits: Hit[]): Hit[] {
  const top = Math.max(...hits.map((h) => h.score));
  return hits.filter((h) => h.score === top);
}
