/**
 * The code under test of a test file: its imports, read from the candidate (the new side of the
 * task diffs that touch it, and the file as the review workspace or base has it), resolved to
 * repository paths that exist, and the tasks that own them.
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { diffOf } from './diff.js';
import { importsOf } from './imports.js';
import { isTestPath, ownerOf } from './paths.js';
import { findSymbol } from './symbols.js';

/** Reads a repository file of the reviewed candidate (or its base); undefined when there is none. */
export type ReadFile = (path: string) => string | undefined;

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

function exists(path: string, tasks: TaskCandidate[], readFile?: ReadFile): boolean {
  return tasks.some((t) => t.touched.includes(path) || diffOf(t).some((f) => f.path === path)) || safeRead(readFile, path) !== undefined;
}

/**
 * The owners of the source files a test imports. When they are several tasks and the failure
 * names some of the imported bindings, only the imports it names.
 */
export function codeUnderTest(testPath: string, failure: string, tasks: TaskCandidate[], readFile?: ReadFile): UnderTest[] {
  const found = importsOf(testPath, testText(testPath, tasks, readFile)).flatMap((i) => {
    const path = i.paths.find((p) => exists(p, tasks, readFile));
    const task = path && !isTestPath(path) ? ownerOf(path, tasks) : undefined;
    return path && task ? [{ task, path, named: i.names.some((n) => n.length > 1 && findSymbol(failure, n) >= 0) }] : [];
  });
  const named = found.filter((f) => f.named);
  const picked = new Set(named.map((f) => f.task)).size && new Set(found.map((f) => f.task)).size > 1 ? named : found;
  const seen = new Set<string>();
  return picked.filter((f) => !seen.has(f.task) && seen.add(f.task)).map(({ task, path }) => ({ task, path }));
}
