import { existsSync } from 'node:fs';
import { appendFile, chmod, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/adapters/process.js';
import { createGit } from '../../src/git/index.js';
import type { RepoGuard } from '../../src/ports/git.js';
import { controlFiles } from '../helpers/control-files.js';
import { gitdir } from '../helpers/gitdir.js';
import { harness, type Harness } from './harness.js';

let h: Harness | undefined;
const extra: string[] = [];
afterEach(async () => {
  await h?.cleanup().then(() => (h = undefined));
  for (const dir of extra.splice(0)) await rm(dir, { recursive: true, force: true });
});

const FILES = { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n', 'README.md': '# r\n' };

async function guarded(): Promise<{ h: Harness; guard: RepoGuard; git: string }> {
  h = await harness({ files: FILES });
  const guard = (await h.git.repoGuard!(h.repo.dir))!;
  return { h, guard, git: join(h.repo.dir, '.git') };
}

/** A second commit that is not on any branch: somewhere to move a ref to. */
async function otherCommit(h: Harness): Promise<string> {
  const tree = await h.repo.git(['rev-parse', 'HEAD^{tree}']);
  return h.repo.git(['commit-tree', tree, '-p', 'HEAD', '-m', 'unreviewed']);
}

describe('repository guard: the git dir', () => {
  it('reports nothing when nothing changed', async () => {
    const { guard } = await guarded();
    expect(await guard.checkGitDir()).toEqual({ ok: true });
  });

  it('names every change, puts every one back byte for byte, and the next check starts from the restored state', async () => {
    const { h, guard, git } = await guarded();
    const before = await controlFiles(h.repo);
    const main = await h.repo.git(['rev-parse', 'main']);
    const moved = await otherCommit(h);
    await writeFile(join(git, 'hooks/pre-commit'), '#!/bin/sh\necho pwned\n', { mode: 0o755 });
    await rm(join(git, 'hooks/pre-push.sample'));
    await appendFile(join(git, 'config'), '[core]\n\tfsmonitor = /tmp/evil\n[alias]\n\tst = !sh -c evil\n[remote "evil"]\n\turl = https://example.invalid/x\n');
    await appendFile(join(git, 'info/exclude'), 'secret/\n');
    await h.repo.git(['update-ref', 'refs/heads/main', moved]);
    await h.repo.git(['branch', 'unreviewed', moved]);

    const found = await guard.checkGitDir();
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.changes).toEqual([
      { area: 'config', path: 'config', change: 'changed' },
      { area: 'hooks', path: 'hooks/pre-commit', change: 'added' },
      { area: 'hooks', path: 'hooks/pre-push.sample', change: 'removed' },
      { area: 'info', path: 'info/exclude', change: 'changed' },
      { area: 'refs', path: 'refs/heads/main', change: 'changed', from: main, to: moved },
      { area: 'refs', path: 'refs/heads/unreviewed', change: 'added', to: moved },
    ]);
    expect(found.unrestored).toEqual([]);
    const named = ['alias.st', 'core.fsmonitor', 'remote.evil.url'].map((k) => `${k} was set in .git/config`);
    named.push('hooks/pre-commit was added', 'hooks/pre-push.sample was removed', 'info/exclude was changed');
    named.push(`refs/heads/main moved from ${main.slice(0, 12)} to ${moved.slice(0, 12)}`, `refs/heads/unreviewed was created (at ${moved.slice(0, 12)})`);
    named.push(
      'odw put it back as it was when the run started',
      'Nothing was applied',
      'odw cannot tell who made the change',
      `git update-ref refs/heads/main ${moved}`,
    );
    for (const part of named) expect(found.message).toContain(part);
    expect(found.message).not.toContain('example.invalid');
    expect(found.message).not.toMatch(/you changed/i);
    expect(await controlFiles(h.repo)).toEqual(before);
    expect(await guard.checkGitDir()).toEqual({ ok: true });
  });

  it('a hooks folder replaced by a symlink: the link goes, the hooks come back, nothing is written through the link', async () => {
    const { h, guard, git } = await guarded();
    const before = await controlFiles(h.repo);
    const outside = await mkdtemp(join(tmpdir(), 'odw-outside-'));
    extra.push(outside);
    await writeFile(join(outside, 'pre-commit'), '#!/bin/sh\n', { mode: 0o755 });
    await rm(join(git, 'hooks'), { recursive: true });
    await symlink(outside, join(git, 'hooks'));
    const found = await guard.checkGitDir();
    expect(found.ok).toBe(false);
    expect(await controlFiles(h.repo)).toEqual(before);
    expect(await readdir(outside)).toEqual(['pre-commit']);
  });

  it('changed modes (a hook, the config made chmod 000), a new folder of hooks and HEAD pointed elsewhere are all put back', async () => {
    const { h, guard, git } = await guarded();
    const before = await controlFiles(h.repo);
    await chmod(join(git, 'hooks/update.sample'), 0o600);
    await mkdir(join(git, 'hooks/deep/er'), { recursive: true });
    await writeFile(join(git, 'hooks/deep/er/x'), 'x');
    await h.repo.git(['symbolic-ref', 'HEAD', 'refs/heads/elsewhere']);
    await chmod(join(git, 'config'), 0o000);
    const found = await guard.checkGitDir();
    expect(found.ok).toBe(false);
    if (!found.ok) expect(found.message).toContain('HEAD changed from "refs/heads/main" to "refs/heads/elsewhere"');
    expect(await controlFiles(h.repo)).toEqual(before);
    expect(existsSync(join(git, 'hooks/deep'))).toBe(false);
  });

  it('never runs a hook or fsmonitor the repository has, while it looks and puts refs back', async () => {
    h = await harness({ files: FILES });
    const git = join(h.repo.dir, '.git');
    const marker = join(h.scratch, 'ran');
    const script = `#!/bin/sh\necho ran >> ${marker}\n`;
    for (const hook of ['reference-transaction', 'post-checkout', 'post-index-change']) await writeFile(join(git, 'hooks', hook), script, { mode: 0o755 });
    await writeFile(join(h.scratch, 'fsmonitor'), script, { mode: 0o755 });
    await h.repo.git(['config', 'core.fsmonitor', join(h.scratch, 'fsmonitor')]);
    const guard = (await h.git.repoGuard!(h.repo.dir))!;
    await h.repo.git(['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', 'branch', 'planted']);
    await h.repo.write('src/a.ts', 'changed\n');
    expect((await guard.checkGitDir()).ok).toBe(false);
    expect(await guard.beforeApply(['src/b.ts'])).toMatchObject({ ok: true, changed: ['src/a.ts'] });
    expect(existsSync(marker)).toBe(false);
  });

  it('is not created outside a git repository or before the first commit', async () => {
    const git = createGit({ process: createProcessRunner() });
    const plain = await mkdtemp(join(tmpdir(), 'odw-plain-'));
    extra.push(plain);
    expect(await git.repoGuard!(plain)).toBeUndefined();
    const empty = await gitdir({ commit: false });
    extra.push(empty.dir);
    expect(await git.repoGuard!(empty.dir)).toBeUndefined();
  });

  it('in a linked worktree: the shared config and this worktree’s HEAD are watched', async () => {
    h = await harness({ files: FILES });
    const wt = join(h.scratch, 'linked');
    await h.repo.git(['worktree', 'add', '-q', '-b', 'side', wt]);
    const guard = (await h.git.repoGuard!(wt))!;
    await appendFile(join(h.repo.dir, '.git/config'), '[core]\n\tfsmonitor = evil\n');
    await h.repo.git(['symbolic-ref', 'HEAD', 'refs/heads/other'], wt);
    const found = await guard.checkGitDir();
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.changes.map((c) => `${c.area} ${c.path}`)).toEqual(['config config', 'HEAD worktrees/linked/HEAD']);
    expect(await h.repo.git(['symbolic-ref', 'HEAD'], wt)).toBe('refs/heads/side');
    expect(await h.repo.git(['config', '--get-all', 'core.fsmonitor']).catch(() => 'unset')).toBe('unset');
  });
});

describe('repository guard: the working tree before apply', () => {
  it('a changed file the change touches refuses; others are warnings; unchanged dirty files, .odw and the worktree root are fine', async () => {
    const { h, guard } = await guarded();
    await h.repo.write('README.md', 'dirty before the run\n');
    await h.repo.write('notes.txt', 'untracked before the run\n');
    const g = (await h.git.repoGuard!(h.repo.dir, { exclude: ['.wt'] }))!;
    await h.repo.write('src/a.ts', 'changed during the run\n');
    await h.repo.write('new/file.txt', 'new\n');
    await h.repo.write('.odw/runs/x/run.json', '{}');
    await h.repo.write('.wt/repo-1234/run/owner.json', '{}');
    const refused = await g.beforeApply(['src/a.ts', 'src/b.ts']);
    expect(refused).toMatchObject({ ok: false, category: 'changed_during_run', files: ['src/a.ts'] });
    if (!refused.ok) {
      expect(refused.message).toContain('odw applied nothing: 1 file the change touches changed in your working tree while the run was going');
      expect(refused.message).toContain('odw cannot tell which: src/a.ts');
      expect(refused.message).not.toMatch(/you changed/i);
    }
    const allowed = await g.beforeApply(['src/b.ts']);
    expect(allowed).toEqual({
      ok: true,
      changed: ['new/file.txt', 'src/a.ts'],
      warnings: ['2 files outside the change changed during the run: new/file.txt, src/a.ts'],
    });
    expect(g.warnings).toEqual(allowed.ok ? allowed.warnings : []);
    expect((await guard.beforeApply(['src/b.ts'])).ok).toBe(true);
  });

  it('the git dir comes first: a change there refuses with git_dir_tampered before the tree is looked at', async () => {
    const { h, guard } = await guarded();
    await h.repo.git(['config', 'core.fsmonitor', 'evil']);
    await h.repo.write('src/a.ts', 'changed during the run\n');
    const r = await guard.beforeApply(['src/a.ts']);
    expect(r).toMatchObject({ ok: false, category: 'git_dir_tampered', files: [], changes: [{ area: 'config', path: 'config', change: 'changed' }] });
    if (!r.ok) expect(r.message).toContain('core.fsmonitor was set in .git/config');
  });

  it('a dirty file cleaned, or edited again, during the run counts as changed', async () => {
    h = await harness({ files: FILES });
    await h.repo.write('src/a.ts', 'mine\n');
    await h.repo.write('src/b.ts', 'mine too\n');
    const g = (await h.git.repoGuard!(h.repo.dir))!;
    await h.repo.git(['checkout', '--', 'src/a.ts']);
    await h.repo.write('src/b.ts', 'mine, edited again\n');
    expect(await g.beforeApply(['src/a.ts', 'src/b.ts'])).toMatchObject({ ok: false, category: 'changed_during_run', files: ['src/a.ts', 'src/b.ts'] });
  });

  it('refresh makes the current state the starting point (odw’s own apply)', async () => {
    const { h, guard } = await guarded();
    await h.repo.write('src/a.ts', 'applied\n');
    await h.repo.git(['branch', 'odw/feature']);
    await guard.refresh({ applied: true });
    expect(await guard.beforeApply(['src/a.ts'])).toEqual({ ok: true, changed: [], warnings: [] });
    await h.repo.git(['branch', 'later']);
    const found = await guard.checkGitDir();
    expect(found.ok).toBe(false);
    if (!found.ok) expect(found.message).toContain('The change odw had applied before this was found stays in your tree.');
  });
});
