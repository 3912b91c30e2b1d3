/** jest: a `● title` header and the message, diff, code frame and frames under it, up to the next header or the summary. */
import { indentOf, makeBlock, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const HEADER = /^(\s*)● (.+)$/;
const END = /^(?:\s*(?:FAIL|PASS)\s|Test Suites:|Tests:|Snapshots:|Time:|Ran all test suites|Summary of all failing tests)/;

export const parseJest: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const blocks: FailureBlock[] = [];
  lines.forEach((line, i) => {
    const m = HEADER.exec(line);
    if (!m || /^Console\b/.test(m[2])) return;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (END.test(l) || (HEADER.test(l) && indentOf(l) <= m[1].length) || (l.trim() && indentOf(l) < m[1].length)) break;
      body.push(l);
    }
    blocks.push(makeBlock('jest', m[2], [line, ...body], cwd));
  });
  return blocks;
};
