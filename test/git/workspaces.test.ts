/**
 * Workspaces at scale: one per task inside its concurrency slot, removed off the critical path, and
 * one review workspace kept between rounds with nothing of the previous round left in it.
 */
import { lstat, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Candidate, TaskPatch } from '../../src/ports/git.js';
import { runFolder } from '../../src/git/paths.js';
import { Semaphore } from '../../src/util/semaphore.js';
import { runGit } from '../helpers/gitdir.js';
import { harness, listDir, type Harness } from './harness.js';

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
/** Task workspaces in the run folder (odw's git dir, owner.json and the trash are not workspaces). */
const taskWorkspaces = async (folder: string) =>
  (await listDir(folder)).filter((n) => !['owner.json', '.trash'].includes(n) && !n.startsWith('.odw-git') && !n.startsWith('.review-'));

async function candidateOf(h: Harness, name: string, edit: (path: string) => Promise<void>): Promise<Candidate> {
  const patch: TaskPatch = await h.git.withWorkspace(h.run, name, async (w) => {
    await edit(w.path);
    return h.git.capture(h.run, w, { name });
  });
  const combined = await h.git.combine(h.run, [patch], { name: `candidate-${name}` });
  if (!combined.ok) throw new Error('expected a candidate');
  return combined.candidate;
}

describe('task workspaces inside the concurrency slot', () => {
  it('never holds more checkouts than the concurrency, and every one is gone at once when its task ends', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const folder = runFolder(h.run.repo, h.run.runId, h.run.workspace);
    const slots = new Semaphore(2);
    let peak = 0;
    const paths: string[] = [];
    const ids = ['t1', 't2', 't3', 't4', 't5', 't6'];
    await Promise.all(
      ids.map((id) =>
        slots.use(async () => {
          const path = await h!.git.withWorkspace(
            h!.run,
            id,
            async (w) => {
              peak = Math.max(peak, (await taskWorkspaces(folder)).length);
              expect(await readFile(join(w.path, 'a.txt'), 'utf8')).toBe('a\n');
              return w.path;
            },
            { pendingRemovals: 2 },
          );
          paths.push(path);
          // Out of the way as soon as the task is done (deleted in the background).
          expect(await exists(path)).toBe(false);
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(paths).toHaveLength(6);
    // The trash never holds more than the allowed pending deletions.
    expect((await listDir(join(folder, '.trash'))).length).toBeLessThanOrEqual(2);
    await h.git.removeAll(h.run);
    expect(await exists(folder)).toBe(false);
  });

  it('a failing task and a cancelled one still leave no workspace behind', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    let seen = '';
    await expect(
      h.git.withWorkspace(h.run, 't1', async (w) => {
        seen = w.path;
        throw new Error('agent crashed');
      }),
    ).rejects.toThrow('agent crashed');
    expect(await exists(seen)).toBe(false);
    const controller = new AbortController();
    controller.abort();
    await expect(h.git.withWorkspace({ ...h.run, signal: controller.signal }, 't2', async () => 'never')).rejects.toBeDefined();
    const folder = runFolder(h.run.repo, h.run.runId, h.run.workspace);
    expect(await taskWorkspaces(folder)).toEqual([]);
    await h.git.removeAll(h.run);
    expect(await exists(folder)).toBe(false);
  });
});

describe('the review workspace is kept between rounds', () => {
  it('is the same folder in rounds 1 and 2, holds nothing of round 1, and setup runs once', async () => {
    h = await harness({
      files: { 'a.txt': 'a\n', 'b.txt': 'b\n', '.gitignore': 'dist/\ncache/\n' },
      workspace: { setup: ['mkdir -p cache && echo warm > cache/deps; echo ran >> ../setup.log'] },
    });
    const one = await candidateOf(h, 'one', (p) => writeFile(join(p, 'new-in-1.txt'), 'one\n'));
    const two = await candidateOf(h, 'two', (p) => writeFile(join(p, 'a.txt'), 'A2\n'));
    const folder = runFolder(h.run.repo, h.run.runId, h.run.workspace);
    await writeFile(join(folder, 'setup.log'), '');
    const path1 = await h.git.withReviewWorkspace(
      h.run,
      one,
      async (ws) => {
        expect(await readFile(join(ws.path, 'new-in-1.txt'), 'utf8')).toBe('one\n');
        // A check and a reviewer of round 1 leave things behind: an untracked file, an ignored
        // build output, a changed tracked file, a deleted one, and settings in the workspace's own .git.
        await writeFile(join(ws.path, 'leftover.txt'), 'round 1\n');
        await mkdir(join(ws.path, 'dist'), { recursive: true });
        await writeFile(join(ws.path, 'dist', 'out.js'), 'built in round 1\n');
        await writeFile(join(ws.path, 'b.txt'), 'changed by a check\n');
        await writeFile(join(ws.path, 'a.txt'), '');
        await runGit(['config', 'core.fsmonitor', 'echo planted'], ws.path);
        await runGit(['update-ref', 'refs/heads/planted', h!.run.base], ws.path);
        return ws.path;
      },
      { reuse: 'review' },
    );
    const path2 = await h.git.withReviewWorkspace(
      h.run,
      two,
      async (ws) => {
        expect(await readFile(join(ws.path, 'a.txt'), 'utf8')).toBe('A2\n');
        expect(await readFile(join(ws.path, 'b.txt'), 'utf8')).toBe('b\n');
        for (const gone of ['new-in-1.txt', 'leftover.txt', 'dist']) expect(await exists(join(ws.path, gone))).toBe(false);
        // setup's ignored output is kept; setup did not run again
        expect(await readFile(join(ws.path, 'cache', 'deps'), 'utf8')).toBe('warm\n');
        expect(await runGit(['diff', '--cached', '--name-only'], ws.path)).toBe('a.txt');
        expect(await runGit(['status', '--porcelain'], ws.path)).toBe('M  a.txt');
        expect(await runGit(['config', '--get', 'core.fsmonitor'], ws.path).catch(() => 'unset')).toBe('unset');
        expect(await runGit(['for-each-ref'], ws.path)).toBe('');
        expect(await runGit(['rev-parse', 'HEAD'], ws.path)).toBe(h!.run.base);
        return ws.path;
      },
      { reuse: 'review' },
    );
    expect(path2).toBe(path1);
    expect(await readFile(join(folder, 'setup.log'), 'utf8')).toBe('ran\n');
    await h.git.removeAll(h.run);
    expect(await exists(path1)).toBe(false);
  });

  it("a check that replaced a folder with a link to the user's tree: the next round removes the link and writes nothing through it", async () => {
    h = await harness({ files: { 'src/x.txt': 'x\n', 'a.txt': 'a\n' } });
    await h.repo.write('src/x.txt', 'the user is editing this\n');
    const one = await candidateOf(h, 'one', (p) => writeFile(join(p, 'a.txt'), 'A\n'));
    await h.git.withReviewWorkspace(
      h.run,
      one,
      async (ws) => {
        await rm(join(ws.path, 'src'), { recursive: true, force: true });
        await symlink(join(h!.repo.dir, 'src'), join(ws.path, 'src'));
      },
      { reuse: 'review' },
    );
    await h.git.withReviewWorkspace(
      h.run,
      one,
      async (ws) => {
        expect((await lstat(join(ws.path, 'src'))).isDirectory()).toBe(true);
        expect(await readFile(join(ws.path, 'src', 'x.txt'), 'utf8')).toBe('x\n');
      },
      { reuse: 'review' },
    );
    expect(await h.repo.read('src/x.txt')).toBe('the user is editing this\n');
  });

  it('without reuse a review workspace is removed after its round', async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    const one = await candidateOf(h, 'one', (p) => writeFile(join(p, 'a.txt'), 'A\n'));
    const path = await h.git.withReviewWorkspace(h.run, one, async (ws) => ws.path);
    expect(await exists(path)).toBe(false);
    expect(await readdir(join(path, '..')).then((n) => n.filter((x) => x.startsWith('.review-')))).toEqual([]);
  });
});
