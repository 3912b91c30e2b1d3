/**
 * TAP (tape, node:test's tap reporter): a `not ok` line and its indented YAML diagnostics
 * (`location:`, `error:`, `expected`/`actual`, `stack:`); tape's `# title` comment names the test.
 * What node:test prints of a test file's own output before its `not ok` (`# SyntaxError: The
 * requested module … does not provide an export named 'x'`) is that file's failure, when the
 * `not ok` says only `test failed`. node:test's spec reporter: a `✖ title (1.2ms)` line and the error indented under it.
 */
import { indentedBody, indentOf, makeBlock, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const NOT_OK = /^(\s*)not ok \d+\b\s*(?:- )?(.*)$/;
/** A parent that failed only because a subtest did: the subtest is the failure. */
const KNOCK_ON = /\d+ subtests? failed|failureType: '?subtestsFailed/;

export const parseTap: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const blocks: FailureBlock[] = [];
  let comment: string | undefined;
  let printed: string[] = [];
  lines.forEach((line, i) => {
    if (/^#\s/.test(line) && !/^# (?:Subtest:|(?:tests|pass|fail|suites|cancelled|skipped|todo|duration_ms)\b)/.test(line)) {
      comment = line.slice(2).trim();
      printed.push(line.slice(2));
    }
    const seen = printed;
    if (/^\s*(?:not )?ok \d+\b/.test(line)) printed = [];
    const m = NOT_OK.exec(line);
    if (!m || /#\s*(?:TODO|SKIP)\b/i.test(m[2])) return;
    const body = indentedBody(lines, i, m[1].length).filter((l) => !/^\s*duration_ms:/.test(l));
    if (KNOCK_ON.test(body.join('\n'))) return;
    const own = fileOutput(seen, body);
    if (own) {
      blocks.push(makeBlock('tap', `${own.error} › ${m[2]}`, [...own.lines, line, ...body], cwd));
      return;
    }
    const title = comment && comment !== m[2] ? `${comment} › ${m[2]}` : m[2];
    blocks.push(makeBlock('tap', title, [...(comment && comment !== m[2] ? [`# ${comment}`] : []), line, ...body], cwd));
  });
  return blocks;
};

/** A test file that failed as a whole (`error: 'test failed'`) after printing an error: that output, and its error line. */
function fileOutput(printed: string[], body: string[]): { lines: string[]; error: string } | undefined {
  if (!body.some((l) => /^\s*error: '?test failed'?\s*$/.test(l))) return undefined;
  const error = printed.find((l) => /^\s*[A-Z]\w*(?:Error|Exception)\b.*:/.test(l));
  return error ? { lines: printed, error: error.trim() } : undefined;
}

const SPEC_FAIL = /^(\s*)✖ (.+?) \(\d+(?:\.\d+)?m?s\)\s*$/;

export const parseNodeSpec: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const blocks: FailureBlock[] = [];
  lines.forEach((line, i) => {
    const m = SPEC_FAIL.exec(line);
    if (!m) return;
    const body = indentedBody(lines, i, indentOf(line));
    const text = body.join('\n');
    if (!text.trim() || /^\s*'?\d+ subtests? failed'?\s*$/.test(text)) return;
    blocks.push(makeBlock('tap', m[2], [line, ...body], cwd));
  });
  return blocks;
};
