/** Ownership scope: every patch path must be owned by the task that changed it. Pure. */
import picomatch from 'picomatch';
import type { ScopeIssue, ScopeTask } from '../ports/git.js';

/**
 * A matcher for a task's `owns` list. An entry is a glob (picomatch, dot: true), a file, or a
 * folder: a plain path also owns everything under it.
 */
export function ownershipMatcher(owns: string[]): (file: string) => boolean {
  const globs: string[] = [];
  const plain: string[] = [];
  for (const raw of owns) {
    const entry = normalise(raw);
    if (!entry) continue;
    if (picomatch.scan(entry).isGlob) globs.push(entry);
    else plain.push(entry);
  }
  const glob = globs.length ? picomatch(globs, { dot: true }) : () => false;
  return (file) => {
    const path = normalise(file);
    return glob(path) || plain.some((p) => path === p || path.startsWith(p + '/'));
  };
}

/**
 * Every file a task changed that it does not own. A task that owns no files (`allowUndeclaredFiles`)
 * owns every file no task with files owns.
 */
export function checkScope(tasks: ScopeTask[]): ScopeIssue[] {
  const declared = tasks.filter((t) => t.owns.length).map((t) => ({ id: t.id, owns: ownershipMatcher(t.owns) }));
  const unowned = (file: string) => !declared.some((o) => o.owns(file));
  const owners = tasks.map((t) => declared.find((o) => o.id === t.id) ?? { id: t.id, owns: unowned });
  const issues: ScopeIssue[] = [];
  for (const task of tasks) {
    const mine = owners.find((o) => o.id === task.id)!;
    for (const file of task.files) {
      if (mine.owns(file)) continue;
      const other = declared.find((o) => o.id !== task.id && o.owns(file));
      issues.push(other ? { task: task.id, file, ownedBy: other.id } : { task: task.id, file });
    }
  }
  return issues;
}

function normalise(path: string): string {
  return path
    .replace(/^(\.\/)+/, '')
    .replace(/\/\.\//g, '/')
    .replace(/\/+$/, '');
}
