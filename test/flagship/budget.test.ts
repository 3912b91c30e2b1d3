import { describe, expect, it } from 'vitest';
import { runFlagship } from '../helpers/flagship.js';
import { expectFailure, expectUntouched } from './expect.js';
import { ALPHA, BETA, demoFiles, goodTwoTasks, twoTasks } from './scenarios.js';

describe('a pipeline budget', () => {
  it('once spent, no new agent call starts and the run ends as budget_exhausted, with what was done kept', async () => {
    // A 6-second budget: the implementers (one takes 8 s) finish, the reviewers never start. Planning
    // and starting both implementers take well under 6 s even on a loaded machine.
    const implement = { alpha: { '*': { sleep: 8, write: { 'src/a.js': ALPHA } } }, beta: { '*': { write: { 'src/b.js': BETA } } } };
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: { ...goodTwoTasks, implement }, extra: 'budget:\n  minutes: 0.1\n' });
    const last = expectFailure(r, 'budget_exhausted', 'review');
    expect(r.record.error.message).toMatch(/the run's minutes budget is spent \(\d+\.\ds of 6\.0s\); no new agent call starts/);
    expect(r.calls.map((c) => c.kind)).not.toContain('review');
    expect(r.record.history.map((h: { step: string }) => h.step).slice(0, 2)).toEqual(['plan', 'implement']);
    expect(r.record.history[1].files).toEqual(['src/a.js', 'src/b.js']);
    expect(last.round).toBe(1);
    await expectUntouched(r);
  });
});
