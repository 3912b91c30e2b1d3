/**
 * Regression cases G1–G7 of the seed (see the seed's behaviour notes, section G), as odw behaves:
 * questions, structured answers, prompts, planner notes and how runs read. odw has no codexctl
 * daemon or pandacode; each test names the odw behaviour that stands for the seed's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { callNames, promptsOf, runFlagship, type FlagshipRun } from '../helpers/flagship.js';
import { DEFAULT_ANSWER_POLICY } from '../../src/agents/questions.js';
import { expectFailure, history } from './expect.js';
import { ALPHA, BETA, always, approve, demoFiles, goodThree, goodTwoTasks, reject, threePlan, twoTasks } from './scenarios.js';

/** One run shared by the tests that only read it. */
const once = <T>(make: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
};

const threeTasks = once(() =>
  runFlagship({
    files: demoFiles,
    tasks: threePlan.tasks,
    scenario: { implement: goodThree, review: always(approve) },
    inputs: { context: 'Keep the public API small.' },
  }),
);
const implementPrompts = (r: FlagshipRun) => promptsOf(r, (c) => c.meta.stage === 'implement');

describe.concurrent('seed regression cases: agents, prompts and records', () => {
  it('G1: an agent question (needsInput) is answered with the answer policy in a new invocation; question and answer are in the call record', async () => {
    const implement = { ...goodTwoTasks.implement, alpha: { '*': { ask: 'Should alpha() be async?', write: { 'src/a.js': ALPHA } } } };
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: { ...goodTwoTasks, implement } });
    expect(r.code).toBe(0);
    const alpha = r.calls.filter((c) => c.kind === 'fanout' && c.task === 'alpha');
    expect(alpha.map((c) => c.answer)).toEqual([undefined, DEFAULT_ANSWER_POLICY]);
    const call = r.record.calls.find((c: { meta: { task?: string } }) => c.meta.task === 'alpha');
    expect(call).toMatchObject({ outcome: 'ok', questions: [{ question: 'Should alpha() be async?', answer: DEFAULT_ANSWER_POLICY }] });
    expect(call.invocations.map((i: { kind: string }) => i.kind)).toEqual(['start', 'answer']);
    expect(await r.repo.read('src/a.js')).toBe(ALPHA);
  });

  it("G1: the pipeline's answerPolicy is the answer an asking agent gets", async () => {
    const implement = { ...goodTwoTasks.implement, alpha: { '*': { ask: 'Tabs or spaces?', write: { 'src/a.js': ALPHA } } } };
    const r = await runFlagship({
      files: demoFiles,
      tasks: twoTasks,
      scenario: { ...goodTwoTasks, implement },
      extra: 'answerPolicy: Use two spaces, and finish the task.',
    });
    expect(r.code).toBe(0);
    expect(r.calls.filter((c) => c.task === 'alpha').map((c) => c.answer)).toEqual([undefined, 'Use two spaces, and finish the task.']);
  });

  it('G2: a reviewer answering prose instead of JSON ends in schema_mismatch after its attempts and counts as a reject with that blocker', async () => {
    const review = { correctness: { '*': { prose: 'Reject: the naming is off.' } }, 'owner-risk': { '*': approve } };
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: { ...goodTwoTasks, review }, inputs: { maxRounds: '1' } });
    const last = expectFailure(r, 'review_rounds_exhausted', 'review');
    expect(last.reviewers).toEqual(
      expect.arrayContaining([expect.objectContaining({ reviewer: 'correctness', decision: 'reject', failed: 'schema_mismatch' })]),
    );
    expect(last.blockers[0].message).toBe(
      'reviewer_failed: reviewer correctness: the answer does not match the schema after 2 attempts: (root) no JSON object found in the answer',
    );
    expect(callNames(r, 'review').filter((c) => c.includes('correctness'))).toEqual(['review:correctness@1', 'review:correctness@1']);
    // the prompt asks for JSON only, and the retry repeats it with the schema
    const [first] = promptsOf(r, (c) => c.meta.reviewer === 'correctness');
    expect(first).toContain('Answer with JSON only');
    const call = r.record.calls.find((c: { meta: { reviewer?: string } }) => c.meta.reviewer === 'correctness');
    expect(call).toMatchObject({ attempts: 2, error: { category: 'schema_mismatch' } });
    expect(call.invocations.map((i: { kind: string }) => i.kind)).toEqual(['start', 'retry']);
    const retry = readFileSync(join(r.repo.dir, '.odw/runs', r.record.id, 'calls', call.id, 'prompt-2.md'), 'utf8');
    expect(retry).toContain('Reply again with only one JSON object that matches this schema (no prose around it)');
    expect(retry).toContain('"decision": {');
  });

  it('G3: a docs task that owns no entry point is told to edit only its files, invent no entry points and skip no tests', async () => {
    const [docs] = promptsOf(await threeTasks(), (c) => c.meta.task === 'docs');
    expect(docs).toContain('Edit only these files: README.md. Other tasks own every other file.');
    expect(docs).toContain('Use only APIs, entry points and files that exist or that the task contracts above define.');
    expect(docs).toContain('Do not invent new ones, and do not add skip paths or disable tests.');
    expect(docs).toContain('Do not skip tests because you are in an isolated copy: run them.');
  });

  it('G4: every parallel task’s prompt holds the batch context, every planned task contract, and its own current task', async () => {
    const r = await threeTasks();
    expect(r.code).toBe(0);
    const prompts = implementPrompts(r);
    expect(prompts).toHaveLength(3);
    for (const p of prompts) {
      expect(p).toContain('Batch context:\nKeep the public API small.');
      expect(p).toContain(
        'Planned task contracts:\n- alpha: src/a.js — Export alpha() from src/a.js returning 1.\n- beta: src/b.js — Export beta() from src/b.js returning 2.\n- docs: README.md — Document alpha() and beta() in README.md.\n',
      );
    }
    expect(prompts.map((p) => /Current task \((\w+)\)/.exec(p)?.[1]).sort()).toEqual(['alpha', 'beta', 'docs']);
  });

  it('G5: a planner task with runtime "node" (not a profile) runs on the implementer runtime; the plan history notes the drop', async () => {
    const plan = { summary: 'two tasks', tasks: [twoTasks[0], { ...twoTasks[1], runtime: 'node' }] };
    const r = await runFlagship({ files: demoFiles, scenario: { ...goodTwoTasks, plan }, inputs: { request: 'add alpha and beta' } });
    expect(r.code).toBe(0);
    expect(history(r)[0]).toMatchObject({
      step: 'plan',
      source: 'planner',
      notes: ['task beta: runtime "node" is not a profile of this pipeline; using the stage\'s runtime'],
    });
    expect(r.record.calls.find((c: { meta: { task?: string } }) => c.meta.task === 'beta')).toMatchObject({ runtime: 'implementer', outcome: 'ok' });
    expect(await r.repo.read('src/b.js')).toBe(BETA);
  });

  it('G6: `odw runs list` (and `odw doctor`) print compact text without JSON; --json prints JSON that parses', async () => {
    const r = await threeTasks();
    const opts = { cwd: r.repo.dir };
    const list = await odw(['runs', 'list'], opts);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('{');
    expect(list.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${r.record.id}  succeeded .* parallel-review-apply  approved in round 1, 3 files applied$`)),
    ]);
    expect(JSON.parse((await odw(['runs', 'list', '--json'], opts)).stdout).runs).toEqual([expect.objectContaining({ id: r.record.id, status: 'succeeded' })]);
    const doctor = await odw(['doctor'], opts);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).not.toContain('{');
    expect(JSON.parse((await odw(['doctor', '--json'], opts)).stdout)).toBeTypeOf('object');
  });

  it('G7: `odw runs show` puts the failure first: "Failure: planning_failed: …", and "Failure: no_changes: …" when no task changed anything', async () => {
    const planning = await runFlagship({ files: demoFiles, scenario: { plan: { exit: 1, stderr: 'quota exceeded' } }, inputs: { request: 'add alpha' } });
    const show = await odw(['runs', 'show'], { cwd: planning.repo.dir });
    expect(show.stdout.split('\n')[1]).toBe('Failure: planning_failed: stage plan: the planner: node exited with code 1: quota exceeded (exit_code)');
    const idle = await runFlagship({
      files: demoFiles,
      tasks: twoTasks,
      scenario: { implement: { '*': { '*': { message: 'nothing to do' } } }, review: always(reject('unused')) },
    });
    expectFailure(idle, 'no_changes', 'implement');
    const idleShow = await odw(['runs', 'show', 'latest'], { cwd: idle.repo.dir });
    expect(idleShow.stdout.split('\n')[1]).toBe('Failure: no_changes: stage implement: no task changed any file');
  });
});
