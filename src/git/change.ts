/**
 * An existing change as a candidate, for a review that no fanout fed: HEAD against a base revision
 * (from their merge base, as `git diff <base>...HEAD` shows it), or the user's uncommitted changes
 * against HEAD. Read-only for the user's repository: commits are compared as they are, and the
 * working tree is staged into a scratch index of odw's own git dir (new objects go there), so the
 * user's index, refs and objects are never written.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import type { ChangeResult, ChangeSource, GitRun } from '../ports/git.js';
import { DIFF_FLAGS, parseNameStatus } from './capture.js';
import { type GitCall, type RunGit } from './exec.js';
import { worktreeRoot } from './paths.js';
import { ensureOdwGit } from './private.js';
import { sha256 } from './patch-digest.js';

/** Full hash of the commit a revision names, or undefined when it names none. */
export async function resolveCommit(git: RunGit, repo: string, rev: string): Promise<string | undefined> {
  if (!rev.trim() || rev.startsWith('-')) return undefined;
  const r = await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: repo, allowFail: true });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

export async function existingChange(git: RunGit, run: GitRun, source: ChangeSource, name: string): Promise<ChangeResult> {
  const head = await resolveCommit(git, run.repo, 'HEAD');
  if (!head) return { ok: false, category: 'unknown_base', message: `${run.repo} has no commit yet: there is no HEAD to review` };
  const dir = join(run.runDir, 'patches');
  await mkdir(dir, { recursive: true });
  const patchFile = join(dir, `${name}.patch`);
  if ('base' in source) {
    const commit = await resolveCommit(git, run.repo, source.base);
    if (!commit) return { ok: false, category: 'unknown_base', message: `the base "${source.base}" names no commit in ${run.repo}` };
    const mb = await git(['merge-base', commit, head], { cwd: run.repo, allowFail: true, signal: run.signal });
    if (mb.exitCode !== 0) return { ok: false, category: 'unknown_base', message: `the base "${source.base}" and HEAD have no common history` };
    const base = mb.stdout.trim();
    const what = `HEAD (${head.slice(0, 12)}) changes no file against ${source.base} (merge base ${base.slice(0, 12)})`;
    return diff(git, { cwd: run.repo, signal: run.signal }, [base, head], { base, head, patchFile, what });
  }
  const odwGit = await ensureOdwGit(git, run);
  const scratch = await mkdtemp(join(tmpdir(), 'odw-change-'));
  try {
    const call = { cwd: run.repo, env: { GIT_DIR: odwGit, GIT_WORK_TREE: run.repo, GIT_INDEX_FILE: join(scratch, 'index') }, signal: run.signal };
    await git(['read-tree', head], call);
    // Everything in the tree that git would show: tracked changes and untracked files, with the
    // user's ignore files (odw's git dir holds a copy of .git/info/exclude).
    await git(['add', '-A'], call);
    return await diff(git, call, ['--cached', head], {
      base: head,
      head,
      patchFile,
      what: `the working tree has no uncommitted changes against HEAD (${head.slice(0, 12)})`,
      specs: excluded(run),
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Paths never reviewed as part of the working tree: odw's own folder and worktree root. */
function excluded(run: GitRun): string[] {
  const specs = [':(exclude,icase,literal).odw'];
  const root = relative(run.repo, worktreeRoot(run.repo, run.workspace));
  if (root && !root.startsWith('..') && !isAbsolute(root)) specs.push(`:(exclude,literal)${root}`);
  return specs;
}

async function diff(
  git: RunGit,
  call: GitCall,
  range: string[],
  c: { base: string; head: string; patchFile: string; what: string; specs?: string[] },
): Promise<ChangeResult> {
  const specs = ['--', '.', ...(c.specs ?? [])];
  const [listed] = await Promise.all([
    git(['diff', '-M', '--name-status', '-z', ...DIFF_FLAGS, ...range, ...specs], { ...call, full: true }),
    git(['diff', '-M', '--binary', ...DIFF_FLAGS, `--output=${c.patchFile}`, ...range, ...specs], call),
  ]);
  const changes = parseNameStatus(listed.stdout);
  const files = [...new Set(changes.flatMap((x) => (x.from ? [x.from, x.path] : [x.path])))].sort();
  const patch = await readFile(c.patchFile);
  const bytes = patch.length;
  if (!bytes) return { ok: false, category: 'nothing_to_review', message: `nothing to review: ${c.what}` };
  return { ok: true, candidate: { base: c.base, patchFile: c.patchFile, tasks: [], files, bytes, sha256: sha256(patch) }, head: c.head, changes };
}
