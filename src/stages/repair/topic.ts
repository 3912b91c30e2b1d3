/**
 * Two readings of a reviewer's prose that need no file name: code it names (a function or constant
 * defined in a task's file, named as code: the blocker's `symbol`, `name()`, backticks, camelCase,
 * snake_case or CONSTANT), and, as a last resort, the words it shares with one task's prompt only.
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { lineAt } from './blame.js';
import type { Hit } from './hits.js';
import { isTestPath } from './paths.js';
import { candidateSource, candidateText } from './source.js';
import { definedName, findSymbol } from './symbols.js';
import type { ReadFile } from './under-test.js';

/** Names written as code in the text (and the blocker's own `symbol`). */
export function codeNames(text: string, symbol?: string): Set<string> {
  const names = new Set<string>(symbol ? [symbol.split(/\.|::/).pop()!] : []);
  for (const m of text.matchAll(/`([A-Za-z_$][\w$.:]*)(?:\(\))?`|([A-Za-z_$][\w$]*)\s*\(/g)) names.add((m[1] ?? m[2]).split(/\.|::/).pop()!);
  for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) if (/[a-z][A-Z]|[a-z]_[a-z]|^[A-Z][A-Z0-9_]{2,}$/.test(m[0])) names.add(m[0]);
  return names;
}

/** Top-level definitions in the files a task changed or owns (not tests) that the text names as code (score 80). */
export function codeSymbolHits(text: string, symbol: string | undefined, tasks: TaskCandidate[], readFile?: ReadFile): Hit[] {
  const names = codeNames(text, symbol);
  const hits: Hit[] = [];
  for (const t of tasks)
    for (const path of new Set([...t.touched, ...t.owned])) {
      if (/[*?{[]/.test(path) || isTestPath(path)) continue;
      const lines = candidateSource(path, tasks, readFile) ?? candidateText(path, tasks, readFile).split('\n');
      for (const name of new Set(lines.map(definedName))) {
        const index = name && names.has(name) ? findSymbol(text, name) : -1;
        if (name && names.has(name))
          hits.push({ task: t.id, name, score: 80, index, why: `defined in ${path}`, rule: 'code-symbol', evidence: index >= 0 ? lineAt(text, index) : name });
      }
    }
  return hits;
}

const STOP = new Set(
  'about after again against also because been before being below between both could does doing done down during each from further have having here into just made make more most much must only other over same should some such than that their them then there these they this those through under until very were what when where which while will with would your test tests code file files function value values return returns wrong right please'.split(
    ' ',
  ),
);
const stem = (w: string) => w.toLowerCase().replace(/(?:es|s)$/, '');
const words = (s: string) =>
  new Set(
    [...s.matchAll(/[A-Za-z]{4,}/g)]
      .map((m) => m[0].toLowerCase())
      .filter((w) => !STOP.has(w))
      .map(stem),
  );

/**
 * The task whose prompt shares the most words with the text, counting only words that no other
 * task's prompt has (score 40); none when no task has more such words than every other.
 */
export function promptTopicHits(text: string, tasks: TaskCandidate[]): Hit[] {
  const mine = words(text);
  const prompts = tasks.map((t) => words(t.prompt));
  const shared = tasks.map((_, i) => [...mine].filter((w) => prompts[i].has(w) && prompts.every((p, j) => j === i || !p.has(w))));
  const top = Math.max(0, ...shared.map((s) => s.length));
  const best = shared.flatMap((s, i) => (s.length === top ? [i] : []));
  if (!top || best.length !== 1) return [];
  const t = tasks[best[0]];
  return [
    {
      task: t.id,
      name: 'its prompt',
      score: 40,
      index: -1,
      why: `shares ${shared[best[0]].map((w) => `"${w}"`).join(', ')} with the message, no other task's prompt does`,
      rule: 'prompt-topic',
      evidence: lineAt(text, 0),
    },
  ];
}
