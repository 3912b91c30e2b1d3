import { describe, expect, it } from 'vitest';
import { gitdir } from '../helpers/gitdir.js';

describe('gitdir test helper', () => {
  it('builds a committed repository with modes and raw bytes', async () => {
    const repo = await gitdir({ files: { 'a.sh': { content: 'x', mode: 0o755 }, 'b.bin': Buffer.from([0, 255]), 'dir/c.txt': 'c\n' } });
    try {
      expect(await repo.git(['ls-files', '-s', 'a.sh'])).toMatch(/^100755 /);
      expect(await repo.readBytes('b.bin')).toEqual(Buffer.from([0, 255]));
      expect(await repo.read('dir/c.txt')).toBe('c\n');
      expect(await repo.git(['status', '--porcelain'])).toBe('');
      await repo.write('dir/c.txt', 'changed\n');
      const head = await repo.commitAll('second');
      expect(await repo.git(['rev-parse', 'HEAD'])).toBe(head);
    } finally {
      await repo.cleanup();
    }
    expect(await repo.exists('.')).toBe(false);
  });

  it('can leave the files uncommitted', async () => {
    const repo = await gitdir({ files: { 'a.txt': 'a\n' }, commit: false });
    try {
      expect(await repo.git(['status', '--porcelain'])).toBe('?? a.txt');
    } finally {
      await repo.cleanup();
    }
  });
});
