/** mocha: after `N failing`, each `  1) suite` header, its title lines ending in `:`, and the error and frames under it. */
import { makeBlock, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const HEADER = /^ {2}(\d+)\) (.+)$/;

export const parseMocha: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => /^\s*\d+ failing\b/.test(l));
  if (start < 0) return [];
  const blocks: FailureBlock[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]);
    if (!m) continue;
    const raw = [lines[i]];
    const title = [m[2].replace(/:$/, '')];
    let j = i + 1;
    if (!m[2].endsWith(':')) {
      for (; j < lines.length && lines[j].trim() && !HEADER.test(lines[j]); j++) {
        raw.push(lines[j]);
        title.push(lines[j].trim().replace(/:$/, ''));
        if (lines[j].trimEnd().endsWith(':')) {
          j++;
          break;
        }
      }
    }
    for (; j < lines.length && !HEADER.test(lines[j]); j++) raw.push(lines[j]);
    blocks.push(makeBlock('mocha', title.join(' › '), raw, cwd));
    i = j - 1;
  }
  return blocks;
};
