import { describe, expect, it } from 'vitest';
import { runFlagship, steps } from '../helpers/flagship.js';
import { FORMAT, GOOD_SUM, README, calcFiles as files, happyScenario } from '../helpers/scenarios.js';

describe('parallel-review-apply, end to end with scripted agents', () => {
  it('plan → implement → review reject → repair only the blamed task → approve → apply → verify', async () => {
    const r = await runFlagship({ files, scenario: happyScenario, inputs: { request: 'add sum and formatSum', check: 'node test/check.mjs' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await r.repo.read('src/math.js')).toBe(GOOD_SUM);
    expect(await r.repo.read('src/format.js')).toBe(FORMAT);
    expect(await r.repo.read('README.md')).toBe(README);
    // applied, not committed: the user's tree has exactly the candidate's changes
    expect((await r.repo.git(['status', '--porcelain'])).split('\n').sort()).toEqual([' M README.md', ' M src/format.js', ' M src/math.js']);
    expect(await r.repo.git(['rev-list', '--count', 'HEAD'])).toBe('1');

    expect(steps(r.record)).toEqual([
      'plan',
      'implement r1',
      'review r1 reject',
      'repair r1 tasks=math kept=format,docs',
      'review r2 approve',
      'apply',
      'verify',
    ]);
    const repair = r.record.history.find((h: { step: string }) => h.step === 'repair');
    expect(repair.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ task: 'math', blocker: 'src/math.js returns a - b instead of a + b, so formatSum prints the wrong total' }),
      ]),
    );
    expect(repair.reasons.every((x: { task: string }) => x.task === 'math')).toBe(true);
    const verify = r.record.history.at(-1);
    expect(verify).toMatchObject({ step: 'verify', ok: true, guard: { changed: false } });
    expect(r.record.status).toBe('succeeded');
    expect(r.record.headline).toBe('approved in round 2, 3 files applied');

    // only the blamed task was sent back; the others kept their round-1 candidate
    const implementCalls = r.calls.filter((c) => c.kind === 'fanout' || c.kind === 'repair').map((c) => `${c.kind}:${c.task}@${c.round}`);
    expect(implementCalls.sort()).toEqual(['fanout:docs@1', 'fanout:format@1', 'fanout:math@1', 'repair:math@2']);
    // the review check ran in the candidate workspace, not in the user's tree, and failed in round 1
    const review1 = r.record.history.find((h: { step: string; round: number }) => h.step === 'review' && h.round === 1);
    expect(review1.check).toMatchObject({ ok: false, exitCode: 1 });
    expect(review1.blockers[0].message).toContain('expected sum(2, 3) to be 5 but got -1');
    // worktrees never lived in the user's tree
    expect(r.calls.filter((c) => c.kind !== 'plan').every((c: { cwd?: string }) => !c.cwd?.startsWith(r.repo.dir))).toBe(true);
  });
});
