/**
 * Interrupted applies: a journal left in state 'applying' by a process that is gone (odw killed,
 * the machine rebooted) is rolled back — every path back to its saved bytes, mode, link or
 * absence, created folders removed; with `apply.commit`, HEAD back on the original branch, the
 * candidate's index entries reset and the new branch deleted. Call it holding the apply lock.
 */
import { readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RecoveredApply } from '../ports/git.js';
import { pidAlive } from '../util/fs.js';
import { type RunGit } from './exec.js';
import { restoreAll } from './files.js';
import { journalDir, journalStates, readJournal, removeJournal, type Journal } from './journal.js';
import { count, list, oneLine } from './text.js';

export async function recoverInterrupted(git: RunGit, repo: string): Promise<RecoveredApply[]> {
  const runs = join(repo, '.odw', 'runs');
  const entries = await readdir(runs, { withFileTypes: true }).catch(() => []);
  const done: RecoveredApply[] = [];
  for (const name of entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    const dir = journalDir(join(runs, name));
    const journal = await readJournal(dir);
    if (!journal) {
      // A journal that never got its journal.json was cut off before the tree was touched.
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      continue;
    }
    if (journal.host !== hostname() || (journal.pid !== process.pid && pidAlive(journal.pid))) continue;
    if (journal.state !== 'applying') {
      await removeJournal(dir);
      continue;
    }
    done.push(await rollBack(git, repo, dir, journal));
  }
  return done;
}

async function rollBack(git: RunGit, repo: string, dir: string, journal: Journal): Promise<RecoveredApply> {
  const paths = journal.files.map((f) => f.path);
  const index = journal.commit ? await undoCommit(git, repo, journal, paths) : undefined;
  const failed = await restoreAll(repo, await journalStates(dir, journal));
  if (!failed.length) await removeJournal(dir);
  if (index) failed.push({ path: '(index)', message: index });
  const message = failed.length
    ? `odw found an interrupted apply of run ${journal.runId} and could not put back ${count(failed.map((f) => f.path))}: ` +
      `${list(failed.map((f) => `${f.path} (${f.message})`))}. The saved originals are in ${dir}; check the files with \`git status\`.`
    : `odw found an interrupted apply of run ${journal.runId} and put back the ${count(paths)} it had started to change`;
  return { runId: journal.runId, files: paths, failed: failed.map((f) => f.path), message };
}

/**
 * HEAD back where the user was (without touching the tree), index entries reset, the new branch
 * gone. Returns what could not be done to the index (e.g. a killed git left .git/index.lock).
 */
async function undoCommit(git: RunGit, repo: string, journal: Journal, paths: string[]): Promise<string | undefined> {
  const { branch, original, head } = journal.commit!;
  const call = { cwd: repo, allowFail: true };
  const current = (await git(['symbolic-ref', '--quiet', 'HEAD'], call)).stdout.trim();
  if (current === `refs/heads/${branch}`) {
    if (original) await git(['symbolic-ref', 'HEAD', original], call);
    else await git(['update-ref', '--no-deref', 'HEAD', head], call);
  }
  const reset = await git(['--literal-pathspecs', 'reset', '--quiet', '--pathspec-from-file=-', '--pathspec-file-nul'], {
    ...call,
    input: paths.join('\0') + '\0',
  });
  if (`refs/heads/${branch}` !== original) await git(['branch', '-D', branch], call);
  if (reset.exitCode === 0) return undefined;
  return `git could not reset the index entries of those files (${oneLine(reset.stderr)}); if no git command is running, remove .git/index.lock and run \`git reset -- <file>…\``;
}
