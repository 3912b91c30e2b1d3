/**
 * The repository guard: without a sandbox an agent can write anywhere by absolute path, the
 * user's repository included. At run start odw records the user's git control files, refs and
 * working tree; after every agent stage it compares the git dir and puts back any change; right
 * before apply it also compares the working tree: a changed file the change touches refuses the
 * apply, other changed files become warnings. odw never knows who made a change, so it never says.
 */
import { relative } from 'node:path';
import type { ApplyGuardResult, GitDirChange, GitDirCheck, RepoGuard, RepoGuardOptions } from '../ports/git.js';
import type { RunGit } from './exec.js';
import { describeChanges, refHints } from './gitdir-describe.js';
import { restoreFiles, restoreRefs, type Unrestored } from './gitdir-restore.js';
import { GitError } from '../ports/git.js';
import {
  SAFE,
  diffFiles,
  diffRefs,
  gitDirs,
  readGitDirFiles,
  readRefs,
  readSettingsFiles,
  settingsKeys,
  type GitDirFiles,
  type GitDirs,
} from './gitdir-state.js';
import { appliedSince, lastApplied } from './applied-log.js';
import { changedPaths, touches, treePrint } from './tree-print.js';

const listed = (paths: string[]) => (paths.length > 10 ? `${paths.slice(0, 10).join(', ')} and ${paths.length - 10} more` : paths.join(', '));
const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/**
 * Called before each of odw's git calls that reads the user's repository settings: refuses the
 * call (throws) when those settings are not the guard's starting point.
 */
export type SettingsCheck = () => Promise<void>;

export interface GuardHooks {
  /**
   * Receives the check the git layer runs before every git call of odw's in the user's repository
   * (createGit): a filter driver planted in `.git/config` by an agent working in the repository (a
   * planner) or writing into it by absolute path must not run on odw's next `git status`, before
   * the guard's check at the end of the stage puts the config back.
   */
  onSettingsCheck?: (check: SettingsCheck) => void;
  /**
   * The global and system config files changed since the last call (config-snapshot.ts): odw's
   * git does not read them, but the user's next git command would; each check reports them.
   */
  configChanges?: () => Promise<string[]>;
}

export async function createRepoGuard(git: RunGit, repo: string, options: RepoGuardOptions = {}, hooks: GuardHooks = {}): Promise<RepoGuard | undefined> {
  const head = await git([...SAFE, 'rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: repo, allowFail: true });
  if (head.exitCode !== 0) return undefined;
  const dirs = await gitDirs(git, repo);
  const shown = relative(repo, dirs.commonDir).startsWith('..') ? dirs.commonDir : relative(repo, dirs.commonDir) || '.';
  const exclude = options.exclude ?? [];
  let saved = await readGitDirFiles(dirs);
  let refs = await readRefs(git, repo);
  let print = await treePrint(git, repo, exclude);
  let applied = false;
  /** Since when other runs' applies are taken as the starting point (see adoptOtherRuns). */
  let since = Date.now();
  let warnings: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  hooks.onSettingsCheck?.(async () => {
    const keys = settingsKeys(dirs);
    const start: GitDirFiles = { files: new Map([...saved.files].filter(([k]) => keys.includes(k))), dirs: new Set() };
    const changed = diffFiles(start, await readSettingsFiles(dirs));
    if (changed.length)
      throw new GitError(
        'git_dir_tampered',
        settingsMessage(
          changed.map((c) => c.path),
          shown,
        ),
      );
  });
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const check = async (): Promise<GitDirCheck> => {
    since = adoptOtherRuns(repo, dirs, saved, refs, since, options.runId);
    const found = await compareAndRestore(git, repo, dirs, saved, refs);
    const outside = (await hooks.configChanges?.()) ?? [];
    const outsideChanges: GitDirChange[] = outside.map((path) => ({ area: 'config', path, change: 'changed' }));
    if (!found.changes.length) {
      // Nothing changed: what was just read is what is there now (one git process fewer per check).
      saved = found.after;
      refs = found.refsAfter ?? refs;
      if (!outside.length) return { ok: true };
      return { ok: false, changes: outsideChanges, message: outsideMessage(outside, applied), unrestored: [] };
    }
    // The next comparison starts from what is there now: the restored state (or what could not be restored).
    saved = await readGitDirFiles(dirs);
    refs = await readRefs(git, repo).catch(() => refs);
    const what = describeChanges(found.changes, found.before, found.after, shown);
    const message = [tamperedMessage(what, found.changes, found.unrestored, applied), ...(outside.length ? [outsideMessage(outside, applied)] : [])].join(' ');
    return { ok: false, changes: [...found.changes, ...outsideChanges], message, unrestored: found.unrestored.map((u) => u.path) };
  };

  return {
    get warnings() {
      return warnings;
    },
    checkGitDir: () => serial(check),
    beforeApply: (touched) =>
      serial(async (): Promise<ApplyGuardResult> => {
        warnings = [];
        const gitDir = await check();
        if (!gitDir.ok) return { ok: false, category: 'git_dir_tampered', message: gitDir.message, files: [], changes: gitDir.changes };
        const changed = changedPaths(print, await treePrint(git, repo, exclude));
        const inside = changed.filter((p) => touches(touched, p));
        if (inside.length)
          return { ok: false, category: 'changed_during_run', message: byOtherRun(repo, inside, options.runId) ?? changedMessage(inside), files: inside };
        if (changed.length) warnings = [`${files(changed.length)} outside the change changed during the run: ${listed(changed)}`];
        return { ok: true, changed, warnings };
      }),
    refresh: (opts = {}) =>
      serial(async () => {
        if (opts.applied) applied = true;
        since = Date.now();
        saved = await readGitDirFiles(dirs);
        refs = await readRefs(git, repo);
        print = await treePrint(git, repo, exclude);
      }),
  };
}

/**
 * A concurrent odw run that applied with a commit (a new branch, HEAD on it) wrote to this git
 * folder on purpose: its refs and HEAD become part of the starting point, so they are neither
 * reported nor put back. Returns the time to read from next.
 */
function adoptOtherRuns(repo: string, dirs: GitDirs, saved: GitDirFiles, refs: Map<string, string>, since: number, runId?: string): number {
  const now = Date.now();
  for (const w of appliedSince(repo, since, runId)) {
    for (const [ref, sha] of Object.entries(w.refs ?? {})) refs.set(ref, sha);
    if (!w.head) continue;
    const own = relative(dirs.commonDir, w.head.gitDir);
    const key = own ? `${own}/HEAD` : 'HEAD';
    const old = saved.files.get(key);
    const mode = old?.kind === 'file' ? old.mode : 0o644;
    saved.files.set(key, { kind: 'file', mode, data: Buffer.from(`ref: ${w.head.ref}\n`) });
  }
  return now;
}

interface Found {
  changes: GitDirChange[];
  unrestored: Unrestored[];
  before: GitDirFiles;
  after: GitDirFiles;
  /** The refs as read for the comparison (absent when they could not be read). */
  refsAfter?: Map<string, string>;
}

/** Files first (a broken or hostile config is put back before git reads refs), then refs. */
async function compareAndRestore(git: RunGit, repo: string, dirs: GitDirs, saved: GitDirFiles, refs: Map<string, string>): Promise<Found> {
  const after = await readGitDirFiles(dirs);
  const fileChanges = diffFiles(saved, after);
  const unrestored = fileChanges.length ? await restoreFiles(dirs.commonDir, saved, fileChanges) : [];
  let refChanges: GitDirChange[] = [];
  let refsAfter: Map<string, string> | undefined;
  try {
    refsAfter = await readRefs(git, repo);
    refChanges = diffRefs(refs, refsAfter);
    unrestored.push(...(await restoreRefs(git, repo, refChanges)));
  } catch (e) {
    unrestored.push({ path: 'refs', message: `odw could not read them: ${(e as Error).message.split('\n')[0]}` });
  }
  return { changes: [...fileChanges, ...refChanges], unrestored, before: saved, after, ...(refsAfter ? { refsAfter } : {}) };
}

function tamperedMessage(what: string[], changes: GitDirChange[], unrestored: Unrestored[], applied: boolean): string {
  const lines = [`your repository's git folder changed while the run was going: ${what.join('; ')}.`];
  if (!unrestored.length) lines.push('odw put it back as it was when the run started.');
  else
    lines.push(
      `odw put back everything except ${unrestored.map((u) => `${u.path} (${u.message})`).join(', ')}: check those by hand before you use git in this repository.`,
    );
  lines.push(applied ? 'The change odw had applied before this was found stays in your tree.' : 'Nothing was applied.');
  lines.push('odw cannot tell who made the change: an agent writing outside its workspace, or another program on this machine.');
  const hints = refHints(changes);
  if (hints.length) lines.push(`If a ref change was yours, make it again: ${hints.join('; ')}.`);
  return lines.join(' ');
}

/**
 * Files changed during the run that another odw run applied while this one worked (it held the
 * apply lock first): say so, instead of "odw cannot tell who".
 */
function byOtherRun(repo: string, paths: string[], runId?: string): string | undefined {
  const last = lastApplied(repo);
  if (!runId || !last || last.runId === runId || !paths.every((p) => last.files.includes(p))) return undefined;
  return [
    `odw applied nothing: ${files(paths.length)} the change touches ${paths.length === 1 ? 'was' : 'were'} changed by run ${last.runId},`,
    `which applied its own change while this run was going: ${listed(paths)}. Run the pipeline again so that its change is built on top of that one.`,
  ].join(' ');
}

function outsideMessage(files: string[], applied: boolean): string {
  return [
    `Your git configuration outside the repository changed while the run was going: ${files.join(', ')}.`,
    "odw's git did not read the change (it reads that configuration as it was when odw started), but your next git command, and the next odw run, will:",
    'look at it (git config --list --show-origin) before you run git again.',
    applied ? 'The change odw had applied before this was found stays in your tree.' : 'Nothing was applied.',
    'odw cannot tell who made the change: an agent writing outside its workspace, or another program on this machine.',
  ].join(' ');
}

function settingsMessage(paths: string[], shown: string): string {
  return [
    `your repository's git settings changed while the run was going (${paths.map((p) => `${shown === '.' ? '' : `${shown}/`}${p}`).join(', ')}):`,
    'odw runs no git command in your repository with settings it did not start with (a filter driver named there would run).',
    'odw cannot tell who made the change: an agent writing outside its workspace, or another program on this machine.',
  ].join(' ');
}

function changedMessage(paths: string[]): string {
  return [
    `odw applied nothing: ${files(paths.length)} the change touches changed in your working tree while the run was going —`,
    `by you, another program, or an agent writing outside its workspace; odw cannot tell which: ${listed(paths)}.`,
    `Look at ${paths.length === 1 ? 'it' : 'them'} (git diff -- ${paths.slice(0, 10).join(' ')}), then run again.`,
  ].join(' ');
}
