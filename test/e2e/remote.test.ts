/**
 * Scale-out on a real Redis with real `odw worker` processes: a remote run of the shipped pipeline
 * gives the run record and the applied tree of a local run, no secret reaches Redis, and a queue
 * without workers fails the run with its own category.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { runFlagship, tree, type FlagshipRun } from '../helpers/flagship.js';
import { gitdir, GIT_TEST_ENV, scratchDir } from '../helpers/gitdir.js';
import { calcFiles, happyScenario } from '../helpers/scenarios.js';
import type { Json } from '../helpers/json.js';
import { dumpRedis, ready, startRedis, startWorker, type Redis, type Worker } from './remote-helpers.js';

const SECRET = 'tok-6b1f0c9e2d7a4f38';
let redis: Redis;
let workers: Worker[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  redis?.stop();
});

/** What must be equal between two runs: the history without timings, the patches, the calls without worker fields. */
function comparable(r: FlagshipRun) {
  const dir = join(r.repo.dir, '.odw/runs', r.record.id);
  const patches = Object.fromEntries(readdirSync(join(dir, 'patches')).map((f) => [f, readFileSync(join(dir, 'patches', f), 'utf8')]));
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => !/^(ts|at|startedAt|finishedAt|durationMs|worker|pid|runId|id|call|dir|patchFile|filesFile|file)$/.test(k))
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return typeof value === 'string' ? value.replaceAll(r.record.id, '<run>') : value;
  };
  const calls = (r.record.calls ?? []).map((c: Json) => `${c.meta.stage}:${c.meta.task ?? c.meta.reviewer ?? ''}@${c.meta.round ?? ''}:${c.outcome}`).sort();
  return { history: strip(r.record.history), status: r.record.status, headline: r.record.headline, patches: strip(patches), calls };
}

describe('odw run --executor (Redis + odw worker)', () => {
  it('gives the patches, history and applied tree of a local run; no secret value in Redis', async () => {
    const dir = scratchDir('odw-remote-');
    const env = { ...GIT_TEST_ENV, ODW_SCENARIO: join(dir, 'scenario.json'), ODW_SCENARIO_LOG: join(dir, 'calls.jsonl'), SERVICE_TOKEN: SECRET };
    workers = [startWorker(redis, 'w1', env, dir), startWorker(redis, 'w2', env, dir)];
    await ready(workers);

    const repo = await gitdir({ files: calcFiles });
    const opts = {
      files: calcFiles,
      scenario: happyScenario,
      tasks: happyScenario.plan.tasks,
      inputs: { check: 'node test/check.mjs' },
      repo,
      dir,
      env: { SERVICE_TOKEN: SECRET },
    };
    const local = await runFlagship(opts);
    expect(local.stderr).toBe('');
    expect(local.code).toBe(0);
    const localTree = await tree(repo);
    await repo.git(['checkout', '--', '.']);

    const remote = await runFlagship({ ...opts, env: { SERVICE_TOKEN: SECRET, ODW_EXECUTOR: redis.url } });
    expect(remote.stderr).toBe('');
    expect(remote.code).toBe(0);
    expect(await tree(repo)).toEqual(localTree);
    expect(comparable(remote)).toEqual(comparable(local));

    // the task steps ran on the workers, and the run record says which one
    const stepCalls = remote.record.calls.filter((c: Json) => c.meta.stage === 'implement' || c.meta.stage === 'repair');
    expect(stepCalls).toHaveLength(4);
    for (const c of stepCalls) expect(['w1', 'w2']).toContain(c.worker?.name);
    expect(workers.map((w) => w.output()).join('')).toContain('task math round 2');
    const shown = await odw(['runs', 'show', remote.record.id, '--repo', repo.dir], { cwd: repo.dir });
    expect(shown.stdout).toMatch(/implement math r1: implementer \(command\) ok in \S+ on worker w[12]/);

    // odw doctor --executor: the live workers, their version and credential names (never values)
    const doctor = await odw(['doctor', '--json', '--executor', redis.url], { cwd: repo.dir });
    const queue = JSON.parse(doctor.stdout).queue;
    expect(queue).toMatchObject({ ok: true, jobs: { waiting: 0, active: 0 } });
    expect(queue.workers.map((w: Json) => w.name)).toEqual(['w1', 'w2']);
    for (const w of queue.workers) expect(w.credentials).toContain('SERVICE_TOKEN');
    expect(doctor.stdout).not.toContain(SECRET);

    const { keys, text } = dumpRedis(redis);
    expect(keys.some((k) => k.startsWith('odw:bundle:'))).toBe(true);
    expect(text).not.toContain(SECRET);
  });

  it('fails the run with no_workers when no worker takes a step', async () => {
    const empty = await startRedis();
    try {
      const r = await runFlagship({
        files: calcFiles,
        scenario: happyScenario,
        tasks: happyScenario.plan.tasks,
        inputs: { check: 'node test/check.mjs' },
        env: { ODW_EXECUTOR: empty.url, ODW_PICKUP_TIMEOUT: '1' },
      });
      expect(r.code).toBe(1);
      expect(r.record.status).toBe('failed');
      expect(JSON.stringify(r.record)).toContain('no_workers');
      expect(r.stdout + r.stderr).toContain('no odw worker took task');
      expect(empty.cli(['LLEN', 'bull:odw-steps:wait']).trim()).toBe('0');
    } finally {
      empty.stop();
    }
  });
});
