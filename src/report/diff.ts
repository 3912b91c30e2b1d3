/** A patch as the report shows it: one entry per line, classed for colouring; long patches cut. */

export interface DiffLine {
  kind: 'add' | 'del' | 'hunk' | 'meta' | 'ctx';
  text: string;
}

export interface Diff {
  lines: DiffLine[];
  added: number;
  removed: number;
  /** Lines left out after `limit`. */
  omitted: number;
}

export function parseDiff(patch: string, limit = 1500): Diff {
  if (!patch.trim()) return { lines: [], added: 0, removed: 0, omitted: 0 };
  const all = patch.replace(/\n$/, '').split('\n');
  let added = 0;
  let removed = 0;
  const lines: DiffLine[] = [];
  let inHeader = false;
  for (const text of all) {
    if (text.startsWith('diff --git ')) inHeader = true;
    else if (text.startsWith('@@')) inHeader = false;
    const kind: DiffLine['kind'] = inHeader ? 'meta' : text.startsWith('@@') ? 'hunk' : text.startsWith('+') ? 'add' : text.startsWith('-') ? 'del' : 'ctx';
    if (kind === 'add') added++;
    if (kind === 'del') removed++;
    if (lines.length < limit) lines.push({ kind, text });
  }
  return { lines, added, removed, omitted: Math.max(0, all.length - limit) };
}
