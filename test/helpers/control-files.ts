/** The user's git control files as a test compares them, byte for byte: config, hooks, info, refs, HEAD. */
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { GitDir } from './gitdir.js';

export interface ControlFiles {
  config: string;
  /** `hooks/…` and `info/…` paths → `mode:base64` (or `-> target` for a symlink). */
  files: Record<string, string>;
  head: string;
  /** `git for-each-ref` output. */
  refs: string;
}

export async function controlFiles(repo: GitDir, gitDir = join(repo.dir, '.git')): Promise<ControlFiles> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    const abs = join(gitDir, rel);
    if (!existsSync(abs) && !isLink(abs)) return;
    const info = lstatSync(abs);
    if (info.isSymbolicLink()) files[rel] = `-> ${readlinkSync(abs)}`;
    else if (info.isDirectory()) for (const name of readdirSync(abs).sort()) walk(`${rel}/${name}`);
    else files[rel] = `${(info.mode & 0o7777).toString(8)}:${readFileSync(abs).toString('base64')}`;
  };
  walk('hooks');
  walk('info');
  return {
    config: readFileSync(join(gitDir, 'config')).toString('base64'),
    files,
    head: readFileSync(join(gitDir, 'HEAD'), 'utf8'),
    refs: await repo.git(['for-each-ref']),
  };
}

function isLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}
