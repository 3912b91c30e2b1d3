/**
 * odw's git dir lives next to the workspaces, so an agent without the sandbox can write into it.
 * The files git reads settings from are remembered when odw creates it and put back before every
 * call odw makes with it: a filter driver planted there never runs.
 */
import { lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError } from '../ports/git.js';

/** The files of odw's git dir that git reads settings from, as odw wrote them. */
const PINNED_FILES = ['config', join('info', 'exclude'), join('info', 'attributes')];
const pinned = new Map<string, Map<string, Buffer | undefined>>();

/**
 * Puts odw's git dir's settings files back as odw wrote them, should anything (an agent writing
 * next to its workspace) have changed, replaced or linked them: a filter driver planted there
 * would otherwise run on odw's next `git add`. The `sandbox` setting prevents such writes.
 */
export async function restoreSettings(gitDir: string): Promise<void> {
  const files = pinned.get(gitDir);
  if (!files) return;
  // Never written through a link: not the git dir, not its info/ folder.
  if (!(await lstat(gitDir).catch(() => undefined))?.isDirectory()) {
    throw new GitError(
      'git_failed',
      `${gitDir}, odw's git dir for this run, was replaced or removed during the run: odw stops rather than use it. Run again; the runtime setting sandbox: true keeps agents out of it.`,
    );
  }
  const info = join(gitDir, 'info');
  if (!(await lstat(info).catch(() => undefined))?.isDirectory()) {
    await rm(info, { recursive: true, force: true });
    await mkdir(info);
  }
  for (const [rel, bytes] of files) {
    const file = join(gitDir, rel);
    const now = await readFileNoFollow(file);
    if (now && bytes && now.equals(bytes)) continue;
    if (!now && !bytes) continue;
    await rm(file, { recursive: true, force: true });
    if (bytes) await writeFile(file, bytes, { flag: 'wx' });
  }
}

async function readFileNoFollow(file: string): Promise<Buffer | undefined> {
  const info = await lstat(file).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isFile()) return Buffer.from('\0not a file\0');
  return readFile(file);
}

export async function pin(gitDir: string): Promise<void> {
  const files = new Map<string, Buffer | undefined>();
  for (const rel of PINNED_FILES) files.set(rel, await readFile(join(gitDir, rel)).catch(() => undefined));
  pinned.set(gitDir, files);
}
