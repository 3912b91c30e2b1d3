/**
 * vitest: after the `⎯⎯ Failed Tests N ⎯⎯` (or Failed Suites) rule, each ` FAIL  file > title`
 * header with its error, diff and `❯ file:line:col` frames, up to the next rule.
 */
import { makeBlock, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const SECTION = /^⎯+ (?:Failed (?:Tests|Suites)|Unhandled Errors?) \d*\s*⎯+/;
const HEADER = /^\s*FAIL\s+(.+)$/;
const RULE = /^⎯{3,}/;

export const parseVitest: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const blocks: FailureBlock[] = [];
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    if (SECTION.test(lines[i])) inSection = true;
    if (!inSection) continue;
    const m = HEADER.exec(lines[i]);
    if (!m) continue;
    const raw = [lines[i]];
    let j = i + 1;
    // several tests that failed with one error are listed as consecutive headers
    while (j < lines.length && HEADER.test(lines[j])) raw.push(lines[j++]);
    for (; j < lines.length && !RULE.test(lines[j]) && !HEADER.test(lines[j]); j++) raw.push(lines[j]);
    blocks.push(makeBlock('vitest', m[1].split(' > ').slice(1).join(' > ') || m[1], raw, cwd));
    i = j - 1;
  }
  return blocks;
};
