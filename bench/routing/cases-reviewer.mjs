// @ts-check
/**
 * Cases with reviewer blockers only (the check passed or was not configured), on the JavaScript
 * shop with its good changes: explicit file, symbol only, prose only, a test file named, "symptom
 * here, cause there", two reviewers blaming two tasks, a vague blocker, a reviewer that failed.
 */
import { shop } from './shop-js.mjs';

const ALL = ['pricing', 'format', 'receipt'];

function rev(id, reviewers, expect, { covers = [], invoice = false } = {}) {
  const { base, tasks } = shop('node', { invoice });
  const withSource = reviewers.map((r) => ({ source: 'reviewer', ...r }));
  return { id, runner: 'reviewer', base, tasks, check: null, reviewers: withSource, expect, covers };
}

export function reviewerCases() {
  return [
    rev(
      'rev-explicit-file',
      [{ message: 'The discount is applied with Math.round, so 10 x 333 cents loses a cent against the invoice system', file: 'src/pricing.js' }],
      {
        tasks: ['pricing'],
        why: "the file field names pricing's file",
      },
      { covers: ['explicit-file'] },
    ),
    rev(
      'rev-symbol-only',
      [{ message: 'Does not handle negative amounts (refunds print "$-0.50")', symbol: 'money' }],
      {
        tasks: ['format'],
        why: "money is format's function",
      },
      { covers: ['symbol-only'] },
    ),
    rev(
      'rev-prose-only',
      [{ message: 'The thousands separator is wrong for amounts of a million dollars or more.' }],
      {
        tasks: ['format'],
        why: "no file, no symbol: only format's prompt is about thousands separators",
      },
      { covers: ['prose-only'] },
    ),
    rev(
      'rev-prose-count',
      [{ message: 'The receipt should say how many items were bought; with quantities above one the count line reads oddly ("Items: 3" for two lines).' }],
      {
        tasks: ['receipt'],
        judgement: true,
        why: 'prose only, about the item count line receipt added (debatable: it may be a wish, not a defect)',
      },
      { covers: ['prose-only'] },
    ),
    rev(
      'rev-test-file',
      [{ message: 'The new test only covers a cart without bulk lines and never checks the Items line', file: 'test/receipt.test.js' }],
      {
        tasks: ['receipt'],
        why: 'the test file itself is the problem, and receipt owns it',
      },
      { covers: ['test-file-named'] },
    ),
    rev(
      'rev-test-file-cause-elsewhere',
      [{ message: 'test/receipt.test.js would fail for 12 mugs: the bulk discount in lineTotal rounds half cents down', file: 'test/receipt.test.js' }],
      {
        tasks: ['pricing'],
        why: "the test only shows it; lineTotal (pricing's) is the cause",
      },
      { covers: ['test-file-named', 'symptom-here-cause-there'] },
    ),
    rev(
      'rev-symptom-field',
      [
        {
          message:
            'The receipt prints "Total: $NaN" for a line without qty. The receipt code is fine: the cause is lineTotal in src/pricing.js, which multiplies by undefined.',
          file: 'src/receipt.js',
        },
      ],
      {
        tasks: ['pricing'],
        why: 'the file field names the symptom; the message names the cause in pricing',
      },
      { covers: ['symptom-here-cause-there', 'explicit-file'] },
    ),
    rev(
      'rev-symptom-prose',
      [
        {
          message: 'src/receipt.js shows the wrong total for 10 or more of an item, but that is only the symptom: the cause is the discount in src/pricing.js.',
        },
      ],
      {
        tasks: ['pricing'],
        why: 'two files named; the message says which is the cause',
      },
      { covers: ['symptom-here-cause-there'] },
    ),
    rev(
      'rev-two-reviewers',
      [
        { message: 'money() prints "$-0.50" for refunds instead of "-$0.50"', file: 'src/format.js', source: 'correctness' },
        { message: 'itemCount should skip lines with a quantity of zero', symbol: 'itemCount', source: 'product' },
      ],
      { tasks: ['format', 'receipt'], why: 'one reviewer blames format (file), the other receipt (symbol)' },
      { covers: ['two-reviewers'] },
    ),
    rev(
      'rev-two-reviewers-prose',
      [
        { message: 'BULK should come from configuration, not a constant', source: 'design' },
        { message: 'The receipt shows the number of items above the total; put it below, as the design says', source: 'product' },
      ],
      { tasks: ['pricing', 'receipt'], why: "BULK is pricing's symbol; the item line on the receipt is receipt's" },
      { covers: ['two-reviewers', 'prose-only'] },
    ),
    rev(
      'rev-vague',
      [{ message: 'Not good enough yet: please tidy this up before it is merged.' }],
      {
        tasks: ALL,
        judgement: true,
        why: 'no file, symbol or topic: every task (or none) is defensible',
      },
      { covers: ['vague'] },
    ),
    rev(
      'rev-failed-plus-real',
      [
        { message: 'reviewer_failed: the agent timed out after 10m', source: 'security' },
        { message: 'money() loses the cents of amounts above a million', symbol: 'money', source: 'correctness' },
      ],
      { tasks: ['format'], why: 'a failed reviewer blames nobody; the other names money' },
      { covers: ['symbol-only'] },
    ),
    rev(
      'rev-four-tasks',
      [{ message: 'Shipping is added even when the cart is empty', file: 'src/invoice.js' }],
      {
        tasks: ['invoice'],
        why: "the file field names invoice's file (four tasks)",
      },
      { covers: ['explicit-file'], invoice: true },
    ),
    rev(
      'rev-two-files-no-verdict',
      [{ message: 'src/receipt.js and src/format.js disagree on how a refund is shown: one prints "-$0.50", the other "$-0.50"' }],
      { tasks: ['format', 'receipt'], judgement: true, why: 'two files named, neither said to be wrong: either task, or both, could change' },
      { covers: ['two-files-no-verdict'] },
    ),
    rev(
      'rev-symbol-caller-or-callee',
      [{ message: 'An empty cart prints "Total: $0.00"; total() should not be asked to price nothing', symbol: 'total' }],
      { tasks: ['receipt'], judgement: true, why: "the symbol is pricing's, but the fix belongs to its caller (receipt); one could argue for pricing" },
      { covers: ['symbol-only'] },
    ),
  ];
}
