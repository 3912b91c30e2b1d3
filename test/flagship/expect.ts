/** Assertions a user would make after a flagship run: exit code, run record, history, their tree. */
import { expect } from 'vitest';
import { tree, type FlagshipRun } from '../helpers/flagship.js';
import type { Json } from '../helpers/json.js';

/** History without the loop's own summary lines. */
export const history = (r: Pick<FlagshipRun, 'record'>): Json[] => (r.record.history ?? []).filter((h: { step: string }) => h.step !== 'loop');

/** The run failed with this category: exit 1, `error.category`, and the last step of the history says so. */
export function expectFailure(r: FlagshipRun, category: string, step?: string): Json {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  expect(r.record.status).toBe('failed');
  expect(r.record.error?.category).toBe(category);
  // the last line of the history says so (a loop's summary line repeats its stage's cause)
  expect(r.record.history.at(-1).ok).toBe(false);
  expect(r.record.history.at(-1).error).toMatch(new RegExp(`^${category}: `));
  const last = history(r).at(-1)!;
  if (step) expect(last.step).toBe(step);
  expect(last.ok).toBe(false);
  expect(last.error).toMatch(new RegExp(`^${category}: `));
  return last;
}

/** Nothing reached the user's tree: `git status` and every file's bytes are as before the run. */
export async function expectUntouched(r: FlagshipRun): Promise<void> {
  expect(await tree(r.repo)).toEqual(r.before);
}

/** No implementer ran and no stage after planning started. */
export function expectStoppedAtPlan(r: FlagshipRun): void {
  expect(r.calls.filter((c) => c.kind !== 'plan')).toEqual([]);
  const started = r.events.filter((e) => e.type === 'stage_started').map((e) => e.stage);
  expect(started).toEqual(['plan']);
  expect(r.events.some((e) => e.type === 'agent_started' && e.stage !== 'plan')).toBe(false);
}

/** Event types of the run, for "this never happened" checks. */
export const started = (r: FlagshipRun, stage: string) => r.events.filter((e) => e.type === 'stage_started' && e.stage === stage).length;
