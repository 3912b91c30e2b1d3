import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steps } from '../helpers/flagship.js';
import { runExample } from './run-example.js';

const scenario = JSON.parse(readFileSync(new URL('../../examples/tests-first/scenario.json', import.meta.url), 'utf8'));
const TEST = scenario.implement['sum-tests']['*'].write['test/sum.test.mjs'];
const GOOD = scenario.implement.sum['*'].write['src/sum.js'];

describe('examples/tests-first', () => {
  it('the tests fanout, the code fanout seeded with its tests, one review of both, repair of the code, both applied', async () => {
    const r = await runExample(
      'tests-first',
      { 'package.json': '{ "type": "module" }\n', 'README.md': '# sum\n' },
      {
        tests: 'tests.tasks.yaml',
        impl: 'impl.tasks.yaml',
        check: 'node test/sum.test.mjs',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // both fanouts' changes are in the user's tree: the tests are not dropped
    expect(await r.repo.read('test/sum.test.mjs')).toBe(TEST);
    expect(await r.repo.read('src/sum.js')).toBe(GOOD);
    expect((await r.repo.git(['status', '--porcelain', '--untracked-files=all'])).split('\n').sort()).toEqual(['?? src/sum.js', '?? test/sum.test.mjs']);
    expect(steps(r.record)).toEqual([
      'plan',
      'plan',
      'implement r1',
      'implement r1',
      'review r1 reject',
      'repair r1 tasks=sum kept=sum-tests',
      'review r2 approve',
      'apply',
    ]);

    // the review judged both fanouts' tasks together, and its check failed on the first try
    const review1 = r.record.history.find((h: { step: string; round?: number }) => h.step === 'review' && h.round === 1);
    expect(review1.tasks).toEqual(['sum-tests', 'sum']);
    expect(review1.check).toMatchObject({ ok: false, exitCode: 1 });
    // the code's workspaces held the tests (the scripted agent fails otherwise), in round 1 and in the repair
    expect(r.calls.filter((c) => c.task === 'sum').map((c) => `${c.kind}@${c.round}`)).toEqual(['fanout@1', 'repair@2']);
    // the code task's own patch holds only the code: the tests come from the tests task
    const patches = join(r.repo.dir, '.odw/runs', r.record.id, 'patches');
    expect(readFileSync(join(patches, 'sum.r1.patch'), 'utf8')).not.toContain('test/sum.test.mjs');
    expect(readFileSync(join(patches, 'candidate.r2.patch'), 'utf8')).toContain('b/test/sum.test.mjs');
    expect(r.record.headline).toBe('approved in round 2, 2 files applied');
  });

  it('a blocker that blames the tests sends only the tests task back; the approved candidate has the corrected tests', async () => {
    const wrongTest = TEST.replace('!== 5', '!== 6');
    const blamesTests = {
      implement: {
        'sum-tests': { '1': { write: { 'test/sum.test.mjs': wrongTest } }, '*': { write: { 'test/sum.test.mjs': TEST } } },
        sum: { '*': { requires: ['test/sum.test.mjs'], write: { 'src/sum.js': GOOD } } },
      },
      review: {
        correctness: {
          '1': { decision: 'reject', summary: 'the test is wrong', blockers: [{ message: 'test/sum.test.mjs is wrong: two plus three is five, not six' }] },
          '*': { decision: 'approve', summary: 'fine', blockers: [] },
        },
      },
    };
    const r = await runExample(
      'tests-first',
      { 'package.json': '{ "type": "module" }\n' },
      { tests: 'tests.tasks.yaml', impl: 'impl.tasks.yaml' },
      blamesTests,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const repair = r.record.history.find((h: { step: string }) => h.step === 'repair');
    // the tests task (of the first fanout) is sent back for the file it owns; `sum` inside the
    // path test/sum.test.mjs is no mention of the code task's function, so the code task keeps its patch
    expect(repair.reasons).toContainEqual(expect.objectContaining({ task: 'sum-tests', why: expect.stringContaining('test/sum.test.mjs') }));
    expect(
      r.calls
        .filter((c) => c.kind === 'repair')
        .map((c) => c.task)
        .sort(),
    ).toEqual(['sum-tests']);
    expect(await r.repo.read('test/sum.test.mjs')).toBe(TEST);
    expect(await r.repo.read('src/sum.js')).toBe(GOOD);
  });
});
