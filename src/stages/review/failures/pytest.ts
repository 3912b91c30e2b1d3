/** pytest: in the FAILURES / ERRORS section, each `____ test_name ____` header and its traceback, `E` lines and `path:line:` location. */
import { makeBlock, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const SECTION = /^=+ (?:FAILURES|ERRORS) =+$/;
const HEADER = /^_{3,} (.+?) _{3,}$/;
const BANNER = /^={3,}/;

export const parsePytest: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const blocks: FailureBlock[] = [];
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    if (BANNER.test(lines[i])) inSection = SECTION.test(lines[i]);
    const m = inSection ? HEADER.exec(lines[i]) : null;
    if (!m) continue;
    const raw = [lines[i]];
    let j = i + 1;
    for (; j < lines.length && !HEADER.test(lines[j]) && !BANNER.test(lines[j]); j++) raw.push(lines[j]);
    blocks.push(makeBlock('pytest', m[1], raw, cwd));
    i = j - 1;
  }
  return blocks;
};
