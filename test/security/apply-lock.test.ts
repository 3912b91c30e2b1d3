/**
 * Two `odw run`s on one repository at once. Apply is exclusive per repository: the run that gets
 * the lock first applies and keeps the lock through its verify; the other waits (and says so),
 * then checks again. Same line: exactly one applies, the other refuses without blaming the user
 * and the first run's change is intact. Different files: both apply, one after the other.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { ODW_BIN, odw } from '../helpers/cli.js';
import { tree, type StartedRun } from '../helpers/flagship.js';
import { startOneTask } from './one-task.js';
import { GIT_TEST_ENV, gitdir } from '../helpers/gitdir.js';
import { demoFiles } from '../flagship/scenarios.js';
import type { Json } from '../helpers/json.js';

// The verify check of whichever run applies first holds until the other run is waiting for the
// lock (its events say so; the pattern does not match the command's own text, which the record
// also holds), so that the wait is certain, not a matter of timing. Bounded, as a
// safety net only. In the review workspace (no .odw/) it passes at once.
const CHECK =
  'if [ -d .odw ]; then i=0; until grep -qs "waiting for run [0-9]" .odw/runs/*/events.jsonl || [ $i -ge 1200 ]; do sleep 0.05; i=$((i+1)); done; fi; true';

async function both(a: { file: string; content: string }, b: { file: string; content: string }) {
  const repo = await gitdir({ files: demoFiles });
  const start = (id: string, change: { file: string; content: string }) => startOneTask(repo, id, change.file, { content: change.content, check: CHECK });
  const runs = await Promise.all([start('first', a), start('second', b)]);
  const codes = await Promise.all(runs.map((r) => r.exited));
  return { repo, runs, codes, records: await Promise.all(runs.map((r) => recordOf(r))) };
}

/** The run record of one of the runs (`latest` would be ambiguous): the one whose tasks file is in its folder. */
async function recordOf(run: StartedRun): Promise<Json> {
  const list = JSON.parse((await odw(['runs', 'list', '--json', '--repo', run.repo.dir], { cwd: run.repo.dir })).stdout).runs;
  for (const r of list) {
    const record = JSON.parse((await odw(['runs', 'show', r.id, '--json', '--repo', run.repo.dir], { cwd: run.repo.dir })).stdout);
    if (String(record.inputs.tasks).startsWith(run.dir)) return record;
  }
  throw new Error(`no record for the run in ${run.dir}`);
}

const waitLines = (record: Json) => record.history.filter((h: { step: string }) => h.step === 'apply-lock').map((h: { summary: string }) => h.summary);

describe('two runs at once on one repository', () => {
  it('same line: exactly one applies; the other waits, then refuses (changed_during_run, naming the run) and leaves the first change intact', async () => {
    const { repo, codes, records } = await both(
      { file: 'src/a.js', content: 'export const a = "first";\n' },
      { file: 'src/a.js', content: 'export const a = "second";\n' },
    );
    expect(codes.slice().sort()).toEqual([0, 1]);
    const winner = records[codes.indexOf(0)];
    const loser = records[codes.indexOf(1)];
    expect(winner.status).toBe('succeeded');
    expect(loser.status).toBe('failed');
    expect(loser.error.category).toBe('changed_during_run');
    expect(loser.error.message).toContain(
      `odw applied nothing: 1 file the change touches was changed by run ${winner.id}, which applied its own change while this run was going: src/a.js.`,
    );
    expect(loser.error.message).not.toMatch(/you changed/i);
    expect(waitLines(loser)).toEqual([expect.stringMatching(new RegExp(`^waiting for run ${winner.id} to finish applying`))]);
    expect(await repo.read('src/a.js')).toBe(codes[0] === 0 ? 'export const a = "first";\n' : 'export const a = "second";\n');
    expect((await tree(repo)).status).toBe(' M src/a.js');
  });

  it('different files: both apply, one after the other; the second says whom it waited for', async () => {
    const { repo, codes, records } = await both({ file: 'src/a.js', content: 'export const a = 1;\n' }, { file: 'src/b.js', content: 'export const b = 2;\n' });
    expect(codes).toEqual([0, 0]);
    expect(records.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    const waited = records.filter((r) => waitLines(r).length);
    expect(waited).toHaveLength(1);
    const other = records.find((r) => r !== waited[0])!;
    expect(waitLines(waited[0])).toEqual([expect.stringMatching(new RegExp(`^waiting for run ${other.id} to finish applying`))]);
    expect(await repo.read('src/a.js')).toBe('export const a = 1;\n');
    expect(await repo.read('src/b.js')).toBe('export const b = 2;\n');
    expect((await tree(repo)).status).toBe(' M src/a.js\n M src/b.js');
  });

  it('a run waiting for the lock is cancelled by SIGTERM (exit 130, nothing applied) and `odw resume` applies it once the lock is free', async () => {
    const repo = await gitdir({ files: demoFiles });
    const release = join(repo.dir, '..', `release-${Date.now()}`);
    const start = (id: string, file: string, check: string) => startOneTask(repo, id, file, { check });
    // The first run holds the lock in its verify until the test lets it go.
    const first = await start('first', 'src/a.js', `if [ -d .odw ]; then until [ -e ${release} ]; do sleep 0.05; done; fi; true`);
    const runs = join(repo.dir, '.odw/runs');
    const holding = () => existsSync(join(runs, 'apply.lock'));
    while (!holding()) await new Promise((r) => setTimeout(r, 20));
    const second = await start('second', 'src/b.js', 'true');
    const waitingRun = () =>
      readdirSync(runs).find(
        (id) => existsSync(join(runs, id, 'events.jsonl')) && /waiting for run [0-9]/.test(readFileSync(join(runs, id, 'events.jsonl'), 'utf8')),
      );
    while (!waitingRun()) await new Promise((r) => setTimeout(r, 20));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(130);
    const cancelled = await recordOf(second);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.stages.apply.status).toBe('cancelled');
    expect(await repo.read('src/b.js')).toBe(demoFiles['src/b.js']);

    writeFileSync(release, '');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(runs, 'apply.lock'))).toBe(false);
    const resumed = await odw(['resume', cancelled.id, '--repo', repo.dir], { cwd: repo.dir, env: GIT_TEST_ENV });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(await repo.read('src/a.js')).toBe('// first\n');
    expect(await repo.read('src/b.js')).toBe('// second\n');
    // The cancelled wait keeps its line (cancelled); the change was applied once.
    const applies = (await recordOf(second)).history.filter((h: { step: string }) => h.step === 'apply');
    expect(applies.map((h: { ok: boolean; status?: string }) => [h.ok, h.status])).toEqual([
      [false, 'cancelled'],
      [true, undefined],
    ]);
    expect(existsSync(join(runs, 'apply.lock'))).toBe(false);
  });

  it('a resumed run whose apply was done takes the lock again before its verify: it waits while another run applies', async () => {
    const repo = await gitdir({ files: demoFiles });
    const tag = `${process.pid}-${Date.now()}`;
    const killed = join(repo.dir, '..', `killed-${tag}`);
    const release = join(repo.dir, '..', `release-${tag}`);
    const start = (id: string, file: string, check: string) => startOneTask(repo, id, file, { check });
    // Run X is killed (SIGKILL) in its verify, after it applied.
    const x = await start('x', 'src/a.js', `if [ -d .odw ] && mkdir ${killed} 2>/dev/null; then kill -9 $PPID; fi; true`);
    expect(await x.exited).toBe(null);
    const xRecord = await recordOf(x);
    expect(xRecord.stages.apply.status).toBe('succeeded');
    // Run Y applies and holds the lock in its verify until the test lets it go.
    const y = await start('y', 'src/b.js', `if [ -d .odw ]; then until [ -e ${release} ]; do sleep 0.05; done; fi; true`);
    const lock = join(repo.dir, '.odw/runs/apply.lock');
    const owner = () => (existsSync(lock) ? JSON.parse(readFileSync(lock, 'utf8')).runId : undefined);
    // (a run's start takes the lock for a moment to look for interrupted applies, as `recovery-<pid>`)
    const yHolds = () => owner() && owner() !== xRecord.id && existsSync(join(repo.dir, '.odw/runs', owner()));
    while (!yHolds()) await new Promise((r) => setTimeout(r, 20));
    const yId = owner();
    const resumed = spawn(process.execPath, [ODW_BIN, 'resume', xRecord.id, '--repo', repo.dir], {
      cwd: repo.dir,
      env: { ...process.env, ...GIT_TEST_ENV, CI: '1' },
      stdio: 'ignore',
    });
    const resumedExit = new Promise<number | null>((resolve) => resumed.on('close', resolve));
    const events = join(repo.dir, '.odw/runs', xRecord.id, 'events.jsonl');
    while (!readFileSync(events, 'utf8').includes(`waiting for run ${yId} to finish applying`)) await new Promise((r) => setTimeout(r, 20));
    const afterResume = readFileSync(events, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const resumedAt = afterResume.findIndex((e) => e.type === 'run_resumed');
    expect(afterResume.slice(resumedAt).some((e) => e.type === 'stage_started')).toBe(false); // its verify has not started
    writeFileSync(release, '');
    expect(await y.exited).toBe(0);
    expect(await resumedExit).toBe(0);
    expect((await recordOf(x)).status).toBe('succeeded');
    expect(await repo.read('src/a.js')).toBe('// x\n');
    expect(await repo.read('src/b.js')).toBe('// y\n');
    expect(existsSync(lock)).toBe(false);
  });
});
