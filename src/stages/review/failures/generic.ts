/** Any other output: the lines with an error or failure marker (an uncaught `TypeError: …` too), with a few lines of context; overlapping windows merge. */
import { isWrapperNoise, makeBlock, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const MARKER =
  /\b(?:error|errors|fail|failed|failure|failing|fatal|panic|exception|traceback|assertionerror)\b|^[A-Z]\w*(?:Error|Exception): |^E\s|✖|✗|✘|\bnot found$|Segmentation fault/i;
/** Counts of nothing (`0 errors`, `fail 0`) and options (`--no-fail`) are not failures. */
const NOT_A_FAILURE = /\b0 (?:errors?|fail(?:ed|ures?)?)\b|\b(?:errors?|fail(?:ed|ures?)?)[:=]?\s+0\b|--[\w-]*fail/i;
const BEFORE = 2;
const AFTER = 3;
const MAX_BLOCKS = 10;

export const parseGeneric: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const windows: [number, number][] = [];
  lines.forEach((line, i) => {
    if (!MARKER.test(line) || NOT_A_FAILURE.test(line) || isWrapperNoise(line)) return;
    const from = Math.max(0, i - BEFORE);
    const to = Math.min(lines.length - 1, i + AFTER);
    const last = windows[windows.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else windows.push([from, to]);
  });
  const blocks: FailureBlock[] = windows.slice(0, MAX_BLOCKS).map(([from, to]) => {
    const raw = lines.slice(from, to + 1);
    const title = raw.find((l) => MARKER.test(l) && !NOT_A_FAILURE.test(l)) ?? raw[0];
    return makeBlock('generic', title, raw, cwd);
  });
  return blocks;
};
