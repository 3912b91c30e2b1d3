/**
 * Failures of the review loop and of apply. Each ends with exit 1, its category, a last history
 * step that says so, and nothing of the candidate in the user's tree.
 */
import { describe, expect, it } from 'vitest';
import { callNames, leftovers, runFlagship, steps, tree } from '../helpers/flagship.js';
import { expectFailure, expectUntouched, history } from './expect.js';
import { ALPHA, BETA, DOCS, always, approve, conflict, demoFiles, goodTwoTasks, reject, task, twoTasks } from './scenarios.js';

describe.concurrent('the review loop refuses', () => {
  it('patch_conflict: two tasks sharing a file change the same lines → rejected before any reviewer, both repaired', async () => {
    const r = await runFlagship({ files: demoFiles, ...conflict, inputs: { maxRounds: '2' } });
    const last = expectFailure(r, 'review_rounds_exhausted', 'review');
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 reject', 'repair r1 tasks=alpha,beta kept=', 'review r2 reject']);
    for (const review of history(r).filter((h) => h.step === 'review')) {
      expect(review).toMatchObject({ gate: 'preflight', reviewers: [] });
      expect(review.blockers[0].message).toMatch(/^patch_conflict: the patches of tasks alpha and beta do not combine \(both change src\/a\.js\)/);
    }
    expect(last.error).toContain('patch_conflict');
    expect(callNames(r, 'review')).toEqual([]);
    expect(callNames(r, 'repair').sort()).toEqual(['repair:alpha@2', 'repair:beta@2']);
    await expectUntouched(r);
  });

  it('needs_owner: a reviewer asks the owner → the run stops at once, nothing repaired or applied', async () => {
    const question = { decision: 'needs_owner', summary: 'a product decision', blockers: ['Should beta() stay public? Only the owner can decide.'] };
    const r = await runFlagship({
      files: demoFiles,
      tasks: twoTasks,
      scenario: { ...goodTwoTasks, review: { correctness: { '*': approve }, 'owner-risk': { '*': question } } },
    });
    const last = expectFailure(r, 'needs_owner', 'review');
    expect(r.record.error.message).toBe('stage review: the reviewers need a decision from the owner: Should beta() stay public? Only the owner can decide.');
    expect(last).toMatchObject({ round: 1, decision: 'needs_owner' });
    expect(callNames(r, 'repair')).toEqual([]);
    expect(r.record.headline).toMatch(/^needs owner in round 1: Should beta\(\) stay public\?/);
    await expectUntouched(r);
  });

  it('review_rounds_exhausted: a reviewer that always rejects, maxRounds=2', async () => {
    const r = await runFlagship({
      files: demoFiles,
      tasks: twoTasks,
      scenario: {
        ...goodTwoTasks,
        review: { correctness: { '*': reject('src/a.js must return 10, not 1', { file: 'src/a.js' }) }, 'owner-risk': { '*': approve } },
      },
      inputs: { maxRounds: '2' },
    });
    expectFailure(r, 'review_rounds_exhausted', 'review');
    expect(r.record.error.message).toBe('stage review: still rejected after 2 rounds (1 blocker): src/a.js must return 10, not 1');
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 reject', 'repair r1 tasks=alpha kept=beta', 'review r2 reject']);
    expect(callNames(r, 'review', 'repair').sort()).toEqual([
      'repair:alpha@2',
      'review:correctness@1',
      'review:correctness@2',
      'review:owner-risk@1',
      'review:owner-risk@2',
    ]);
    await expectUntouched(r);
  });
});

describe('a reviewer that fails', () => {
  it('counts as a reject but blames no task: nothing is rerun, and the next round reviews the same candidate', async () => {
    const review = { correctness: { '1': { exit: 1, stderr: 'error: rate limited' }, '*': approve }, 'owner-risk': { '*': approve } };
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: { ...goodTwoTasks, review }, inputs: { maxRounds: '2' } });
    expect(r.code).toBe(0);
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 reject', 'repair r1 tasks= kept=alpha,beta', 'review r2 approve', 'apply', 'verify']);
    const review1 = history(r).find((h) => h.step === 'review')!;
    expect(review1.blockers[0].message).toBe('reviewer_failed: reviewer correctness: node exited with code 1: error: rate limited');
    expect(history(r).find((h) => h.step === 'repair')!.summary).toBe('no task was blamed (only reviewers failed): the same candidate is reviewed again');
    expect(callNames(r, 'fanout', 'repair').sort()).toEqual(['fanout:alpha@1', 'fanout:beta@1']);
    expect([await r.repo.read('src/a.js'), await r.repo.read('src/b.js')]).toEqual([ALPHA, BETA]);
  });
});

describe.concurrent('the pre-review gate', () => {
  const tasks = [...twoTasks, task('docs', ['README.md'], 'Document alpha() and beta().')];
  const failing = {
    alpha: { '1': { write: { 'src/a.js': ALPHA }, exit: 1, stderr: 'tsc: error TS2304: cannot find name beta' }, '*': { write: { 'src/a.js': ALPHA } } },
    beta: { '*': { write: { 'src/b.js': BETA, 'README.md': '# beta was here\n' } } },
    docs: { '*': { write: { 'README.md': DOCS } } },
  };

  it('a failed task and a write outside its files are sent back before any reviewer; on the last round implementation_pre_review_blocked', async () => {
    const r = await runFlagship({ files: demoFiles, tasks, scenario: { implement: failing, review: always(approve) }, inputs: { maxRounds: '2' } });
    const last = expectFailure(r, 'implementation_pre_review_blocked', 'review');
    const first = history(r).find((h) => h.step === 'review' && h.round === 1)!;
    expect(first).toMatchObject({ decision: 'reject', gate: 'pre_review', reviewers: [] });
    expect(first.blockers.map((b: { message: string }) => b.message)).toEqual([
      expect.stringMatching(/^failed_task: alpha: task alpha: node exited with code 1: tsc: error TS2304: cannot find name beta/),
      'scope_violation: task beta touched README.md; owned_by=docs. Edit only your own files.',
    ]);
    // round 1 used up by the gate: the failed task, the writer and the owner of the file go back
    expect(history(r).find((h) => h.step === 'repair')).toMatchObject({ round: 1, tasks: ['alpha', 'beta', 'docs'], kept: [] });
    expect(last).toMatchObject({ round: 2, gate: 'pre_review' });
    expect(last.blockers.map((b: { message: string }) => b.message)).toEqual([
      'scope_violation: task beta touched README.md; owned_by=docs. Edit only your own files.',
    ]);
    expect(callNames(r, 'review')).toEqual([]);
    await expectUntouched(r);
  });

  it('once the gate passes, the reviewers judge the repaired candidate in the next round', async () => {
    const fixed = { ...failing, beta: { '1': failing.beta['*'], '*': { write: { 'src/b.js': BETA, 'README.md': '# demo\n' } } } };
    const r = await runFlagship({
      files: demoFiles,
      tasks,
      scenario: { implement: fixed, review: always(approve) },
      inputs: { maxRounds: '2', check: 'node check.mjs' },
    });
    expect(r.code).toBe(0);
    expect(steps(r.record)).toEqual([
      'plan',
      'implement r1 failed',
      'review r1 reject',
      'repair r1 tasks=alpha,beta,docs kept=',
      'review r2 approve',
      'apply',
      'verify',
    ]);
    expect(callNames(r, 'review').every((c) => c.endsWith('@2'))).toBe(true);
    expect(await r.repo.read('README.md')).toBe(DOCS);
    expect((await r.repo.git(['status', '--porcelain'])).split('\n').sort()).toEqual([' M README.md', ' M src/a.js', ' M src/b.js']);
  });
});

describe('apply', () => {
  it('changed_during_run: the user edits an owned file while the run is in flight → nothing applied, their edit kept byte for byte', async () => {
    const mine = '// my edit, made while odw was running\n';
    const scenario = {
      implement: { ...goodTwoTasks.implement, alpha: { '*': { write: { 'src/a.js': ALPHA }, writeUser: { 'src/a.js': mine } } } },
      review: always(approve),
    };
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario });
    const last = expectFailure(r, 'changed_during_run', 'apply');
    expect(r.record.error.message).toContain('1 file the change touches changed in your working tree while the run was going');
    expect(last.files).toEqual(['src/a.js']);
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 approve', 'apply failed']);
    const after = await tree(r.repo);
    expect(after.status).toBe(' M src/a.js');
    expect(after.files).toEqual({ ...r.before.files, 'src/a.js': Buffer.from(mine).toString('base64') });
  });
});

describe('the environment', () => {
  it('workspace_setup_failed: a failing workspace.setup command fails the run with its own category; no agent runs, nothing is left', async () => {
    const setup = 'setup: ["echo \'npm ERR! missing script: bootstrap\' >&2; exit 3"]';
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: goodTwoTasks, workspace: [setup] });
    expectFailure(r, 'workspace_setup_failed', 'fanout');
    expect(r.record.error.message).toMatch(/^stage implement: workspace setup command `.*` exited with code 3 in the worktree for (alpha|beta) /);
    expect(r.record.error.message).toContain('npm ERR! missing script: bootstrap');
    expect(r.calls).toEqual([]);
    expect(await leftovers(r)).toEqual({ registered: [], folders: [] });
    await expectUntouched(r);
  });
});
