/** A task's unified diff, per file: the new-side hunk ranges, the changed lines, the new-side text. */

export interface FileDiff {
  /** Repository path on the new side (the old side for a deleted file). */
  path: string;
  /** New-side line ranges of the hunks, inclusive (`@@ -a,b +c,d @@` → [c, c+d-1]). */
  ranges: [number, number][];
  /** Added lines, by their new-side line number. */
  added: Map<number, string>;
  /** Removed lines, as printed (without the `-`). */
  removed: string[];
  /** The new side's lines the diff shows (context and added), in order. */
  shown: string[];
  /** The same lines, by their new-side line number. */
  lines: Map<number, string>;
  /** Per hunk: its first new-side line and how many lines it adds on balance (new count − old count). */
  shifts: [number, number][];
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function parseDiff(diff: string): FileDiff[] {
  const files: FileDiff[] = [];
  let file: FileDiff | undefined;
  let oldPath = '';
  let line = 0;
  for (const raw of diff.split('\n')) {
    if (raw.startsWith('diff --git ')) {
      file = undefined;
      continue;
    }
    if (raw.startsWith('--- ')) {
      oldPath = raw.slice(4).replace(/^a\//, '').trim();
      continue;
    }
    if (raw.startsWith('+++ ')) {
      const next = raw.slice(4).replace(/^b\//, '').trim();
      file = { path: next === '/dev/null' ? oldPath : next, ranges: [], added: new Map(), removed: [], shown: [], lines: new Map(), shifts: [] };
      files.push(file);
      continue;
    }
    const hunk = HUNK.exec(raw);
    if (hunk && file) {
      line = Number(hunk[2]);
      const count = hunk[3] === undefined ? 1 : Number(hunk[3]);
      file.ranges.push([line, line + Math.max(count, 1) - 1]);
      file.shifts.push([line, count - (hunk[1] === undefined ? 1 : Number(hunk[1]))]);
      continue;
    }
    if (!file && /^[+ -]/.test(raw)) {
      // a bare list of changed lines, without file headers or hunks: symbols only, no line numbers
      file = { path: '', ranges: [], added: new Map(), removed: [], shown: [], lines: new Map(), shifts: [] };
      files.push(file);
      line = -1e9;
    }
    if (!file || !line) continue;
    if (raw.startsWith('+')) {
      file.added.set(line, raw.slice(1));
      file.shown.push(raw.slice(1));
      file.lines.set(line, raw.slice(1));
      line++;
    } else if (raw.startsWith('-')) {
      file.removed.push(raw.slice(1));
    } else if (raw.startsWith(' ')) {
      file.shown.push(raw.slice(1));
      file.lines.set(line, raw.slice(1));
      line++;
    }
  }
  return files;
}

/**
 * How closely the diff changed this new-side line of the file: `added` (the line is one it added),
 * `hunk` (inside one of its hunks, a context line), or undefined.
 */
export function changesLine(files: FileDiff[], path: string, line: number): 'added' | 'hunk' | undefined {
  const mine = files.filter((f) => f.path === path);
  if (mine.some((f) => f.added.has(line))) return 'added';
  return mine.some((f) => f.ranges.some(([a, b]) => line >= a && line <= b)) ? 'hunk' : undefined;
}

const parsed = new WeakMap<object, FileDiff[]>();

/** A task's diff, parsed once. */
export function diffOf(task: { diff: string }): FileDiff[] {
  let files = parsed.get(task);
  if (!files) parsed.set(task, (files = parseDiff(task.diff)));
  return files;
}
