/**
 * The files routing may read to follow a test's imports: the repository's copy (the base the
 * candidate was built on; what the tasks changed is read from their diffs). Only regular files
 * inside the repository, at most 256 KB.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { ReadFile } from './under-test.js';

const MAX_BYTES = 256 * 1024;

export function repoReader(repo: string): ReadFile {
  let root: string | undefined;
  return (path) => {
    if (isAbsolute(path) || path.split('/').includes('..')) return undefined;
    try {
      root ??= realpathSync(repo);
      const full = join(root, path);
      const st = lstatSync(full);
      if (!st.isFile() || st.size > MAX_BYTES) return undefined;
      const rel = relative(root, realpathSync(full));
      if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
      return readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}
