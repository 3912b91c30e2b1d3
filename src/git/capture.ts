/**
 * Patch capture: everything a worktree changed against its base, byte-exact, written by git
 * straight to `<runDir>/patches/<name>.patch` (the bytes never pass through odw).
 */
import { copyFile, mkdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { GitError, type CaptureOptions, type ChangeStatus, type FileChange, type GitRun, type TaskPatch, type Worktree } from '../ports/git.js';
import { type RunGit, splitZ } from './exec.js';
import { workspaceEnv, workspaceIndex } from './private.js';
import { oneLine } from './text.js';

/** Paths never captured, whatever the task did, in any letter case (`.Odw/x`, `Node_Modules/`). */
const ALWAYS_EXCLUDED = [':(exclude,icase,literal).odw', ':(exclude,icase,glob)**/node_modules', ':(exclude,icase,glob)**/node_modules/**'];

export const DIFF_FLAGS = ['--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];

export async function capture(git: RunGit, run: GitRun, wt: Worktree, options: CaptureOptions = {}): Promise<TaskPatch> {
  const name = options.name ?? wt.name;
  const dir = join(run.runDir, 'patches');
  await mkdir(dir, { recursive: true });
  const patchFile = join(dir, `${name}.patch`);
  const filesFile = join(dir, `${name}.files.json`);
  // odw's git dir (checked first) and a copy of odw's index: nothing the task put in its own `.git` is read.
  const env = await workspaceEnv(wt.path);
  const index = await scratchIndex(wt.path);
  const call = { cwd: wt.path, env: { ...env, GIT_INDEX_FILE: index }, signal: run.signal };
  try {
    const specs = ['.', ...ALWAYS_EXCLUDED, ...wt.placed.map((p) => `:(exclude,literal)${p}`)];
    // No pathspecs here: an exclude that names an ignored path makes `git add` fail. The index is a
    // scratch copy, so excluded paths staged here are simply left out of the diff below.
    await git(['add', '-A'], call);
    const since = options.since ?? wt.base;
    const diff = (extra: string[]) => [
      git(['diff', '--cached', '-M', '--name-status', '-z', ...DIFF_FLAGS, since, '--', ...specs, ...extra], { ...call, full: true }),
      git(['diff', '--cached', '-M', '--binary', ...DIFF_FLAGS, `--output=${patchFile}`, since, '--', ...specs, ...extra], call),
    ];
    const [listed] = await Promise.all(diff([]));
    let changes = parseNameStatus(listed.stdout);
    let ignored = ignoredPaths(changes, run.workspace?.ignore ?? []);
    if (ignored.length) {
      const [again] = await Promise.all(diff(ignored.map((p) => `:(exclude,literal)${p}`)));
      changes = parseNameStatus(again.stdout);
    }
    if (options.ignored?.length) ignored = [...new Set([...ignored, ...options.ignored])].sort();
    const files = [...new Set(changes.flatMap((c) => (c.from ? [c.from, c.path] : [c.path])))].sort();
    const bytes = (await stat(patchFile)).size;
    const patch: TaskPatch = { task: wt.name, base: wt.base, patchFile, filesFile, files, changes, ignored, bytes };
    await writeFile(filesFile, JSON.stringify({ task: wt.name, base: wt.base, files, changes, ignored, bytes }, null, 2) + '\n');
    return patch;
  } finally {
    await rm(index, { force: true });
  }
}

/** Applies earlier patches to a worktree's files, in order (empty patches are skipped). */
export async function seed(git: RunGit, wt: Worktree, patches: TaskPatch[]): Promise<void> {
  for (const patch of patches) {
    if (!patch.bytes) continue;
    const r = await git(['apply', patch.patchFile], { cwd: wt.path, env: await workspaceEnv(wt.path), allowFail: true });
    if (r.exitCode !== 0) {
      throw new GitError('git_failed', `odw could not start ${wt.name} from the earlier patch of ${patch.task} (${patch.patchFile}): ${oneLine(r.stderr)}`);
    }
  }
}

/** The tree of the worktree's files as they are now (e.g. after seeding), for a later `capture` with `since`. */
export async function filesTree(git: RunGit, wt: Worktree): Promise<string> {
  const env = await workspaceEnv(wt.path);
  const index = await scratchIndex(wt.path);
  const call = { cwd: wt.path, env: { ...env, GIT_INDEX_FILE: index } };
  try {
    await git(['add', '-A'], call);
    return (await git(['write-tree'], call)).stdout.trim();
  } finally {
    await rm(index, { force: true });
  }
}

let captures = 0;

/**
 * A copy of odw's index of the workspace (made when odw checked it out, outside the workspace):
 * keeps its stat data (so `git add -A` only hashes what changed) and never depends on, or changes,
 * the workspace's own index, whatever the task did to it.
 */
async function scratchIndex(worktree: string): Promise<string> {
  const own = workspaceIndex(worktree);
  const scratch = `${own}.capture-${process.pid}-${++captures}`;
  try {
    await copyFile(own, scratch);
    // The copy keeps the index's own time: git trusts a file's stat data only if the file is older
    // than the index, and a fresh timestamp would hide same-size edits made just after checkout.
    const { atime, mtime } = await stat(own);
    await utimes(scratch, atime, mtime);
  } catch {
    await rm(scratch, { force: true });
  }
  return scratch;
}

const STATUS: Record<string, ChangeStatus> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type_changed' };

/** `git diff --name-status -z`: `X\0path\0`, or `R100\0from\0to\0` for renames and copies. */
export function parseNameStatus(out: string): FileChange[] {
  const parts = splitZ(out);
  const changes: FileChange[] = [];
  for (let i = 0; i < parts.length;) {
    const code = parts[i++][0];
    const status = STATUS[code] ?? 'modified';
    if (code === 'R' || code === 'C') {
      changes.push({ path: parts[i + 1], status, from: parts[i] });
      i += 2;
    } else changes.push({ path: parts[i++], status });
  }
  return changes;
}

function ignoredPaths(changes: FileChange[], globs: string[]): string[] {
  if (!globs.length) return [];
  const isIgnored = picomatch(globs, { dot: true });
  const paths = changes.flatMap((c) => (c.from ? [c.from, c.path] : [c.path]));
  return [...new Set(paths.filter((p) => isIgnored(p)))].sort();
}
