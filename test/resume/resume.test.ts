import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { forkPipeline, steps } from '../helpers/flagship.js';
import { GIT_TEST_ENV, gitdir, type GitDir, scratchDir } from '../helpers/gitdir.js';
import { calcFiles, happyScenario } from '../helpers/scenarios.js';

const CHANGED = ['README.md', 'src/format.js', 'src/math.js'];
// In verify (the user's tree has .odw/, worktrees do not) the check can kill odw once.
const check = (marker: string) => `if [ -d .odw ] && mkdir ${marker} 2>/dev/null; then kill -9 $PPID; fi; node test/check.mjs`;

async function flow(killAt?: string) {
  const dir = scratchDir('odw-resume-');
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(happyScenario));
  const pipeline = forkPipeline(dir);
  const repo = await gitdir({ files: calcFiles });
  const env = { ...GIT_TEST_ENV, ODW_SCENARIO: join(dir, 'scenario.json'), ODW_KILL_AT: killAt ?? 'none', ODW_KILL_MARKER: join(dir, 'killed') };
  const checkCmd = killAt === 'verify' ? check(join(dir, 'verify-killed')) : 'node test/check.mjs';
  const first = await odw(['run', pipeline, '--repo', repo.dir, '--input', 'request=add sum', '--input', `check=${checkCmd}`], { cwd: repo.dir, env });
  return { repo, env, first };
}

async function outcome(repo: GitDir) {
  const record = JSON.parse((await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir })).stdout);
  const files = Object.fromEntries(await Promise.all(CHANGED.map(async (f) => [f, await repo.read(f)])));
  return { record, files, status: await repo.git(['status', '--porcelain']) };
}

describe('odw resume after SIGKILL at each stage of the shipped pipeline', async () => {
  const baseline = await flow();
  const expected = await outcome(baseline.repo);

  it('the uninterrupted run is the reference', () => {
    expect(baseline.first.code).toBe(0);
    expect(steps(expected.record)).toEqual([
      'plan',
      'implement r1',
      'review r1 reject',
      'repair r1 tasks=math kept=format,docs',
      'review r2 approve',
      'apply',
      'verify',
    ]);
  });

  it.each([
    ['plan:-:1', 'the planner'],
    ['fanout:math:1', 'an implementer'],
    ['review:correctness:1', 'a reviewer in round 1'],
    ['repair:math:2', 'the repair'],
    ['review:owner-risk:2', 'a reviewer in round 2'],
    ['verify', 'the verify check'],
  ])('killed during %s (%s): resume ends with the same tree and history', async (killAt) => {
    const run = await flow(killAt);
    expect(run.first.code).toBe(null); // killed
    const killed = JSON.parse((await odw(['runs', 'show', 'latest', '--json', '--repo', run.repo.dir], { cwd: run.repo.dir })).stdout);
    expect(killed.status).toBe('interrupted');
    const resumed = await odw(['resume', 'latest', '--repo', run.repo.dir], { cwd: run.repo.dir, env: run.env });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const after = await outcome(run.repo);
    expect(after.record.id).toBe(killed.id);
    expect(after.record.status).toBe('succeeded');
    expect(steps(after.record)).toEqual(steps(expected.record));
    expect(after.files).toEqual(expected.files);
    expect(after.status).toBe(expected.status);
    const list = JSON.parse((await odw(['runs', 'list', '--json', '--repo', run.repo.dir], { cwd: run.repo.dir })).stdout);
    expect(list.runs).toHaveLength(1);
  });

  it('a run killed right after apply is not applied twice', async () => {
    const run = await flow('verify');
    const runJson = join(run.repo.dir, '.odw/runs', (await outcome(run.repo)).record.id, 'run.json');
    // Make the record look as if odw died inside apply, after git had applied the change.
    const { readFileSync } = await import('node:fs');
    const rec = JSON.parse(readFileSync(runJson, 'utf8'));
    rec.stages.apply.status = 'running';
    rec.history = rec.history.filter((h: { step: string }) => h.step !== 'apply' && h.step !== 'verify');
    writeFileSync(runJson, JSON.stringify(rec));
    const resumed = await odw(['resume', '--repo', run.repo.dir], { cwd: run.repo.dir, env: run.env });
    expect(resumed.code).toBe(0);
    const after = await outcome(run.repo);
    expect(after.files).toEqual(expected.files);
    expect(after.record.history.find((h: { step: string }) => h.step === 'apply').summary).toBe('already applied before the run was interrupted');
  });

  it('refuses to resume a finished run', async () => {
    const r = await odw(['resume', 'latest', '--repo', baseline.repo.dir], { cwd: baseline.repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run \S+ succeeded; only interrupted or cancelled runs can be resumed/);
  });
});
