/**
 * Atomic apply of an approved candidate to the user's working tree: refuse (changing nothing) when
 * the user touched the candidate's files or HEAD moved under them; otherwise save those files,
 * apply, and put every one of them back if anything fails. Optionally commit on a new branch.
 */
import type { ApplyOptions, ApplyResult, Candidate } from '../ports/git.js';
import { type RunGit, splitZ } from './exec.js';
import { readState, restoreAll, type PathState } from './files.js';
import { commitOnBranch, checkBranch } from './commit.js';
import { count, list, oneLine } from './text.js';

/** The candidate is already in the tree when it can be reversed cleanly there. */
export async function isApplied(git: RunGit, repo: string, candidate: Candidate): Promise<boolean> {
  if (!candidate.bytes) return false;
  const r = await git(['apply', '--reverse', '--check', candidate.patchFile], { cwd: repo, allowFail: true });
  return r.exitCode === 0;
}

export async function apply(git: RunGit, repo: string, candidate: Candidate, options: ApplyOptions = {}): Promise<ApplyResult> {
  const files = candidate.files;
  const call = { cwd: repo };
  if (options.commit) {
    const refused = await checkBranch(git, repo, options.commit.branch);
    if (refused) return { ...refused, files };
  }

  const head = (await git(['rev-parse', '--verify', 'HEAD'], call)).stdout.trim();
  if (head !== candidate.base) {
    const changed = await listFor(files, (chunk) =>
      git(['--literal-pathspecs', 'diff', '--name-only', '-z', '--no-renames', candidate.base, head, '--', ...chunk], { ...call, full: true }),
    );
    if (changed.length) {
      const [from, to] = [candidate.base.slice(0, 12), head.slice(0, 12)];
      return refuse('head_moved', changed,
        `odw did not apply the change: HEAD moved from ${from} to ${to} since the run started, and the new commits change ` +
          `${count(changed)} the change also touches: ${list(changed)}. Run the pipeline again from the new HEAD, ` +
          `or check out ${from} and apply again.`);
    }
  }

  const status = await listFor(files, (chunk) =>
    git(['--literal-pathspecs', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching', '--no-renames', '--', ...chunk], {
      ...call,
      full: true,
    }),
  );
  const dirty = [...new Set(status.map((e) => e.slice(3)))].sort();
  if (dirty.length) {
    return refuse('dirty_files', dirty,
      `odw did not apply the change: you changed ${count(dirty)} it touches since the run started: ${list(dirty)}. ` +
        `Commit, stash (git stash push --include-untracked -- <file>…) or undo your changes to ${dirty.length === 1 ? 'it' : 'them'}, then apply again.`);
  }

  const check = await git(['apply', '--check', candidate.patchFile], { ...call, allowFail: true });
  if (check.exitCode !== 0) {
    return refuse('patch_apply_failed', files,
      `odw did not apply the change: git cannot apply it to your tree (${oneLine(check.stderr)}). Your files are unchanged.`);
  }

  const saved = new Map<string, PathState>();
  for (const file of files) saved.set(file, await readState(repo, file));

  const applied = await git(['apply', candidate.patchFile], { ...call, allowFail: true }).catch((e: Error) => ({ exitCode: -1, stderr: e.message }));
  if (applied.exitCode !== 0) {
    return rollback(repo, saved, files, `git could not apply the change (${oneLine(applied.stderr)})`);
  }

  if (options.commit) {
    const committed = await commitOnBranch(git, repo, head, files, options.commit);
    if (!committed.ok) return rollback(repo, saved, files, committed.message, 'commit_failed');
    return { ok: true, files, commit: { branch: options.commit.branch, sha: committed.sha } };
  }
  return { ok: true, files };
}

async function rollback(
  repo: string,
  saved: Map<string, PathState>,
  files: string[],
  why: string,
  category: 'patch_apply_failed' | 'commit_failed' = 'patch_apply_failed',
): Promise<ApplyResult> {
  const failed = await restoreAll(repo, saved);
  if (!failed.length) {
    return refuse(category, files, `${why}; odw put back the ${count(files)} it had started to change, so your tree is as it was.`);
  }
  const broken = failed.map((f) => `${f.path} (${f.message})`);
  return refuse(category, failed.map((f) => f.path),
    `${why}; odw could not put back ${count(broken)}: ${list(broken)}. Check ${failed.length === 1 ? 'it' : 'them'} with \`git status\` ` +
      `and \`git checkout -- <file>\` before going on.`);
}

function refuse(category: Exclude<ApplyResult, { ok: true }>['category'], files: string[], message: string): ApplyResult {
  return { ok: false, category, message, files };
}

/** Runs a path-limited listing in chunks (command lines have a length limit) and joins the results. */
async function listFor(files: string[], run: (chunk: string[]) => Promise<{ stdout: string }>): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < files.length; i += PATHS_PER_CALL) out.push(...splitZ((await run(files.slice(i, i + PATHS_PER_CALL))).stdout));
  return out;
}

const PATHS_PER_CALL = 1000;
