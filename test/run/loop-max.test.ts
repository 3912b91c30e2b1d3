import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/util/errors.js';
import { compile } from '../../src/plan/compile.js';
import type { PlanLoop } from '../../src/plan/types.js';
import { checkLoopCeilings, loopCeiling } from '../../src/run/loop-max.js';
import { runStages } from '../helpers/interp.js';
import { tempDir } from '../helpers/tmp.js';

const loop = (max: number | string): PlanLoop =>
  compile({
    file: '/p.yml',
    dir: '/',
    name: 'p',
    templates: {},
    spec: { stages: [{ id: 'rounds', loop: { max }, stages: [{ id: 'x', uses: 'exec', with: { run: 'true' } }] }] as never },
  }).nodes[0] as PlanLoop;

describe('loop ceilings', () => {
  it('a number, or an expression over inputs that gives a whole number from 1 to 100', () => {
    expect(loopCeiling(loop(3), {})).toEqual({ max: 3 });
    expect(loopCeiling(loop('inputs.maxRounds'), { maxRounds: 4 })).toEqual({ max: 4 });
    expect(loopCeiling(loop('inputs.maxRounds'), { maxRounds: '2' })).toEqual({ max: 2 });
    for (const bad of [0, -1, 2.5, 101, null, 'many']) {
      expect(loopCeiling(loop('inputs.maxRounds'), { maxRounds: bad })).toEqual({
        problem: `loop rounds: max inputs.maxRounds is ${JSON.stringify(bad)}; it must be a whole number from 1 to 100`,
      });
    }
  });

  it('a bad value is a usage error before the run starts: no record, no stage run', async () => {
    expect(() => checkLoopCeilings([loop('inputs.maxRounds')], { maxRounds: 0 })).toThrow(UserError);
    const repo = tempDir();
    const stages = [
      { id: 'before', uses: 'exec', with: { run: 'touch ran' } },
      { id: 'rounds', needs: 'before', loop: { max: 'inputs.n' }, stages: [{ id: 'x', uses: 'exec', with: { run: 'true' } }] },
    ];
    await expect(runStages(stages, { repo, inputs: { n: 0 } })).rejects.toThrow(/max inputs\.n is 0; it must be a whole number from 1 to 100/);
    expect(existsSync(join(repo, 'ran'))).toBe(false);
    expect(existsSync(join(repo, '.odw/runs'))).toBe(false);
  });
});
