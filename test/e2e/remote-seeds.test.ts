/**
 * A pipeline whose second fanout starts from the first one's patches (`seedFrom`, the tests-first
 * pattern) gives on `odw worker` processes the patches, history and applied tree of a local run:
 * the seed patches travel with the step, and the returned change is captured since them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../helpers/flagship.js';
import { GIT_TEST_ENV, scratchDir } from '../helpers/gitdir.js';
import { runExample, type ExampleRun } from '../examples/run-example.js';
import { ready, startRedis, startWorker, type Redis, type Worker } from './remote-helpers.js';

const SCENARIO = fileURLToPath(new URL('../../examples/tests-first/scenario.json', import.meta.url));
const FILES = { 'package.json': '{ "type": "module" }\n', 'README.md': '# sum\n' };
const INPUTS = { tests: 'tests.tasks.yaml', impl: 'impl.tasks.yaml', check: 'node test/sum.test.mjs' };

let redis: Redis;
let workers: Worker[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  redis?.stop();
});

/** Every patch file of the run, by name, as bytes (base64). */
function patches(r: ExampleRun): Record<string, string> {
  const dir = join(r.repo.dir, '.odw/runs', r.record.id, 'patches');
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

describe('seedFrom on the queue', () => {
  it('the tests-first example on workers: the same patches, steps and applied files as locally', async () => {
    const dir = scratchDir('odw-remote-seeds-');
    workers = [
      startWorker(redis, 's1', { ...GIT_TEST_ENV, ODW_SCENARIO: SCENARIO }, dir),
      startWorker(redis, 's2', { ...GIT_TEST_ENV, ODW_SCENARIO: SCENARIO }, dir),
    ];
    await ready(workers);

    const local = await runExample('tests-first', FILES, INPUTS);
    const remote = await runExample('tests-first', FILES, INPUTS, undefined, { env: { ODW_EXECUTOR: redis.url } });
    expect(local.code, local.stderr).toBe(0);
    expect(remote.code, remote.stderr).toBe(0);
    // the code task's workspace held the tests (its scenario step requires them), and its patch holds only the code
    expect(steps(remote.record)).toEqual(steps(local.record));
    expect(patches(remote)).toEqual(patches(local));
    for (const f of ['test/sum.test.mjs', 'src/sum.js']) expect(await remote.repo.read(f)).toBe(await local.repo.read(f));
    const onWorkers = remote.record.calls.filter((c: { meta: { stage: string } }) => ['tests', 'impl', 'repair'].includes(c.meta.stage));
    expect(onWorkers.length).toBeGreaterThan(0);
    for (const c of onWorkers) expect(['s1', 's2']).toContain(c.worker?.name);
  });
});
