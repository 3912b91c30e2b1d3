/** What every runner's parser shares: reading locations and symbols out of a line, and building a block. */
import type { FailureBlock, FailureLocation, Runner } from './types.js';

/** A runner's parser: the failure blocks in a check's output (paths already repository-relative when it knows the workspace). */
export type Parser = (output: string, cwd?: string) => FailureBlock[];

/** `fn (path:line:col)`, with or without `at`/`async` (node, jest, mocha; node:test's YAML stack has no `at`). */
const PAREN_FRAME = /^\s*(?:at\s+)?(?:async\s+)?([^\s()]+(?: \[as [^\]]+\])?) \(((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)\s*\{?\s*$/;
/** `at path:line:col` (node, Rust backtraces, node:test's `test at path:line:col`), or the bare `path:line:col` of node:test's YAML stack. */
const BARE_FRAME = /^\s*(?:(?:test\s+)?at\s+)?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\s*$/;
const PATTERNS: { re: RegExp; file: number; line: number; col?: number; fn?: number }[] = [
  { re: /\bat:?\s+(?:async\s+)?([^\s()]+(?: \[as [^\]]+\])?) \(((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)/, fn: 1, file: 2, line: 3, col: 4 },
  { re: /^\s*(?:async\s+)?([^\s()]+(?: \[as [^\]]+\])?) \(((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)\s*\{?\s*$/, fn: 1, file: 2, line: 3, col: 4 },
  { re: /\bat\s+((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\s*$/, file: 1, line: 2, col: 3 },
  { re: /❯\s+(?:\S+\s+)?(\S+?):(\d+):(\d+)\s*$/, file: 1, line: 2, col: 3 },
  { re: /panicked at (\S+?):(\d+):(\d+)/, file: 1, line: 2, col: 3 },
  { re: /-->\s+(\S+?):(\d+):(\d+)/, file: 1, line: 2, col: 3 },
  { re: /^\s*location:\s*'?((?:file:\/\/)?[^'\s]+?):(\d+):(\d+)'?\s*$/, file: 1, line: 2, col: 3 },
  { re: /^(\S[^()]*?)\((\d+),(\d+)\): (?:error|warning)/, file: 1, line: 2, col: 3 },
  { re: /^(\S+?):(\d+):(\d+) - (?:error|warning)/, file: 1, line: 2, col: 3 },
  { re: /^(\S+\.py):(\d+):/, file: 1, line: 2 },
  { re: /^\s*(?:\.\/)?([\w./-]+\.go):(\d+)(?::(\d+))?:/, file: 1, line: 2, col: 3 },
  { re: /(?:^|[\s'"(])((?:\.{0,2}\/)?[\w@.-]+(?:\/[\w@.-]+)*\.[A-Za-z]\w*):(\d+)(?::(\d+))?\b/, file: 1, line: 2, col: 3 },
];

const MAX_LINE = 400;

/** A path as the repository names it; undefined for a runner's or a library's own files (node_modules, node:internal, toolchains). */
export function repoPath(path: string, cwd?: string): string | undefined {
  let p = path.replace(/^file:\/\//, '');
  if (cwd && p.startsWith(`${cwd}/`)) p = p.slice(cwd.length + 1);
  p = p.replace(/^\.\//, '');
  if (/^node:|^internal\/|node_modules\/|site-packages\/|dist-packages\/|^\/rustc\/|\.cargo\/registry\/|^<anonymous>/.test(p)) return undefined;
  if (cwd && p.startsWith('/')) return undefined;
  return p || undefined;
}

/** The place a line points at, if any (only the first the line names). */
export function locationIn(text: string, cwd?: string): FailureLocation | 'outside' | undefined {
  // a minified bundle's line is not a place anyone reads; the cap keeps the patterns linear
  const head = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  for (const pat of PATTERNS) {
    const m = pat.re.exec(head);
    if (!m) continue;
    const file = repoPath(m[pat.file], cwd);
    if (!file) return 'outside';
    const fn = pat.fn ? m[pat.fn] : undefined;
    return {
      file,
      line: Number(m[pat.line]),
      ...(pat.col && m[pat.col] ? { column: Number(m[pat.col]) } : {}),
      ...(fn && fn !== 'Object.<anonymous>' ? { fn } : {}),
      text: text.trim(),
    };
  }
  return undefined;
}

/** A stack frame line: shown only for the first few frames in the repository. */
export function isFrame(text: string): boolean {
  return PAREN_FRAME.test(text) || BARE_FRAME.test(text);
}

const SYMBOLS: RegExp[] = [
  /has no exported member (?:named )?'([^']+)'/g,
  /(?<![\w$.])(?:\(0\s*,\s*[\w$]+\.)?([\w$][\w$.]*)\)? is not a function/g,
  /Cannot find name '([^']+)'/g,
  /Property '([^']+)' does not exist/g,
  /'([\w$]+)' is not defined/g,
  /ReferenceError: ([\w$]+) is not defined/g,
  /has no attribute '([^']+)'/g,
  /cannot import name '([^']+)'/g,
  /does not provide an export named '([^']+)'/g,
  /'([^']+)' is not exported by/g,
  /cannot find (?:value|function|type|struct|macro|trait) `([^`]+)`/g,
  /\bundefined: ([\w.]+)/g,
  /\b([\w$.]+)\(\) (?:takes|expects|expected|missing) /g,
  /\b(?:calling|call to|for) '?([\w$.]+)'?[:,]? [Ee]xpected \d+ arguments?/g,
];

/** Names the message says are the problem (a missing export, a call of something that is not a function). */
export function symbolsIn(lines: string[]): string[] {
  const found = new Set<string>();
  for (const line of lines) for (const re of SYMBOLS) for (const m of line.slice(0, MAX_LINE).matchAll(re)) found.add(m[1]);
  return [...found];
}

/** What npm, pnpm, yarn and make print about the command that failed: never the failure itself, nor its summary. */
const WRAPPER = /^(?:npm (?:ERR!|error)|ERR_PNPM_|\s*ELIFECYCLE\b|error Command failed with exit code|info Visit https:\/\/yarnpkg|make(?:\[\d+\])?: \*\*\*)/;

export function isWrapperNoise(line: string): boolean {
  return WRAPPER.test(line);
}

const MAX_FRAMES = 3;
const MAX_BLOCK_LINES = 30;

/**
 * A block from the lines a runner printed for one failure: frames outside the repository and past
 * the first few dropped, leading and trailing blank lines trimmed, a long block cut in the middle.
 */
export function makeBlock(runner: Runner, title: string, raw: string[], cwd?: string): FailureBlock {
  const block = buildBlock(runner, title, raw, cwd);
  RAW.set(block, raw);
  return block;
}

/** Every line a block was made from, frames it leaves out included: none of them is the runner's summary. */
const RAW = new WeakMap<FailureBlock, string[]>();

export function rawLines(block: FailureBlock): string[] {
  return RAW.get(block) ?? block.lines;
}

function buildBlock(runner: Runner, title: string, raw: string[], cwd?: string): FailureBlock {
  const lines: string[] = [];
  const locations: FailureLocation[] = [];
  let frames = 0;
  for (const line of raw) {
    const loc = locationIn(line, cwd);
    if (isFrame(line) && (loc === 'outside' || loc === undefined || ++frames > MAX_FRAMES)) continue;
    if (loc && loc !== 'outside' && !locations.some((l) => l.file === loc.file && l.line === loc.line && l.column === loc.column)) locations.push(loc);
    lines.push(line.replace(/\s+$/, ''));
  }
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const shown = lines.length > MAX_BLOCK_LINES ? [...lines.slice(0, 20), '    …', ...lines.slice(-(MAX_BLOCK_LINES - 21))] : lines;
  return { runner, title: title.trim(), lines: shown, locations, symbols: symbolsIn(lines) };
}

/** One block per distinct failure: a runner that repeats its failures in a summary lists them once. */
export function dedupe(blocks: FailureBlock[]): FailureBlock[] {
  const seen = new Set<string>();
  return blocks.filter((b) => {
    const key = b.lines.map((l) => l.trim()).join('\n');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Leading spaces. */
export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines after `start` that are indented deeper than `indent` (blank lines included), up to the first that is not. */
export function indentedBody(lines: string[], start: number, indent: number): string[] {
  const body: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i].trim() && indentOf(lines[i]) <= indent) break;
    body.push(lines[i]);
  }
  return body;
}
