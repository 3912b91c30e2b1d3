/**
 * cargo test: each `---- name stdout ----` section (the panic, `left`/`right`, the backtrace's
 * frames in the crate), and rustc's `error[E…]: message` blocks with their `--> path:line:col`.
 */
import { makeBlock, repoPath, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const SECTION = /^---- (\S+) stdout ----$/;
const COMPILE = /^error(?:\[E\d+\])?: (.+)$/;
const SUMMARY = /^error: (?:test failed|could not compile|aborting due)/;

/** A backtrace frame (`  3: name` then `at path:line:col`) outside the crate says nothing about the failure. */
function crateFrames(raw: string[], cwd?: string): string[] {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const at = /^\s+at (\S+?):\d+:\d+$/.exec(raw[i + 1] ?? '');
    if (/^\s+\d+: /.test(raw[i]) && at && !repoPath(at[1], cwd)) {
      i++;
      continue;
    }
    kept.push(raw[i]);
  }
  return kept;
}

export const parseCargo: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const blocks: FailureBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const section = SECTION.exec(lines[i]);
    const compile = section || SUMMARY.test(lines[i]) ? null : COMPILE.exec(lines[i]);
    if (!section && !compile) continue;
    const raw = [lines[i]];
    let j = i + 1;
    if (section) for (; j < lines.length && !SECTION.test(lines[j]) && !/^(?:failures:|test result:)/.test(lines[j]); j++) raw.push(lines[j]);
    else for (; j < lines.length && lines[j].trim(); j++) raw.push(lines[j]);
    blocks.push(makeBlock('cargo', section ? section[1] : compile![0], crateFrames(raw, cwd), cwd));
    i = j - 1;
  }
  return blocks;
};
