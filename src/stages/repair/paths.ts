/** Repository paths as repair sees them: which are tests, and which task owns one. */
import picomatch from 'picomatch';
import type { TaskCandidate } from '../../tasks/types.js';

export function isTestPath(path: string): boolean {
  const base = path.split('/').pop() ?? path;
  return /(^|\/)(tests?|__tests__|spec)\//i.test(path) || /^test[._-]|[._-](test|spec)\.[^/]+$|^tests?\.[a-z]+$|_test\.go$/i.test(base);
}

const matchers = new Map<string, (p: string) => boolean>();
function owns(glob: string, path: string): boolean {
  if (glob === path) return true;
  let m = matchers.get(glob);
  if (!m) matchers.set(glob, (m = picomatch(glob, { dot: true })));
  return m(path);
}

/** The task that touched (else owns) this path; a bare file name matches a unique basename. */
export function ownerOf(path: string, tasks: TaskCandidate[]): string | undefined {
  const clean = path.replace(/^\.\//, '');
  const exact = tasks.find((t) => t.touched.includes(clean)) ?? tasks.find((t) => t.owned.some((g) => owns(g, clean)));
  if (exact || clean.includes('/')) return exact?.id;
  const byBase = tasks.filter((t) => [...t.touched, ...t.owned].some((p) => p.split('/').pop() === clean));
  return byBase.length === 1 ? byBase[0].id : undefined;
}
