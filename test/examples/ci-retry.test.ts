/**
 * examples/ci-retry end to end: the real binary on a real repository, retrying a scripted flaky
 * command (fails twice, then passes) and one that never passes.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw, ROOT } from '../helpers/cli.js';
import { gitdir, type GitDir } from '../helpers/gitdir.js';

const PIPELINE = join(ROOT, 'examples/ci-retry/pipeline.yml');

interface Entry {
  step: string;
  stage?: string;
  round?: number;
  status?: string;
  ok?: boolean;
  rounds?: number;
  error?: string;
}

async function run(command: string) {
  const repo = await gitdir({ files: { 'README.md': '# app\n' } });
  copyFileSync(join(ROOT, 'examples/ci-retry/flaky.sh'), join(repo.dir, 'flaky.sh'));
  await repo.git(['add', 'flaky.sh']);
  await repo.git(['commit', '-qm', 'flaky command']);
  const r = await odw(['run', PIPELINE, '--repo', repo.dir, '--input', `command=${command}`], { cwd: repo.dir });
  const show = await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir });
  const record = JSON.parse(show.stdout);
  const attempts = readFileSync(join(repo.dir, '.odw/runs', record.id, 'flaky-attempts'), 'utf8').trim();
  const status = await repo.git(['status', '--porcelain', '--untracked-files=all', '--', ':!.odw']);
  return { ...r, record, history: record.history as Entry[], attempts, status, repo };
}

const line = (h: Entry) => `${h.stage ?? h.step}${h.round ? `@${h.round}` : ''}:${h.status}`;

async function done(repo: GitDir) {
  await repo.cleanup();
}

describe('examples/ci-retry', () => {
  it('retries a command that fails twice: passes in round 3, exit 0, the failure stage skipped', async () => {
    const r = await run('sh flaky.sh');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.record.status).toBe('succeeded');
    expect(r.attempts).toBe('3');
    expect(r.record.stages.retry).toMatchObject({ status: 'succeeded', outputs: { rounds: 3, exhausted: false } });
    expect(r.history.map(line)).toEqual(['test@1:failed', 'test@2:failed', 'test@3:succeeded', 'retry:succeeded', 'gave-up:skipped', 'report:succeeded']);
    expect(r.history[0].error).toMatch(/^exec_failed: stage test: command "sh flaky.sh" exited with code 1/);
    expect(r.history.find((h) => h.stage === 'report')).toMatchObject({ summary: 'passed after 3 attempt(s)' });
    expect(r.stdout).toMatch(/✓ run \S+ succeeded/);
    // Nothing of the run reached the repository's files.
    expect(r.status).toBe('');
    await done(r.repo);
  });

  it('a command that never passes: the loop is exhausted (loop_exhausted, exit 1), the failure() stage runs, history ends with the cause', async () => {
    const r = await run('FLAKY_FAILURES=99 sh flaky.sh');
    expect(r.code).toBe(1);
    expect(r.record.status).toBe('failed');
    expect(r.attempts).toBe('3');
    expect(r.record.error.category).toBe('loop_exhausted');
    expect(r.record.error.message).toMatch(
      /^loop retry: stages\.test\.status == 'succeeded' still false after 3 rounds \(its max\); last failure: exec_failed: stage test: command "FLAKY_FAILURES=99 sh flaky.sh" exited with code 1/,
    );
    expect(r.record.stages.retry).toMatchObject({ status: 'failed', outputs: { rounds: 3, exhausted: true } });
    expect(r.record.stages.report).toMatchObject({ status: 'skipped', reason: 'needs retry, which did not succeed' });
    expect(r.history.map(line)).toEqual(['test@1:failed', 'test@2:failed', 'test@3:failed', 'retry:failed', 'gave-up:succeeded', 'run:failed']);
    expect(r.history.find((h) => h.step === 'loop')).toMatchObject({ rounds: 3, ok: false, error: expect.stringMatching(/^loop_exhausted: /) });
    expect(r.history.at(-1)).toMatchObject({ step: 'run', ok: false, error: expect.stringMatching(/^loop_exhausted: loop retry: /) });
    expect(r.stdout).toMatch(/✗ run \S+ failed .*loop_exhausted/);
    await done(r.repo);
  });
});
