/**
 * Verify failures. Verify runs after apply, on the user's tree: the approved change stays applied,
 * the run fails, and nothing else in the tree changes — whatever the check did is put back.
 */
import { describe, expect, it } from 'vitest';
import { runFlagship, steps, tree, type FlagshipRun } from '../helpers/flagship.js';
import { expectFailure, history } from './expect.js';
import { ALPHA, BETA, demoFiles, goodTwoTasks, twoTasks } from './scenarios.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The tree holds the applied candidate and nothing else. */
async function expectOnlyApplied(r: FlagshipRun): Promise<void> {
  const after = await tree(r.repo);
  expect(after.status.split('\n').sort()).toEqual([' M src/a.js', ' M src/b.js']);
  expect(after.files).toEqual({ ...r.before.files, 'src/a.js': b64(ALPHA), 'src/b.js': b64(BETA) });
}

describe.concurrent('verify', () => {
  it('verification_failed: a check that passes on the candidate but fails on the user’s tree', async () => {
    // strict.local is ignored by git, so only the user's tree has it: the review workspace does not.
    const files = {
      ...demoFiles,
      '.gitignore': '*.local\n',
      'verify.mjs':
        "import { existsSync } from 'node:fs';\nif (existsSync('strict.local')) { console.error('strict.local: alpha() must return 10'); process.exit(3); }\nconsole.log('ok');\n",
    };
    const r = await runFlagship({
      files,
      tasks: twoTasks,
      scenario: goodTwoTasks,
      inputs: { check: 'node verify.mjs' },
      prepare: (repo) => repo.write('strict.local', 'on\n'),
    });
    const last = expectFailure(r, 'verification_failed', 'verify');
    expect(r.record.error.message).toBe('stage verify: the check `node verify.mjs` exited with code 3:\nstrict.local: alpha() must return 10');
    expect(last).toMatchObject({ check: { command: 'node verify.mjs', exitCode: 3 }, guard: { changed: false } });
    expect(history(r).find((h) => h.step === 'review')).toMatchObject({ decision: 'approve', check: { ok: true } });
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 approve', 'apply', 'verify failed']);
    await expectOnlyApplied(r);
    expect(await r.repo.read('strict.local')).toBe('on\n');
  });

  it('verification_mutated_worktree: a check that edits tracked files and adds one → restored, the new file removed', async () => {
    const check = 'node check.mjs && echo "# touched by the check" >> README.md && echo "// reformatted" >> src/a.js && echo 42 > coverage.txt';
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: goodTwoTasks, inputs: { check } });
    const last = expectFailure(r, 'verification_mutated_worktree', 'verify');
    expect(r.record.error.message).toContain('changed README.md, src/a.js, coverage.txt; odw restored them — make the check read-only');
    expect(last.guard).toEqual({ changed: true, modified: ['README.md', 'src/a.js'], added: ['coverage.txt'], removed: [] });
    // README.md (clean) back to its committed content, src/a.js (applied) back to the applied bytes, coverage.txt gone
    await expectOnlyApplied(r);
  });

  it('a check that only reads passes, and the guard reports no change', async () => {
    const r = await runFlagship({ files: demoFiles, tasks: twoTasks, scenario: goodTwoTasks, inputs: { check: 'node check.mjs' } });
    expect(r.code).toBe(0);
    expect(history(r).at(-1)).toMatchObject({ step: 'verify', ok: true, guard: { changed: false }, check: { exitCode: 0 } });
    await expectOnlyApplied(r);
  });
});
