/**
 * A check's output as a failure excerpt: the blocks of the most specific format that finds any
 * (deduplicated), then the output's last few lines (the runner's summary), capped in lines and
 * characters. Output no format recognises keeps its last lines, as the tail used to.
 */
import { dedupe, isFrame, isWrapperNoise, rawLines, type Parser } from './common.js';
import { parseCargo } from './cargo.js';
import { parseEslint } from './eslint.js';
import { parseGeneric } from './generic.js';
import { parseGo } from './go.js';
import { parseJest } from './jest.js';
import { parseMocha } from './mocha.js';
import { parsePytest } from './pytest.js';
import { parseNodeSpec, parseTap } from './tap.js';
import { parseTsc } from './tsc.js';
import type { ExcerptLimits, FailureBlock, FailureExcerpt, Runner } from './types.js';
import { parseVitest } from './vitest.js';

const DEFAULT_LIMITS: ExcerptLimits = { maxLines: 80, maxChars: 8_000 };
const SUMMARY_LINES = 5;
/** A passing test, a TAP plan or subtest line, a progress row of dots: never part of the summary. */
const PASSING = /^\s*(?:ok \d+\b|✔|✓|√|PASS\b|# Subtest:|\d+\.\.\d+$)|^\S+\s+\.+\s*(?:\[\s*\d+%\])?$|^\.+\s*\d*\/?\d*$/;
/** Without a block, the output's end is all there is to show. */
const UNRECOGNISED_LINES = 30;

/** Most specific first: test runners, then compilers and linters, then any error marker. */
const PARSERS: [Runner, Parser][] = [
  ['jest', parseJest],
  ['vitest', parseVitest],
  ['mocha', parseMocha],
  ['pytest', parsePytest],
  ['cargo', parseCargo],
  ['go', parseGo],
  ['tap', parseTap],
  ['tap', parseNodeSpec],
  ['tsc', parseTsc],
  ['eslint', parseEslint],
  ['generic', parseGeneric],
];

export interface ParseOptions {
  /** The workspace the check ran in: its prefix is stripped so paths read as repository paths. */
  cwd?: string;
  limits?: Partial<ExcerptLimits>;
}

export function parseFailures(output: string, opts: ParseOptions = {}): FailureExcerpt {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const cwd = opts.cwd?.replace(/\/+$/, '');
  // eslint-disable-next-line no-control-regex -- colour codes
  let text = output.replace(/\r\n?/g, '\n').replace(/\x1b\[[0-9;]*m/g, '');
  if (cwd) text = text.replaceAll(`file://${cwd}/`, '').replaceAll(`${cwd}/`, '');
  let runner: Runner = 'generic';
  let found: FailureBlock[] = [];
  for (const [name, parse] of PARSERS) {
    found = parse(text, cwd);
    runner = name;
    if (found.length) break;
  }
  const blocks = dedupe(found);
  const summary = (blocks.length ? summaryOf(text, found) : lastLines(text)).map((l) => l.trimEnd());
  const { body, truncated } = render(blocks, summary, limits);
  return { runner, blocks, summary, text: body, truncated };
}

/** The runner's summary: the last lines that are in no block and are no passing test, frame or wrapper noise. */
function summaryOf(text: string, found: FailureBlock[]): string[] {
  const shown = new Set(found.flatMap((b) => rawLines(b).map((l) => l.trim())));
  const rest = text.split('\n').filter((l) => l.trim() && !shown.has(l.trim()) && !PASSING.test(l) && !isFrame(l) && !isWrapperNoise(l));
  return rest.slice(-SUMMARY_LINES);
}

/** Output without a recognised failure: its last lines, as the tail used to be (npm's trailer left out when there is more). */
function lastLines(text: string): string[] {
  const lines = text.split('\n').filter((l) => l.trim());
  const own = lines.filter((l) => !isWrapperNoise(l));
  return (own.length ? own : lines).slice(-UNRECOGNISED_LINES);
}

/** Whole blocks while they fit (the first one cut if it alone does not), then the summary. */
function render(blocks: FailureBlock[], summary: string[], limits: ExcerptLimits): { body: string; truncated: boolean } {
  const tail = blocks.length && summary.length ? ['', ...summary] : summary;
  const room = { lines: limits.maxLines - tail.length - 1, chars: limits.maxChars - tail.join('\n').length - 80 };
  const out: string[] = [];
  let shownBlocks = 0;
  let cutFirst = false;
  for (const [i, b] of blocks.entries()) {
    // one-line blocks (compiler and linter messages) read best as a list
    const apart = out.length && (b.lines.length > 1 || blocks[i - 1].lines.length > 1);
    const lines = apart ? ['', ...b.lines] : b.lines;
    const chars = lines.join('\n').length + 1;
    if (out.length + lines.length > room.lines || out.join('\n').length + chars > room.chars) {
      if (!out.length) {
        out.push(...cut(lines, room.lines, room.chars));
        shownBlocks++;
        cutFirst = true;
      }
      break;
    }
    out.push(...lines);
    shownBlocks++;
  }
  const left = blocks.length - shownBlocks;
  let truncated = left > 0 || cutFirst;
  if (left > 0) out.push(`… ${left} more failure${left === 1 ? '' : 's'} not shown (see the full log)`);
  let body = [...out, ...tail].join('\n');
  if (body.length > limits.maxChars || body.split('\n').length > limits.maxLines) {
    body = cut(body.split('\n'), limits.maxLines, limits.maxChars).join('\n');
    truncated = true;
  }
  return { body, truncated };
}

/** The first lines that fit, the last one marked as cut. */
function cut(lines: string[], maxLines: number, maxChars: number): string[] {
  const out: string[] = [];
  let chars = 0;
  for (const l of lines) {
    if (out.length + 1 >= maxLines || chars + l.length + 1 > maxChars - 2) break;
    out.push(l);
    chars += l.length + 1;
  }
  out.push('…');
  return out;
}
