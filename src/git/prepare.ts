/** Prepares a new worktree from the pipeline's workspace settings: copy, link, then setup. */
import { cp, lstat, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import picomatch from 'picomatch';
import type { ProcessRunner } from '../ports/process.js';
import { GitError, type WorkspaceSettings } from '../ports/git.js';
import { tailLines } from '../util/tail.js';
import { type RunGit, splitZ } from './exec.js';
import { workspaceEnv } from './private.js';

export interface PrepareContext {
  process: ProcessRunner;
  git: RunGit;
  repo: string;
  workspace?: WorkspaceSettings;
  signal?: AbortSignal;
}

/** Copies, links and runs setup in `dir`; returns the paths odw placed there (never captured). */
export async function prepareWorktree(ctx: PrepareContext, dir: string, name: string): Promise<string[]> {
  const ws = ctx.workspace ?? {};
  const placed: string[] = [];
  for (const path of await expand(ctx.repo, ws.copy ?? [], 'copy')) {
    const to = join(dir, path);
    await rm(to, { recursive: true, force: true });
    await mkdir(dirname(to), { recursive: true });
    await cp(join(ctx.repo, path), to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    placed.push(path);
  }
  for (const path of await expand(ctx.repo, ws.link ?? [], 'link')) {
    const to = join(dir, path);
    await rm(to, { recursive: true, force: true });
    await mkdir(dirname(to), { recursive: true });
    await symlink(join(ctx.repo, path), to);
    placed.push(path);
  }
  if (ws.setup?.length) {
    for (const command of ws.setup) await runSetup(ctx, dir, name, command);
    placed.push(...(await changedBySetup(ctx, dir)));
  }
  return [...new Set(placed)].sort();
}

async function runSetup(ctx: PrepareContext, dir: string, name: string, command: string): Promise<void> {
  const result = await ctx.process.run({
    command,
    shell: true,
    cwd: dir,
    env: { ODW_TASK: name, ODW_REPO: ctx.repo, ODW_WORKTREE: dir },
    signal: ctx.signal,
  });
  if (result.cancelled) throw new GitError('cancelled', `cancelled: workspace setup \`${command}\``);
  if (result.exitCode === 0) return;
  const why = result.spawnError ?? (result.timedOut ? 'timed out' : result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`);
  const tail = tailLines(result.stderr || result.stdout, 20);
  throw new GitError(
    'workspace_setup_failed',
    `workspace setup command \`${command}\` ${why} in the worktree for ${name} (${dir})` +
      (tail ? `:\n${tail}` : '') +
      `\nFix the command under workspace.setup in the pipeline, or run it by hand in that folder to see why.`,
  );
}

/** Files the setup commands created or changed: treated like copied files. */
async function changedBySetup(ctx: PrepareContext, dir: string): Promise<string[]> {
  // Against odw's index of the workspace (still at the base): changed, deleted and new files.
  const r = await ctx.git(['ls-files', '-z', '--modified', '--deleted', '--others', '--exclude-standard'], {
    cwd: dir,
    env: await workspaceEnv(dir),
    full: true,
  });
  return splitZ(r.stdout);
}

/** Resolves copy/link entries (paths or globs) to existing relative paths in the user's tree. */
async function expand(repo: string, entries: string[], what: 'copy' | 'link'): Promise<string[]> {
  const out: string[] = [];
  for (const raw of entries) {
    const entry = raw.replace(/^\.\/+/, '').replace(/\/+$/, '');
    if (!entry || entry.startsWith('/') || entry.split('/').includes('..') || isGitDir(entry.split('/')[0])) {
      throw new GitError('workspace_prepare_failed', `workspace.${what}: "${raw}" must be a path inside the repository (no "..", no leading "/", not .git)`);
    }
    const scan = picomatch.scan(entry);
    if (!scan.isGlob) {
      if (await exists(join(repo, entry))) out.push(entry);
      continue;
    }
    const match = picomatch(entry, { dot: true });
    const intoModules = entry.includes('node_modules');
    for await (const path of walk(repo, scan.base, intoModules)) if (match(path)) out.push(path);
  }
  // A matched folder is copied whole; drop the paths inside it.
  const sorted = [...new Set(out)].sort();
  return sorted.filter((p) => !sorted.some((q) => p.startsWith(q + '/')));
}

async function* walk(repo: string, rel: string, intoModules: boolean): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(join(repo, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (isGitDir(e.name) || (e.name.toLowerCase() === 'node_modules' && !intoModules)) continue;
    yield path;
    if (e.isDirectory()) yield* walk(repo, path, intoModules);
  }
}

/** `.git` in any letter case: the same folder on case-insensitive file systems. */
function isGitDir(name: string): boolean {
  return name.toLowerCase() === '.git';
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
