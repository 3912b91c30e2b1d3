import { describe, expect, it } from 'vitest';
import type { StageHandler, StageResult } from '../../src/stages/types.js';
import { runStages } from '../helpers/interp.js';

const exec = (id: string, extra: Record<string, unknown> = {}) => ({ id, uses: 'exec', with: { run: 'true' }, ...extra });

/** `test` fails (tolerated, as continueOnError does) until round `passAt`; lists what ran. */
function flaky(passAt: number) {
  const ran: string[] = [];
  const handler: StageHandler = async (ctx) => {
    ran.push(`${ctx.stage.id}@${ctx.round}`);
    if (ctx.stage.id !== 'test' || (ctx.round ?? 1) >= passAt) return { status: 'succeeded' };
    return { status: 'failed', tolerated: true, error: { category: 'exec_failed', message: `attempt ${ctx.round} failed` } };
  };
  return { ran, handler };
}

const retry = (extra: Record<string, unknown> = {}) => ({
  id: 'retry',
  loop: { max: 3, until: "stages.test.status == 'succeeded'", ...extra },
  stages: [exec('test', { with: { run: 'true', continueOnError: true } })],
});

describe('loops that mean what they say', () => {
  it('a stage that fails with continueOnError lets the loop go on to its next round', async () => {
    const s = flaky(3);
    const r = await runStages([retry(), exec('deploy', { needs: 'retry' })], { handlers: { exec: s.handler } });
    expect(r.status).toBe('succeeded');
    expect(s.ran).toEqual(['test@1', 'test@2', 'test@3', 'deploy@undefined']);
    expect(r.record.stages.retry).toMatchObject({ status: 'succeeded', outputs: { rounds: 3, exhausted: false } });
  });

  it('reaching the ceiling without until is the loop failing with loop_exhausted, naming the last failure', async () => {
    const s = flaky(99);
    const r = await runStages([retry(), exec('deploy', { needs: 'retry' })], { handlers: { exec: s.handler } });
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({
      category: 'loop_exhausted',
      message: "loop retry: stages.test.status == 'succeeded' still false after 3 rounds (its max); last failure: exec_failed: stage test: attempt 3 failed",
    });
    expect(s.ran).toEqual(['test@1', 'test@2', 'test@3']);
    expect(r.record.stages.deploy.status).toBe('skipped');
    expect(r.record.history.at(-1)).toMatchObject({ step: 'loop', stage: 'retry', rounds: 3, ok: false, status: 'failed' });
  });

  it("the loop decides a stage's exhaustion: in the last round a stage with a cause fails with it; before, the loop goes on", async () => {
    const ran: string[] = [];
    const handler: StageHandler = async (ctx): Promise<StageResult> => {
      ran.push(`${ctx.stage.id}@${ctx.round}`);
      if (ctx.stage.id !== 'judge') return { status: 'succeeded' };
      return { status: 'succeeded', outputs: { verdict: 'no' }, exhaustion: { category: 'judged_no', message: `still no after ${ctx.round}` } };
    };
    const stages = [
      {
        id: 'rounds',
        loop: { max: 2, until: "stages.judge.outputs.verdict == 'yes'" },
        stages: [exec('judge'), exec('fix', { needs: 'judge', when: "stages.judge.outputs.verdict == 'no'" })],
      },
    ];
    const r = await runStages(stages, { handlers: { exec: handler } });
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({ category: 'judged_no', message: 'stage judge: still no after 2' });
    // No fix after the last judgement: no round follows to use it.
    expect(ran).toEqual(['judge@1', 'fix@1', 'judge@2']);
    expect(r.record.stages['judge@r1'].status).toBe('succeeded');
    expect(r.record.stages['judge@r2']).toMatchObject({ status: 'failed', error: { category: 'judged_no' } });
    const judged = r.record.history.filter((h) => h.stage === 'judge');
    expect(judged.at(-1)).toMatchObject({ ok: false, error: 'judged_no: stage judge: still no after 2' });
    expect(r.record.history.at(-1)).toMatchObject({ step: 'loop', error: 'judged_no: stage judge: still no after 2' });

    // The same loop with onExhausted: succeed ends as succeeded.
    const ok = await runStages([{ ...stages[0], loop: { ...stages[0].loop, onExhausted: 'succeed' } }], { handlers: { exec: handler } });
    expect(ok.status).toBe('succeeded');
    expect(ok.record.stages.rounds.outputs).toEqual({ rounds: 2, exhausted: true });
  });

  it('outside a loop a stage with an exhaustion cause fails with it: no round follows', async () => {
    const handler: StageHandler = async () => ({ status: 'succeeded', exhaustion: { category: 'judged_no', message: 'no' } });
    const r = await runStages([exec('judge')], { handlers: { exec: handler } });
    expect(r.error).toEqual({ category: 'judged_no', message: 'stage judge: no' });
  });
});
