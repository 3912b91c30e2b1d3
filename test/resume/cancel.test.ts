/**
 * `odw resume` after a cancelled run (Ctrl-C = SIGINT, or SIGTERM) at each stage of the shipped
 * pipeline: the cancelled run exits 130 and is recorded as cancelled; the stages it skipped because
 * it was cancelled are run, never "reused"; the resumed run exits 0 with the change applied exactly
 * once and the same history as an uninterrupted run (plus the line of the cancelled attempt).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ODW_BIN, odw } from '../helpers/cli.js';
import { forkPipeline, steps } from '../helpers/flagship.js';
import { GIT_TEST_ENV, gitdir, type GitDir, scratchDir } from '../helpers/gitdir.js';
import { calcFiles, happyScenario } from '../helpers/scenarios.js';
import { waitUntil } from '../helpers/wait.js';

const CHANGED = ['README.md', 'src/format.js', 'src/math.js'];
const HOLD_AGENT = fileURLToPath(new URL('./fixtures/hold-agent.mjs', import.meta.url));
const SCRIPTED = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));

async function setup(holdAt?: string) {
  const dir = scratchDir('odw-cancel-');
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(happyScenario));
  const pipeline = forkPipeline(dir);
  writeFileSync(pipeline, readFileSync(pipeline, 'utf8').split(SCRIPTED).join(HOLD_AGENT));
  const repo = await gitdir({ files: calcFiles });
  const marker = join(dir, 'held');
  const env = { ...GIT_TEST_ENV, ODW_SCENARIO: join(dir, 'scenario.json'), ODW_HOLD_AT: holdAt ?? 'none', ODW_HOLD_MARKER: marker };
  // In verify (the user's tree has .odw/, the review workspace does not) the check holds once.
  const check = holdAt === 'verify' ? `if [ -d .odw ] && mkdir ${marker} 2>/dev/null; then sleep 120; fi; node test/check.mjs` : 'node test/check.mjs';
  const args = ['run', pipeline, '--repo', repo.dir, '--input', 'request=add sum', '--input', `check=${check}`];
  return { repo, env, args, marker };
}

async function outcome(repo: GitDir) {
  const record = JSON.parse((await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir })).stdout);
  const files = Object.fromEntries(await Promise.all(CHANGED.map(async (f) => [f, await repo.read(f)])));
  return { record, files, status: await repo.git(['status', '--porcelain']) };
}

/** Starts odw, waits until the held call (or check) is in flight, sends the signal, waits for the exit. */
async function cancelled(holdAt: string, signal: NodeJS.Signals) {
  const s = await setup(holdAt);
  const child = spawn(process.execPath, [ODW_BIN, ...s.args], { cwd: s.repo.dir, env: { ...process.env, CI: '1', NO_COLOR: '1', ...s.env }, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await waitUntil(() => existsSync(s.marker), `the held call (${holdAt}) to be in flight`);
  child.kill(signal);
  return { ...s, code: await exited };
}

describe('odw resume after Ctrl-C (SIGINT) or SIGTERM at each stage of the shipped pipeline', async () => {
  const reference = await setup();
  expect((await odw(reference.args, { cwd: reference.repo.dir, env: reference.env })).code).toBe(0);
  const expected = await outcome(reference.repo);

  const stages: [string, string][] = [
    ['plan:-:1', 'the planner'],
    ['fanout:math:1', 'an implementer'],
    ['review:correctness:1', 'a reviewer in round 1'],
    ['repair:math:2', 'the repair'],
    ['verify', 'the verify check'],
  ];
  const cases = stages.flatMap(([at, what]) => (['SIGINT', 'SIGTERM'] as const).map((sig) => [sig, at, what] as const));

  it.each(cases)('%s during %s (%s): the run is cancelled (exit 130); resume applies the change once and succeeds', async (signal, holdAt) => {
    const run = await cancelled(holdAt, signal);
    expect(run.code).toBe(130);
    const stopped = await outcome(run.repo);
    expect(stopped.record.status).toBe('cancelled');
    if (holdAt !== 'verify') expect(stopped.files).toEqual(Object.fromEntries(CHANGED.map((f) => [f, (calcFiles as Record<string, string>)[f]])));

    const resumed = await odw(['resume', 'latest', '--repo', run.repo.dir], { cwd: run.repo.dir, env: run.env });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const after = await outcome(run.repo);
    expect(after.record.id).toBe(stopped.record.id);
    expect(after.record.status).toBe('succeeded');
    expect(after.files).toEqual(expected.files);
    expect(after.status).toBe(expected.status);
    // The history is the uninterrupted run's, plus the lines of the cancelled attempt where it
    // happened: the held stage (and its loop) marked cancelled, never as a failure of their own.
    const kind = holdAt.split(':')[0];
    const attempt = stopped.record.history.filter((h: { ok?: boolean; decision?: string }) => h.ok === false && !h.decision);
    for (const h of attempt) expect(h).toMatchObject({ status: 'cancelled', error: 'cancelled: the run was cancelled' });
    expect(attempt.map((h: { step: string }) => h.step).filter((step: string) => step !== kind && step !== 'loop')).toEqual([]);
    const kept = after.record.history.filter((h: { status?: string }) => h.status !== 'cancelled');
    expect(after.record.history.length - kept.length).toBe(attempt.length);
    expect(steps({ history: kept })).toEqual(steps(expected.record));
    expect(after.record.history.filter((h: { step: string }) => h.step === 'apply')).toHaveLength(1);
  });
});
