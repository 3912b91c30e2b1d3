/**
 * Failures before any worktree exists: task preflight (from a tasks file) and planning. Each ends
 * with exit 1, its category, a last history step that says so, no implementer called and the
 * user's tree untouched.
 */
import { describe, expect, it } from 'vitest';
import { leftovers, runFlagship } from '../helpers/flagship.js';
import { preflightCases, runPreflight } from './preflight-cases.js';
import { expectFailure, expectStoppedAtPlan, expectUntouched } from './expect.js';
import { demoFiles, goodTwoTasks, task, twoTasks } from './scenarios.js';

const alpha = twoTasks[0];

describe.concurrent('preflight: a tasks file that cannot run safely stops before any worktree', () => {
  it.each(preflightCases)('$name → $category', async (c) => {
    const r = await runPreflight(c);
    const last = expectFailure(r, c.category, 'plan');
    expect(r.record.error.message).toMatch(c.message);
    expect(last.error).toMatch(c.message);
    if (c.details) expect(last.details).toEqual(c.details);
    expectStoppedAtPlan(r);
    expect(r.calls).toEqual([]);
    expect(await leftovers(r)).toEqual({ registered: [], folders: [] });
    await expectUntouched(r);
  });
});

describe.concurrent('planning failures', () => {
  it('the planner exits 1: planning_failed with its stderr', async () => {
    const r = await runFlagship({
      files: demoFiles,
      scenario: { plan: { exit: 1, stderr: 'error: the model is overloaded' } },
      inputs: { request: 'add alpha and beta' },
    });
    expectFailure(r, 'planning_failed', 'plan');
    expect(r.record.error.message).toMatch(/^stage plan: the planner: node exited with code 1: error: the model is overloaded \(exit_code\)$/);
    expect(r.calls.map((c) => c.kind)).toEqual(['plan']);
    expectStoppedAtPlan(r);
    await expectUntouched(r);
  });

  it('the planner answers schema-invalid JSON twice: planning_failed naming the schema error', async () => {
    const r = await runFlagship({ files: demoFiles, scenario: { plan: { summary: 'nothing', tasks: [] } }, inputs: { request: 'add alpha and beta' } });
    expectFailure(r, 'planning_failed', 'plan');
    expect(r.record.error.message).toContain(
      'the answer does not match the schema after 2 attempts: /tasks must NOT have fewer than 1 items (schema_mismatch)',
    );
    expect(r.calls.map((c) => c.kind)).toEqual(['plan', 'plan']);
    const planner = r.record.calls.find((c: { meta: { stage: string } }) => c.meta.stage === 'plan');
    expect(planner).toMatchObject({ outcome: 'failed', attempts: 2, error: { category: 'schema_mismatch' } });
    expectStoppedAtPlan(r);
    await expectUntouched(r);
  });

  it('a planner task that owns a reserved path fails preflight like a tasks file would', async () => {
    const plan = { summary: 's', tasks: [alpha, task('beta', ['.odw/pipeline.yml'])] };
    const r = await runFlagship({ files: demoFiles, scenario: { plan }, inputs: { request: 'add alpha and beta' } });
    expectFailure(r, 'invalid_task_files', 'plan');
    expectStoppedAtPlan(r);
    await expectUntouched(r);
  });

  it('nothing to plan (no request, spec or tasks): planning_failed, no agent called', async () => {
    const r = await runFlagship({ files: demoFiles, scenario: goodTwoTasks });
    expectFailure(r, 'planning_failed', 'plan');
    expect(r.record.error.message).toContain('nothing to plan: give a request, a spec or a tasks file');
    expect(r.calls).toEqual([]);
    expectStoppedAtPlan(r);
    await expectUntouched(r);
  });

  it('a tasks file that is not YAML: invalid_tasks, exit 1', async () => {
    const r = await runFlagship({ files: demoFiles, scenario: goodTwoTasks, tasks: 'tasks: [ {id: a\n' });
    expectFailure(r, 'invalid_tasks', 'plan');
    expect(r.calls).toEqual([]);
    await expectUntouched(r);
  });
});
