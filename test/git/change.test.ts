/**
 * An existing change as a candidate (src/git/change.ts): HEAD against a base from their merge base,
 * or the working tree against HEAD; the review workspace built from it holds exactly the reviewed
 * state, and the user's repository is not written.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, treeState, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const BIN = Buffer.from([0, 1, 2, 255, 254, 0, 10]);

describe('existing change', () => {
  it('HEAD against a base is the diff from their merge base: later commits on the base are not part of it, and the workspace is HEAD', async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'old.txt': 'same content for a rename\nline 2\nline 3\n', 'gone.txt': 'x\n' } });
    const { repo } = h;
    await repo.git(['checkout', '-q', '-b', 'feature']);
    await repo.write('a.txt', 'a changed\n');
    await repo.write('logo.bin', BIN);
    await repo.git(['mv', 'old.txt', 'new.txt']);
    await repo.remove('gone.txt');
    const head = await repo.commitAll('feature');
    await repo.git(['checkout', '-q', 'main']);
    await repo.write('later.txt', 'main moved on\n');
    await repo.commitAll('main later');
    await repo.git(['checkout', '-q', 'feature']);
    const before = await treeState(repo);

    const r = await h.git.existingChange({ ...h.run, base: head }, { base: 'main' }, 'change.r1');
    if (!r.ok) throw new Error(r.message);
    expect(r.head).toBe(head);
    expect(r.candidate.base).toBe(await repo.git(['merge-base', 'main', 'HEAD']));
    expect(r.candidate.files).toEqual(['a.txt', 'gone.txt', 'logo.bin', 'new.txt', 'old.txt']);
    expect(r.changes).toContainEqual({ path: 'new.txt', status: 'renamed', from: 'old.txt' });
    expect(r.candidate.patchFile).toBe(join(h.run.runDir, 'patches', 'change.r1.patch'));

    const seen = await h.git.withReviewWorkspace(h.run, r.candidate, async (ws) => ({
      a: await readFile(join(ws.path, 'a.txt'), 'utf8'),
      bin: await readFile(join(ws.path, 'logo.bin')),
      later: await readFile(join(ws.path, 'later.txt'), 'utf8').catch(() => 'absent'),
      gone: await readFile(join(ws.path, 'gone.txt'), 'utf8').catch(() => 'absent'),
    }));
    expect(seen).toEqual({ a: 'a changed\n', bin: BIN, later: 'absent', gone: 'absent' });
    expect(await treeState(repo)).toEqual(before);
  });

  it('an unknown base, a base without common history and an empty diff are named outcomes', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const run = h.run;
    expect(await h.git.existingChange(run, { base: 'nope' }, 'x')).toMatchObject({ ok: false, category: 'unknown_base' });
    expect(await h.git.existingChange(run, { base: '--output=/tmp/x' }, 'x')).toMatchObject({ ok: false, category: 'unknown_base' });
    expect(await h.git.existingChange(run, { base: 'main' }, 'x')).toMatchObject({ ok: false, category: 'nothing_to_review' });
    await h.repo.git(['checkout', '-q', '--orphan', 'other']);
    await h.repo.commitAll('unrelated');
    expect(await h.git.existingChange(run, { base: 'main' }, 'x')).toMatchObject({
      ok: false,
      category: 'unknown_base',
      message: 'the base "main" and HEAD have no common history',
    });
    expect(await h.git.resolveCommit(h.repo.dir, 'main')).toBe(run.base);
    expect(await h.git.resolveCommit(h.repo.dir, 'main~5')).toBeUndefined();
  });

  it('the working tree: staged, unstaged and untracked changes, not ignored files nor .odw; the index is not written', async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n', '.gitignore': 'build/\n' } });
    const { repo } = h;
    await repo.write('a.txt', 'staged\n');
    await repo.git(['add', 'a.txt']);
    await repo.write('b.txt', 'unstaged\n');
    await repo.write('new/file.txt', 'untracked\n');
    await repo.write('build/out.js', 'ignored\n');
    await repo.write('.odw/runs/x/run.json', '{}\n');
    const index = await readFile(join(repo.dir, '.git/index'));
    const r = await h.git.existingChange(h.run, { worktree: true }, 'change.r1');
    if (!r.ok) throw new Error(r.message);
    expect(r.candidate.base).toBe(h.run.base);
    expect(r.candidate.files).toEqual(['a.txt', 'b.txt', 'new/file.txt']);
    expect(await readFile(join(repo.dir, '.git/index'))).toEqual(index);
    expect(await repo.git(['diff', '--cached', '--name-only'])).toBe('a.txt');
  });
});
