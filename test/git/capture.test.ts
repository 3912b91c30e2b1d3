import { chmod, lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness.js';
import { runGit } from '../helpers/gitdir.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const binary = (seed: number, size = 3000) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 7919 + seed) % 256));
const latin1 = Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1');
const lines = (n: number, tag = '') => Array.from({ length: n }, (_, i) => `line ${i + 1}${tag}`).join('\n') + '\n';

const FILES = {
  'keep.txt': lines(20),
  'gone.txt': 'to be deleted\n',
  'old-name.txt': lines(30, ' of a file that moves'),
  'script.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o644 },
  'noeol.txt': 'first\nlast line without newline',
  'latin1.txt': latin1,
  'image.bin': binary(1),
  'src/deep/file.ts': 'export {};\n',
};

/** Applies `patchFile` to a fresh worktree at the base and returns it, for byte comparisons. */
async function applyToBase(h: Harness, patchFile: string): Promise<string> {
  const dir = join(h.scratch, 'replay');
  await runGit(['worktree', 'add', '--detach', '--quiet', dir, h.run.base], h.repo.dir);
  await runGit(['apply', patchFile], dir);
  return dir;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([lstat(a).catch(() => undefined), lstat(b).catch(() => undefined)]);
  if (!sa || !sb) return !sa && !sb;
  return sa.mode === sb.mode && (await readFile(a)).equals(await readFile(b));
}

describe('patch capture', () => {
  it('a seeded worktree captured since its files tree holds only the changes made after the seed; both patches, in order, replay', async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    const seed = await h.git.withWorktrees(h.run, ['tests'], async ([w]) => {
      await writeFile(join(w.path, 'a.test.txt'), 'test of a\n');
      return h!.git.capture(h!.run, w, { name: 'tests.r1' });
    });
    const own = await h.git.withWorktrees(h.run, ['impl'], async ([w]) => {
      await h!.git.seed(w, [seed]);
      const since = await h!.git.filesTree(w);
      expect(await readFile(join(w.path, 'a.test.txt'), 'utf8')).toBe('test of a\n');
      await writeFile(join(w.path, 'a.txt'), 'a, implemented\n');
      return h!.git.capture(h!.run, w, { name: 'impl.r1', since });
    });
    expect(own.files).toEqual(['a.txt']);
    const combined = await h.git.combine(h.run, [seed, own], { name: 'both' });
    expect(combined.ok && combined.candidate.files).toEqual(['a.test.txt', 'a.txt']);
  });

  it('captures every kind of change byte-exact, and the patch replays to the same bytes', async () => {
    h = await harness({ files: FILES });
    await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      const at = (p: string) => join(w.path, p);
      await writeFile(at('keep.txt'), lines(20).replace('line 10\n', 'line ten\n'));
      await rm(at('gone.txt'));
      await rename(at('old-name.txt'), at('new-name.txt'));
      await chmod(at('script.sh'), 0o755);
      await writeFile(at('noeol.txt'), 'first\nlast line, still without newline');
      await writeFile(at('latin1.txt'), Buffer.concat([latin1, Buffer.from('na\xefve\n', 'latin1')]));
      await writeFile(at('image.bin'), binary(2));
      await writeFile(at('new.bin'), Buffer.from([0, 1, 2, 255, 254, 0, 10, 13]));
      await mkdir(at('src/deeper'), { recursive: true });
      await writeFile(at('src/deeper/added.ts'), 'export const added = true;\n');
      // The task committed part of its work: still captured against the base.
      await runGit(['add', 'keep.txt'], w.path);
      await runGit(['commit', '-q', '-m', 'task commit'], w.path);

      const patch = await h!.git.capture(h!.run, w);
      expect(patch.patchFile).toBe(join(h!.run.runDir, 'patches', 't1.patch'));
      expect(patch.files).toEqual(
        ['gone.txt', 'image.bin', 'keep.txt', 'latin1.txt', 'new-name.txt', 'new.bin', 'noeol.txt', 'old-name.txt', 'script.sh', 'src/deeper/added.ts'].sort(),
      );
      expect(patch.changes).toContainEqual({ path: 'new-name.txt', status: 'renamed', from: 'old-name.txt' });
      expect(patch.changes).toContainEqual({ path: 'gone.txt', status: 'deleted' });
      expect(patch.changes).toContainEqual({ path: 'new.bin', status: 'added' });

      const bytes = await readFile(patch.patchFile);
      expect(bytes.length).toBe(patch.bytes);
      expect(bytes.includes(Buffer.from('na\xefve', 'latin1'))).toBe(true);
      expect(bytes.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
      const text = bytes.toString('latin1');
      expect(text).toContain('GIT binary patch');
      expect(text).toContain('old mode 100644\nnew mode 100755');
      expect(text).toContain('rename from old-name.txt\nrename to new-name.txt');
      expect(text).toContain('\\ No newline at end of file');

      const replay = await applyToBase(h!, patch.patchFile);
      for (const f of [...patch.files, 'src/deep/file.ts']) expect(await sameFile(at(f), join(replay, f)), f).toBe(true);

      const record = JSON.parse(await readFile(patch.filesFile, 'utf8'));
      expect(record).toMatchObject({ task: 't1', base: h!.run.base, files: patch.files, bytes: patch.bytes });
    });
  });

  it('leaves out .odw/, node_modules/ and workspace.ignore globs', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' }, workspace: { ignore: ['dist/**', '**/*.snap'] } });
    await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      const put = async (p: string, c: string) => {
        await mkdir(join(w.path, p, '..'), { recursive: true });
        await writeFile(join(w.path, p), c);
      };
      await put('a.txt', 'changed\n');
      await put('.odw/runs/x/run.json', '{}');
      await put('node_modules/dep/index.js', 'x');
      await put('packages/p/node_modules/dep/index.js', 'x');
      await put('dist/bundle.js', 'built');
      await put('src/__snapshots__/a.test.ts.snap', 'snap');
      const patch = await h!.git.capture(h!.run, w);
      expect(patch.files).toEqual(['a.txt']);
      expect(patch.ignored).toEqual(['dist/bundle.js', 'src/__snapshots__/a.test.ts.snap']);
      expect(await readFile(patch.patchFile, 'utf8')).not.toMatch(/bundle|snap|node_modules|\.odw/);
    });
  });

  it('an unchanged worktree gives an empty patch; a second capture can be named', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      const empty = await h!.git.capture(h!.run, w);
      expect(empty).toMatchObject({ files: [], bytes: 0 });
      await writeFile(join(w.path, 'a.txt'), 'b\n');
      const second = await h!.git.capture(h!.run, w, { name: 't1.r2' });
      expect(second.patchFile).toBe(join(h!.run.runDir, 'patches', 't1.r2.patch'));
      expect(second.files).toEqual(['a.txt']);
    });
  });

  it('seed starts a worktree from an earlier patch, and the next capture contains both rounds', async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'b.bin': Buffer.from([0, 1, 2]) } });
    const first = await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      await writeFile(join(w.path, 'a.txt'), 'round one\n');
      await writeFile(join(w.path, 'b.bin'), Buffer.from([0, 9, 9, 0]));
      return h!.git.capture(h!.run, w, { name: 't1.r1' });
    });
    const second = await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      await h!.git.seed(w, [first]);
      expect(await readFile(join(w.path, 'a.txt'), 'utf8')).toBe('round one\n');
      await writeFile(join(w.path, 'c.txt'), 'round two\n');
      return h!.git.capture(h!.run, w, { name: 't1.r2' });
    });
    expect(second.files).toEqual(['a.txt', 'b.bin', 'c.txt']);
    await writeFile(first.patchFile, 'garbage\n');
    await expect(h.git.withWorktrees(h.run, ['t1'], ([w]) => h!.git.seed(w, [first]))).rejects.toThrow(/could not start t1 from the earlier patch of t1/);
  });

  it('sees a same-size edit made in the second of the checkout (racy timestamps), even when captured later', async () => {
    h = await harness({ files: { 'a.txt': 'aaaa\n' } });
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      await writeFile(join(w.path, 'a.txt'), 'bbbb\n'); // same size, same second as the checkout
      await new Promise((r) => setTimeout(r, 1100));
      const patch = await h!.git.capture(h!.run, w);
      expect(patch.files).toEqual(['a.txt']);
    });
  });
});
