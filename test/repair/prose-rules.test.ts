/** Reviewer prose: a named cause, code the message names, "the test" as the subject, and prompt topics (hand-built tasks). */
import { describe, expect, it } from 'vitest';
import { routeBlockers } from '../../src/stages/repair/route.js';
import { codeNames } from '../../src/stages/repair/topic.js';
import { hunk, task } from './fixtures.js';

const base: Record<string, string> = {
  'src/pricing.js': 'export function lineTotal(item) {\n  return item.price * item.qty;\n}\n',
  'src/format.js': 'export function money(cents) {\n  return `$${cents / 100}`;\n}\n',
  'src/receipt.js': "import { money } from './format.js';\n\nexport function receipt(items) {\n  return items.map((i) => money(i.price)).join('\\n');\n}\n",
  'test/receipt.test.js': "import { receipt } from '../src/receipt.js';\nimport { lineTotal } from '../src/pricing.js';\n",
};
const readFile = (p: string) => base[p];
// Diffs that change bodies only: no task's diff defines a symbol.
const pricing = task(
  'pricing',
  ['src/pricing.js'],
  hunk('src/pricing.js', 2, ['-  return item.price * item.qty;', '+  return item.price * item.qty * 0.9;']),
  'Add a bulk discount to lineTotal.',
);
const format = task(
  'format',
  ['src/format.js'],
  hunk('src/format.js', 2, ['-  return `$${cents / 100}`;', '+  return `$${(cents / 100).toFixed(2)}`;']),
  'Group thousands with commas.',
);
const receipt = task(
  'receipt',
  ['src/receipt.js', 'test/receipt.test.js'],
  hunk('src/receipt.js', 4, ['+  // items']),
  'Show the item count on the receipt, above the total.',
);
const tasks = [pricing, format, receipt];
const route = (message: string, extra: { file?: string; symbol?: string } = {}) =>
  routeBlockers([{ message, source: 'reviewer', ...extra }], tasks, { readFile });

describe('reviewer prose', () => {
  it('a named cause wins over the file named as the symptom, its `file` field too', () => {
    const r = route('The receipt prints NaN. The receipt code is fine: the cause is lineTotal in src/pricing.js.', { file: 'src/receipt.js' });
    expect(r.tasks).toEqual(['pricing']);
    expect(r.reasons[0]).toMatchObject({ rule: 'named-file' });
  });

  it('code-symbol: a function named as code, defined in a task file its diff did not redefine', () => {
    expect(route('Does not handle negative amounts', { symbol: 'money' })).toMatchObject({ tasks: ['format'], reasons: [{ rule: 'code-symbol' }] });
    expect(route('money() loses the cents of large amounts').tasks).toEqual(['format']);
    // a plain English word is not a code name: "receipt" in prose names no function
    expect(codeNames('The receipt shows lineTotal and `money` and BULK_SIZE, via total()')).toEqual(new Set(['money', 'total', 'lineTotal', 'BULK_SIZE']));
  });

  it('a test file as `file` and "the test" as the subject: the test itself is wrong, its owner is sent back', () => {
    expect(route('The new test only covers a cart without bulk lines and never checks the Items line', { file: 'test/receipt.test.js' }).tasks).toEqual([
      'receipt',
    ]);
    // the same file, but the message names code: the code it names
    expect(route('test/receipt.test.js would fail for 12 mugs: the discount in lineTotal rounds down', { file: 'test/receipt.test.js' }).tasks).toEqual([
      'pricing',
    ]);
  });

  it("prompt-topic: with nothing else named, the task whose prompt alone shares the message's words", () => {
    const r = route('The thousands separator is missing for a million dollars.');
    expect(r).toMatchObject({
      tasks: ['format'],
      reasons: [{ rule: 'prompt-topic', why: 'its prompt: shares "thousand" with the message, no other task\'s prompt does' }],
    });
    expect(route('Please tidy this up before it is merged.').reasons[0].rule).toBe('every-task');
  });
});
