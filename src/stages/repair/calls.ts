/**
 * What a failing statement calls: the names it uses that its file imports from another task's
 * module (a module that task's diff changed), and one step further, the modules that module
 * imports from other tasks that changed them (a knock-on path).
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { diffOf } from './diff.js';
import { bodyOf, candidateSource, failingLines, identifiersOf } from './source.js';
import { definedName } from './symbols.js';
import { resolvedImports, type ReadFile } from './under-test.js';

export interface Called {
  task: string;
  /** The imported module. */
  path: string;
  /** The imported names the statement uses. */
  names: string[];
}

const changes = (task: TaskCandidate | undefined, path: string) => Boolean(task && diffOf(task).some((f) => f.path === path));

/** Imported modules, changed by their owner, whose names the statement at `file:line` uses (`span`: its lines read at most). */
export function calledImports(file: string, line: number, tasks: TaskCandidate[], readFile?: ReadFile, span = 12): Called[] {
  const used = identifiersOf(failingLines(file, line, tasks, readFile, span).join('\n'));
  if (!used.size) return [];
  return resolvedImports(file, tasks, readFile)
    .map(({ task, path, names }) => ({ task, path, names: names.filter((n) => used.has(n)) }))
    .filter(
      (c) =>
        c.names.length &&
        changes(
          tasks.find((t) => t.id === c.task),
          c.path,
        ),
    );
}

/**
 * The modules `path` imports that another task (not `owner`) changed, and that the definitions of
 * `called` in `path` use (when those definitions cannot be read, every such import).
 */
export function importedChanges(path: string, owner: string, called: string[], tasks: TaskCandidate[], readFile?: ReadFile): Called[] {
  const lines = candidateSource(path, tasks, readFile);
  const bodies = lines && called.map((n) => bodyOf(lines, n, definedName)).filter((b) => b.length);
  const used = bodies?.length ? identifiersOf(bodies.flat().join('\n')) : undefined;
  return resolvedImports(path, tasks, readFile)
    .filter(
      (i) =>
        i.task !== owner &&
        changes(
          tasks.find((t) => t.id === i.task),
          i.path,
        ),
    )
    .map(({ task, path: p, names }) => ({ task, path: p, names: used ? names.filter((n) => used.has(n)) : names }))
    .filter((i) => !used || i.names.length);
}
