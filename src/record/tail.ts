/** The last entries of a JSONL file, read from its end: a long run's events are not all parsed to show ten. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 64 * 1024;

/**
 * The last `last` lines of `path` that parse as JSON (a torn line of a killed writer is skipped),
 * oldest first — what parsing the whole file and keeping the last `last` would give.
 */
export function lastJsonLines<T>(path: string, last: number): T[] {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let window = Buffer.alloc(0);
    for (let from = size; ;) {
      const start = Math.max(0, from - CHUNK);
      const chunk = Buffer.alloc(from - start);
      readSync(fd, chunk, 0, chunk.length, start);
      window = Buffer.concat([chunk, window]);
      from = start;
      // before the first newline of the window is a part of a line that starts earlier
      const cut = from === 0 ? 0 : window.indexOf(0x0a) + 1;
      if (from > 0 && cut === 0) continue;
      const parsed = parse<T>(window.subarray(cut).toString('utf8'));
      if (parsed.length >= last || from === 0) return parsed.slice(-last);
    }
  } finally {
    closeSync(fd);
  }
}

function parse<T>(text: string): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // torn line of a killed run
    }
  }
  return out;
}
