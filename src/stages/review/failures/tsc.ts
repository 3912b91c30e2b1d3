/** tsc: `path(line,col): error TSxxxx: message` (or `--pretty`'s `path:line:col - error TSxxxx:` and its code frame), with the message's continuation lines. */
import { makeBlock, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const PLAIN = /^(\S[^()]*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const PRETTY = /^(\S+?):(\d+):(\d+) - error (TS\d+): (.*)$/;
const BARE = /^error (TS\d+): (.*)$/;

export const parseTsc: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const blocks: FailureBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const plain = PLAIN.exec(lines[i]);
    const pretty = plain ? null : PRETTY.exec(lines[i]);
    const bare = plain || pretty ? null : BARE.exec(lines[i]);
    const m = plain ?? pretty;
    if (!m && !bare) continue;
    const raw = [lines[i]];
    let j = i + 1;
    if (pretty) {
      // the blank line, the code frame, the blank line after it
      for (let blanks = 0; j < lines.length && !PRETTY.test(lines[j]) && !/^Found \d+ errors?/.test(lines[j]); j++) {
        if (!lines[j].trim() && ++blanks > 1) break;
        raw.push(lines[j]);
      }
    } else for (; j < lines.length && /^\s{2,}\S/.test(lines[j]); j++) raw.push(lines[j]);
    const title = m ? `${m[4]}: ${m[5]}` : `${bare![1]}: ${bare![2]}`;
    blocks.push(makeBlock('tsc', title, raw, cwd));
    i = j - 1;
  }
  return blocks;
};
