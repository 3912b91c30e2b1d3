/**
 * A failing check blames tasks only from its failure blocks. Per block: a compile error in an
 * unchanged call of a function another task changed goes to that task; frames and `file:line`
 * locations outside tests (the task whose diff changed that line, else a changed import the line
 * calls, else the file's owner); a failure only inside tests goes to the code under test, through
 * the imports the failing statement uses (else all the test's imports), with the changes that code
 * imports on the path as knock-on alternatives; a compile error about a changed contract also
 * blames the task that changed the declaration; a cause named in the block adds its owner;
 * symbols the block names are the last resort. cover.ts then picks the fewest tasks.
 */
import type { FailureBlock, FailureLocation } from '../review/failures/types.js';
import type { TaskCandidate } from '../../tasks/types.js';
import { clipEvidence, lineAt, uniqueTasks, type Blame } from './blame.js';
import { namedCause } from './cause.js';
import { changesLine, diffOf } from './diff.js';
import { isTestPath, ownerOf } from './paths.js';
import { definedSymbols, findSymbol } from './symbols.js';
import { changedCalleeBlame, contractBlame, usedBefore } from './contract.js';
import { codeUnderTest, type ReadFile } from './under-test.js';
import { calledImports, importedChanges } from './calls.js';
import { askedGuard, innermostFirst, passesThrough } from './frames.js';
import { candidateLine } from './source.js';

const where = (l: FailureLocation) => `${l.file}${l.line ? `:${l.line}` : ''}${l.fn ? ` (${l.fn})` : ''}`;

/**
 * What explains one block: `blames`, the tasks it points at (all of them are needed), and `via`,
 * tasks whose change one of them imports on the failing path (any one of them explains the block
 * too, see cover.ts).
 */
export interface BlockBlame {
  blames: Blame[];
  via: Blame[];
}

export function blameBlock(block: FailureBlock, tasks: TaskCandidate[], readFile?: ReadFile): BlockBlame {
  const text = [block.title, ...block.lines].join('\n');
  const callee = changedCalleeBlame(block, tasks, readFile);
  if (callee.length) return { blames: uniqueTasks([...callee, ...namedCause(text, tasks, readFile)]), via: [] };
  const { blames: located, via } = locationBlame(block, text, tasks, readFile);
  const contract = contractBlame(block, tasks, readFile);
  const named = namedCause(text, tasks, readFile);
  // A changed declaration explains an error in code its owner did not change; a removed one, an
  // error on a line whose task kept a use of the name that was there before.
  const here = contract.length && located.every((b) => b.rule === 'file-owner' || keptUse(b, block, contract, tasks)) ? [] : located;
  const blames = [...here, ...contract, ...named];
  // A knock-on stands in only for the located blames: never for a changed contract or a named cause.
  return { blames: uniqueTasks(blames.length ? blames : symbolBlame(block, text, tasks)), via: contract.length || named.length ? [] : via };
}

/** A changed-line blame on a line that used a name, removed by another task, before its own change. */
function keptUse(b: Blame, block: FailureBlock, contract: Blame[], tasks: TaskCandidate[]): boolean {
  const task = tasks.find((t) => t.id === b.task);
  if (b.rule !== 'changed-line' || !task || !contract.every((c) => c.why.startsWith('its diff removed'))) return false;
  const files = block.locations.map((l) => l.file.replace(/^\.\//, ''));
  return block.symbols.some((raw) => files.some((f) => usedBefore(task, f, raw.split(/\.|::/).pop() ?? raw)));
}

/** The owners of imported modules the failing statement at `l` uses, and the changes those modules import (knock-on). */
function calledBlame(l: FailureLocation, tasks: TaskCandidate[], readFile: ReadFile | undefined, rule: 'called-import' | 'test-imports'): BlockBlame {
  if (l.line === undefined) return { blames: [], via: [] };
  const called = calledImports(l.file, l.line, tasks, readFile);
  const blames = called.map((c): Blame => ({
    task: c.task,
    rule,
    evidence: clipEvidence(l.text),
    why: `the failing line in ${l.file} calls ${c.names.join(', ')}, imported from ${c.path}`,
  }));
  const via = called.flatMap((c) =>
    importedChanges(c.path, c.task, c.names, tasks, readFile).map((i): Blame => ({
      task: i.task,
      rule: 'knock-on',
      evidence: clipEvidence(l.text),
      why: `the failing line in ${l.file} calls ${c.names.join(', ')} from ${c.path}, which imports ${i.path} (changed by ${i.task})`,
    })),
  );
  return { blames: uniqueTasks(blames), via: uniqueTasks(via) };
}

/**
 * Frames on lines a task added, innermost first. An asked-for type guard on the innermost one sends
 * the blame to its caller: the changed imports the calling line passes on, else the task that changed
 * that line. A frame whose task only renamed an argument of a call it kept (a pass-through) counts
 * only when no other frame is on an added line.
 */
function changedFrames(block: FailureBlock, source: FailureLocation[], tasks: TaskCandidate[], readFile?: ReadFile): BlockBlame | undefined {
  const frames = innermostFirst(block, source);
  const addedBy = (l: FailureLocation) => (l.line === undefined ? [] : tasks.filter((t) => changesLine(diffOf(t), l.file, l.line!) === 'added'));
  const hits = frames.map((l) => ({ l, by: addedBy(l) })).filter((h) => h.by.length);
  if (!hits.length) return undefined;
  const [inner, caller] = [frames[0], frames[1]];
  const guard = hits[0].l === inner && hits[0].by.length === 1 ? hits[0].by[0] : undefined;
  if (guard && caller?.line !== undefined && askedGuard(block, inner, guard, tasks, readFile)) {
    const evidence = clipEvidence(caller.text);
    const passed = calledImports(caller.file, caller.line, tasks, readFile, 1).filter((c) => c.task !== guard.id);
    const blames: Blame[] = passed.length
      ? passed.map((c) => ({
          task: c.task,
          rule: 'asked-guard',
          evidence,
          why: `${guard.id}'s guard rejects the value ${where(caller)} passes it from ${c.names.join(', ')} (${c.path})`,
        }))
      : [...addedBy(caller), ...tasks.filter((t) => changesLine(diffOf(t), caller.file, caller.line!) === 'hunk')]
          .slice(0, 1)
          .concat(addedBy(caller).length ? [] : tasks.filter((t) => t.id === ownerOf(caller.file, tasks)))
          .slice(0, 1)
          .map((t) => ({
            task: t.id,
            rule: 'asked-guard',
            evidence,
            why: `calls ${guard.id}'s guard, which its prompt asked for, with a value it rejects, at ${where(caller)}`,
          }));
    if (blames.length) return { blames: uniqueTasks(blames), via: [] };
  }
  const line = (l: FailureLocation) => candidateLine(l.file, l.line!, tasks, readFile) ?? '';
  const kept = hits.filter((h) => !h.by.every((t) => passesThrough(t, h.l.file, line(h.l))));
  const chosen = kept.length ? kept : hits;
  const blames = chosen.flatMap((h) =>
    h.by.map((t): Blame => ({ task: t.id, rule: 'changed-line', evidence: clipEvidence(h.l.text), why: `its diff changed ${where(h.l)}` })),
  );
  return { blames, via: [] };
}

function locationBlame(block: FailureBlock, text: string, tasks: TaskCandidate[], readFile?: ReadFile): BlockBlame {
  const locations = block.locations.map((l) => ({ ...l, file: l.file.replace(/^\.\//, '') }));
  const source = locations.filter((l) => !isTestPath(l.file) && ownerOf(l.file, tasks));
  // Lines a task added first; lines inside its hunks (context) only when no frame is on an added line.
  const changed = (how: 'added' | 'hunk') =>
    source.flatMap((l) =>
      l.line === undefined
        ? []
        : tasks
            .filter((t) => changesLine(diffOf(t), l.file, l.line!) === how)
            .map((t): Blame => ({ task: t.id, rule: 'changed-line', evidence: clipEvidence(l.text), why: `its diff changed ${where(l)}` })),
    );
  const added = changedFrames(block, source, tasks, readFile);
  if (added) return added;
  const onChanged = changed('hunk');
  if (onChanged.length) return { blames: onChanged, via: [] };
  if (source.length) {
    const l = source[0];
    // No task changed the line: an imported function it calls, which another task changed, is the suspect.
    const called = calledBlame(l, tasks, readFile, 'called-import');
    if (called.blames.length) return called;
    return {
      blames: [{ task: ownerOf(l.file, tasks)!, rule: 'file-owner', evidence: clipEvidence(l.text), why: `owns ${where(l)}, where the failure is` }],
      via: [],
    };
  }
  const tests = locations.filter((l) => isTestPath(l.file));
  // The names the failing statement uses, imported from the code under test.
  for (const l of tests.filter((x) => x.line !== undefined)) {
    const called = calledBlame(l, tasks, readFile, 'test-imports');
    if (called.blames.length) return called;
  }
  const testFiles = [...new Set(tests.map((l) => l.file))];
  const frames = tests.map((l) => l.fn ?? '').join(' ');
  const underTest = testFiles.flatMap((file) =>
    codeUnderTest(file, `${text}\n${frames}`, tasks, readFile).map((u): Blame => ({
      task: u.task,
      rule: 'test-imports',
      evidence: clipEvidence(tests.find((l) => l.file === file)!.text),
      why: `the failure is in ${file}, which imports ${u.path}`,
    })),
  );
  if (underTest.length) return { blames: underTest, via: [] };
  const owned = tests.find((l) => ownerOf(l.file, tasks));
  const blames: Blame[] = owned
    ? [
        {
          task: ownerOf(owned.file, tasks)!,
          rule: 'file-owner',
          evidence: clipEvidence(owned.text),
          why: `owns ${where(owned)}, the test that fails (it imports no task's code)`,
        },
      ]
    : [];
  return { blames, via: [] };
}

/** Symbols the block names (the parser's, then any identifier in it) that a task's diff defines. */
function symbolBlame(block: FailureBlock, text: string, tasks: TaskCandidate[]): Blame[] {
  const out: Blame[] = [];
  for (const t of tasks) {
    const hit = definedSymbols(t).find((name) => block.symbols.includes(name) || findSymbol(text, name) >= 0);
    const index = hit ? findSymbol(text, hit) : -1;
    if (hit)
      out.push({
        task: t.id,
        rule: 'failure-symbol',
        evidence: index >= 0 ? lineAt(text, index) : clipEvidence(block.title),
        why: `defines ${hit}, which the failure names`,
      });
  }
  return out;
}
