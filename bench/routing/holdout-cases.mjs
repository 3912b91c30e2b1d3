// @ts-check
/**
 * The held-out routing cases (bench/routing/holdout/*.json, `generate.mjs --set holdout`): other
 * projects and shapes than the shop the routing rules were tuned on (a text library whose modules
 * import each other in a chain, config loaders, a paragraph formatter, a typed config), written and
 * labelled before the router was run on them. The JavaScript cases are here; the others are in
 * holdout-cases-native.mjs and holdout-reviewer.mjs.
 */
import { reviewerHoldout } from './holdout-reviewer.mjs';
import { nativeHoldout } from './holdout-cases-native.mjs';
import { textkit } from './holdout-textkit.mjs';

const COMMANDS = { node: 'node --test', tape: 'npx tape "test/*.test.js"', mocha: 'npx mocha "test/*.test.js"', vitest: 'npx vitest run', jest: 'npx jest' };

/** How each runner prints a failed strict equality (the text the agent must see). */
/** @type {Record<string, (actual: string, expected?: string) => string>} */
const strings = {
  node: (a) => `+ '${a}'`,
  mocha: (a) => `+ '${a}'`,
  tape: (a) => `actual:   '${a}'`,
  vitest: (a, e) => `expected '${a}' to be '${e}'`,
  jest: (a) => `Received: "${a}"`,
};

/**
 * @param {string} id
 * @param {string} runner
 * @param {Parameters<typeof textkit>[1]} opts
 * @param {{ tasks: string[], text?: string, judgement?: boolean, why: string }} expect
 * @param {Record<string, unknown>} [extra]
 */
function js(id, runner, opts, expect, extra = {}) {
  const { base, tasks } = textkit(runner, opts);
  return { id, runner: runner === 'node' ? 'node:test' : runner, base, tasks, check: { command: COMMANDS[runner], node: true }, expect, ...extra };
}

const TWO_DOWN = "toc's test fails on the id of 'Straße und Öl'; toc calls slug's slugify, which calls chars's fold, which drops ß";
const DASHES = "toc's test (importing from toc, slug and truncate) fails on the id of 'Hello, World': slug's slugify makes a dash per separator character";

function jsHoldout() {
  return [
    js(
      'hold-node-two-down',
      'node',
      { bugs: { chars: 'drop' } },
      { tasks: ['chars'], text: strings.node('strae-und-ol', 'strasse-und-ol'), why: TWO_DOWN },
      { covers: ['two-levels-down', 'test-imports-other-task'] },
    ),
    js(
      'hold-jest-two-down',
      'jest',
      { bugs: { chars: 'drop' } },
      { tasks: ['chars'], text: strings.jest('strae-und-ol'), why: TWO_DOWN },
      { covers: ['two-levels-down', 'test-imports-other-task'] },
    ),
    js(
      'hold-tape-two-down',
      'tape',
      { bugs: { chars: 'drop' } },
      { tasks: ['chars'], text: "'strae-und-ol'", why: TWO_DOWN },
      { covers: ['two-levels-down', 'test-imports-other-task'] },
    ),
    js(
      'hold-jest-callee',
      'jest',
      { bugs: { slug: 'dashes' } },
      { tasks: ['slug'], text: strings.jest('hello--world'), why: DASHES },
      { covers: ['test-imports-two-tasks', 'test-imports-other-task'] },
    ),
    js(
      'hold-tape-callee',
      'tape',
      { bugs: { slug: 'dashes' } },
      { tasks: ['slug'], text: "'hello--world'", why: DASHES },
      { covers: ['test-imports-two-tasks', 'test-imports-other-task'] },
    ),
    js(
      'hold-mocha-callee',
      'mocha',
      { bugs: { slug: 'dashes' } },
      { tasks: ['slug'], text: strings.mocha('hello--world', 'hello-world'), why: DASHES },
      { covers: ['test-imports-two-tasks', 'test-imports-other-task'] },
    ),
    js(
      'hold-vitest-own',
      'vitest',
      { bugs: { toc: 'dup' } },
      { tasks: ['toc'], text: strings.vitest('intro-1', 'intro-2'), why: "toc numbers the first repeat 1; toc's own test shows it" },
    ),
    js(
      'hold-node-own-noise',
      'node',
      { bugs: { toc: 'dup' }, charsNoise: 30 },
      { tasks: ['toc'], text: strings.node('intro-1', 'intro-2'), why: "30 passing tests name fold (chars's); the one failure is toc's own numbering" },
      { covers: ['passing-lines-name-other-tasks'] },
    ),
    js(
      'hold-mocha-caller-throws',
      'mocha',
      { bugs: { toc: 'order' } },
      {
        tasks: ['toc'],
        text: 'truncate expects text as a string, got number',
        why: "truncate (truncate's) throws, as its prompt asks, because toc calls truncate(24, h): the caller is wrong",
      },
      { covers: ['thrown-in-callee', 'caller-bug'] },
    ),
    js(
      'hold-vitest-caller-throws',
      'vitest',
      { bugs: { toc: 'order' } },
      { tasks: ['toc'], text: 'truncate expects text as a string, got number', why: 'truncate throws because toc passes the arguments the wrong way round' },
      { covers: ['thrown-in-callee', 'caller-bug'] },
    ),
    js(
      'hold-node-knock-on',
      'node',
      { bugs: { truncate: 'long' } },
      { tasks: ['truncate'], text: strings.node('abcde…', 'abcd…'), why: "truncate returns one character too many: its own test and toc's label test fail" },
      { covers: ['knock-on'] },
    ),
    js(
      'hold-jest-renamed',
      'jest',
      { bugs: { slug: 'rename' } },
      {
        tasks: ['slug'],
        text: 'slugify is not a function',
        why: "slug renamed slugify to toSlug, unasked; toc's require gets undefined and every toc test throws",
      },
      { covers: ['changed-contract'] },
    ),
    js(
      'hold-node-renamed',
      'node',
      { bugs: { slug: 'rename' } },
      {
        tasks: ['slug'],
        text: "does not provide an export named 'slugify'",
        why: "slug renamed slugify to toSlug, unasked; the import in toc's src/toc.js (and its test) fails",
      },
      { covers: ['changed-contract'] },
    ),
    js(
      'hold-vitest-two-bugs',
      'vitest',
      { bugs: { chars: 'drop', truncate: 'long' } },
      {
        tasks: ['chars', 'truncate'],
        text: strings.vitest('abcde…', 'abcd…'),
        why: "two independent bugs: fold drops ß (seen in toc's test) and truncate is one too long (its own test and toc's)",
      },
      { covers: ['two-causes', 'two-levels-down'] },
    ),
    js(
      'hold-mocha-contract-asked',
      'mocha',
      { bugs: { slug: 'null' } },
      {
        tasks: ['toc'],
        judgement: true,
        text: 'null',
        why: "slug returns null for '***' as its prompt asks; the old expectation ('') is in toc's test, which toc owns (one could send slug back)",
      },
      { covers: ['changed-contract'] },
    ),
    js(
      'hold-jest-with-reviewer',
      'jest',
      { bugs: { truncate: 'long' } },
      { tasks: ['truncate', 'chars'], text: strings.jest('abcde…'), why: 'the check fails in truncate; a reviewer names src/chars.js for a separate problem' },
      {
        covers: ['check-plus-reviewer', 'knock-on'],
        reviewers: [{ message: "fold() maps œ but not Œ: 'Œuvre' folds to 'uvre'", file: 'src/chars.js', source: 'correctness' }],
      },
    ),
  ];
}

export function holdoutCases() {
  return [...jsHoldout(), ...nativeHoldout(), ...reviewerHoldout()];
}
