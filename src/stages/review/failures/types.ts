/**
 * What a failing check's output says, as data: the failure blocks a test runner, compiler or
 * linter printed (never its passing lines or summary), each with the places it points at. The
 * excerpt people and agents read is built from the blocks; repair routing reads only the blocks.
 */

/** The formats odw recognises; `generic` is the fallback (error/fail markers and their context). */
export type Runner = 'tap' | 'jest' | 'vitest' | 'mocha' | 'pytest' | 'go' | 'cargo' | 'tsc' | 'eslint' | 'generic';

/** A place the output points at: a stack frame, `path:line`, `path(line,col)`, `--> path:line:col`, an eslint file header. */
export interface FailureLocation {
  /** Repository-relative path (workspace prefixes stripped). */
  file: string;
  line?: number;
  column?: number;
  /** The function a stack frame names, when it does. */
  fn?: string;
  /** The line of output it was read from. */
  text: string;
}

export interface FailureBlock {
  runner: Runner;
  /** The failing test's title, the compiler's error code and message, or the first line of the block. */
  title: string;
  /** The block's lines as printed: assertion, expected/actual, the first frames. */
  lines: string[];
  /** Every location in the block, in output order (the first is the innermost frame). */
  locations: FailureLocation[];
  /** Symbols the message names as the problem (`has no exported member 'X'`, `X is not a function`). */
  symbols: string[];
}

export interface FailureExcerpt {
  /** The format recognised (the most specific one that found blocks), or `generic`. */
  runner: Runner;
  /** One block per distinct failure, deduplicated, in output order. */
  blocks: FailureBlock[];
  /** The last few non-empty lines of the output (the runner's summary). */
  summary: string[];
  /** The text shown in history, runs show, the report and prompts: blocks, then summary; capped (those who show it add where the full log is). */
  text: string;
  /** True when blocks or lines were left out to stay under the caps. */
  truncated: boolean;
}

export interface ExcerptLimits {
  /** Most lines in `text` (default 80). */
  maxLines: number;
  /** Most characters in `text` (default 8,000). */
  maxChars: number;
}
