/** What the repair stage routes from: a review's outputs (check failure blocks, gate targets) and the repository's files. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoReader } from '../../src/stages/repair/reader.js';
import { routeReview } from '../../src/stages/repair/review-route.js';
import { tempDir } from '../helpers/tmp.js';
import { at, block, checkBlocker, failures, newFile, task } from './fixtures.js';

const math = task('math', ['src/math.js'], newFile('src/math.js', 'export function sum(a, b) {\n  return a - b;\n}\n'));
const format = task(
  'format',
  ['src/format.js'],
  newFile('src/format.js', "import { sum } from './math.js';\nexport function formatSum(a, b) {\n  return `total ${sum(a, b)}`;\n}\n"),
);
const docs = task('docs', ['README.md'], newFile('README.md', '# sum and formatSum\n'));
const tasks = [math, format, docs];

describe('routeReview', () => {
  it("routes a failed check by the blocks in the review's check outputs, with a reader of the repository for unchanged tests", () => {
    const repo = tempDir();
    mkdirSync(join(repo, 'test'));
    writeFileSync(join(repo, 'test/check.mjs'), "import { sum } from '../src/math.js';\nif (sum(2, 3) !== 5) throw new Error('expected sum(2, 3) to be 5');\n");
    // the output's tail names formatSum and README.md; the block says only where the test failed
    const check = checkBlocker('ok 1 formatSum prints a total\nError: expected sum(2, 3) to be 5 but got -1\nsee README.md');
    const review = {
      decision: 'reject',
      blockers: [check],
      check: {
        ok: false,
        failures: failures(
          block('generic', 'Error: expected sum(2, 3) to be 5 but got -1', [at('test/check.mjs', 2, undefined, 'file:///repo/test/check.mjs:2')]),
        ),
      },
    };
    const r = routeReview(review, tasks, repoReader(repo));
    expect(r.tasks).toEqual(['math']);
    expect(r.reasons).toEqual([
      {
        task: 'math',
        blocker: 0,
        rule: 'test-imports',
        why: 'the failing line in test/check.mjs calls sum, imported from src/math.js',
        evidence: 'file:///repo/test/check.mjs:2',
      },
    ]);
  });

  it('a check recorded without failure blocks is routed by its text, as before', () => {
    expect(routeReview({ blockers: [checkBlocker('Error: src/math.js returns -1 for sum(2, 3)')], check: { ok: false } }, tasks).tasks).toEqual(['math']);
  });

  it("sends back the gates' targets as given, with the blocker that named them", () => {
    const r = routeReview({ blockers: [{ message: 'scope: task format wrote src/math.js', source: 'gate' }], targets: ['format'] }, tasks);
    expect(r).toEqual({
      tasks: ['format'],
      reasons: [
        {
          task: 'format',
          blocker: 0,
          rule: 'gate',
          why: 'sent back by the pre-review gate or a patch conflict',
          evidence: 'scope: task format wrote src/math.js',
        },
      ],
    });
  });
});

describe('repoReader', () => {
  it('reads regular files inside the repository only', () => {
    const repo = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    writeFileSync(join(repo, 'a.js'), 'export const a = 1;\n');
    symlinkSync(join(outside, 'secret.txt'), join(repo, 'link.txt'));
    const read = repoReader(repo);
    expect(read('a.js')).toBe('export const a = 1;\n');
    expect(read('link.txt')).toBeUndefined();
    expect(read('../a.js')).toBeUndefined();
    expect(read(join(repo, 'a.js'))).toBeUndefined();
    expect(read('missing.js')).toBeUndefined();
  });
});
