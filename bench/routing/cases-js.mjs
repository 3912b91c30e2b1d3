// @ts-check
/** Cases on the JavaScript shop (bench/routing/shop-js.mjs), for node:test, tape, mocha, vitest and jest. */
import { COMMANDS, shop } from './shop-js.mjs';

/** How each runner prints a failed strict equality of two numbers (the text the agent must see). */
/** @type {Record<string, (actual: number, expected: number) => string>} */
const numbers = {
  node: (a, e) => `${a} !== ${e}`,
  mocha: (a, e) => `${a} !== ${e}`,
  tape: (a) => `actual:   ${a}`,
  vitest: (a, e) => `expected ${a} to be ${e}`,
  jest: (a) => `Received: ${a}`,
};
const THROWN = 'money expects cents as a number, got string';

/**
 * @param {string} id
 * @param {string} runner
 * @param {Parameters<typeof shop>[1]} opts
 * @param {{ tasks: string[], text?: string, judgement?: boolean, why: string }} expect
 * @param {Record<string, unknown>} [extra]
 */
function jsCase(id, runner, opts, expect, extra = {}) {
  const { base, tasks } = shop(runner, opts);
  return { id, runner: runner === 'node' ? 'node:test' : runner, base, tasks, check: { command: COMMANDS[runner], node: true }, expect, ...extra };
}

/** The three cases every JavaScript runner has. */
function common(runner) {
  return [
    jsCase(
      `${runner}-callee-bug`,
      runner,
      { bugs: { pricing: 'bulk' } },
      {
        tasks: ['pricing'],
        text: numbers[runner](1200, 1300),
        why: "receipt's test fails on total(), which it imports from pricing's src/pricing.js: the discount starts at 2 items",
      },
      { covers: ['test-imports-other-task'] },
    ),
    jsCase(
      `${runner}-own-bug`,
      runner,
      { bugs: { receipt: 'count' } },
      {
        tasks: ['receipt'],
        text: numbers[runner](2, 3),
        why: "receipt's itemCount counts lines, not quantities; its own test shows it",
      },
    ),
    jsCase(
      `${runner}-caller-throws`,
      runner,
      { bugs: { receipt: 'tax' } },
      {
        tasks: ['receipt'],
        text: THROWN,
        why: "money() in format's file throws, but receipt passes it a string (toFixed): the caller is wrong",
      },
      { covers: ['thrown-in-callee'] },
    ),
  ];
}

export function jsCases() {
  return [
    ...['node', 'tape', 'mocha', 'vitest', 'jest'].flatMap(common),
    jsCase(
      'node-passing-noise',
      'node',
      { bugs: { receipt: 'count' }, pricingTests: 12, formatTests: true },
      {
        tasks: ['receipt'],
        text: numbers.node(2, 3),
        why: "passing lines name lineTotal, BULK and money (pricing's and format's symbols); the one failure is receipt's",
      },
      { covers: ['passing-lines-name-other-tasks'] },
    ),
    jsCase(
      'node-long-early',
      'node',
      { bugs: { format: 'round' }, pricingTests: 80, formatTests: true },
      {
        tasks: ['format'],
        text: "'$0' !== '$0.05'",
        why: "format's own test fails first (test/format.test.js runs first), then 80 passing pricing tests",
      },
      { covers: ['long-output', 'failure-early'] },
    ),
    jsCase(
      'node-long-late',
      'node',
      { bugs: { receipt: 'count' }, pricingTests: 80, formatTests: true },
      {
        tasks: ['receipt'],
        text: numbers.node(2, 3),
        why: "80 passing pricing tests, then receipt's own test fails last",
      },
      { covers: ['long-output', 'failure-late'] },
    ),
    jsCase(
      'node-two-broken',
      'node',
      { bugs: { pricing: 'bulk', format: 'round' }, formatTests: true },
      {
        tasks: ['pricing', 'format'],
        text: "'$0' !== '$0.05'",
        why: "two causes: format's rounding (its own test) and pricing's discount (receipt's test of total)",
      },
      { covers: ['two-causes'] },
    ),
    jsCase(
      'vitest-passing-noise',
      'vitest',
      { bugs: { pricing: 'bulk' }, formatTests: true },
      {
        tasks: ['pricing'],
        text: numbers.vitest(1200, 1300),
        why: "format's passing tests and receipt's failing test of total(): the cause is pricing",
      },
      { covers: ['passing-lines-name-other-tasks', 'test-imports-other-task'] },
    ),
    jsCase(
      'jest-knock-on',
      'jest',
      { bugs: { pricing: 'bulk' }, invoice: true },
      {
        tasks: ['pricing'],
        text: numbers.jest(1200, 1300),
        why: "one bug in pricing fails tests in receipt's and invoice's files (knock-on failures)",
      },
      { covers: ['knock-on', 'test-imports-other-task'] },
    ),
    jsCase(
      'jest-knock-on-plus-own',
      'jest',
      { bugs: { pricing: 'bulk', receipt: 'count' }, invoice: true },
      {
        tasks: ['pricing', 'receipt'],
        text: numbers.jest(2, 3),
        why: "pricing's bug fails receipt's and invoice's totals; receipt's own itemCount bug fails too",
      },
      { covers: ['knock-on', 'two-causes'] },
    ),
    jsCase(
      'jest-with-reviewer',
      'jest',
      { bugs: { receipt: 'count' } },
      {
        tasks: ['receipt', 'format'],
        text: numbers.jest(2, 3),
        why: "the check fails in receipt; a reviewer names format's file for a separate problem",
      },
      {
        reviewers: [{ message: 'money() turns negative amounts into "$-0.50" instead of "-$0.50"', file: 'src/format.js', source: 'correctness' }],
        covers: ['check-plus-reviewer'],
      },
    ),
    jsCase(
      'mocha-with-reviewer-symbol',
      'mocha',
      { bugs: { pricing: 'bulk' } },
      {
        tasks: ['pricing'],
        text: numbers.mocha(1200, 1300),
        why: 'the check fails on total(); the reviewer names BULK, which pricing defines',
      },
      {
        reviewers: [{ message: 'BULK is 2; the task asked for a discount from 10 items', symbol: 'BULK', source: 'correctness' }],
        covers: ['check-plus-reviewer'],
      },
    ),
  ];
}
