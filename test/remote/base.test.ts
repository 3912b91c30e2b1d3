/** Shipping a run's base: one git bundle per commit, size-capped, LFS refused (a real repository; a map stands in for Redis). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/adapters/process.js';
import { createGit } from '../../src/git/index.js';
import { shipBase } from '../../src/remote/base.js';
import { gitdir, scratchDir } from '../helpers/gitdir.js';

function fakeRedis() {
  const keys = new Map<string, Buffer>();
  return {
    keys,
    exists: async (key: string) => (keys.has(key) ? 1 : 0),
    set: async (key: string, value: string | Buffer) => keys.set(key, Buffer.from(value)),
    expire: async () => 1,
  };
}

const git = createGit({ process: createProcessRunner() });

describe('shipping the base', () => {
  it('stores one bundle per commit, which clones to the base, and leaves the repository untouched', async () => {
    const repo = await gitdir({ files: { 'src/a.js': 'a\n', 'README.md': '# r\n' } });
    const base = await repo.git(['rev-parse', 'HEAD']);
    const refsBefore = await repo.git(['for-each-ref']);
    const redis = fakeRedis();
    expect(await shipBase(redis, git, repo.dir, base, 10 * 1024 * 1024)).toBe(`odw:bundle:${base}`);
    expect(redis.keys.get(`odw:bundle:${base}`)!.length).toBeGreaterThan(0);
    expect(await repo.git(['for-each-ref'])).toBe(refsBefore);

    const dir = scratchDir('odw-clone-');
    const { writeFile, readFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'b.bundle'), redis.keys.get(`odw:bundle:${base}`)!);
    await git.cloneBundle!(join(dir, 'b.bundle'), join(dir, 'clone'), base);
    expect(await readFile(join(dir, 'clone', 'src/a.js'), 'utf8')).toBe('a\n');

    // a second run from the same commit reuses it
    redis.keys.set(`odw:bundle:${base}`, Buffer.from('kept'));
    await shipBase(redis, git, repo.dir, base, 10 * 1024 * 1024);
    expect(redis.keys.get(`odw:bundle:${base}`)!.toString()).toBe('kept');
  });

  it('refuses a base over the cap, and a repository that needs Git LFS, with what to do', async () => {
    const repo = await gitdir({ files: { 'a.txt': 'x'.repeat(5000) } });
    const base = await repo.git(['rev-parse', 'HEAD']);
    await expect(shipBase(fakeRedis(), git, repo.dir, base, 100)).rejects.toMatchObject({
      category: 'base_too_large',
      message: expect.stringContaining('ODW_BUNDLE_MAX_MB'),
    });

    const lfs = await gitdir({ files: { 'assets/.gitattributes': '*.psd filter=lfs diff=lfs merge=lfs -text\n', 'a.txt': 'a\n' } });
    const lfsBase = await lfs.git(['rev-parse', 'HEAD']);
    const redis = fakeRedis();
    await expect(shipBase(redis, git, lfs.dir, lfsBase, 10 * 1024 * 1024)).rejects.toMatchObject({
      category: 'remote_refused',
      message: expect.stringContaining('Git LFS'),
    });
    expect(redis.keys.size).toBe(0);
  });
});
