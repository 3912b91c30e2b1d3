/**
 * The code under test of a test file: its imports, read from the candidate (the new side of the
 * task diffs that touch it, and the repository's copy through a ReadFile), resolved to repository
 * paths that exist, and the tasks that own them.
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { diffOf } from './diff.js';
import { importsOf, type Import } from './imports.js';
import { isTestPath, ownerOf } from './paths.js';
import { candidateText } from './source.js';
import { definedName, findSymbol } from './symbols.js';

/** Reads a repository file of the reviewed candidate (or its base); undefined when there is none. */
export type ReadFile = (path: string) => string | undefined;

/** The reader, reading each path once. */
export function cachedReader(readFile: ReadFile): ReadFile {
  const seen = new Map<string, string | undefined>();
  return (path) => {
    if (!seen.has(path)) seen.set(path, safeRead(readFile, path));
    return seen.get(path);
  };
}

export interface UnderTest {
  task: string;
  /** The imported file. */
  path: string;
}

function testText(testPath: string, tasks: TaskCandidate[], readFile?: ReadFile): string {
  const shown = tasks.flatMap((t) =>
    diffOf(t)
      .filter((f) => f.path === testPath)
      .flatMap((f) => f.shown),
  );
  return [...shown, safeRead(readFile, testPath) ?? ''].join('\n');
}

function safeRead(readFile: ReadFile | undefined, path: string): string | undefined {
  try {
    return readFile?.(path);
  } catch {
    return undefined;
  }
}

/** True when the path is in a task's diff or the reader finds it. */
export function existsInCandidate(path: string, tasks: TaskCandidate[], readFile?: ReadFile): boolean {
  return tasks.some((t) => t.touched.includes(path) || diffOf(t).some((f) => f.path === path)) || safeRead(readFile, path) !== undefined;
}

/**
 * The owners of the source files a test imports. When they are several tasks and the failure
 * names some of the imported bindings, only the imports it names.
 */
export function codeUnderTest(testPath: string, failure: string, tasks: TaskCandidate[], readFile?: ReadFile): UnderTest[] {
  const found = resolvedImports(testPath, tasks, readFile).map(({ task, path, names }) => ({
    task,
    path,
    named: names.some((n) => n.length > 1 && findSymbol(failure, n) >= 0),
  }));
  const named = found.filter((f) => f.named);
  const picked = new Set(named.map((f) => f.task)).size && new Set(found.map((f) => f.task)).size > 1 ? named : found;
  const seen = new Set<string>();
  return picked.filter((f) => !seen.has(f.task) && seen.add(f.task)).map(({ task, path }) => ({ task, path }));
}

/** A file's imports that resolve to files of the candidate that a task owns (never a test), with the names each binds. */
export function resolvedImports(file: string, tasks: TaskCandidate[], readFile?: ReadFile): (UnderTest & { names: string[] })[] {
  const imports = file.endsWith('.go') ? samePackage(file, tasks, readFile) : importsOf(file, testText(file, tasks, readFile));
  return imports.flatMap((i) => {
    const path = i.paths.find((p) => existsInCandidate(p, tasks, readFile));
    const task = path && path !== file && !isTestPath(path) ? ownerOf(path, tasks) : undefined;
    return path && task ? [{ task, path, names: i.names }] : [];
  });
}

/** A Go test is in the package of its folder: the other Go files there that tasks changed or own. */
function samePackage(testPath: string, tasks: TaskCandidate[], readFile?: ReadFile): Import[] {
  const dir = testPath.slice(0, testPath.lastIndexOf('/') + 1);
  const paths = new Set(tasks.flatMap((t) => [...t.touched, ...t.owned, ...diffOf(t).map((f) => f.path)]));
  return [...paths]
    .filter((p) => p.startsWith(dir) && !p.slice(dir.length).includes('/') && p.endsWith('.go') && !p.endsWith('_test.go'))
    .map((p) => ({
      paths: [p],
      names: [...new Set(candidateText(p, tasks, readFile).split('\n').map(definedName))].filter((n): n is string => Boolean(n)),
    }));
}
