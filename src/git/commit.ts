/**
 * Committing an applied change when the user asked for it: a new branch at HEAD holding one commit
 * with exactly the candidate's files; the user is left on that branch. On failure the branch is
 * deleted, the user is back where they were and the index entries are reset.
 */
import type { ApplyRefusal } from '../ports/git.js';
import { type RunGit } from './exec.js';
import { oneLine } from './text.js';

export async function checkBranch(git: RunGit, repo: string, branch: string): Promise<{ ok: false; category: ApplyRefusal; message: string } | undefined> {
  const valid = await git(['check-ref-format', '--branch', branch], { cwd: repo, allowFail: true });
  if (valid.exitCode !== 0 || branch.startsWith('-')) {
    return { ok: false, category: 'invalid_branch', message: `odw did not apply the change: "${branch}" is not a valid branch name. Choose another name.` };
  }
  const exists = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: repo, allowFail: true });
  if (exists.exitCode === 0) {
    return {
      ok: false,
      category: 'branch_exists',
      message: `odw did not apply the change: branch "${branch}" already exists. Choose another branch name, or delete it first (git branch -D ${branch}).`,
    };
  }
  return undefined;
}

export async function commitOnBranch(
  git: RunGit,
  repo: string,
  head: string,
  files: string[],
  commit: { branch: string; message: string },
  afterStep?: (done: number) => void,
): Promise<{ ok: true; sha: string } | { ok: false; message: string }> {
  const call = { cwd: repo, allowFail: true };
  const paths = { ...call, input: files.join('\0') + '\0' };
  const fromFile = ['--pathspec-from-file=-', '--pathspec-file-nul'];
  const original = (await git(['symbolic-ref', '--quiet', 'HEAD'], call)).stdout.trim();
  const steps: [string, string[], typeof call][] = [
    // --no-track: a user's branch.autoSetupMerge would write the new branch's upstream into
    // .git/config, which odw's next call there would take for a planted setting.
    ['create the branch', ['checkout', '--quiet', '--no-track', '-b', commit.branch], call],
    ['stage the change', ['--literal-pathspecs', 'add', '-A', ...fromFile], paths],
    ['commit', ['--literal-pathspecs', 'commit', '--quiet', '--no-verify', '-m', commit.message, '--only', ...fromFile], paths],
  ];
  let done = 0;
  for (const [what, args, c] of steps) {
    const r = await git(args, c).catch((e: Error) => ({ exitCode: -1, stderr: e.message }));
    if (r.exitCode !== 0) {
      await undo(git, repo, done, original || head, commit.branch, paths);
      return { ok: false, message: `odw could not ${what} on branch ${commit.branch} (${oneLine(r.stderr)})` };
    }
    done++;
    if (done === 1) afterStep?.(done);
  }
  const sha = (await git(['rev-parse', 'HEAD'], { cwd: repo })).stdout.trim();
  return { ok: true, sha };
}

/** Reverses the first `done` steps: index entries back to HEAD, back to the original branch, branch deleted. */
async function undo(git: RunGit, repo: string, done: number, original: string, branch: string, paths: { cwd: string; allowFail: boolean; input: string }) {
  const call = { cwd: repo, allowFail: true };
  if (done >= 2) await git(['--literal-pathspecs', 'reset', '--quiet', '--pathspec-from-file=-', '--pathspec-file-nul'], paths);
  if (done >= 1) {
    const back = original.startsWith('refs/heads/') ? original.slice('refs/heads/'.length) : original;
    await git(['checkout', '--quiet', ...(original.startsWith('refs/heads/') ? [] : ['--detach']), back], call);
    await git(['branch', '-D', branch], call);
  }
}
