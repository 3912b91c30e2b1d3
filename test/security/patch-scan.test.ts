/** Reading git's own patches (as odw captures them) for added lines, modes and symlink targets. */
import { symlink, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapesRepo, parsePatch, symlinkTarget } from '../../src/git/patch-scan.js';
import { DIFF_FLAGS } from '../../src/git/capture.js';
import { gitdir } from '../helpers/gitdir.js';

describe('parsePatch on a real git diff', () => {
  it('finds each file after renames and quoting, its added lines, and symlink targets (new, changed, typechanged)', async () => {
    const repo = await gitdir({ files: { 'old.txt': 'one\ntwo\nthree\nfour\nfive\n', 'plain.txt': 'x\n', 'src/keep.js': '// keep\n' } });
    await symlink('keep.js', join(repo.dir, 'src/link.js'));
    await repo.git(['add', '-A']);
    await repo.git(['commit', '-qm', 'links']);
    await repo.git(['mv', 'old.txt', 'new.txt']);
    await writeFile(join(repo.dir, 'new.txt'), 'one\ntwo\nthree\nfour\nfive\n+plus line\n');
    await writeFile(join(repo.dir, 'tab\there é.txt'), 'token here\n');
    await rm(join(repo.dir, 'src/link.js'));
    await symlink('../../../etc/passwd', join(repo.dir, 'src/link.js'));
    await rm(join(repo.dir, 'plain.txt'));
    await symlink('/etc/passwd', join(repo.dir, 'plain.txt'));
    await symlink('../outside', join(repo.dir, 'up'));
    await repo.git(['add', '-A']);
    const files = parsePatch(await repo.git(['diff', '--cached', '-M', '--binary', ...DIFF_FLAGS, 'HEAD']));
    const byPath = Object.fromEntries(files.filter((f) => !f.deleted).map((f) => [f.path, f]));
    expect(byPath['new.txt'].added).toEqual(['+plus line']);
    expect(byPath['tab\there é.txt'].added).toEqual(['token here']);
    expect(symlinkTarget(byPath['src/link.js'])).toBe('../../../etc/passwd');
    expect(symlinkTarget(byPath['plain.txt'])).toBe('/etc/passwd');
    expect(symlinkTarget(byPath.up)).toBe('../outside');
    expect(symlinkTarget(byPath['new.txt'])).toBeUndefined();
    expect(files.filter((f) => f.deleted).map((f) => f.path)).toEqual(['plain.txt']);
  });
});

describe('escapesRepo', () => {
  it('absolute targets and .. past the root escape; targets inside do not', () => {
    expect(escapesRepo('src/passwd', '/etc/passwd')).toBe(true);
    expect(escapesRepo('src/up', '../../outside')).toBe(true);
    expect(escapesRepo('up', '..')).toBe(true);
    expect(escapesRepo('a/b/c', '../../../x')).toBe(true);
    expect(escapesRepo('a/b/c', '../../x')).toBe(false);
    expect(escapesRepo('src/alias.js', 'a.js')).toBe(false);
    expect(escapesRepo('docs/readme', '../README.md')).toBe(false);
    expect(escapesRepo('docs/self', '.')).toBe(false);
  });
});
