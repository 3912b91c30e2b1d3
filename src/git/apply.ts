/**
 * Atomic, exclusive, crash-safe apply of an approved candidate to the user's working tree.
 * For a run: wait for the repository's apply lock (kept until the run ends), roll back interrupted
 * applies of dead runs, then check (HEAD, changed files, `git apply --check`), journal the
 * originals on disk, apply, and put every file back if anything fails. Optionally commit on a new
 * branch. See docs/git.md, "Atomic apply".
 */
import type { ApplyOptions, ApplyResult, Candidate } from '../ports/git.js';
import { type RunGit } from './exec.js';
import { readState, restoreAll, type PathState } from './files.js';
import { checkDirty, checkHead, refuse } from './apply-checks.js';
import { commitOnBranch, checkBranch } from './commit.js';
import { faultPoint } from './fault.js';
import { noteApplied, type AppliedEntry } from './applied-log.js';
import { journalDir, removeJournal, writeJournal } from './journal.js';
import { acquireLock } from './lock.js';
import { recoverInterrupted } from './recover.js';
import { readApprovedPatch } from './patch-digest.js';
import { count, list, oneLine } from './text.js';

/** The candidate is already in the tree when its patch (as approved) can be reversed cleanly there. */
export async function isApplied(git: RunGit, repo: string, candidate: Candidate): Promise<boolean> {
  if (!candidate.bytes) return false;
  const read = await readApprovedPatch(candidate);
  return read.ok && reversible(git, repo, read.patch);
}

async function reversible(git: RunGit, repo: string, patch: Buffer): Promise<boolean> {
  return (await git(['apply', '--reverse', '--check', '-'], { cwd: repo, input: patch, allowFail: true })).exitCode === 0;
}

export async function apply(git: RunGit, repo: string, candidate: Candidate, options: ApplyOptions = {}): Promise<ApplyResult> {
  const files = candidate.files;
  if (options.run) {
    await acquireLock(repo, options.run.id, {
      signal: options.signal,
      onWait: (owner) =>
        options.onNotice?.(`waiting for run ${owner.runId} to finish applying (process ${owner.pid} on ${owner.host}, since ${owner.since})`, 'waiting'),
    });
    for (const r of await recoverInterrupted(git, repo)) options.onNotice?.(r.message, 'recovered');
  }
  // From here on git reads the patch from these bytes, checked against the digest of the approved
  // candidate, never from the file, which could be rewritten between a check and the write.
  const read = await readApprovedPatch(candidate);
  if (!read.ok) return refuse('patch_tampered', files, read.message);
  const patch = read.patch;
  // A resumed run may have applied the candidate just before it was killed: never apply twice.
  if (options.run && options.resumed && candidate.bytes && (await reversible(git, repo, patch))) return { ok: true, files, alreadyApplied: true };
  const prechecked = await options.precheck?.();
  if (prechecked) return { ok: false, ...prechecked };
  if (options.commit) {
    const refused = await checkBranch(git, repo, options.commit.branch);
    if (refused) return { ...refused, files };
  }
  const head = (await git(['rev-parse', '--verify', 'HEAD'], { cwd: repo })).stdout.trim();
  const refused = (await checkHead(git, repo, candidate, head)) ?? (await checkDirty(git, repo, candidate, options.run?.id));
  if (refused) return refused;

  const check = await git(['apply', '--check', '-'], { cwd: repo, input: patch, allowFail: true });
  if (check.exitCode !== 0) {
    return refuse(
      'patch_apply_failed',
      files,
      `odw did not apply the change: git cannot apply it to your tree (${oneLine(check.stderr)}). Your files are unchanged.`,
    );
  }

  const saved = new Map<string, PathState>();
  for (const file of files) saved.set(file, await readState(repo, file));
  const journal = options.run ? journalDir(options.run.dir) : undefined;
  faultPoint('before-journal');
  if (journal) {
    const original = options.commit ? (await git(['symbolic-ref', '--quiet', 'HEAD'], { cwd: repo, allowFail: true })).stdout.trim() : '';
    const commit = options.commit ? { branch: options.commit.branch, original, head } : undefined;
    await writeJournal(journal, { runId: options.run!.id, base: candidate.base, patch: candidate.patchFile, ...(commit ? { commit } : {}) }, saved);
  }
  faultPoint('after-journal');

  const applied = await git(['apply', '-'], { cwd: repo, input: patch, allowFail: true }).catch((e: Error) => ({ exitCode: -1, stderr: e.message }));
  faultPoint('after-git-apply');
  if (applied.exitCode !== 0) {
    return rollback(repo, saved, files, journal, `git could not apply the change (${oneLine(applied.stderr)})`);
  }

  let commit: { branch: string; sha: string } | undefined;
  let wrote: Pick<AppliedEntry, 'refs' | 'head'> = {};
  if (options.commit) {
    const ref = `refs/heads/${options.commit.branch}`;
    const gitDir = (await git(['rev-parse', '--absolute-git-dir'], { cwd: repo })).stdout.trim();
    const committed = await commitOnBranch(git, repo, head, files, options.commit, () => faultPoint('after-branch'));
    if (!committed.ok) return rollback(repo, saved, files, journal, committed.message, 'commit_failed');
    commit = { branch: options.commit.branch, sha: committed.sha };
    // What the commit wrote to the git folder: other runs' repository guards take it as odw's own.
    wrote = { refs: { [ref]: committed.sha }, head: { ref, gitDir } };
  }
  // Noted at once, so that another run's guard never sees this commit unexplained.
  if (options.run) noteApplied(repo, { runId: options.run.id, at: Date.now(), files, ...wrote });
  if (commit) faultPoint('after-commit');
  if (journal) await removeJournal(journal);
  faultPoint('after-apply');
  return { ok: true, files, ...(commit ? { commit } : {}) };
}

async function rollback(
  repo: string,
  saved: Map<string, PathState>,
  files: string[],
  journal: string | undefined,
  why: string,
  category: 'patch_apply_failed' | 'commit_failed' = 'patch_apply_failed',
): Promise<ApplyResult> {
  const failed = await restoreAll(repo, saved);
  if (!failed.length) {
    if (journal) await removeJournal(journal);
    return refuse(category, files, `${why}; odw put back the ${count(files)} it had started to change, so your tree is as it was.`);
  }
  const broken = failed.map((f) => `${f.path} (${f.message})`);
  return refuse(
    category,
    failed.map((f) => f.path),
    `${why}; odw could not put back ${count(broken)}: ${list(broken)}. Check ${failed.length === 1 ? 'it' : 'them'} with \`git status\` ` +
      `and \`git checkout -- <file>\` before going on.` +
      (journal ? ` The original files are saved in ${journal}.` : ''),
  );
}
