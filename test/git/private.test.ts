import { chmod, mkdir, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness.js';
import { runGit } from '../helpers/gitdir.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

/** An executable that leaves `<markers>/<name>` behind if anything runs it. */
async function planted(file: string, markers: string, name: string, tail = ''): Promise<void> {
  await writeFile(file, `#!/bin/sh\ntouch '${join(markers, name)}'\n${tail}`);
  await chmod(file, 0o755);
}

describe('private task repositories', () => {
  it("a workspace is a repository of its own: the agent's git works there and shows only its changes", async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      const git = (...args: string[]) => runGit(args, w.path);
      expect(await git('rev-parse', '--path-format=absolute', '--git-common-dir')).toBe(join(w.path, '.git'));
      expect(await git('rev-parse', 'HEAD')).toBe(h!.run.base);
      expect(await git('log', '-1', '--format=%s')).toBe(await h!.repo.git(['log', '-1', '--format=%s']));
      expect(await git('status', '--porcelain')).toBe('');
      expect(await git('remote')).toBe('');
      expect(await git('for-each-ref')).toBe('');
      // No sample hooks, no objects of its own: the base is borrowed from the user's repository.
      expect(await readdir(join(w.path, '.git', 'hooks')).catch(() => [])).toEqual([]);
      await writeFile(join(w.path, 'a.txt'), 'changed\n');
      expect(await git('status', '--porcelain')).toBe(' M a.txt');
      expect(await git('diff', '--name-only')).toBe('a.txt');
      await git('commit', '-qam', 'the agent commits in its own repository');
      expect(await git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('HEAD');
    });
    // The user's repository knows nothing of it.
    expect(await h.repo.git(['for-each-ref', '--format=%(refname)'])).toBe('refs/heads/main');
    expect(await h.repo.exists('.git/worktrees')).toBe(false);
  });

  it("capture honours the user's info/exclude as it was when the run started", async () => {
    h = await harness({ files: { 'a.txt': 'a\n' } });
    await writeFile(join(h.repo.dir, '.git', 'info', 'exclude'), 'build/\n');
    await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      await mkdir(join(w.path, 'build'));
      await writeFile(join(w.path, 'build', 'out.js'), 'built\n');
      await writeFile(join(w.path, 'a.txt'), 'A\n');
      expect((await h!.git.capture(h!.run, w)).files).toEqual(['a.txt']);
    });
  });

  it("the user's own repository-local filter applies to capture and to the agent's git, as configured when the run started", async () => {
    h = await harness({ files: { '.gitattributes': '*.up filter=upper\n', 'a.txt': 'a\n' } });
    await h.repo.git(['config', 'filter.upper.clean', 'tr a-z A-Z']);
    await h.git.withWorktrees(h.run, ['t1'], async ([w]) => {
      expect(await runGit(['config', 'filter.upper.clean'], w.path)).toBe('tr a-z A-Z');
      await writeFile(join(w.path, 'x.up'), 'shout\n');
      const patch = await h!.git.capture(h!.run, w);
      expect(await readFile(patch.patchFile, 'utf8')).toContain('+SHOUT\n');
    });
  });

  it("capture runs nothing the task planted in its .git, and a .git that points at the user's is never followed", async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    const markers = join(h.scratch, 'markers');
    await mkdir(markers);
    const userIndex = join(h.repo.dir, '.git', 'index');
    const indexBefore = { bytes: await readFile(userIndex), mtime: (await stat(userIndex)).mtimeMs };
    const [own, linked] = await h.git.createWorktrees(h.run, ['own', 'linked']);
    // Task "own": fsmonitor, a filter driver with .gitattributes and info/attributes, hooks, core.worktree.
    const dotGit = join(own.path, '.git');
    await mkdir(join(dotGit, 'hooks'), { recursive: true });
    for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction']) await planted(join(dotGit, 'hooks', hook), markers, hook);
    await planted(join(dotGit, 'fsmonitor.sh'), markers, 'fsmonitor');
    await planted(join(dotGit, 'filter.sh'), markers, 'filter', 'cat\n');
    for (const [k, v] of [
      ['core.fsmonitor', join(dotGit, 'fsmonitor.sh')],
      ['filter.evil.clean', join(dotGit, 'filter.sh')],
      ['core.worktree', h.repo.dir],
    ]) {
      await runGit(['config', '--file', join(dotGit, 'config'), k, v], own.path);
    }
    await mkdir(join(dotGit, 'info'), { recursive: true });
    await writeFile(join(dotGit, 'info', 'attributes'), '* filter=evil\n');
    await writeFile(join(own.path, '.gitattributes'), '* filter=evil\n');
    await writeFile(join(own.path, 'a.txt'), 'A\n');
    // Task "linked": its .git is a symlink to the user's .git.
    await rm(join(linked.path, '.git'), { recursive: true });
    await symlink(join(h.repo.dir, '.git'), join(linked.path, '.git'));
    await writeFile(join(linked.path, 'b.txt'), 'B\n');

    const a = await h.git.capture(h.run, own);
    const b = await h.git.capture(h.run, linked);
    expect(a.files).toEqual(['.gitattributes', 'a.txt']);
    expect(await readFile(a.patchFile, 'utf8')).toContain('+A\n');
    expect(b.files).toEqual(['b.txt']);
    expect(await readdir(markers)).toEqual([]);
    expect(await readFile(userIndex)).toEqual(indexBefore.bytes);
    expect((await stat(userIndex)).mtimeMs).toBe(indexBefore.mtime);
    // Removing the workspace unlinks the symlink, never what it points to.
    await h.git.removeWorktrees(h.run, [own, linked]);
    expect(await h.repo.exists('.git/HEAD')).toBe(true);
    expect(await h.repo.git(['status', '--porcelain'])).toBe('');
  });

  it("settings an agent writes into odw's git dir next to its workspace are put back before odw's next git call", async () => {
    h = await harness({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    const markers = join(h.scratch, 'markers');
    await mkdir(markers);
    const userConfig = await readFile(join(h.repo.dir, '.git', 'config'));
    const [w, v] = await h.git.createWorktrees(h.run, ['w', 'v']);
    const odwGit = join(w.path, '..', '.odw-git');
    const original = await readFile(join(odwGit, 'config'));
    await planted(join(h.scratch, 'filter.sh'), markers, 'filter', 'cat\n');
    await writeFile(join(odwGit, 'config'), `${original}[filter "evil"]\n\tclean = ${join(h.scratch, 'filter.sh')}\n`);
    await writeFile(join(odwGit, 'info', 'attributes'), '* filter=evil\n');
    await writeFile(join(w.path, '.gitattributes'), '* filter=evil\n');
    await writeFile(join(w.path, 'a.txt'), 'A\n');
    expect((await h.git.capture(h.run, w)).files).toEqual(['.gitattributes', 'a.txt']);
    expect(await readdir(markers)).toEqual([]);
    expect(await readFile(join(odwGit, 'config'))).toEqual(original);
    // A symlink in its place is removed, never written through.
    await rm(join(odwGit, 'config'));
    await symlink(join(h.repo.dir, '.git', 'config'), join(odwGit, 'config'));
    await writeFile(join(v.path, 'b.txt'), 'B\n');
    expect((await h.git.capture(h.run, v)).files).toEqual(['b.txt']);
    expect(await readFile(join(h.repo.dir, '.git', 'config'))).toEqual(userConfig);
    expect(await readFile(join(odwGit, 'config'))).toEqual(original);
    // Its info/ folder linked to the user's: unlinked, the user's files untouched.
    const userExclude = await readFile(join(h.repo.dir, '.git', 'info', 'exclude'));
    await rm(join(odwGit, 'info'), { recursive: true });
    await symlink(join(h.repo.dir, '.git', 'info'), join(odwGit, 'info'));
    await h.git.capture(h.run, v);
    expect(await readFile(join(h.repo.dir, '.git', 'info', 'exclude'))).toEqual(userExclude);
    expect(await h.repo.exists('.git/info/attributes')).toBe(false);
    // The git dir itself replaced by a link to the user's .git: odw stops.
    await rm(odwGit, { recursive: true });
    await symlink(join(h.repo.dir, '.git'), odwGit);
    await expect(h.git.capture(h.run, v)).rejects.toThrow(/odw's git dir for this run, was replaced/);
    expect(await readFile(join(h.repo.dir, '.git', 'config'))).toEqual(userConfig);
  });
});
