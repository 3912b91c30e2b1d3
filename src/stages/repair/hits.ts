/** File mentions in a blocker, scored by what the text around them says. */
import picomatch from 'picomatch';
import type { TaskCandidate } from '../../tasks/types.js';

export interface Hit {
  task: string;
  /** The file or symbol that was named. */
  name: string;
  score: number;
  /** Where in the blocker text it was named. */
  index: number;
  why: string;
}

export const ROOT_CAUSE =
  /\b(does not|doesn't|do not|don't|fails to|returns?|drops?|loses?|omits?|ignores?|filters?|duplicates?|double-counts?|deduplicates?|preserves?|infers?|violates?|contradicts?|documents?|exposes?|missing|required|should|must|cannot|can't|wrong|never|forgets?|breaks?)\b/i;
const KEYWORD = /\b(root cause|because|blocker|violates?|contradicts?)\b/i;
const TEST_FAILURE =
  /(\bnode\b[^\n]{0,40}test|tests? fail|fails at|exits? with code|exit code [1-9]|AssertionError|expected\b[^\n]{0,80}\b(actual|received|got|but)\b)/i;
const PATH = /(?:[A-Za-z0-9_@.-]+\/)*[A-Za-z0-9_@-][A-Za-z0-9_@.-]*\.[A-Za-z0-9]{1,8}\b/g;

export function isTestPath(path: string): boolean {
  const base = path.split('/').pop() ?? path;
  return /(^|\/)(tests?|__tests__|spec)\//i.test(path) || /^test[._-]|[._-](test|spec)\.[^/]+$|^tests?\.[a-z]+$/i.test(base);
}

const matchers = new Map<string, (p: string) => boolean>();
function owns(glob: string, path: string): boolean {
  if (glob === path) return true;
  let m = matchers.get(glob);
  if (!m) matchers.set(glob, (m = picomatch(glob, { dot: true })));
  return m(path);
}

/** The task that owns (or touched) this path; a bare file name matches a unique basename. */
export function ownerOf(path: string, tasks: TaskCandidate[]): string | undefined {
  const clean = path.replace(/^\.\//, '');
  const exact = tasks.find((t) => t.touched.includes(clean) || t.owned.some((g) => owns(g, clean)));
  if (exact || clean.includes('/')) return exact?.id;
  const byBase = tasks.filter((t) => [...t.touched, ...t.owned].some((p) => p.split('/').pop() === clean));
  return byBase.length === 1 ? byBase[0].id : undefined;
}

function stem(path: string): string {
  const base = (path.split('/').pop() ?? path).replace(/^test[._-]/i, '');
  return base.replace(/([._-](test|spec))?\.[^.]+$/i, '').toLowerCase();
}

/** Every task-owned path named in the text, scored (+100 root-cause verb after, +20 keyword near, −70 a failing test). */
export function fileHits(text: string, tasks: TaskCandidate[]): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(PATH)) {
    const name = m[0].replace(/^\.\//, '');
    const task = ownerOf(name, tasks);
    if (!task) continue;
    const index = m.index ?? 0;
    const after = text.slice(index + m[0].length, index + m[0].length + 220);
    const around = text.slice(Math.max(0, index - 100), index + m[0].length + 220);
    let score = 0;
    const why: string[] = [];
    if (ROOT_CAUSE.test(after)) {
      score += 100;
      why.push(`"${after.match(ROOT_CAUSE)![0]}" follows it`);
    }
    if (KEYWORD.test(around)) {
      score += 20;
      why.push('named as the cause');
    }
    const failingTest = isTestPath(name) && TEST_FAILURE.test(around);
    if (failingTest) {
      score -= 70;
      why.push('a test that shows the failure');
    }
    hits.push({ task, name, score, index, why: why.join(', ') || 'named' });
    if (failingTest) hits.push(...codeUnderTest(name, task, index, tasks));
  }
  return hits;
}

/** A failing test points at the code it tests: a file with the same stem owned by another task. */
function codeUnderTest(testPath: string, testOwner: string, index: number, tasks: TaskCandidate[]): Hit[] {
  const want = stem(testPath);
  return tasks
    .filter((t) => t.id !== testOwner)
    .flatMap((t) =>
      [...new Set([...t.touched, ...t.owned])]
        .filter((p) => !isTestPath(p) && stem(p) === want)
        .slice(0, 1)
        .map((p) => ({ task: t.id, name: p, score: 60, index, why: `code under test of ${testPath}` })),
    );
}
