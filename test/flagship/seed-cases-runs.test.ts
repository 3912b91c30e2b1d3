/**
 * Regression cases G14–G16 and G18–G21 of the seed (see the seed's behaviour notes, section G), as
 * odw behaves: calls in flight, cleanup, retention, preflight guards, the pre-review gate, the
 * verify guard and a planned run, through real runs of the shipped pipeline with scripted agents.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { callNames, leftovers, readOutcome, runFlagship, startFlagship, tree } from '../helpers/flagship.js';
import { processAlive } from '../helpers/process.js';
import { waitUntil } from '../helpers/wait.js';
import { expectFailure, expectStoppedAtPlan, expectUntouched, history, started } from './expect.js';
import { preflightCases, runPreflight } from './preflight-cases.js';
import { ALPHA, BETA, DOCS, always, approve, demoFiles, goodThree, goodTwoTasks, task, threePlan, twoTasks } from './scenarios.js';
import type { Json } from '../helpers/json.js';

/** alpha sleeps (in a child `sleep`) before it writes; beta finishes at once. */
const sleepyAlpha = { ...goodTwoTasks, implement: { ...goodTwoTasks.implement, alpha: { '*': { sleep: 30, write: { 'src/a.js': ALPHA } } } } };
const isSleeping = (l: Json) => l.sleeping !== undefined;
/** Run ids sort by their start second: waits until the clock is past the current second (no fixed sleep). */
const nextSecond = () => {
  const now = Math.floor(Date.now() / 1000);
  return waitUntil(() => Math.floor(Date.now() / 1000) > now, 'the next second');
};

describe.concurrent('seed regression cases: runs, cleanup and guards', () => {
  it('G14: a call in flight is listed by `odw runs show` from its provisional call.json (odw has no daemon to ask)', async () => {
    const run = await startFlagship({ files: demoFiles, tasks: twoTasks, scenario: sleepyAlpha });
    await run.waitFor(isSleeping);
    const show = await odw(['runs', 'show', 'latest', '--repo', run.repo.dir], { cwd: run.repo.dir });
    expect(show.stdout).toMatch(/^Run \S+ {2}running/);
    expect(show.stdout).toMatch(/implement alpha r1: implementer \(command\) running/);
    const json = JSON.parse((await odw(['runs', 'show', 'latest', '--json', '--repo', run.repo.dir], { cwd: run.repo.dir })).stdout);
    expect(json.calls.find((c: { meta: { task?: string } }) => c.meta.task === 'alpha')).toMatchObject({ state: 'running', runtime: 'implementer' });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(130);
    const after = await readOutcome(run.dir, run.repo);
    expect(after.record.status).toBe('cancelled');
    expect(after.record.calls.find((c: { meta: { task?: string } }) => c.meta.task === 'alpha')).toMatchObject({ state: 'done', outcome: 'cancelled' });
  });

  it('G15: no agent process or worktree outlives its run — finished, cancelled (Ctrl-C) or killed (the next run prunes it)', async () => {
    const finished = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: goodTwoTasks });
    expect(finished.code).toBe(0);
    expect(finished.calls.length).toBe(4);
    expect(finished.calls.filter((c) => processAlive(c.pid!))).toEqual([]);
    expect(await leftovers(finished)).toEqual({ registered: [], folders: [] });

    const cancelled = await startFlagship({ files: demoFiles, tasks: twoTasks, scenario: sleepyAlpha });
    await cancelled.waitFor(isSleeping);
    // Task workspaces are private repositories (never registered in the user's .git). Alpha's agent
    // sleeps in its own; beta's may already be done and its workspace removed.
    expect((await leftovers(cancelled)).folders.filter((f) => /\/alpha$/.test(f))).toHaveLength(1);
    cancelled.child.kill('SIGTERM');
    expect(await cancelled.exited).toBe(130);
    const c = await readOutcome(cancelled.dir, cancelled.repo);
    expect([...c.calls.map((x) => x.pid!), ...c.sleepers].filter(processAlive)).toEqual([]);
    expect(await leftovers(c)).toEqual({ registered: [], folders: [] });

    const killed = await startFlagship({ files: demoFiles, tasks: twoTasks, scenario: sleepyAlpha });
    await killed.waitFor(isSleeping);
    killed.child.kill('SIGKILL');
    await killed.exited;
    const k = await readOutcome(killed.dir, killed.repo);
    for (const pid of [...k.sleepers, ...k.calls.map((x) => x.pid!)]) if (processAlive(pid)) process.kill(pid, 'SIGKILL'); // the machine rebooted
    expect((await leftovers(k)).folders.filter((f) => /\/alpha$/.test(f))).toHaveLength(1);
    const next = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: goodTwoTasks, repo: killed.repo, dir: killed.dir });
    expect(next.code).toBe(0);
    expect(await leftovers(next)).toEqual({ registered: [], folders: [] });
  });

  it('G16: ODW_RUNS_KEEP keeps the newest runs; the current run and a live concurrent run are never pruned', async () => {
    const first = await runFlagship({ files: demoFiles, scenario: {} });
    await nextSecond(); // the first run started before now
    const live = await startFlagship({ files: demoFiles, tasks: twoTasks, scenario: sleepyAlpha, repo: first.repo });
    await live.waitFor(isSleeping);
    await nextSecond(); // the live run started before now
    const current = await runFlagship({ files: demoFiles, scenario: {}, repo: first.repo, env: { ODW_RUNS_KEEP: '1' } });
    const runs = readdirSync(join(first.repo.dir, '.odw/runs')).filter((n) => !n.endsWith('.jsonl'));
    const listed = JSON.parse((await odw(['runs', 'list', '--json'], { cwd: first.repo.dir })).stdout).runs;
    live.child.kill('SIGTERM');
    await live.exited;
    expect(runs).not.toContain(first.record.id);
    expect(runs).toContain(current.record.id);
    expect(runs).toHaveLength(2);
    expect(listed.map((r: { status: string }) => r.status).sort()).toEqual(['failed', 'running']);
    expect(existsSync(join(first.repo.dir, '.odw/runs', first.record.id))).toBe(false);
  });

  it('G18: each preflight guard exits 1 with its category; implement never starts and no worktree is made', async () => {
    const seen = new Set<string>();
    for (const c of preflightCases.filter((x) => !seen.has(x.category) && seen.add(x.category))) {
      const r = await runPreflight(c);
      expect(r.code, c.name).toBe(1);
      expect(r.record.error.category, c.name).toBe(c.category);
      expect(started(r, 'implement'), c.name).toBe(0);
      expect(started(r, 'review'), c.name).toBe(0);
      expect(started(r, 'apply'), c.name).toBe(0);
      expectStoppedAtPlan(r);
      expect(await leftovers(r)).toEqual({ registered: [], folders: [] });
    }
    expect([...seen].sort()).toEqual([
      'dirty_task_files',
      'duplicate_task_files',
      'invalid_task_files',
      'invalid_task_ids',
      'invalid_task_prompts',
      'invalid_task_runtime',
      'undeclared_task_files',
    ]);
  });

  it('G19: a failed task plus a write into another task’s file, maxRounds=1 → implementation_pre_review_blocked; no reviewer runs', async () => {
    const tasks = [...twoTasks, task('docs', ['README.md'])];
    const implement = {
      alpha: { '*': { exit: 1, stderr: 'ran out of ideas' } },
      beta: { '*': { write: { 'src/b.js': BETA, 'README.md': '# beta\n' } } },
      docs: { '*': { write: { 'README.md': DOCS } } },
    };
    const r = await runFlagship({ files: demoFiles, tasks, scenario: { implement, review: always(approve) }, inputs: { maxRounds: '1' } });
    const last = expectFailure(r, 'implementation_pre_review_blocked', 'review');
    expect(last).toMatchObject({ round: 1, gate: 'pre_review', reviewers: [] });
    expect(last.blockers.map((b: { message: string }) => b.message.split(':')[0])).toEqual(['failed_task', 'scope_violation']);
    expect(callNames(r, 'review', 'repair')).toEqual([]);
    await expectUntouched(r);
  });

  it('G20: a verify check that writes a file → verification_mutated_worktree; the file is removed and the guard says so', async () => {
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: goodTwoTasks, inputs: { check: 'node check.mjs > check.log' } });
    const last = expectFailure(r, 'verification_mutated_worktree', 'verify');
    expect(last.guard).toEqual({ changed: true, modified: [], added: ['check.log'], removed: [] });
    expect(await r.repo.exists('check.log')).toBe(false);
    expect((await tree(r.repo)).status.split('\n').sort()).toEqual([' M src/a.js', ' M src/b.js']);
  });

  it('G21: a request alone is planned: history[0] is the plan step, and the planned files land', async () => {
    const r = await runFlagship({
      files: demoFiles,
      scenario: { plan: threePlan, implement: goodThree, review: always(approve) },
      inputs: { request: 'add alpha and beta, with docs', check: 'node check.mjs' },
    });
    expect(r.code).toBe(0);
    expect(history(r)[0]).toMatchObject({
      step: 'plan',
      source: 'planner',
      tasks: ['alpha', 'beta', 'docs'],
      files: ['src/a.js', 'src/b.js', 'README.md'],
      summary: 'alpha, beta and their docs',
    });
    expect(r.calls[0]).toMatchObject({ kind: 'plan' });
    expect([await r.repo.read('src/a.js'), await r.repo.read('src/b.js'), await r.repo.read('README.md')]).toEqual([ALPHA, BETA, DOCS]);
    expect(r.record).toMatchObject({ status: 'succeeded', headline: 'approved in round 1, 3 files applied' });
  });
});
