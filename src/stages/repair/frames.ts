/**
 * Stack frames read as a path of calls: which changed frames only passed a value through (their
 * task rewrote the line but kept its calls, renaming an argument it introduced), and a type guard
 * the callee's task was asked for, which says the caller handed it the wrong value.
 */
import type { FailureBlock, FailureLocation } from '../review/failures/types.js';
import type { TaskCandidate } from '../../tasks/types.js';
import { diffOf } from './diff.js';
import { candidateLine } from './source.js';
import type { ReadFile } from './under-test.js';

/** Frames innermost first: a Python traceback prints the innermost frame last, stack traces first. */
export function innermostFirst<T extends FailureLocation>(block: FailureBlock, locations: T[]): T[] {
  return block.runner === 'pytest' ? [...locations].reverse() : locations;
}

const TOKENS = /[A-Za-z_$][\w$]*|\S/g;
const tokens = (s: string): string[] => [...s.matchAll(TOKENS)].map((m) => m[0]);

/**
 * Whether `task`'s added line `text` in `file` only passes values through: a line its diff removed
 * has the same tokens except names the task introduces on another added line (`load(text,
 * defaults=DEFAULTS)` then `validate(merge(defaults, …))` for `validate(merge(DEFAULTS, …))`).
 */
export function passesThrough(task: TaskCandidate, file: string, text: string): boolean {
  const f = diffOf(task).find((d) => d.path === file);
  if (!f || !/\(/.test(text)) return false;
  const now = tokens(text);
  const others = [...f.added.values()].filter((l) => l !== text);
  const introduced = (name: string) => /^[A-Za-z_$]/.test(name) && others.some((l) => tokens(l).includes(name));
  return f.removed.some((old) => {
    const was = tokens(old);
    return was.length === now.length && was.some((t, i) => t !== now[i]) && now.every((t, i) => t === was[i] || introduced(t));
  });
}

/** A guard that rejects a value's type or form (`TypeError`, `expects text as a string, got number`, `must be an integer`). */
const TYPE_GUARD =
  /\bTypeError\b|\bexpects? [^\n]{0,40}\b(?:string|number|integer|int|float|array|list|object|map|dict|bool(?:ean)?)\b|\bmust be an? (?:string|number|integer|int|float|array|list|object|map|dict|bool(?:ean)?)\b/i;
const THROW = /\b(?:throw|raise|panic!?)\b/;
const ASKS = /\b(?:throws?|raises?|rejects?|panics?)\b/i;

/**
 * A throw on the innermost frame, added by a task whose prompt asks it to throw, for a value of the
 * wrong type or form: the guard is the asked contract and its caller passed that value.
 */
export function askedGuard(block: FailureBlock, frame: FailureLocation, task: TaskCandidate, tasks: TaskCandidate[], readFile?: ReadFile): boolean {
  if (frame.line === undefined || !ASKS.test(task.prompt)) return false;
  // The error's message, not the source lines a runner prints around it (pytest shows the function).
  const messages = [block.title, ...block.lines].filter((l) => /(?:Error|Exception|panicked)\b[^\n]*:/.test(l) && !THROW.test(l));
  if (!messages.some((l) => TYPE_GUARD.test(l))) return false;
  const text = candidateLine(frame.file, frame.line, tasks, readFile) ?? '';
  return THROW.test(text);
}
