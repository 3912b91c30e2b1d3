import { lstat, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskPatch } from '../../src/ports/git.js';
import { GitError } from '../../src/ports/git.js';
import { runGit } from '../helpers/gitdir.js';
import { harness, treeState, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

type Edit = (at: (path: string) => string) => Promise<void>;

/** One worktree per task, edited, captured, removed. */
async function patches(h: Harness, edits: Record<string, Edit>): Promise<TaskPatch[]> {
  return h.git.withWorktrees(h.run, Object.keys(edits), (wts) =>
    Promise.all(
      wts.map(async (w) => {
        await edits[w.name]((p) => join(w.path, p));
        return h.git.capture(h.run, w);
      }),
    ),
  );
}

const write = (path: string, content: string | Buffer) => writeFile(path, content);

describe('combined candidate', () => {
  it('keeps a trailing single-space context line, so a patch ending in a blank line combines with the next', async () => {
    // notes.md ends with an empty line: a hunk near the end has " " as its last context line.
    h = await harness({ files: { 'notes.md': '# Notes\none\ntwo\nthree\n\n' } });
    const [a, b] = await patches(h, {
      a: (at) => write(at('notes.md'), '# Notes\nONE\ntwo\nthree\n\n'),
      b: (at) => write(at('added.md'), 'a new file\n'),
    });
    const aBytes = await readFile(a.patchFile);
    expect(aBytes.subarray(-3).toString()).toBe('\n \n');

    // Trimming a's patch before combining (the seed's bug) breaks the candidate.
    const trimmed = join(h.scratch, 'trimmed.patch');
    await writeFile(trimmed, Buffer.concat([Buffer.from(aBytes.toString('latin1').trimEnd() + '\n', 'latin1'), await readFile(b.patchFile)]));
    await expect(runGit(['apply', '--check', trimmed], h.repo.dir)).rejects.toThrow(/corrupt patch/);

    const result = await h.git.combine(h.run, [a, b]);
    if (!result.ok) throw new Error(JSON.stringify(result.blockers));
    const candidate = result.candidate;
    expect(candidate.tasks).toEqual(['a', 'b']);
    expect(candidate.files).toEqual(['added.md', 'notes.md']);
    expect(await readFile(candidate.patchFile)).toEqual(Buffer.concat([aBytes, await readFile(b.patchFile)]));

    const applied = await h.git.apply(h.repo.dir, candidate);
    expect(applied).toEqual({ ok: true, files: ['added.md', 'notes.md'] });
    expect(await h.repo.read('notes.md')).toBe('# Notes\nONE\ntwo\nthree\n\n');
    expect(await h.repo.read('added.md')).toBe('a new file\n');
  });

  it('adds a missing final newline between patches and never trims', async () => {
    h = await harness({ files: { 'x.txt': 'x\n', 'y.txt': 'y\n' } });
    const [a, b] = await patches(h, { a: (at) => write(at('x.txt'), 'X\n'), b: (at) => write(at('y.txt'), 'Y\n') });
    const aBytes = await readFile(a.patchFile);
    await writeFile(a.patchFile, aBytes.subarray(0, -1)); // a patch without its final newline
    const result = await h.git.combine(h.run, [a, b]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(await readFile(result.candidate.patchFile)).toEqual(Buffer.concat([aBytes, await readFile(b.patchFile)]));
  });

  it('combines two tasks editing different parts of one file', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `row ${i}`).join('\n') + '\n';
    h = await harness({ files: { 'big.txt': body } });
    const ps = await patches(h, {
      top: (at) => write(at('big.txt'), body.replace('row 2\n', 'ROW 2\n')),
      bottom: (at) => write(at('big.txt'), body.replace('row 37\n', 'ROW 37\n')),
    });
    const result = await h.git.combine(h.run, ps);
    expect(result.ok).toBe(true);
  });

  it('two tasks changing the same lines: a patch_conflict naming both tasks; the user tree is untouched', async () => {
    h = await harness({ files: { 'shared.txt': 'one\ntwo\nthree\n', 'free.txt': 'free\n' } });
    await h.repo.write('free.txt', 'the user is editing this\n');
    await h.repo.write('untracked.txt', 'user scratch\n');
    const ps = await patches(h, {
      a: (at) => write(at('shared.txt'), 'one\nTWO from a\nthree\n'),
      b: (at) => write(at('free.txt'), 'free, by b\n'),
      c: (at) => write(at('shared.txt'), 'one\nTWO from c\nthree\n'),
    });
    const before = await treeState(h.repo);
    const result = await h.git.combine(h.run, ps);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.blockers).toHaveLength(1);
    expect(result.blockers[0]).toMatchObject({ category: 'patch_conflict', tasks: ['a', 'c'], files: ['shared.txt'] });
    expect(result.blockers[0].message).toMatch(/^the patches of tasks a and c do not combine \(both change shared.txt\): .*patch failed: shared.txt:1/);
    expect(await treeState(h.repo)).toEqual(before);
  });

  it('a patch that does not apply to the base is invalid_patch, naming only its task', async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    const [a, b] = await patches(h, { a: (at) => write(at('a.txt'), 'A\n'), b: (at) => write(at('b.txt'), 'B\n') });
    await writeFile(b.patchFile, (await readFile(b.patchFile, 'utf8')).replace('-b\n', '-not in the base\n'));
    const result = await h.git.combine(h.run, [a, b]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.blockers).toMatchObject([{ category: 'invalid_patch', tasks: ['b'] }]);
  });

  it('no changes at all is an empty_candidate', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const ps = await patches(h, { a: async () => undefined, b: async () => undefined });
    const result = await h.git.combine(h.run, ps);
    expect(result).toMatchObject({ ok: false, blockers: [{ category: 'empty_candidate', tasks: ['a', 'b'] }] });
  });
});

describe('review workspace', () => {
  it('is a worktree at the base with the whole candidate applied and staged, removed afterwards', async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' }, workspace: { setup: ['echo ready > .ready'] } });
    const ps = await patches(h, { a: (at) => write(at('a.txt'), 'A\n'), b: (at) => write(at('new.txt'), 'new\n') });
    const result = await h.git.combine(h.run, ps);
    if (!result.ok) throw new Error('expected a candidate');
    let path = '';
    await expect(
      h.git.withReviewWorkspace(h.run, result.candidate, async (ws) => {
        path = ws.path;
        expect(await readFile(join(ws.path, 'a.txt'), 'utf8')).toBe('A\n');
        expect(await readFile(join(ws.path, 'new.txt'), 'utf8')).toBe('new\n');
        expect(await readFile(join(ws.path, '.ready'), 'utf8')).toBe('ready\n');
        expect(await runGit(['diff', '--cached', '--name-only'], ws.path)).toBe('a.txt\nnew.txt');
        throw new Error('reviewer crashed');
      }),
    ).rejects.toThrow('reviewer crashed');
    expect(await lstat(path).catch(() => 'gone')).toBe('gone');
    expect(await h.repo.read('a.txt')).toBe('a\n');
  });

  it('a candidate that cannot be applied there is review_workspace_failed, and nothing is left', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const [a] = await patches(h, { a: (at) => write(at('a.txt'), 'A\n') });
    const result = await h.git.combine(h.run, [a]);
    if (!result.ok) throw new Error('expected a candidate');
    await writeFile(result.candidate.patchFile, 'not a patch at all\n');
    const error = await h.git.withReviewWorkspace(h.run, result.candidate, async () => 'never').catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error.category).toBe('review_workspace_failed');
    expect(await h.repo.git(['worktree', 'list'])).not.toContain('.review');
  });
});
