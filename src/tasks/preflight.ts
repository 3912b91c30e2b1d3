/** Checks a task list before any worktree exists. Each failure has its own category and details. */
import picomatch from 'picomatch';
import { ownershipMatcher } from '../git/scope.js';
import { checkOwnedPath } from './paths.js';
import type { TaskProblem } from './normalize.js';
import type { Task } from './types.js';

export interface PreflightOptions {
  allowSharedFiles?: boolean;
  /** A task may own no files: it may then change any file no other task owns. */
  allowUndeclaredFiles?: boolean;
  /** Paths that differ from HEAD or are untracked in the user's tree. */
  dirty: string[];
}

const PLAIN_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

const fail = (category: string, message: string, details: unknown, hint?: string): TaskProblem & { hint?: string } => ({ category, message, details, hint });

/** Returns the first failing check (in a fixed order), or the tasks with normalised paths. */
export function preflightTasks(tasks: Task[], opts: PreflightOptions): { ok: true; tasks: Task[] } | ({ ok: false } & TaskProblem & { hint?: string }) {
  const bad = (p: TaskProblem & { hint?: string }) => ({ ok: false as const, ...p });
  if (!tasks.length) return bad(fail('no_tasks', 'there are no tasks to run', {}, 'give --input tasks=<file>, or a request the planner can split'));
  const missing = tasks.flatMap((t, index) => (t.id ? [] : [{ index }]));
  const seen = new Map<string, number>();
  for (const t of tasks) if (t.id) seen.set(t.id, (seen.get(t.id) ?? 0) + 1);
  const duplicate = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  // An id names the task's worktree folder, so it must be a plain name.
  const unusable = tasks.flatMap((t, index) => (t.id && !PLAIN_ID.test(t.id) ? [{ index, id: t.id }] : []));
  if (missing.length || duplicate.length || unusable.length) {
    const what = [
      missing.length ? `${missing.length} task(s) without an id` : '',
      duplicate.length ? `duplicate ids: ${duplicate.join(', ')}` : '',
      unusable.length ? `ids that are not plain names: ${unusable.map((u) => JSON.stringify(u.id)).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    const details = { missingTaskIds: missing, duplicateTaskIds: duplicate, ...(unusable.length ? { invalidTaskIds: unusable } : {}) };
    return bad(fail('invalid_task_ids', what, details, 'every task needs a unique id made of letters, digits, ".", "_" and "-"'));
  }
  const noPrompt = tasks.find((t) => typeof t.prompt !== 'string' || !t.prompt.trim());
  if (noPrompt) return bad(fail('invalid_task_prompts', `task ${noPrompt.id} has no prompt`, { id: noPrompt.id }));
  const normalized: Task[] = [];
  for (const t of tasks) {
    const files: string[] = [];
    for (const f of t.files) {
      const c = checkOwnedPath(f);
      if (!c.ok)
        return bad(
          fail(
            'invalid_task_files',
            `task ${t.id}: owned path ${JSON.stringify(f)} is invalid (${c.error})`,
            { task: t.id, file: f, error: c.error, segment: c.segment },
            'owned paths are relative to the repository, without .., and not under .git, .odw or node_modules',
          ),
        );
      files.push(c.path);
    }
    if (!files.length && !opts.allowUndeclaredFiles)
      return bad(fail('undeclared_task_files', `task ${t.id} owns no files`, { id: t.id }, 'list the paths (or globs) each task may change in its files'));
    normalized.push({ ...t, files });
  }
  if (!opts.allowSharedFiles) {
    const shared = sharedPaths(normalized);
    if (shared.length) {
      const first = shared[0];
      return bad(
        fail('duplicate_task_files', `${first.file} is owned by ${first.tasks.join(' and ')}`, shared, 'give each path one owner, or set allowSharedFiles'),
      );
    }
  }
  // A task that owns no files may change any file no other task owns: every dirty file is then at stake.
  const owned = normalized.map((t) => (t.files.length ? ownershipMatcher(t.files) : () => true));
  const dirty = opts.dirty.filter((d) => owned.some((owns) => owns(d)));
  if (dirty.length)
    return bad(
      fail(
        'dirty_task_files',
        `owned files have uncommitted changes: ${dirty.join(', ')}; apply never writes over them, so nothing ran`,
        { files: dirty },
        'commit or stash them now (git stash push --include-untracked -- <file>…), run again, and git stash pop after the apply',
      ),
    );
  return { ok: true, tasks: normalized };
}

/** Paths claimed by more than one task: identical entries, or a path inside another task's glob or folder. */
function sharedPaths(tasks: Task[]): { file: string; tasks: string[] }[] {
  const out = new Map<string, Set<string>>();
  const owns = new Map(tasks.map((t) => [t, ownershipMatcher(t.files)]));
  for (const a of tasks) {
    for (const b of tasks) {
      if (a === b) continue;
      for (const fa of a.files) {
        const hit = b.files.includes(fa) || (!picomatch.scan(fa).isGlob && owns.get(b)!(fa));
        if (hit) out.set(fa, new Set([...(out.get(fa) ?? []), a.id, b.id]));
      }
    }
  }
  return [...out].map(([file, ids]) => ({ file, tasks: [...ids].sort() }));
}
