/**
 * What a blocker's prose says: the files it names, scored by the words around them; the symbols a
 * task's diff defines; calls a task's prompt names. Used for reviewer blockers, and for a failed
 * check recorded without failure blocks.
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { lineAt, type Rule } from './blame.js';
import { changesLine, diffOf } from './diff.js';
import { isTestPath, ownerOf } from './paths.js';
import { definedSymbols, findSymbol, promptSymbols } from './symbols.js';
import { codeUnderTest, type ReadFile } from './under-test.js';

export interface Hit {
  task: string;
  /** The file or symbol that was named. */
  name: string;
  score: number;
  /** Where in the blocker text it was named. */
  index: number;
  why: string;
  rule: Rule;
  evidence: string;
}

const ROOT_CAUSE =
  /\b(does not|doesn't|do not|don't|fails to|returns?|drops?|loses?|omits?|ignores?|filters?|duplicates?|double-counts?|deduplicates?|preserves?|infers?|violates?|contradicts?|documents?|exposes?|missing|required|should|must|cannot|can't|wrong|never|forgets?|breaks?)\b/i;
const KEYWORD = /\b(root cause|because|blocker|violates?|contradicts?)\b/i;
const TEST_FAILURE =
  /(\bnode\b[^\n]{0,40}test|tests? fail|fails at|exits? with code|exit code [1-9]|AssertionError|expected\b[^\n]{0,80}\b(actual|received|got|but)\b)/i;
const PATH = /(?:[A-Za-z0-9_@.-]+\/)*[A-Za-z0-9_@-][A-Za-z0-9_@.-]*\.[A-Za-z0-9]{1,8}\b(?::(\d+))?/g;

/** Every task-owned path named in the text, scored (+100 root-cause verb after, +20 keyword near, −70 a failing test). */
export function fileHits(text: string, tasks: TaskCandidate[], readFile?: ReadFile): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(PATH)) {
    const name = m[0].replace(/:\d+$/, '').replace(/^\.\//, '');
    const line = m[1] ? Number(m[1]) : undefined;
    const changer =
      line === undefined
        ? undefined
        : (tasks.find((t) => changesLine(diffOf(t), name, line) === 'added') ?? tasks.find((t) => changesLine(diffOf(t), name, line)));
    const task = changer?.id ?? ownerOf(name, tasks);
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
    const evidence = lineAt(text, index);
    if (changer) why.push(`its diff changed ${name}:${line}`);
    hits.push({ task, name, score, index, why: why.join(', ') || 'named', rule: changer ? 'changed-line' : 'file-mention', evidence });
    if (failingTest) hits.push(...underTestHits(name, text, index, tasks, readFile));
  }
  return hits;
}

/** A test shown failing points at the code it imports (score 60). */
export function underTestHits(testPath: string, text: string, index: number, tasks: TaskCandidate[], readFile?: ReadFile): Hit[] {
  return codeUnderTest(testPath, text, tasks, readFile).map((u) => ({
    task: u.task,
    name: u.path,
    score: 60,
    index,
    why: `code under test of ${testPath} (it imports ${u.path})`,
    rule: 'test-imports',
    evidence: lineAt(text, index),
  }));
}

export function diffSymbolHits(text: string, tasks: TaskCandidate[]): Hit[] {
  const hits: Hit[] = [];
  for (const t of tasks) {
    for (const name of definedSymbols(t)) {
      const index = findSymbol(text, name);
      if (index < 0) continue;
      const after = text.slice(index + name.length, index + name.length + 220);
      let score = 80;
      const why = ['defined in its diff'];
      if (ROOT_CAUSE.test(after)) {
        score += 100;
        why.push(`"${after.match(ROOT_CAUSE)![0]}" follows it`);
      }
      if (KEYWORD.test(text.slice(Math.max(0, index - 100), index + 220))) score += 20;
      hits.push({ task: t.id, name, score, index, why: why.join(', '), rule: 'defined-symbol', evidence: lineAt(text, index) });
    }
  }
  return hits;
}

export function promptSymbolHits(text: string, tasks: TaskCandidate[]): Hit[] {
  return tasks.flatMap((t) =>
    promptSymbols(t)
      .map((name) => ({ name, index: findSymbol(text, name) }))
      .filter((s) => s.index >= 0)
      .map((s): Hit => ({
        task: t.id,
        name: s.name,
        score: 50,
        index: s.index,
        why: 'named in its prompt',
        rule: 'prompt-symbol',
        evidence: lineAt(text, s.index),
      })),
  );
}
