/**
 * examples/review-only/pipeline.yml, run as a user runs it: a real repository with a feature
 * branch, the odw binary, the example's two scripted reviewers (shell command agents) and a check.
 * Nothing may change in the user's repository: HEAD, refs, index, tree and .git/config.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { featureRepo, repoState, reportOf, reviewEntries, runReview } from '../helpers/review.js';

const EXAMPLE = join(ROOT, 'examples/review-only/pipeline.yml');
const BASE = { 'src/math.js': 'export const add = (a, b) => a + b;\n', 'test/math.test.js': 'add(1, 2);\n', 'README.md': '# calc\n' };

describe('examples/review-only: review the current branch against its base', () => {
  it('approves a clean branch (exit 0): the check runs on the reviewed state, not on the tree, and nothing in the repository changes', async () => {
    const repo = await featureRepo(BASE, { 'src/sub.js': 'export const sub = (a, b) => a - b;\n', 'test/sub.test.js': 'sub(3, 1);\n' });
    // The user's own uncommitted work is not part of the branch under review.
    await repo.write('scratch.txt', 'my notes\n');
    await repo.write('README.md', '# calc (edited)\n');
    const before = await repoState(repo);
    const check = 'test -f src/sub.js && test -f test/sub.test.js && test ! -e scratch.txt && grep -qx "# calc" README.md';
    const r = await runReview(repo, [EXAMPLE, '--input', 'base=main', '--input', `check=${check}`, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [entry] = reviewEntries(r.events);
    expect(entry).toMatchObject({ decision: 'approve', blockers: [], files: ['src/sub.js', 'test/sub.test.js'], check: { ok: true } });
    expect(entry.change).toMatchObject({ source: 'base', base: 'main', head: before.head.trim() });
    expect(entry.reviewers.map((x: { reviewer: string; decision: string }) => `${x.reviewer}:${x.decision}`)).toEqual(['no-todo:approve', 'has-tests:approve']);
    expect(r.record.status).toBe('succeeded');
    expect(r.record.headline).toBe('approved HEAD against main (2 files)');
    expect(r.record.stages.review.outputs.decision).toBe('approve');
    expect(r.shown).toContain('review r1: approve');
    expect(await repoState(repo)).toEqual(before);
  });

  it('rejects a branch that adds a TODO and no test (exit 1): the blockers are in --json, odw runs show and the report; nothing changes', async () => {
    const repo = await featureRepo(BASE, { 'src/math.js': 'export const add = (a, b) => a + b; // TODO overflow\n' });
    const before = await repoState(repo);
    const r = await runReview(repo, [EXAMPLE, '--input', 'base=main', '--json']);
    expect(r.code).toBe(1);
    const finished = r.events.find((e) => e.type === 'run_finished');
    expect(finished).toMatchObject({ status: 'failed', error: { category: 'review_rejected' } });
    expect(finished!.error.message).toContain('the review rejected HEAD against main (2 blockers): src/math.js adds a TODO');
    const [entry] = reviewEntries(r.events);
    expect(entry.decision).toBe('reject');
    expect(entry.blockers).toEqual([
      { message: 'src/math.js adds a TODO: finish the work or open an issue instead', file: 'src/math.js', source: 'no-todo' },
      { message: 'the change touches src/ but no test under test/: add one', source: 'has-tests' },
    ]);
    expect(r.record.error.category).toBe('review_rejected');
    expect(r.record.stages.review.outputs).toMatchObject({ decision: 'reject', change: { source: 'base', base: 'main' } });
    expect(r.shown).toContain('review r1: reject blockers=2 — src/math.js adds a TODO');
    const report = reportOf(repo, r.record);
    expect(report).toContain('src/math.js adds a TODO');
    expect(report).toContain('the change touches src/ but no test under test/');
    expect(report).toMatch(/Reviewed: HEAD [0-9a-f]{12} against main \(merge base [0-9a-f]{12}\)/);
    expect(report).toMatch(/<span class="l-add">\+export const add .* \/\/ TODO overflow<\/span>/);
    expect(await repoState(repo)).toEqual(before);
  });

  it('a failing check rejects the change even when both reviewers approve (exit 1); the check ran on the branch', async () => {
    const repo = await featureRepo(BASE, { 'src/sub.js': 'export const sub = (a, b) => a - b;\n', 'test/sub.test.js': 'sub(3, 1);\n' });
    const r = await runReview(repo, [EXAMPLE, '--input', 'base=main', '--input', 'check=ls src && exit 3', '--json']);
    expect(r.code).toBe(1);
    const [entry] = reviewEntries(r.events);
    expect(entry).toMatchObject({ decision: 'reject', check: { ok: false, exitCode: 3 } });
    expect(entry.reviewers.map((x: { decision: string }) => x.decision)).toEqual(['approve', 'approve']);
    expect(entry.blockers).toHaveLength(1);
    expect(entry.blockers[0]).toMatchObject({ source: 'check' });
    expect(entry.blockers[0].message).toContain('sub.js');
    expect(r.record.error.category).toBe('review_rejected');
  });

  it('a base that names no commit is a usage error naming the input (exit 2); nothing runs', async () => {
    const repo = await featureRepo(BASE, { 'src/sub.js': 'x\n' });
    const before = await repoState(repo);
    const r = await runReview(repo, [EXAMPLE, '--input', 'base=no-such-branch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('review stage "review": the base "no-such-branch" (from --input base) names no commit in');
    expect(r.stderr).toContain('hint: pass a branch, tag or commit of this repository, e.g. --input base=main');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(repo.dir, '.odw/runs'))).toBe(false);
    expect(await repoState(repo)).toEqual(before);
  });

  it('a branch with no change against its base is nothing_to_review (exit 1), not an approval', async () => {
    const repo = await featureRepo(BASE, {});
    const r = await runReview(repo, [EXAMPLE, '--input', 'base=main']);
    expect(r.code).toBe(1);
    expect(r.record.error).toMatchObject({ category: 'nothing_to_review' });
    expect(r.record.error.message).toMatch(/nothing to review: HEAD \([0-9a-f]{12}\) changes no file against main/);
    expect(r.record.calls ?? []).toEqual([]);
  });
});
