/**
 * The checks apply makes before touching anything (holding the apply lock, so they see every
 * earlier run's finished apply): HEAD still at the base, or moved without touching the candidate's
 * files; none of those files changed in the tree. odw cannot know who changed a file, so the
 * refusal never says "you": it names the last odw run that applied to those files when one did.
 */
import type { ApplyResult, Candidate } from '../ports/git.js';
import { lastApplied } from './applied-log.js';
import { type RunGit, splitZ } from './exec.js';
import { count, list } from './text.js';

type Refusal = Extract<ApplyResult, { ok: false }>;

export async function checkHead(git: RunGit, repo: string, candidate: Candidate, head: string): Promise<Refusal | undefined> {
  if (head === candidate.base) return undefined;
  const changed = await listFor(candidate.files, (chunk) =>
    git(['--literal-pathspecs', 'diff', '--name-only', '-z', '--no-renames', candidate.base, head, '--', ...chunk], { cwd: repo, full: true }),
  );
  if (!changed.length) return undefined;
  const [from, to] = [candidate.base.slice(0, 12), head.slice(0, 12)];
  return refuse(
    'head_moved',
    changed,
    `odw did not apply the change: HEAD moved from ${from} to ${to} since the run started, and the new commits change ` +
      `${count(changed)} the change also touches: ${list(changed)}. Run the pipeline again from the new HEAD, ` +
      `or check out ${from} and apply again.`,
  );
}

export async function checkDirty(git: RunGit, repo: string, candidate: Candidate, runId?: string): Promise<Refusal | undefined> {
  const status = await listFor(candidate.files, (chunk) =>
    git(['--literal-pathspecs', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching', '--no-renames', '--', ...chunk], {
      cwd: repo,
      full: true,
    }),
  );
  const dirty = [...new Set(status.map((e) => e.slice(3)))].sort();
  if (!dirty.length) return undefined;
  const it = dirty.length === 1 ? 'it' : 'them';
  const last = lastApplied(repo);
  const byRun = last && last.runId !== runId ? dirty.filter((f) => last.files.includes(f)) : [];
  const who = byRun.length
    ? `The last odw run to apply in this repository, ${last!.runId}, changed ${byRun.length === dirty.length ? it : list(byRun)}. ` +
      `Run the pipeline again so that its change is built on top of that one.`
    : `odw cannot tell who changed ${it} (you, an editor, a tool, or an agent). ` +
      `Commit, stash (git stash push --include-untracked -- <file>…) or undo the changes to ${it}, then run the pipeline again.`;
  return refuse(
    'dirty_files',
    dirty,
    `odw did not apply the change: ${count(dirty)} it touches ${dirty.length === 1 ? 'has' : 'have'} uncommitted changes: ${list(dirty)}. ${who}`,
  );
}

export function refuse(category: Refusal['category'], files: string[], message: string): Refusal {
  return { ok: false, category, message, files };
}

/** Runs a path-limited listing in chunks (command lines have a length limit) and joins the results. */
async function listFor(files: string[], run: (chunk: string[]) => Promise<{ stdout: string }>): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < files.length; i += PATHS_PER_CALL) out.push(...splitZ((await run(files.slice(i, i + PATHS_PER_CALL))).stdout));
  return out;
}

const PATHS_PER_CALL = 1000;
