/**
 * A compile error about a contract (`has no exported member 'X'`, `Expected 2 arguments` with the
 * callee, `X is not a function`): the task whose diff added, removed or rewrote X's declaration.
 * When no task changed it and the error names the module (`Module '"./pricing.js"' has no
 * exported member`), the owner of that module: it was to provide X.
 */
import type { FailureBlock } from '../review/failures/types.js';
import type { TaskCandidate } from '../../tasks/types.js';
import { clipEvidence, type Blame } from './blame.js';
import { importsOf } from './imports.js';
import { isTestPath, ownerOf } from './paths.js';
import { changedDeclaration, findSymbol, removedDeclaration } from './symbols.js';
import { changesLine, diffOf } from './diff.js';
import { candidateLine } from './source.js';
import { existsInCandidate, type ReadFile } from './under-test.js';

const MODULE = /Module ['"]+([^'"]+)['"]+ has no exported member/;
/** Errors that say a name is not in the file's scope: only a task that removed its declaration broke it. */
const UNDEFINED_NAME = /is not defined|Cannot find name|cannot find (?:value|function)|\bundefined: /;

export function contractBlame(block: FailureBlock, tasks: TaskCandidate[], readFile?: ReadFile): Blame[] {
  const evidence = clipEvidence(block.title);
  const scope = UNDEFINED_NAME.test([block.title, ...block.lines].join('\n'));
  return block.symbols.flatMap((raw) => {
    const name = raw.split(/\.|::/).pop() ?? raw;
    const blame = (t: TaskCandidate, file: string, how: string): Blame => ({
      task: t.id,
      rule: 'contract-change',
      evidence,
      why: `its diff ${how} the declaration of ${name} in ${file}`,
    });
    // A task that removed (renamed, deleted) the declaration is the cause; else any task that rewrote it,
    // unless the error is a name missing from the file's scope (a missing import: the file's own).
    const removed = tasks.filter((t) => removedDeclaration(t, name)).map((t) => blame(t, changedDeclaration(t, name)!.file, 'removed'));
    if (removed.length) return removed;
    const changed = scope
      ? []
      : tasks.flatMap((t) => {
          const decl = changedDeclaration(t, name);
          return decl ? [blame(t, decl.file, 'changed')] : [];
        });
    return changed.length ? changed : moduleOwner(block, name, tasks, readFile);
  });
}

/** Whether the task's diff removed a line that used `name`: its changed line kept a use that was there before. */
export function usedBefore(task: TaskCandidate, file: string, name: string): boolean {
  return diffOf(task).some((f) => f.path === file && f.removed.some((l) => findSymbol(l, name) >= 0));
}

function moduleOwner(block: FailureBlock, name: string, tasks: TaskCandidate[], readFile?: ReadFile): Blame[] {
  const spec = MODULE.exec([block.title, ...block.lines].join('\n'))?.[1];
  const from = block.locations[0]?.file;
  if (!spec || !from) return [];
  const path = importsOf(from, `import { ${name} } from '${spec}';`)[0]?.paths.find((p) => existsInCandidate(p, tasks, readFile));
  const task = path && !isTestPath(path) ? ownerOf(path, tasks) : undefined;
  return task ? [{ task, rule: 'contract-change', evidence: clipEvidence(block.title), why: `owns ${path}, the module that was to export ${name}` }] : [];
}

/**
 * A compile error whose column points into a call (`priceOf(l.id)` in `src/cart.ts(9,53)`) of a
 * function whose declaration another task's diff changed, where the call itself is as it was (the
 * line is unchanged, or the task that changed the line removed the same call): the declaration
 * changed under an unchanged call, so the task that changed it is the cause, not the caller —
 * unless its prompt asked for that change (it names the function).
 */
export function changedCalleeBlame(block: FailureBlock, tasks: TaskCandidate[], readFile?: ReadFile): Blame[] {
  for (const l of block.locations) {
    if (l.line === undefined || l.column === undefined) continue;
    const file = l.file.replace(/^\.\//, '');
    const text = candidateLine(file, l.line, tasks, readFile);
    const call = text === undefined ? undefined : callAt(text, l.column - 1);
    if (!call) continue;
    const lineTask = tasks.find((t) => changesLine(diffOf(t), file, l.line!) === 'added');
    const unchanged = !lineTask || diffOf(lineTask).some((f) => f.path === file && f.removed.some((r) => r.includes(call.text)));
    if (!unchanged) continue;
    const blames = tasks.flatMap((t) => {
      // A change the task's prompt asked for (it names the function) is the agreed contract: callers follow it.
      const asked = findSymbol(t.prompt, call.name) >= 0;
      const decl = t.id === ownerOf(file, tasks) || asked ? undefined : changedDeclaration(t, call.name);
      return decl
        ? [
            {
              task: t.id,
              rule: 'contract-change' as const,
              evidence: clipEvidence(l.text),
              why: `its diff changed the declaration of ${call.name} in ${decl.file}, called unchanged at ${file}:${l.line}`,
            },
          ]
        : [];
    });
    if (blames.length) return blames;
  }
  return [];
}

/** The call that holds column `col` (0-based) of a line: the callee's name and the call's text, `name(…)`. */
export function callAt(line: string, col: number): { name: string; text: string } | undefined {
  const at = /^[A-Za-z_$][\w$]*(?=\s*\()/.exec(line.slice(col));
  let open = at ? col + at[0].length + line.slice(col + at[0].length).indexOf('(') : -1;
  for (let i = col - 1, depth = 0; open < 0 && i >= 0; i--) {
    if (line[i] === ')') depth++;
    else if (line[i] === '(' && depth-- === 0) {
      if (/[A-Za-z_$][\w$]*\s*$/.test(line.slice(0, i))) open = i;
      depth = 0;
    }
  }
  if (open < 0) return undefined;
  const name = /([A-Za-z_$][\w$]*)\s*$/.exec(line.slice(0, open))![1];
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    if (line[i] === '(') depth++;
    else if (line[i] === ')' && --depth === 0) return { name, text: line.slice(line.lastIndexOf(name, open), i + 1) };
  }
  return undefined;
}
