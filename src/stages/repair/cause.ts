/**
 * A message that names the cause somewhere else ("because … in src/pricing.ts", "the root cause
 * is `tax()`", "the letter is lost in src/chars.js"): the owner of that file, or the task whose
 * diff defines that symbol. A symbol named as what relies on the cause ("the folding that
 * `slugify` relies on") points one step down: the tasks whose changes its definition imports.
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { clipEvidence, type Blame } from './blame.js';
import { isTestPath, ownerOf } from './paths.js';
import { changedDeclaration, definedSymbols, findSymbol } from './symbols.js';
import { importedChanges } from './calls.js';
import type { ReadFile } from './under-test.js';

const CAUSE =
  /\b(?:(?:is|are|was|were|gets?|got) (?:lost|dropped|introduced|broken|mangled|corrupted|swallowed) (?:in|by)|because|root cause|caused by|due to|comes from|coming from|originates? (?:in|from)|the (?:real |actual )?(?:bug|problem|fault|cause|culprit) is)\b/gi;
const PATH_IN = /(?:[A-Za-z0-9_@.-]+\/)*[A-Za-z0-9_@-][A-Za-z0-9_@.-]*\.[A-Za-z0-9]{1,8}\b/g;
const RELIED_ON = /^\s*(?:relies|depends|builds|is built|calls|uses|wraps)\b/;
const SYMBOL_IN = /`([A-Za-z_$][\w$.:]*)(?:\(\))?`|\b([A-Za-z_$][\w$]*)\(\)/g;

export function namedCause(text: string, tasks: TaskCandidate[], readFile?: ReadFile): Blame[] {
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
    // Names written as code (`x`, x()), and bare names a task's diff defines (the clause is about code).
    const written = [...clause.matchAll(SYMBOL_IN)].map((s) => ({ name: (s[1] ?? s[2]).split(/\.|::/).pop() ?? '', end: (s.index ?? 0) + s[0].length }));
    const bare = tasks
      .flatMap((t) => definedSymbols(t))
      .map((name) => ({ name, at: findSymbol(clause, name) }))
      .filter((b) => b.at >= 0 && !written.some((w) => w.name === b.name))
      .map((b) => ({ name: b.name, end: b.at + b.name.length }));
    for (const { name, end } of [...written, ...bare]) {
      const reliesOn = RELIED_ON.test(clause.slice(end));
      for (const t of tasks) {
        if (!definedSymbols(t).includes(name)) continue;
        const below = reliesOn ? importedChanges(changedDeclaration(t, name)!.file, t.id, [name], tasks, readFile) : [];
        if (below.length)
          out.push(
            ...below.map((i): Blame => ({
              task: i.task,
              rule: 'named-symbol',
              evidence,
              why: `changed ${i.path}, which ${name} relies on, named as the cause`,
            })),
          );
        else out.push({ task: t.id, rule: 'named-symbol', evidence, why: `defines ${name}, which the message names as the cause` });
      }
    }
  }
  return out;
}
