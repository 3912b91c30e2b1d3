import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StageHandler } from '../../src/stages/types.js';
import { runStages } from '../helpers/interp.js';

const exec = (id: string, extra: Record<string, unknown> = {}) => ({ id, uses: 'exec', with: { run: 'true' }, ...extra });

/** An exec handler that records start/end order and can wait on a barrier. */
function scripted(script: Record<string, { fail?: string; wait?: Promise<void>; outputs?: Record<string, unknown> }> = {}) {
  const log: string[] = [];
  let active = 0;
  let maxActive = 0;
  const handler: StageHandler = async (ctx) => {
    const s = script[ctx.stage.id] ?? {};
    active++;
    maxActive = Math.max(maxActive, active);
    log.push(`start ${ctx.stage.id}${ctx.round ? `@${ctx.round}` : ''}`);
    await (s.wait ?? new Promise((r) => setTimeout(r, 5)));
    active--;
    log.push(`end ${ctx.stage.id}`);
    if (s.fail) return { status: 'failed', error: { category: 'test_failure', message: s.fail } };
    const outputs = typeof s.outputs === 'function' ? (s.outputs as (r?: number) => Record<string, unknown>)(ctx.round) : s.outputs;
    return { status: 'succeeded', outputs };
  };
  return { log, handler, maxActive: () => maxActive };
}

describe('interpreter', () => {
  it('runs independent stages in parallel', async () => {
    // a and b each wait for the other to start: only a parallel run can finish.
    let startA!: () => void;
    let startB!: () => void;
    const aStarted = new Promise<void>((r) => (startA = r));
    const bStarted = new Promise<void>((r) => (startB = r));
    const handler: StageHandler = async (ctx) => {
      if (ctx.stage.id === 'a') {
        startA();
        await bStarted;
      } else {
        startB();
        await aStarted;
      }
      return { status: 'succeeded' };
    };
    const r = await runStages([exec('a'), exec('b')], { handlers: { exec: handler } });
    expect(r.status).toBe('succeeded');
    expect(r.record.stages.a.status).toBe('succeeded');
    expect(r.record.stages.b.status).toBe('succeeded');
  });

  it('respects the concurrency limit and the needs order', async () => {
    const s = scripted();
    const r = await runStages([exec('a'), exec('b'), exec('c'), exec('d', { needs: ['a', 'b', 'c'] })], { handlers: { exec: s.handler }, concurrency: 1 });
    expect(r.status).toBe('succeeded');
    expect(s.maxActive()).toBe(1);
    expect(s.log.at(-2)).toBe('start d');
  });

  it('skips a stage whose when is false and records why', async () => {
    const s = scripted();
    const r = await runStages([exec('a'), exec('b', { when: 'inputs.go', needs: 'a' }), exec('c', { needs: 'b' })], {
      handlers: { exec: s.handler },
      inputs: { go: false },
    });
    expect(r.status).toBe('succeeded');
    expect(r.record.stages.b).toMatchObject({ status: 'skipped', reason: 'when: inputs.go' });
    // a skipped need does not block: c still runs
    expect(r.record.stages.c.status).toBe('succeeded');
    expect(r.record.history.map((h) => `${h.stage}:${h.status}`)).toEqual(['a:succeeded', 'b:skipped', 'c:succeeded']);
  });

  it('fails the run at the first failure, skips dependents, and keeps the cause', async () => {
    const s = scripted({ b: { fail: 'boom' } });
    const r = await runStages([exec('a'), exec('b', { needs: 'a' }), exec('c', { needs: 'b' })], { handlers: { exec: s.handler } });
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({ category: 'test_failure', message: 'stage b: boom' });
    expect(r.record.stages.c).toMatchObject({ status: 'skipped', reason: 'needs b, which did not succeed' });
    // the history ends with the failure: stages that never ran because of it are not steps
    expect(r.record.history.map((h) => `${h.stage}:${h.status}`)).toEqual(['a:succeeded', 'b:failed']);
    const onDisk = JSON.parse(readFileSync(join(r.dir, 'run.json'), 'utf8'));
    expect(onDisk.status).toBe('failed');
    expect(onDisk.error.category).toBe('test_failure');
  });

  it('repeats a loop until its condition holds', async () => {
    const s = scripted({ poll: { outputs: ((round: number) => ({ ready: round >= 3 ? 'yes' : 'no' })) as never } });
    const r = await runStages(
      [{ id: 'wait', loop: { max: 5, until: "stages.poll.outputs.ready == 'yes'" }, stages: [exec('poll')] }, exec('after', { needs: 'wait' })],
      { handlers: { exec: s.handler } },
    );
    expect(r.status).toBe('succeeded');
    expect(s.log.filter((l) => l.startsWith('start poll'))).toEqual(['start poll@1', 'start poll@2', 'start poll@3']);
    expect(r.record.stages.wait.outputs).toEqual({ rounds: 3, exhausted: false });
    expect(Object.keys(r.record.stages)).toContain('poll@r3');
  });

  it('stops a loop at its ceiling, taken from an input', async () => {
    const s = scripted({ poll: { outputs: { ready: 'no' } } });
    const r = await runStages(
      [
        {
          id: 'wait',
          loop: { max: 'inputs.rounds', until: "stages.poll.outputs.ready == 'yes'" },
          stages: [exec('poll'), exec('fix', { needs: 'poll', when: "stages.poll.outputs.ready != 'yes'" })],
        },
      ],
      { handlers: { exec: s.handler }, inputs: { rounds: 2 } },
    );
    // Reaching the ceiling without meeting `until` is the loop's failure.
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({ category: 'loop_exhausted', message: "loop wait: stages.poll.outputs.ready == 'yes' still false after 2 rounds (its max)" });
    expect(r.record.stages.wait).toMatchObject({ status: 'failed', outputs: { rounds: 2, exhausted: true } });
    expect(s.log.filter((l) => l.startsWith('start'))).toEqual(['start poll@1', 'start fix@1', 'start poll@2', 'start fix@2']);
    expect(r.record.history.at(-1)).toMatchObject({ step: 'loop', stage: 'wait', ok: false, error: expect.stringMatching(/^loop_exhausted: loop wait: /) });
  });

  it('a loop that says onExhausted: succeed ends as succeeded at its ceiling', async () => {
    const s = scripted({ poll: { outputs: { ready: 'no' } } });
    const r = await runStages(
      [
        { id: 'wait', loop: { max: 2, until: "stages.poll.outputs.ready == 'yes'", onExhausted: 'succeed' }, stages: [exec('poll')] },
        exec('after', { needs: 'wait' }),
      ],
      { handlers: { exec: s.handler } },
    );
    expect(r.status).toBe('succeeded');
    expect(r.record.stages.wait).toMatchObject({ status: 'succeeded', outputs: { rounds: 2, exhausted: true } });
    expect(r.record.stages.after.status).toBe('succeeded');
  });

  it('cancels: running stages end cancelled, nothing new starts', async () => {
    const controller = new AbortController();
    const handler: StageHandler = async (ctx) => {
      if (ctx.stage.id === 'slow') {
        queueMicrotask(() => controller.abort());
        await new Promise((r) => ctx.signal.addEventListener('abort', r));
        return { status: 'cancelled' };
      }
      return { status: 'succeeded' };
    };
    const r = await runStages([exec('slow'), exec('later', { needs: 'slow' })], { handlers: { exec: handler }, signal: controller.signal });
    expect(r.status).toBe('cancelled');
    expect(r.record.status).toBe('cancelled');
    expect(r.record.stages.slow.status).toBe('cancelled');
    expect(r.record.stages.later.status).toBe('skipped');
  });
});
