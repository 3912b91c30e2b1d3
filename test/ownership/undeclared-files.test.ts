/**
 * allowUndeclaredFiles end to end: a task that owns no files may change any file no other task
 * owns; it is reviewed and applied like any task, and is sent back only for another task's file.
 */
import { describe, expect, it } from 'vitest';
import { promptsOf, runFlagship, steps } from '../helpers/flagship.js';
import { ALPHA, DOCS, always, approve, demoFiles, task, writes } from '../flagship/scenarios.js';

const fork = 'stages:\n  - id: plan\n    with: { allowUndeclaredFiles: true }\n';
const tasks = [task('alpha', ['src/a.js'], 'Export alpha() from src/a.js.'), { id: 'docs', files: [], prompt: 'Document alpha() wherever it fits.' }];

describe('allowUndeclaredFiles', () => {
  it('a task with no files changes an unowned file: approved and applied in round 1', async () => {
    const r = await runFlagship({
      files: demoFiles,
      tasks,
      extra: fork,
      scenario: { implement: writes({ alpha: { 'src/a.js': ALPHA }, docs: { 'README.md': DOCS } }), review: always(approve) },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 approve', 'apply', 'verify']);
    expect(await r.repo.read('README.md')).toBe(DOCS);
    expect(await r.repo.read('src/a.js')).toBe(ALPHA);
    // Each agent is told its scope: the task without files, any file no other task owns.
    const [docs] = promptsOf(r, (c) => c.meta.task === 'docs');
    expect(docs).toContain('- docs: any file no other task owns — Document alpha() wherever it fits.');
    expect(docs).toContain('- You own no declared files: change only files that no other task above owns.');
    const [alpha] = promptsOf(r, (c) => c.meta.task === 'alpha');
    expect(alpha).toContain('- Edit only these files: src/a.js. Other tasks own every other file.');
  });

  it("a task with no files that changes another task's file is sent back before any reviewer", async () => {
    const r = await runFlagship({
      files: demoFiles,
      tasks,
      extra: fork,
      inputs: { maxRounds: '1' },
      scenario: { implement: writes({ alpha: { 'src/a.js': ALPHA }, docs: { 'src/a.js': '// docs\n' } }), review: always(approve) },
    });
    expect(r.code).toBe(1);
    expect(r.record.error.category).toBe('implementation_pre_review_blocked');
    const review = r.record.history.find((h: { step: string }) => h.step === 'review');
    expect(review.blockers[0].message).toMatch(/^scope_violation: task docs touched src\/a\.js; owned_by=alpha/);
  });
});
