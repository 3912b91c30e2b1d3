/**
 * The run's base on the wire: a git bundle of the base commit, stored in Redis under a key named by
 * the commit (one per base, whatever the run), with an expiry. Size-capped: a repository too large
 * to ship this way is refused with a message that says how to raise the cap.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from '../ports/git.js';
import type { RedisClient } from './connect.js';
import { bundleKey, RemoteError } from './protocol.js';

type BaseStore = Pick<RedisClient, 'exists' | 'set' | 'expire'>;

const WEEK = 7 * 24 * 3600;
const DEFAULT_MAX_MB = 200;

export function maxBundleBytes(env: NodeJS.ProcessEnv): number {
  const mb = Number(env.ODW_BUNDLE_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_MB) * 1024 * 1024;
}

/** Makes sure the base is in Redis (bundling it once); returns its key. */
export async function shipBase(store: BaseStore, git: Git, repo: string, base: string, maxBytes: number, signal?: AbortSignal): Promise<string> {
  const key = bundleKey(base);
  if (await store.exists(key)) {
    await store.expire(key, WEEK);
    return key;
  }
  if (!git.bundle) throw new Error('the git layer cannot make bundles');
  const dir = await mkdtemp(join(tmpdir(), 'odw-bundle-'));
  try {
    const file = join(dir, `${base}.bundle`);
    const { bytes, lfs } = await git.bundle(repo, base, file, signal);
    if (lfs) {
      throw new RemoteError(
        'remote_refused',
        `the repository uses Git LFS (a .gitattributes at ${base.slice(0, 12)} says filter=lfs); remote mode does not ship LFS objects (yet): run with --executor local`,
      );
    }
    if (bytes > maxBytes) {
      throw new RemoteError(
        'base_too_large',
        `the repository's history at ${base.slice(0, 12)} bundles to ${mb(bytes)} MB, over the ${mb(maxBytes)} MB odw ships to workers; ` +
          'raise ODW_BUNDLE_MAX_MB (Redis holds it in memory) or run with --executor local',
      );
    }
    await store.set(key, await readFile(file), 'EX', WEEK);
    return key;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
