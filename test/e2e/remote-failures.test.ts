/**
 * Failure semantics of scale-out on a real Redis with real workers: an agent that fails is a task
 * failure and runs once; a worker killed with SIGKILL mid-task hands its job to another worker and
 * the result is that of a local run; Ctrl-C cancels the run's jobs and the workers stop the agents;
 * a worker stops cleanly on SIGTERM, also when its Redis is gone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callNames, readOutcome, runFlagship, startFlagship, tree } from '../helpers/flagship.js';
import { GIT_TEST_ENV, scratchDir } from '../helpers/gitdir.js';
import { calcFiles, happyScenario } from '../helpers/scenarios.js';
import { waitUntil } from '../helpers/wait.js';
import { odw } from '../helpers/cli.js';
import { redisClient } from '../../src/remote/connect.js';
import { PROTOCOL_VERSION, QUEUE_NAME } from '../../src/remote/protocol.js';
import { parseQueueUrl } from '../../src/remote/queue-url.js';
import { ready, startRedis, startWorker, type Redis, type Worker } from './remote-helpers.js';

let redis: Redis;
let workers: Worker[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  workers = [];
});
afterAll(() => redis?.stop());

/** A process that is there and not a zombie (a killed orphan waits a moment for init to reap it). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]);
  } catch {
    return false;
  }
};

async function twoWorkers(dir: string, extra: Record<string, string> = {}) {
  const env = { ...GIT_TEST_ENV, ODW_SCENARIO: join(dir, 'scenario.json'), ODW_SCENARIO_LOG: join(dir, 'calls.jsonl'), ...extra };
  workers = [startWorker(redis, 'w1', env, dir), startWorker(redis, 'w2', env, dir)];
  await ready(workers);
}

const base = { files: calcFiles, tasks: happyScenario.plan.tasks, inputs: { check: 'node test/check.mjs' } };

describe('scale-out failures', () => {
  it('an agent that fails is a task failure, run once, as in a local run', async () => {
    const dir = scratchDir('odw-remote-fail-');
    await twoWorkers(dir);
    const scenario = { ...happyScenario, implement: { ...happyScenario.implement, math: { '*': { exit: 3, stderr: 'math agent gave up' } } } };
    const r = await runFlagship({ ...base, scenario, dir, env: { ODW_EXECUTOR: redis.url } });
    expect(r.code).toBe(1);
    expect(r.record.status).toBe('failed');
    const local = await runFlagship({ ...base, scenario });
    expect(r.record.error).toEqual(local.record.error);
    expect(r.record.headline).toBe(local.record.headline);
    // each call the pipeline made ran once: the queue retried none of them
    expect(callNames(r, 'fanout', 'repair').sort()).toEqual(callNames(local, 'fanout', 'repair').sort());
    expect(workers.map((w) => w.output()).join('')).not.toMatch(/attempt [2-9]/);
  });

  it('a worker killed with SIGKILL mid-task: another worker runs the step, the result is that of a local run, and the restarted worker stops the agent it left', async () => {
    const dir = scratchDir('odw-remote-kill-');
    await twoWorkers(dir, { ODW_WORKER_LOCK: '2' });
    const slowMath = { ...happyScenario.implement.math, '1': { ...happyScenario.implement.math['1'], sleep: 8 } };
    const scenario = { ...happyScenario, implement: { ...happyScenario.implement, math: slowMath } };
    const local = await runFlagship({ ...base, scenario });
    expect(local.code).toBe(0);

    const run = await startFlagship({ ...base, scenario, dir, env: { ODW_EXECUTOR: redis.url } });
    await run.waitFor((l) => l.task === 'math' && Boolean(l.sleeping));
    const [orphan] = (await readOutcome(dir, run.repo)).sleepers;
    const victim = await waitUntil(() => workers.find((w) => /task math round 1/.test(w.output())), 'a worker to take task math');
    victim.child.kill('SIGKILL');
    await victim.exited;
    // the service manager starts it again, in the same work dir
    const env = { ...GIT_TEST_ENV, ODW_SCENARIO: join(dir, 'scenario.json'), ODW_SCENARIO_LOG: join(dir, 'calls.jsonl'), ODW_WORKER_LOCK: '2' };
    const restarted = startWorker(redis, victim.name, env, dir);
    workers.push(restarted);
    await ready([restarted]);
    expect(alive(orphan)).toBe(false);
    expect(restarted.output()).toMatch(/stopped \d+ agent process\(es\) an earlier worker .* left running/);

    expect(await run.exited).toBe(0);
    const remote = await readOutcome(dir, run.repo);
    expect(remote.record.status).toBe('succeeded');
    expect((await tree(run.repo)).files).toEqual((await tree(local.repo)).files);
    const math = remote.record.calls.find((c: { meta: { task?: string; stage: string } }) => c.meta.task === 'math' && c.meta.stage === 'implement');
    expect(math.worker.name).not.toBe(undefined);
    expect(remote.calls.filter((c) => c.task === 'math' && c.kind === 'fanout')).toHaveLength(2);
  });

  it('Ctrl-C cancels the run: no job is left active and the workers stop the agents', async () => {
    const dir = scratchDir('odw-remote-cancel-');
    await twoWorkers(dir);
    const scenario = { ...happyScenario, implement: { '*': { '*': { sleep: 120 } } } };
    const run = await startFlagship({ ...base, scenario, dir, env: { ODW_EXECUTOR: redis.url } });
    await run.waitFor((l) => Boolean(l.sleeping));
    const { sleepers } = await readOutcome(dir, run.repo);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const { record } = await readOutcome(dir, run.repo);
    expect(record.status).toBe('cancelled');
    await waitUntil(() => sleepers.every((pid) => !alive(pid)), 'the agents to be stopped');
    await waitUntil(() => redis.cli(['LLEN', 'bull:odw-steps:active']).trim() === '0', 'no active job');
    expect(redis.cli(['LLEN', 'bull:odw-steps:wait']).trim()).toBe('0');
  });

  it('a coordinator killed mid-run: odw resume finishes the run on the workers with the result of a local run', async () => {
    const dir = scratchDir('odw-remote-resume-');
    await twoWorkers(dir);
    const slowMath = { ...happyScenario.implement.math, '1': { ...happyScenario.implement.math['1'], sleep: 2 } };
    const scenario = { ...happyScenario, implement: { ...happyScenario.implement, math: slowMath } };
    const local = await runFlagship({ ...base, scenario });
    expect(local.code).toBe(0);

    const env = { ODW_EXECUTOR: redis.url };
    const run = await startFlagship({ ...base, scenario, dir, env });
    await run.waitFor((l) => l.task === 'math' && Boolean(l.sleeping));
    run.child.kill('SIGKILL');
    await run.exited;
    const resumed = await odw(['resume', 'latest', '--repo', run.repo.dir], {
      cwd: run.repo.dir,
      env: { ...GIT_TEST_ENV, ...env, ODW_SCENARIO: join(dir, 'scenario.json') },
    });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const after = await readOutcome(dir, run.repo);
    expect(after.record.status).toBe('succeeded');
    expect((await tree(run.repo)).files).toEqual((await tree(local.repo)).files);
    expect(after.record.history.filter((h: { step: string }) => h.step !== 'loop').map((h: { step: string }) => h.step)).toEqual(
      local.record.history.filter((h: { step: string }) => h.step !== 'loop').map((h: { step: string }) => h.step),
    );
  });

  it('a worker stops cleanly on SIGTERM', async () => {
    const dir = scratchDir('odw-remote-stop-');
    await twoWorkers(dir);
    const [w] = workers;
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('odw worker: stopped');
    expect(redis.cli(['EXISTS', `odw:worker:${w.name}`]).trim()).toBe('0');
  });
});

describe('a worker whose Redis is gone', () => {
  it('still stops on SIGTERM (it does not wait for Redis to come back)', async () => {
    const own = await startRedis();
    const dir = scratchDir('odw-remote-gone-');
    const w = startWorker(own, 'orphan', GIT_TEST_ENV, dir);
    workers.push(w);
    await ready([w]);
    own.stop();
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('odw worker: stopped');
  });
});

describe('version skew', () => {
  it('a worker refuses a job of another protocol version at once, naming both versions, without retrying it', async () => {
    const dir = scratchDir('odw-remote-skew-');
    await twoWorkers(dir);
    const { Queue } = await import('bullmq');
    const connection = redisClient(parseQueueUrl(redis.url).connection);
    const queue = new Queue(QUEUE_NAME, { connection: connection as never });
    try {
      const job = await queue.add(
        'skewed',
        { protocol: PROTOCOL_VERSION + 1, odw: '99.0.0', runId: 'r-skew', task: 't' },
        { attempts: 3, backoff: { type: 'fixed', delay: 100 } },
      );
      await waitUntil(async () => (await job.getState()) === 'failed', 'the job to fail');
      const failed = (await queue.getJob(job.id!))!;
      expect(failed.failedReason).toMatch(
        /^\[remote_refused\] worker w[12] runs odw \S+ \(job protocol 1\) and cannot run a job of odw 99\.0\.0 \(protocol 2\)/,
      );
      expect(failed.attemptsMade).toBe(1);
    } finally {
      await queue.close();
      await connection.quit();
    }
  });
});
