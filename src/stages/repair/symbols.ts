/** Symbol mentions in a blocker: symbols a task's diff defines, and (as a fallback) calls its prompt names. */
import type { TaskCandidate } from '../../tasks/types.js';
import { ROOT_CAUSE, type Hit } from './hits.js';

const DEFINITION =
  /^(?:[+ ])\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\s*\*?\s*([A-Za-z_$][\w$]*)|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=|class\s+([A-Za-z_$][\w$]*)|def\s+([A-Za-z_]\w*)|(?:pub\s+)?fn\s+([A-Za-z_]\w*))/;
const KEYWORD = /\b(root cause|because|blocker|violates?|contradicts?)\b/i;
const escape = (s: string) => s.replace(/[$]/g, '\\$');

function definedSymbols(diff: string): string[] {
  const names = new Set<string>();
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++')) continue;
    const m = DEFINITION.exec(line);
    const name = m?.slice(1).find(Boolean);
    if (name && name.length >= 3) names.add(name);
  }
  return [...names];
}

function find(text: string, name: string): number {
  const m = new RegExp(`(^|[^\\w$])${escape(name)}(?![\\w$])`).exec(text);
  return m ? m.index + m[1].length : -1;
}

export function diffSymbolHits(text: string, tasks: TaskCandidate[]): Hit[] {
  const hits: Hit[] = [];
  for (const t of tasks) {
    for (const name of definedSymbols(t.diff)) {
      const index = find(text, name);
      if (index < 0) continue;
      const after = text.slice(index + name.length, index + name.length + 220);
      let score = 80;
      const why = ['defined in its diff'];
      if (ROOT_CAUSE.test(after)) {
        score += 100;
        why.push(`"${after.match(ROOT_CAUSE)![0]}" follows it`);
      }
      if (KEYWORD.test(text.slice(Math.max(0, index - 100), index + 220))) score += 20;
      hits.push({ task: t.id, name, score, index, why: why.join(', ') });
    }
  }
  return hits;
}

/** Calls (`name(`) a task's prompt mentions near one of its own paths. */
function promptSymbols(task: TaskCandidate): string[] {
  const names = new Set<string>();
  for (const path of task.owned) {
    let at = task.prompt.indexOf(path);
    while (at >= 0) {
      const window = task.prompt.slice(Math.max(0, at - 260), at + path.length + 80);
      for (const m of window.matchAll(/([A-Za-z_$][\w$]{2,})\s*\(/g)) names.add(m[1]);
      at = task.prompt.indexOf(path, at + 1);
    }
  }
  return [...names];
}

export function promptSymbolHits(text: string, tasks: TaskCandidate[]): Hit[] {
  return tasks.flatMap((t) =>
    promptSymbols(t)
      .map((name) => ({ name, index: find(text, name) }))
      .filter((s) => s.index >= 0)
      .map((s) => ({ task: t.id, name: s.name, score: 50, index: s.index, why: 'named in its prompt' })),
  );
}
