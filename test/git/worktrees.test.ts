import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitError } from '../../src/ports/git.js';
import { repoFolder } from '../../src/git/paths.js';
import { harness, listDir, type Harness } from './harness.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );
/** Worktrees registered in the user's repository: odw's workspaces are private repositories, never registered. */
const registered = async (h: Harness) =>
  (await h.repo.git(['worktree', 'list', '--porcelain'])).split('\n').filter((l) => l.startsWith('worktree ')).length - 1;
/** What a run folder holds besides odw's own git dir. */
const runFolderEntries = async (dir: string) => (await listDir(dir)).filter((n) => n !== '.odw-git');

describe('task worktrees', () => {
  it('creates detached worktrees at the base outside the tree, by default under the temp folder, and removes them', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' }, defaultRoot: true });
    await h.repo.write('a.txt', 'user edit, not committed\n');
    let seen: string[] = [];
    await h.git.withWorktrees(h.run, ['t1', 't2'], async (wts) => {
      seen = wts.map((w) => w.path);
      const folder = join(repoFolder(h!.repo.dir), h!.run.runId);
      expect(folder.startsWith(join(tmpdir(), 'odw-worktrees'))).toBe(true);
      expect(wts.map((w) => w.path)).toEqual([join(folder, 't1'), join(folder, 't2')]);
      for (const w of wts) {
        expect(await h!.repo.git(['rev-parse', 'HEAD'], w.path)).toBe(h!.run.base);
        expect(await h!.repo.git(['symbolic-ref', '-q', 'HEAD'], w.path).catch(() => 'detached')).toBe('detached');
        expect(await readFile(join(w.path, 'a.txt'), 'utf8')).toBe('a\n');
      }
      const owner = JSON.parse(await readFile(join(folder, 'owner.json'), 'utf8'));
      expect(owner).toMatchObject({ pid: process.pid, runId: h!.run.runId, repo: h!.repo.dir });
      // Each workspace is its own repository, not a worktree of the user's.
      expect(await registered(h!)).toBe(0);
      for (const w of wts) expect(await h!.repo.git(['rev-parse', '--path-format=absolute', '--git-common-dir'], w.path)).toBe(join(w.path, '.git'));
      expect(await h!.repo.git(['status', '--porcelain'], wts[0].path)).toBe('');
    });
    for (const p of seen) expect(await exists(p)).toBe(false);
    expect(await registered(h)).toBe(0);
    expect(await h.repo.read('a.txt')).toBe('user edit, not committed\n');
  });

  it('removes worktrees when the work fails', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    let seen: string[] = [];
    await expect(
      h.git.withWorktrees(h.run, ['t1', 't2'], async (wts) => {
        seen = wts.map((w) => w.path);
        throw new Error('agent crashed');
      }),
    ).rejects.toThrow('agent crashed');
    for (const p of seen) expect(await exists(p)).toBe(false);
    expect(await registered(h)).toBe(0);
  });

  it('removes worktrees when the run is cancelled, during the work and during setup', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const controller = new AbortController();
    let seen: string[] = [];
    const work = h.git.withWorktrees({ ...h.run, signal: controller.signal }, ['t1'], async (wts) => {
      seen = wts.map((w) => w.path);
      const cancelled = new Promise((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('cancelled'))));
      // Cancelled while the work runs (not while the workspaces are still being made).
      controller.abort();
      await cancelled;
    });
    await expect(work).rejects.toThrow('cancelled');
    expect(seen).toHaveLength(1);
    expect(await exists(seen[0])).toBe(false);

    const slow = new AbortController();
    const marker = join(h.repo.dir, '..', `setup-started-${process.pid}`);
    const run = { ...h.run, signal: slow.signal, workspace: { ...h.run.workspace, setup: [`touch ${marker}; sleep 30`] } };
    const started = Date.now();
    const setup = h.git.withWorktrees(run, ['t2', 't3'], async () => undefined);
    // Cancelled once a workspace's setup command is running.
    await waitUntil(() => existsSync(marker), 'the setup command to start');
    slow.abort();
    await expect(setup).rejects.toMatchObject({ category: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await runFolderEntries(join(repoFolder(h.repo.dir, h.run.workspace), h.run.runId))).toEqual(['owner.json']);
    expect(await registered(h)).toBe(0);
  });

  it('removeAll removes every worktree of a run and its folder', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const made = await h.git.createWorktrees(h.run, ['t1', 't2', 't3']);
    for (const w of made) expect(await exists(w.path)).toBe(true);
    const report = await h.git.removeAll(h.run);
    expect(report.removed).toHaveLength(3);
    expect(await registered(h)).toBe(0);
    expect(await exists(join(repoFolder(h.repo.dir, h.run.workspace), h.run.runId))).toBe(false);
  });

  it("removes the repository's folder under the root with its last run, never while another run has a folder there", async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const other = { ...h.run, runId: 'other-run' };
    await h.git.createWorktrees(h.run, ['t1']);
    await h.git.createWorktrees(other, ['t1']);
    const parent = repoFolder(h.repo.dir, h.run.workspace);
    await h.git.removeAll(h.run);
    expect(await listDir(parent)).toEqual(['other-run']);
    await h.git.removeAll(other);
    expect(await exists(parent)).toBe(false);
  });

  it('prunes worktrees left by a run whose process is gone, and keeps live runs', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    const deadRun = { ...h.run, runId: 'crashed-run' };
    await h.git.createWorktrees(deadRun, ['t1', 't2']);
    const deadFolder = join(repoFolder(h.repo.dir, h.run.workspace), 'crashed-run');
    const owner = JSON.parse(await readFile(join(deadFolder, 'owner.json'), 'utf8'));
    await writeFile(join(deadFolder, 'owner.json'), JSON.stringify({ ...owner, pid: dead }));
    // A worktree whose folder is already gone, registered in git only.
    const [gone] = await h.git.createWorktrees({ ...h.run, runId: 'other-crash' }, ['t9']);
    const goneFolder = join(repoFolder(h.repo.dir, h.run.workspace), 'other-crash');
    await writeFile(join(goneFolder, 'owner.json'), JSON.stringify({ ...owner, pid: dead, runId: 'other-crash' }));
    await rm(gone.path, { recursive: true });
    // This process's run stays.
    const [live] = await h.git.createWorktrees(h.run, ['mine']);

    const report = await h.git.pruneStale(h.repo.dir, h.run.workspace);
    expect(report.failed).toEqual([]);
    expect(await exists(deadFolder)).toBe(false);
    expect(await exists(goneFolder)).toBe(false);
    expect(await exists(live.path)).toBe(true);
    expect(await registered(h)).toBe(0);
  });

  it('rejects task ids that are not plain folder names', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    await expect(h.git.createWorktrees(h.run, ['../evil'])).rejects.toThrow(/cannot be used as a folder name/);
    await expect(h.git.createWorktrees(h.run, ['a', 'a'])).rejects.toThrow(/duplicate/);
  });
});

describe('workspace preparation', () => {
  it('copies, links and runs setup in each worktree, and none of it is captured', async () => {
    h = await harness({
      files: { '.gitignore': '.env\nnode_modules/\n', 'src/a.ts': 'export const a = 1;\n', 'config/base.json': '{}\n' },
      workspace: {
        copy: ['.env', 'config/*.local.json', 'missing-optional.txt'],
        link: ['node_modules'],
        setup: ['echo generated > setup-output.txt', 'test -f .env && test -d node_modules/pkg'],
      },
    });
    await h.repo.write('.env', 'SECRET=1\n');
    await h.repo.write('config/dev.local.json', '{"local":true}\n');
    await h.repo.write('node_modules/pkg/index.js', 'module.exports = 1;\n');
    await h.git.withWorktrees(h.run, ['t1', 't2'], async (wts) => {
      for (const w of wts) {
        expect(await readFile(join(w.path, '.env'), 'utf8')).toBe('SECRET=1\n');
        expect(await readFile(join(w.path, 'config/dev.local.json'), 'utf8')).toBe('{"local":true}\n');
        expect(await readlink(join(w.path, 'node_modules'))).toBe(join(h!.repo.dir, 'node_modules'));
        expect(await readFile(join(w.path, 'setup-output.txt'), 'utf8')).toBe('generated\n');
        expect(w.placed).toEqual(['.env', 'config/dev.local.json', 'node_modules', 'setup-output.txt']);
        await writeFile(join(w.path, 'src/a.ts'), `export const a = '${w.name}';\n`);
        await writeFile(join(w.path, '.env'), 'SECRET=changed by the task\n');
        await writeFile(join(w.path, 'config/dev.local.json'), '{"local":"changed"}\n');
      }
      const patch = await h!.git.capture(h!.run, wts[0]);
      expect(patch.files).toEqual(['src/a.ts']);
      expect(await readFile(patch.patchFile, 'utf8')).not.toMatch(/node_modules|\.env|setup-output|local\.json/);
    });
    // The linked folder of the user survives the worktree's removal.
    expect(await h.repo.read('node_modules/pkg/index.js')).toBe('module.exports = 1;\n');
    expect(await h.repo.read('.env')).toBe('SECRET=1\n');
  });

  it('a failing setup command is a clear error naming the command and its stderr, and leaves nothing behind', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' }, workspace: { setup: ['echo preparing; echo "npm ERR! missing script: bootstrap" >&2; exit 3'] } });
    const error = await h.git.withWorktrees(h.run, ['t1', 't2'], async () => 'never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).category).toBe('workspace_setup_failed');
    expect((error as GitError).message).toContain(
      'workspace setup command `echo preparing; echo "npm ERR! missing script: bootstrap" >&2; exit 3` exited with code 3',
    );
    expect((error as GitError).message).toContain('npm ERR! missing script: bootstrap');
    expect(await registered(h)).toBe(0);
    expect(await runFolderEntries(join(repoFolder(h.repo.dir, h.run.workspace), h.run.runId))).toEqual(['owner.json']);
  });

  it('refuses copy and link paths outside the repository', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' }, workspace: { copy: ['../secrets'] } });
    await expect(h.git.createWorktrees(h.run, ['t1'])).rejects.toMatchObject({ category: 'workspace_prepare_failed' });
    expect(await registered(h)).toBe(0);
  });

  it('a relative workspace.root is resolved against the repository', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' }, workspace: { root: '../odw-wt-relative' } });
    await mkdir(join(h.repo.dir, '..', 'odw-wt-relative'), { recursive: true });
    await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      expect(w.path.startsWith(join(h!.repo.dir, '..', 'odw-wt-relative') + '/')).toBe(true);
    });
    await h.git.removeAll(h.run);
    await rm(join(h.repo.dir, '..', 'odw-wt-relative'), { recursive: true, force: true });
  });
});
