import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/ports/git.js';
import type { ProcessResult } from '../../src/ports/process.js';
import { harness, treeState, type Fault, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const FILES = {
  'src/app.ts': 'export const app = 1;\n',
  'src/old.ts': Array.from({ length: 20 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n',
  'bin/tool': { content: '#!/bin/sh\necho tool\n', mode: 0o644 },
  'gone.txt': 'delete me\n',
  'logo.bin': Buffer.from([0, 1, 2, 3, 255, 0, 128]),
  'unrelated.txt': 'unrelated\n',
};

/** A candidate from one task that modifies, adds (in a new folder), deletes, renames and chmods. */
async function candidate(h: Harness): Promise<Candidate> {
  const patches = await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
    const at = (p: string) => join(w.path, p);
    await writeFile(at('src/app.ts'), 'export const app = 2;\n');
    await mkdir(at('src/new/deep'), { recursive: true });
    await writeFile(at('src/new/deep/feature.ts'), 'export const feature = true;\n');
    await rm(at('gone.txt'));
    await rename(at('src/old.ts'), at('src/renamed.ts'));
    await chmod(at('bin/tool'), 0o755);
    await writeFile(at('logo.bin'), Buffer.from([9, 9, 0, 0, 254]));
    return [await h.git.capture(h.run, w)];
  });
  const result = await h.git.combine(h.run, patches);
  if (!result.ok) throw new Error(JSON.stringify(result.blockers));
  return result.candidate;
}

const failing = (stderr: string): ProcessResult => ({ exitCode: 1, signal: null, timedOut: false, cancelled: false, stdout: '', stderr, durationMs: 1 });
const isGit = (args: string[] | undefined, sub: string) => (args ?? []).filter((a, i, all) => a !== '-c' && all[i - 1] !== '-c')[0] === sub;

describe('atomic apply', () => {
  it('applies the candidate to the user tree, byte-exact, leaving other work and the index alone', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h);
    await h.repo.write('unrelated.txt', 'the user is busy here\n');
    await h.repo.write('notes.txt', 'untracked notes\n');
    await h.repo.git(['add', 'unrelated.txt']);
    expect(await h.git.isApplied(h.repo.dir, c)).toBe(false);
    const result = await h.git.apply(h.repo.dir, c);
    expect(result).toEqual({ ok: true, files: c.files });
    expect(await h.git.isApplied(h.repo.dir, c)).toBe(true);
    expect(await h.repo.read('src/app.ts')).toBe('export const app = 2;\n');
    expect(await h.repo.read('src/new/deep/feature.ts')).toBe('export const feature = true;\n');
    expect(await h.repo.exists('gone.txt')).toBe(false);
    expect(await h.repo.exists('src/old.ts')).toBe(false);
    expect(await h.repo.read('src/renamed.ts')).toBe(FILES['src/old.ts']);
    expect(await h.repo.mode('bin/tool')).toBe(0o755);
    expect(await h.repo.readBytes('logo.bin')).toEqual(Buffer.from([9, 9, 0, 0, 254]));
    expect(await h.repo.read('unrelated.txt')).toBe('the user is busy here\n');
    expect(await h.repo.git(['diff', '--cached', '--name-only'])).toBe('unrelated.txt');
    expect(await h.repo.git(['rev-parse', 'HEAD'])).toBe(h.run.base);
  });

  it.each([
    ['edited', (h: Harness) => h.repo.write('src/app.ts', 'export const app = 99;\n'), ['src/app.ts']],
    ['created', (h: Harness) => h.repo.write('src/new/deep/feature.ts', 'mine\n'), ['src/new/deep/feature.ts']],
    ['deleted', (h: Harness) => h.repo.remove('gone.txt'), ['gone.txt']],
    [
      'staged',
      async (h: Harness) => {
        await h.repo.write('src/app.ts', 'staged\n');
        await h.repo.git(['add', 'src/app.ts']);
        await h.repo.write('src/app.ts', FILES['src/app.ts']);
      },
      ['src/app.ts'],
    ],
  ])('refuses when the user %s a file the candidate touches, and changes nothing', async (_what, change, files) => {
    h = await harness({ files: FILES });
    const c = await candidate(h);
    await change(h);
    const before = await treeState(h.repo);
    const result = await h.git.apply(h.repo.dir, c);
    expect(result).toMatchObject({ ok: false, category: 'dirty_files', files });
    if (!result.ok) {
      expect(result.message).toBe(
        `odw did not apply the change: 1 file it touches has uncommitted changes: ${files[0]}. ` +
          'odw cannot tell who changed it (you, an editor, a tool, or an agent). ' +
          'Commit, stash (git stash push --include-untracked -- <file>…) or undo the changes to it, then run the pipeline again.',
      );
    }
    expect(await treeState(h.repo)).toEqual(before);
  });

  it('refuses when HEAD moved and the new commits touch the candidate files; applies when they do not', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h);
    await h.repo.write('unrelated.txt', 'committed after the run started\n');
    const unrelated = await h.repo.commitAll('unrelated work');
    const ok = await h.git.apply(h.repo.dir, c);
    expect(ok.ok).toBe(true);
    await h.repo.git(['reset', '--hard', '--quiet', unrelated]);
    await h.repo.git(['clean', '-fdq']);

    await h.repo.write('src/app.ts', 'export const app = 3;\n');
    const moved = await h.repo.commitAll('conflicting work');
    const before = await treeState(h.repo);
    const result = await h.git.apply(h.repo.dir, c);
    expect(result).toMatchObject({ ok: false, category: 'head_moved', files: ['src/app.ts'] });
    if (!result.ok) {
      expect(result.message).toBe(
        `odw did not apply the change: HEAD moved from ${c.base.slice(0, 12)} to ${moved.slice(0, 12)} since the run started, ` +
          `and the new commits change 1 file the change also touches: src/app.ts. Run the pipeline again from the new HEAD, ` +
          `or check out ${c.base.slice(0, 12)} and apply again.`,
      );
    }
    expect(await treeState(h.repo)).toEqual(before);
  });

  it('a failure half-way through leaves the tree byte-identical (fault injected after git wrote the files)', async () => {
    const fault: Fault = async (spec, real) => {
      const args = spec.args ?? [];
      if (isGit(args, 'apply') && !args.includes('--check') && !args.includes('--cached') && !args.includes('--index')) {
        await real(); // git writes everything…
        return failing('error: unable to write file src/new/deep/feature.ts: disk full'); // …then the step "fails"
      }
      return real();
    };
    h = await harness({ files: FILES, fault });
    const c = await candidate(h);
    await h.repo.write('unrelated.txt', 'user work in progress\n');
    const before = await treeState(h.repo);
    const result = await h.git.apply(h.repo.dir, c);
    expect(result).toMatchObject({ ok: false, category: 'patch_apply_failed' });
    if (!result.ok) {
      expect(result.message).toBe(
        `git could not apply the change (error: unable to write file src/new/deep/feature.ts: disk full); ` +
          `odw put back the ${c.files.length} files it had started to change, so your tree is as it was.`,
      );
    }
    expect(await treeState(h.repo)).toEqual(before);
    expect(await h.repo.exists('src/new')).toBe(false);
  });

  it('a read-only folder that makes git fail mid-way is handled the same way', async () => {
    // Root ignores permissions, so the read-only folder is simulated: half the files are written, then failure.
    const fault: Fault = async (spec, real) => {
      const args = spec.args ?? [];
      if (isGit(args, 'apply') && !args.includes('--check') && !args.includes('--cached') && !args.includes('--index')) {
        await writeFile(join(spec.cwd, 'src/app.ts'), 'half-written');
        await chmod(join(spec.cwd, 'bin/tool'), 0o700);
        await rm(join(spec.cwd, 'gone.txt'));
        await chmod(join(spec.cwd, 'src'), 0o555);
        return failing('error: unable to create file src/renamed.ts: Permission denied');
      }
      return real();
    };
    h = await harness({ files: FILES, fault });
    const c = await candidate(h);
    const before = await treeState(h.repo);
    const result = await h.git.apply(h.repo.dir, c);
    expect(result).toMatchObject({ ok: false, category: 'patch_apply_failed' });
    await chmod(join(h.repo.dir, 'src'), 0o755);
    expect(await treeState(h.repo)).toEqual(before);
  });
});

describe('commit on a new branch', () => {
  it('commits exactly the candidate on a new branch at HEAD and leaves the user on it', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h);
    await h.repo.write('unrelated.txt', 'staged by the user\n');
    await h.repo.git(['add', 'unrelated.txt']);
    await h.repo.write('scratch.txt', 'untracked\n');
    const result = await h.git.apply(h.repo.dir, c, { commit: { branch: 'odw/feature', message: 'Add the feature' } });
    expect(result).toMatchObject({ ok: true, commit: { branch: 'odw/feature' } });
    expect(await h.repo.git(['symbolic-ref', '--short', 'HEAD'])).toBe('odw/feature');
    expect(await h.repo.git(['rev-parse', 'HEAD^'])).toBe(h.run.base);
    expect(await h.repo.git(['rev-parse', 'main'])).toBe(h.run.base);
    expect(await h.repo.git(['log', '-1', '--format=%s'])).toBe('Add the feature');
    const committed = (await h.repo.git(['diff', '--name-only', '--no-renames', 'HEAD^', 'HEAD'])).split('\n');
    expect(committed).toEqual(c.files);
    expect(await h.repo.git(['status', '--porcelain'])).toBe('M  unrelated.txt\n?? scratch.txt');
  });

  it('refuses an existing branch or an invalid name before touching anything', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h);
    await h.repo.git(['branch', 'taken']);
    const before = await treeState(h.repo);
    const taken = await h.git.apply(h.repo.dir, c, { commit: { branch: 'taken', message: 'm' } });
    expect(taken).toMatchObject({ ok: false, category: 'branch_exists' });
    if (!taken.ok) {
      expect(taken.message).toBe(
        'odw did not apply the change: branch "taken" already exists. Choose another branch name, or delete it first (git branch -D taken).',
      );
    }
    expect(await h.git.apply(h.repo.dir, c, { commit: { branch: 'bad..name', message: 'm' } })).toMatchObject({ ok: false, category: 'invalid_branch' });
    expect(await treeState(h.repo)).toEqual(before);
  });

  it('a failing commit puts everything back: files, index, branch and HEAD', async () => {
    const fault: Fault = async (spec, real) =>
      isGit(spec.args, '--literal-pathspecs') && spec.args!.includes('commit') ? failing('fatal: gpg failed to sign the data') : real();
    h = await harness({ files: FILES, fault });
    const c = await candidate(h);
    await h.repo.write('unrelated.txt', 'staged by the user\n');
    await h.repo.git(['add', 'unrelated.txt']);
    const before = await treeState(h.repo);
    const result = await h.git.apply(h.repo.dir, c, { commit: { branch: 'odw/feature', message: 'm' } });
    expect(result).toMatchObject({ ok: false, category: 'commit_failed' });
    if (!result.ok) expect(result.message).toMatch(/^odw could not commit on branch odw\/feature \(fatal: gpg failed to sign the data\); odw put back/);
    expect(await treeState(h.repo)).toEqual(before);
    expect(await h.repo.git(['branch', '--list', 'odw/feature'])).toBe('');
  });
});
