/**
 * Private repositories. Each run folder holds odw's own git dir, `<runFolder>/.odw-git` (bare,
 * empty template, borrowing the user's objects through `objects/info/alternates`), and one odw
 * index per workspace under it. Each workspace `<runFolder>/<name>` is a repository of its own
 * (its own config, hooks, refs, HEAD detached at the base) that the agent may change freely: odw's
 * own git calls in a workspace never read it, they run with `GIT_DIR`/`GIT_WORK_TREE`/
 * `GIT_INDEX_FILE` pointing at odw's files. Nothing is registered in the user's `.git`.
 */
import { appendFile, copyFile, mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { GitRun } from '../ports/git.js';
import type { ProcessRunner } from '../ports/process.js';
import { type RunGit, splitZ } from './exec.js';
import { claimRunFolder } from './owner.js';
import { runFolder } from './paths.js';
import { tempPath } from '../util/fs.js';
import { pin, restoreSettings } from './pinned.js';

const ODW_GIT = '.odw-git';

/** The user's settings that decide how files are read and written, copied into odw's git dir. */
const COPIED_CONFIG =
  /^(core\.(autocrlf|eol|safecrlf|symlinks|filemode|ignorecase|precomposeunicode|checkroundtripencoding|excludesfile|attributesfile)|filter\..+\.(clean|smudge|process|required))$/;

/**
 * Environment of odw's git calls in a workspace: never the workspace's own `.git`. odw's git dir
 * is checked first: its settings files are put back as odw wrote them if anything changed them.
 */
export async function workspaceEnv(path: string, index = workspaceIndex(path)): Promise<Record<string, string>> {
  const gitDir = join(dirname(path), ODW_GIT);
  await restoreSettings(gitDir);
  return { GIT_DIR: gitDir, GIT_WORK_TREE: path, GIT_INDEX_FILE: index };
}

/** odw's index of a workspace (outside the workspace, so the agent cannot change it through `.git`). */
export function workspaceIndex(path: string): string {
  return join(dirname(path), ODW_GIT, 'indexes', basename(path));
}

/** Absolute path of the user's object directory (the common dir's `objects`). */
async function userObjects(git: RunGit, repo: string): Promise<{ common: string; objects: string }> {
  const r = await git(['rev-parse', '--git-common-dir'], { cwd: repo });
  const dir = r.stdout.trim();
  const common = isAbsolute(dir) ? dir : resolve(repo, dir);
  return { common, objects: join(common, 'objects') };
}

const ready = new Map<string, Promise<string>>();
/** The user's settings copied into each odw git dir, given to each workspace's own config too. */
const settings = new Map<string, [string, string][]>();

async function addConfig(git: RunGit, file: string, entries: [string, string][]): Promise<void> {
  for (const [key, value] of entries) await git(['config', '--file', file, '--add', key, value], { cwd: dirname(file) });
}

/** odw's git dir of a run folder, created once (and the folder claimed): returns its path. */
export function ensureOdwGit(git: RunGit, run: Pick<GitRun, 'repo' | 'runId' | 'workspace'>): Promise<string> {
  const folder = runFolder(run.repo, run.runId, run.workspace);
  const dir = join(folder, ODW_GIT);
  let made = ready.get(dir);
  if (!made) {
    made = createOdwGit(git, run.repo, folder, dir);
    ready.set(dir, made);
    made.catch(() => ready.delete(dir));
  }
  return made.then(async (d) => {
    // A run folder removed since (removeAll) is made again.
    if (await exists(join(d, 'HEAD'))) return d;
    ready.delete(dir);
    return ensureOdwGit(git, run);
  });
}

async function createOdwGit(git: RunGit, repo: string, folder: string, dir: string): Promise<string> {
  await claimRunFolder(folder, basename(folder), repo);
  if (await exists(join(dir, 'HEAD'))) return dir;
  const { common, objects } = await userObjects(git, repo);
  // A temporary git dir of its own: another process making the same run's git dir never shares it.
  const tmp = tempPath(dir);
  await git(['init', '--bare', '--quiet', '--template=', tmp], { cwd: folder });
  await mkdir(join(tmp, 'objects', 'info'), { recursive: true });
  await writeFile(join(tmp, 'objects', 'info', 'alternates'), `${objects}\n`);
  await mkdir(join(tmp, 'info'), { recursive: true });
  await mkdir(join(tmp, 'indexes'), { recursive: true });
  // The user's ignore and attribute files as they were when the run started.
  for (const file of ['exclude', 'attributes']) await copyFile(join(common, 'info', file), join(tmp, 'info', file)).catch(() => undefined);
  // `.GIT/config` is `.git/config` on a case-insensitive file system: never captured (git refuses
  // to stage such a path, which would fail the capture).
  await appendFile(join(tmp, 'info', 'exclude'), '\n# odw: .git in any letter case\n.[gG][iI][tT]\n');
  const listed = await git(['config', '--local', '--null', '--list'], { cwd: repo, allowFail: true, full: true });
  const copied: [string, string][] = [];
  for (const entry of splitZ(listed.stdout)) {
    const nl = entry.indexOf('\n');
    const key = nl < 0 ? entry : entry.slice(0, nl);
    if (COPIED_CONFIG.test(key)) copied.push([key, nl < 0 ? 'true' : entry.slice(nl + 1)]);
  }
  // git-lfs keeps its objects beside the user's objects: smudge and clean find them there.
  if (await exists(join(common, 'lfs'))) copied.push(['lfs.storage', join(common, 'lfs')]);
  await addConfig(git, join(tmp, 'config'), copied);
  try {
    await rename(tmp, dir);
  } catch (e) {
    // Another process made it first (a non-empty folder is not replaced): use that one.
    await rm(tmp, { recursive: true, force: true });
    if (!(await exists(join(dir, 'HEAD')))) throw e;
    settings.set(dir, copied);
    return dir;
  }
  settings.set(dir, copied);
  await pin(dir);
  return dir;
}

/**
 * Makes `path` a private repository at `base`: `git init` with an empty template, objects borrowed
 * from the user's repository and from odw's git dir, HEAD detached at the base; then odw checks the
 * files out with its own index, and gives the workspace a copy of that index.
 */
export async function initWorkspace(git: RunGit, run: GitRun, odwGit: string, path: string, base: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
  await rm(workspaceIndex(path), { force: true });
  await initOwnGit(git, odwGit, path, base, run.signal);
  // The expensive part (writing the files); runs in parallel for a batch.
  await git(['read-tree', '--reset', '-u', base], { cwd: path, env: await workspaceEnv(path), signal: run.signal });
  await handOver(path);
}

/**
 * The workspace's own `.git`, made new: `git init` with an empty template, objects borrowed from the
 * user's repository and odw's git dir, HEAD detached at `base`, the user's file settings. Whatever
 * was in a previous `.git` there (config, hooks, refs an agent wrote) is gone.
 */
export async function initOwnGit(git: RunGit, odwGit: string, path: string, base: string, signal?: AbortSignal): Promise<void> {
  const own = join(path, '.git');
  await rm(own, { recursive: true, force: true });
  await git(['init', '--quiet', '--template=', path], { cwd: dirname(path), signal });
  const borrowed = (await readFile(join(odwGit, 'objects', 'info', 'alternates'), 'utf8')).trim();
  await mkdir(join(own, 'objects', 'info'), { recursive: true });
  await writeFile(join(own, 'objects', 'info', 'alternates'), `${borrowed}\n${join(odwGit, 'objects')}\n`);
  await writeFile(join(own, 'HEAD'), `${base}\n`);
  // The agent's own git handles files as odw's does (line endings, filters, git-lfs storage).
  await addConfig(git, join(own, 'config'), settings.get(odwGit) ?? []);
}

/** The workspace's own index becomes a copy of odw's (same stat data and timestamp). */
export async function handOver(path: string): Promise<void> {
  const from = workspaceIndex(path);
  const to = join(path, '.git', 'index');
  await rm(to, { force: true });
  await copyFile(from, to);
  const { atime, mtime } = await stat(from);
  await utimes(to, atime, mtime);
}

/** Removes a workspace and odw's index of it. */
export async function removeWorkspace(process: ProcessRunner, path: string): Promise<void> {
  await rm(workspaceIndex(path), { force: true });
  await removeTree(process, path);
}

/**
 * Deletes a folder and everything in it, never following a symlink: `rm -rf` (much faster than
 * node's recursive rm for a checkout of thousands of files), node's rm where there is none.
 */
export async function removeTree(process: ProcessRunner, path: string): Promise<void> {
  const r = await process.run({ command: 'rm', args: ['-rf', '--', path], cwd: dirname(path) }).catch(() => undefined);
  await rm(path, { recursive: true, force: true });
  if (r && r.exitCode !== 0 && (await exists(path))) throw new Error(`could not remove ${path}: ${r.stderr.trim()}`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
