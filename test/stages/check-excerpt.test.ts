/**
 * A failing review check is shown by its failures, not by its last lines: node:test prints the
 * failure early and sixty passing tests after it, yet the blocker, the reviewer's prompt, the
 * repair feedback and `odw runs show` show the `not ok` block (once), and name the full log.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { promptsOf, runFlagship } from '../helpers/flagship.js';
import { gitdir } from '../helpers/gitdir.js';

const passing = Array.from({ length: 60 }, (_, i) => `test('adds ${i}', () => assert.equal(${i} + 1, ${i + 1}));`);
const files = {
  'package.json': '{ "type": "module" }\n',
  'src/add.js': '// add\n',
  'test/add.test.js': [
    "import { test } from 'node:test';",
    "import assert from 'node:assert/strict';",
    "import { add } from '../src/add.js';",
    "test('add keeps small sums exact', () => {\n  assert.deepStrictEqual({ sum: add(2, 2) }, { sum: 4 });\n});",
    ...passing,
    '',
  ].join('\n'),
};
const tasks = { tasks: [{ id: 'add', files: ['src/add.js'], prompt: 'Export add(a, b).' }] };
const scenario = {
  implement: {
    add: {
      '1': { write: { 'src/add.js': 'export function add(a, b) {\n  return a + b + 1;\n}\n' } },
      '2': { write: { 'src/add.js': 'export function add(a, b) {\n  return a + b;\n}\n' } },
    },
  },
  review: { '*': { '*': { decision: 'approve', summary: 'fine', blockers: [] } } },
};
const inputs = { check: 'node --test --test-reporter=tap test/', maxRounds: '2' };

describe('a failing review check', () => {
  it('is shown by its failure block, with the path of its full log', async () => {
    const r = await runFlagship({ files, scenario, tasks, inputs });
    expect(r.code).toBe(0);
    const review = r.record.history.find((h: { step: string; round: number }) => h.step === 'review' && h.round === 1);
    const blocker: string = review.blockers[0].message;
    expect(blocker).toMatch(/^check `node --test --test-reporter=tap test\/` exited with code 1:\n/);
    expect(blocker).toContain('not ok 1 - add keeps small sums exact');
    expect(blocker).toContain("location: 'test/add.test.js:4:1'");
    expect(blocker).toContain('sum: 5');
    expect(blocker).not.toContain('ok 30 - adds 29');
    expect(blocker).toContain('# fail 1');
    const log = readFileSync(review.check.log, 'utf8');
    expect(log).toContain('ok 61 - adds 59');

    const [reviewer] = promptsOf(r, (c) => c.meta?.reviewer !== undefined && c.meta?.round === 1);
    expect(reviewer).toContain('not ok 1 - add keeps small sums exact');
    expect(reviewer).toContain(`(the whole output: ${review.check.log})`);
    const [repair] = promptsOf(r, (c) => c.meta?.stage === 'repair');
    expect(repair.split('not ok 1 - add keeps small sums exact')).toHaveLength(2);
    expect(repair).toContain(`Full log of the check \`node --test --test-reporter=tap test/\`: ${review.check.log}`);
    expect(repair).not.toContain('its output ends with');
  });

  it('is shown by `odw runs show` when the run ends on it', async () => {
    const r = await runFlagship({ files, scenario, tasks, inputs: { ...inputs, maxRounds: '1' } });
    expect(r.code).toBe(1);
    const show = await odw(['runs', 'show', 'latest'], { cwd: r.repo.dir });
    expect(show.stdout).toMatch(
      /\nCheck `node --test --test-reporter=tap test\/` failed in review r1 \(exit 1\):\n {2}not ok 1 - add keeps small sums exact\n/,
    );
    expect(show.stdout).toMatch(/\n {2}Full log: \S+\.log\n/);
  });

  it("keeps to the stage's excerpt caps, and says what it left out", async () => {
    const failing = Array.from({ length: 14 }, (_, i) => `console.log('src/f${i}.ts(1,1): error TS2304: Cannot find name \\'x${i}\\'.');`);
    const repo = await gitdir({
      files: {
        'types.mjs': [...failing, 'process.exit(2);', ''].join('\n'),
        '.gitignore': '.odw/\n',
        'p.yml': 'stages:\n  - id: verify\n    uses: verify\n    with: { check: node types.mjs, excerpt: { maxLines: 10 } }\n',
      },
    });
    const r = await odw(['run', 'p.yml'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    const show = JSON.parse((await odw(['runs', 'show', 'latest', '--json'], { cwd: repo.dir })).stdout);
    const message: string = show.error.message;
    expect(message).toContain("src/f0.ts(1,1): error TS2304: Cannot find name 'x0'.");
    expect(message).toMatch(/… \d more failures not shown \(see the full log\)/);
    expect(message.split('\n').length).toBeLessThanOrEqual(11);
    expect(show.stages.verify.outputs.check.failures).toMatchObject({ runner: 'tsc', truncated: true });
    expect(show.stages.verify.outputs.check.failures.blocks).toHaveLength(14);
    const text = (await odw(['runs', 'show', 'latest'], { cwd: repo.dir })).stdout;
    expect(text).toContain(`Full log of the check \`node types.mjs\`: ${show.stages.verify.outputs.check.log}`);
  });
});
