/**
 * A message that names the cause somewhere else ("because … in src/pricing.ts", "the root cause
 * is `tax()`"): the owner of that file, or the task whose diff defines that symbol.
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { clipEvidence, type Blame } from './blame.js';
import { isTestPath, ownerOf } from './paths.js';
import { definedSymbols } from './symbols.js';

const CAUSE =
  /\b(?:because|root cause|caused by|due to|comes from|coming from|originates? (?:in|from)|the (?:real |actual )?(?:bug|problem|fault|cause|culprit) is)\b/gi;
const PATH_IN = /(?:[A-Za-z0-9_@.-]+\/)*[A-Za-z0-9_@-][A-Za-z0-9_@.-]*\.[A-Za-z0-9]{1,8}\b/g;
const SYMBOL_IN = /`([A-Za-z_$][\w$.:]*)(?:\(\))?`|\b([A-Za-z_$][\w$]*)\(\)/g;

export function namedCause(text: string, tasks: TaskCandidate[]): Blame[] {
  const out: Blame[] = [];
  for (const m of text.matchAll(CAUSE)) {
    const from = (m.index ?? 0) + m[0].length;
    const rest = text.slice(from, from + 240);
    const end = rest.search(/[.;!?](?:\s|$)|\n/);
    const clause = end < 0 ? rest : rest.slice(0, end);
    const evidence = clipEvidence(`${m[0]}${clause}`);
    for (const p of clause.matchAll(PATH_IN)) {
      const task = ownerOf(p[0], tasks);
      if (task && !isTestPath(p[0])) out.push({ task, rule: 'named-file', evidence, why: `the message names ${p[0]} as the cause` });
    }
    for (const s of clause.matchAll(SYMBOL_IN)) {
      const name = (s[1] ?? s[2]).split(/\.|::/).pop() ?? '';
      for (const t of tasks)
        if (definedSymbols(t).includes(name))
          out.push({ task: t.id, rule: 'named-symbol', evidence, why: `defines ${name}, which the message names as the cause` });
    }
  }
  return out;
}
