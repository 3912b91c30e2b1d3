/**
 * Shipping a run's base to other machines (odw worker, docs/scale-out.md): a git bundle of the
 * base commit and its history, made without touching the user's repository (a scratch bare git
 * dir borrows its objects and holds the one ref a bundle needs), and a clone of it on the worker.
 */
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GitError } from '../ports/git.js';
import type { RunGit } from './exec.js';

/** A branch: a clone of the bundle fetches branches (not other refs). */
const REF = 'refs/heads/odw-base';

/** Writes a bundle of `base` to `file`; returns its size in bytes, and whether the base's files need Git LFS. */
export async function bundleBase(git: RunGit, repo: string, base: string, file: string, signal?: AbortSignal): Promise<{ bytes: number; lfs: boolean }> {
  // A .gitattributes file anywhere in the base that routes files through the LFS filter.
  const lfs = await git(['grep', '-q', '-I', '-e', 'filter=lfs', base, '--', ':(glob)**/.gitattributes'], { cwd: repo, allowFail: true });
  if (lfs.exitCode === 0) return { bytes: 0, lfs: true };
  const common = (await git(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repo })).stdout.trim();
  const scratch = await mkdtemp(join(dirname(file), '.bundle-'));
  try {
    await git(['init', '--quiet', '--bare', '--template=', scratch], { cwd: dirname(file) });
    await mkdir(join(scratch, 'objects', 'info'), { recursive: true });
    await writeFile(join(scratch, 'objects', 'info', 'alternates'), `${join(common, 'objects')}\n`);
    await git(['update-ref', REF, base], { cwd: scratch, env: { GIT_DIR: scratch } });
    await git(['bundle', 'create', '--quiet', file, REF], { cwd: scratch, env: { GIT_DIR: scratch }, signal });
    return { bytes: (await stat(file)).size, lfs: false };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Clones a bundle into `dest` (made atomically: a half-made clone is never left under that name), at `base`. */
export async function cloneBundle(git: RunGit, bundle: string, dest: string, base: string, signal?: AbortSignal): Promise<void> {
  const partial = `${dest}.partial-${process.pid}-${Date.now()}`;
  await mkdir(dirname(dest), { recursive: true });
  try {
    await git(['clone', '--quiet', '--no-checkout', bundle, partial], { cwd: dirname(dest), signal });
    const r = await git(['checkout', '--quiet', '--detach', base], { cwd: partial, signal, allowFail: true });
    if (r.exitCode !== 0) throw new GitError('git_failed', `the shipped base does not hold commit ${base}: ${r.stderr.trim()}`);
    await rename(partial, dest);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
