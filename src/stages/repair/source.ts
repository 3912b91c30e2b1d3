/**
 * The candidate's source as routing reads it: a line of a file on the new side (the task diff's
 * line, else the repository's copy shifted by the diff's hunks), a file's text (the lines a diff
 * shows, then the repository's copy), and the names a failing statement uses.
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { diffOf, type FileDiff } from './diff.js';
import type { ReadFile } from './under-test.js';

function safeRead(readFile: ReadFile | undefined, path: string): string | undefined {
  try {
    return readFile?.(path);
  } catch {
    return undefined;
  }
}

/** Line `line` (1-based) of `path` in the candidate, or undefined when it cannot be known. */
export function candidateLine(path: string, line: number, tasks: TaskCandidate[], readFile?: ReadFile): string | undefined {
  return lineOf(
    tasks.flatMap((t) => diffOf(t).filter((f) => f.path === path)),
    safeRead(readFile, path)?.split('\n'),
    line,
  );
}

function lineOf(diffs: FileDiff[], base: string[] | undefined, line: number): string | undefined {
  for (const f of diffs) if (f.lines.has(line)) return f.lines.get(line);
  let old = line;
  for (const f of diffs.slice(0, 1))
    f.ranges.forEach(([, end], i) => {
      if (line > end) old -= f.shifts[i]?.[1] ?? 0;
    });
  return base?.[old - 1];
}

/** The text of `path` as far as it can be read: the lines the task diffs show, then the repository's copy. */
export function candidateText(path: string, tasks: TaskCandidate[], readFile?: ReadFile): string {
  const shown = tasks.flatMap((t) => diffOf(t).filter((f) => f.path === path)).flatMap((f) => f.shown);
  return [...shown, safeRead(readFile, path) ?? ''].join('\n');
}

const indent = (s: string) => /^\s*/.exec(s)![0].length;

/**
 * The failing statement's lines: the line itself and the lines above it back to the start of the
 * test that holds it (the nearest line indented less than it), at most `max` lines.
 */
export function failingLines(path: string, line: number, tasks: TaskCandidate[], readFile?: ReadFile, max = 12): string[] {
  const first = candidateLine(path, line, tasks, readFile);
  if (first === undefined) return [];
  const out = [first];
  const depth = indent(first);
  for (let n = line - 1; n >= 1 && n > line - max && depth > 0; n--) {
    const text = candidateLine(path, n, tasks, readFile);
    if (text === undefined) break;
    if (!text.trim()) continue;
    out.unshift(text);
    if (indent(text) < depth) break;
  }
  return out;
}

/** The identifiers code uses, outside string literals (but inside their `${…}` and f-string `{…}` parts) and line comments. */
export function identifiersOf(code: string): Set<string> {
  const parts = [...code.matchAll(/\{([^{}"'`]*)\}/g)].map((m) => m[1]);
  const bare = [code, ...parts]
    .join('\n')
    .replace(/(["'`])(?:\\.|(?!\1)[^\\\n])*\1/g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/(^|\s)#(?![[!]).*$/gm, ' ');
  return new Set([...bare.matchAll(/[A-Za-z_$][\w$]*/g)].map((m) => m[0]));
}

/** The whole file on the candidate's side, line by line, when the repository's copy (or a diff that adds it) can be read. */
export function candidateSource(path: string, tasks: TaskCandidate[], readFile?: ReadFile): string[] | undefined {
  const base = safeRead(readFile, path)?.split('\n');
  const diffs = tasks.flatMap((t) => diffOf(t).filter((f) => f.path === path));
  if (base === undefined) return diffs[0] && diffs[0].ranges[0]?.[0] === 1 ? diffs[0].shown : undefined;
  const count = base.length + (diffs[0]?.shifts.reduce((n, [, d]) => n + d, 0) ?? 0);
  return Array.from({ length: Math.max(count, 0) }, (_, i) => lineOf(diffs, base, i + 1) ?? '');
}

/**
 * The lines of the top-level definition of `name` in a file: from the line that defines it to the
 * next line at the left margin that is more than closing brackets.
 */
export function bodyOf(lines: string[], name: string, defines: (line: string) => string | undefined): string[] {
  const start = lines.findIndex((l) => defines(l) === name);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l) && !/^[)\]}]+[;,]?\s*$/.test(l));
  return lines.slice(start, end < 0 ? undefined : end);
}
