import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { forkPipeline } from '../helpers/flagship.js';
import { GIT_TEST_ENV, gitdir, scratchDir } from '../helpers/gitdir.js';
import { calcFiles as files, happyScenario } from '../helpers/scenarios.js';

async function setup(extra = '') {
  const dir = scratchDir('odw-replay-');
  const scenario = join(dir, 'scenario.json');
  const log = join(dir, 'calls.jsonl');
  writeFileSync(scenario, JSON.stringify(happyScenario));
  const pipeline = forkPipeline(dir, extra);
  const env = { ...GIT_TEST_ENV, ODW_SCENARIO: scenario, ODW_SCENARIO_LOG: log };
  const run = async (args: string[]) => {
    const repo = await gitdir({ files });
    const r = await odw(['run', pipeline, '--repo', repo.dir, '--input', 'request=add sum', '--input', 'check=node test/check.mjs', ...args], {
      cwd: repo.dir,
      env,
    });
    const show = JSON.parse((await odw(['runs', 'show', 'latest', '--json', '--repo', repo.dir], { cwd: repo.dir })).stdout);
    return { ...r, repo, record: show };
  };
  const agentCalls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).length : 0);
  return { dir, run, agentCalls };
}

describe('record and replay', () => {
  it('replays a recorded run without calling any agent, with the same files and history', async () => {
    const s = await setup();
    const recorded = await s.run(['--record']);
    expect(recorded.code).toBe(0);
    const runDir = join(recorded.repo.dir, '.odw/runs', recorded.record.id);
    expect(existsSync(join(runDir, 'recording.json'))).toBe(true);
    const callsBefore = s.agentCalls();
    expect(callsBefore).toBeGreaterThan(0);

    const replayed = await s.run(['--replay', runDir]);
    expect(replayed.stderr).toBe('');
    expect(replayed.code).toBe(0);
    expect(s.agentCalls()).toBe(callsBefore); // no agent process started
    for (const f of ['src/math.js', 'src/format.js', 'README.md']) expect(await replayed.repo.read(f)).toBe(await recorded.repo.read(f));
    const outline = (r: { history: { step: string; round?: number; decision?: string; tasks?: string[] }[] }) =>
      r.history.map((h) => [h.step, h.round, h.decision, h.step === 'repair' ? h.tasks : undefined]);
    expect(outline(replayed.record)).toEqual(outline(recorded.record));
  });

  it('tests a change to a forked pipeline deterministically: a lower round ceiling', async () => {
    const s = await setup();
    const recorded = await s.run(['--record']);
    const runDir = join(recorded.repo.dir, '.odw/runs', recorded.record.id);
    const fork = await setup('inputs:\n  maxRounds:\n    default: 1\n');
    const replayed = await fork.run(['--replay', runDir]);
    expect(replayed.code).toBe(1);
    expect(replayed.record.error.category).toBe('review_rounds_exhausted');
    expect(fork.agentCalls()).toBe(0);
    expect(await replayed.repo.git(['status', '--porcelain'])).toBe('');
  });

  it('names the first call the recording lacks', async () => {
    const s = await setup();
    const recorded = await s.run(['--record']);
    const runDir = join(recorded.repo.dir, '.odw/runs', recorded.record.id);
    const fork = await setup(
      'stages:\n  - id: review\n    with:\n      reviewers:\n        - { id: correctness }\n        - { id: owner-risk }\n        - { id: security, perspective: secrets and injection }\n',
    );
    const replayed = await fork.run(['--replay', runDir]);
    expect(replayed.code).toBe(1);
    expect(replayed.record.error.category).toBe('replay_missing');
    expect(replayed.record.error.message).toContain('has no agent call for stage review, reviewer security, round 1, attempt 1');
    expect(await replayed.repo.git(['status', '--porcelain'])).toBe('');
  });

  it('a run without a recording cannot be replayed', async () => {
    const s = await setup();
    const plain = await s.run([]);
    const r = await odw(['run', join(s.dir, 'pipeline.yml'), '--repo', plain.repo.dir, '--replay', 'latest'], { cwd: plain.repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`run ${plain.record.id} has no recording`);
  });
});
