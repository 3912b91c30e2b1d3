/**
 * A blocker read as prose (a reviewer's, or a failed check recorded without failure blocks): an
 * explicit source file goes to its owner; a test file is weighed like other evidence (toward the
 * code it imports); files named in the text are scored by the words around them; symbols a task's
 * diff defines add that task; calls in task prompts are a fallback; a named cause adds its owner.
 */
import type { Blocker, TaskCandidate } from '../../tasks/types.js';
import { checkEvidence } from '../review/check.js';
import { uniqueTasks, type Blame } from './blame.js';
import { namedCause } from './cause.js';
import { diffSymbolHits, fileHits, promptSymbolHits, underTestHits, type Hit } from './hits.js';
import { isTestPath, ownerOf } from './paths.js';
import type { ReadFile } from './under-test.js';
import { codeSymbolHits, promptTopicHits } from './topic.js';

const FALLBACK_WORDS = /\b(symptom|caller|call-?site|stack trace)\b/i;

export const proseOf = (b: Blocker): string => [b.symbol, b.source === 'check' ? checkEvidence(b.message) : b.message].filter(Boolean).join(' ');

export function routeProse(blocker: Blocker, tasks: TaskCandidate[], readFile?: ReadFile): Blame[] {
  const body = proseOf(blocker);
  // A reviewer who names the cause (`the cause is …`, `because …`) is taken at their word: only its
  // owner; the file the message names otherwise (its `file` too) shows the symptom.
  const named = namedCause(body, tasks, readFile);
  if (named.length) return uniqueTasks(named);
  return uniqueTasks(pick(blocker, body, tasks, readFile).map(blame));
}

const blame = (h: Hit): Blame => ({ task: h.task, rule: h.rule, evidence: h.evidence, why: h.rule === 'blocker-file' ? h.why : `${h.name}: ${h.why}` });

function pick(blocker: Blocker, body: string, tasks: TaskCandidate[], readFile?: ReadFile): Hit[] {
  const file = blocker.file?.replace(/^\.\//, '');
  const owner = file ? ownerOf(file, tasks) : undefined;
  // An explicit source file names the root cause.
  if (file && owner && !isTestPath(file)) return [fieldHit(owner, file, 1000, `blocker names ${file}`)];
  // An explicit test file is one more piece of evidence: toward the code it imports, a little toward its owner.
  const field =
    file && isTestPath(file)
      ? [...underTestHits(file, body, -1, tasks, readFile), ...(owner ? [fieldHit(owner, file, 30, `blocker names the test ${file}`)] : [])]
      : [];
  // With a test as its file, "the test" in the message is that file: the test itself is the subject.
  const text = file && isTestPath(file) ? body.replace(/\b(?:the|this|that)(?: new)? test\b/gi, file) : body;
  const files = [...field, ...fileHits(text, tasks, readFile)];
  const diffSymbols = diffSymbolHits(body, tasks);
  const symbols = diffSymbols.length ? diffSymbols : codeSymbolHits(body, blocker.symbol, tasks, readFile);
  const positive = bestPositive(files);
  const top = positive.length ? positive : files.slice(0, 1);
  if (symbols.length) return [...(files.length ? top : []), ...best(symbols)];
  if (!files.length || FALLBACK_WORDS.test(body)) {
    const named = promptSymbolHits(body, tasks);
    if (named.length) return [...positive, ...named];
  }
  return top.length ? top : promptTopicHits(body, tasks);
}

function fieldHit(task: string, file: string, score: number, why: string): Hit {
  return { task, name: file, score, index: -1, why, rule: 'blocker-file', evidence: `file: ${file}` };
}

/** Hits with the best positive score; among equals, the one named first. */
function bestPositive(hits: Hit[]): Hit[] {
  const pos = hits.filter((h) => h.score > 0);
  if (!pos.length) return [];
  const top = Math.max(...pos.map((h) => h.score));
  return [pos.filter((h) => h.score === top).sort((a, b) => a.index - b.index)[0]];
}

function best(hits: Hit[]): Hit[] {
  const top = Math.max(...hits.map((h) => h.score));
  return hits.filter((h) => h.score === top);
}
