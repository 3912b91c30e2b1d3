/** Small helpers for the messages odw shows when git refuses or fails. */
import { tailLines } from '../util/tail.js';

/** "1 file" / "3 files". */
export function count(files: string[]): string {
  return files.length === 1 ? '1 file' : `${files.length} files`;
}

/** Up to 10 paths, then "and N more". */
export function list(files: string[]): string {
  const shown = files.slice(0, 10).join(', ');
  return files.length > 10 ? `${shown} and ${files.length - 10} more` : shown;
}

/** The last lines of git's stderr, joined on one line. */
export function oneLine(text: string): string {
  return tailLines(text, 3).split('\n').filter(Boolean).join('; ') || 'no details from git';
}
