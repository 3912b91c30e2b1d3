/** Each routing rule on hand-built failure blocks and small diffs (the parsers are tested elsewhere). */
import { describe, expect, it } from 'vitest';
import { routeBlockers } from '../../src/stages/repair/route.js';
import { at, block, checkBlocker, failures, hunk, newFile, task } from './fixtures.js';

const receiptTask = task(
  'receipt',
  ['src/receipt.js'],
  newFile(
    'src/receipt.js',
    "import { format } from './format.js';\n\nexport function receipt(items) {\n  return items.map((i) => format(i.price)).join('\\n');\n}\n",
  ),
);
const formatTask = task('format', ['src/format.js'], hunk('src/format.js', 20, [' // helpers', '+export function pad(s) {', '+  return s.padStart(8);', '+}']));
const testsTask = task(
  'tests',
  ['test/**'],
  newFile(
    'test/receipt.test.js',
    "import test from 'node:test';\nimport assert from 'node:assert';\nimport { receipt } from '../src/receipt.js';\n\ntest('receipt', () => {\n  assert.equal(receipt([{ price: 1 }]), '    1.00');\n});\n",
  ),
);
const tasks = [formatTask, receiptTask, testsTask];
const routed = (blocks: ReturnType<typeof block>[], ts = tasks, readFile?: (p: string) => string | undefined) =>
  routeBlockers([checkBlocker()], ts, { failures: failures(...blocks), ...(readFile ? { readFile } : {}) });

describe('repair routing from failure blocks', () => {
  it('changed-line: a stack frame goes to the task whose diff changed that line, not to where the error was thrown', () => {
    const frames = [at('src/format.js', 3, 'format'), at('src/receipt.js', 4, 'receipt'), at('test/receipt.test.js', 6, 'TestContext.<anonymous>')];
    const r = routed([block('jest', "TypeError: Cannot read properties of undefined (reading 'toFixed')", frames)]);
    expect(r.tasks).toEqual(['receipt']);
    expect(r.reasons[0]).toMatchObject({ task: 'receipt', blocker: 0, rule: 'changed-line', evidence: 'at receipt (src/receipt.js:4:5)' });
    expect(r.reasons[0].why).toBe('its diff changed src/receipt.js:4 (receipt)');
  });

  it('file-owner: a frame on a line no task changed goes to the owner of its file', () => {
    const r = routed([
      block('jest', 'Error: bad width', [at('node_modules/x/index.js', 9, 'x'), at('src/format.js', 3, 'format'), at('test/receipt.test.js', 6)]),
    ]);
    expect(r.tasks).toEqual(['format']);
    expect(r.reasons[0]).toMatchObject({ rule: 'file-owner', why: 'owns src/format.js:3 (format), where the failure is' });
  });

  it('frames outside tests weigh above test frames, whatever their order', () => {
    const r = routed([block('tap', 'not ok 1 receipt', [at('test/receipt.test.js', 6, 'Test.<anonymous>'), at('src/format.js', 2, 'format')])]);
    expect(r.tasks).toEqual(['format']);
  });

  it('test-imports: a failure only inside a test goes to the code the test imports, not to its owner', () => {
    const r = routed([
      block('tap', 'not ok 1 receipt', [at('test/receipt.test.js', 6, 'TestContext.<anonymous>')], {
        lines: ['not ok 1 receipt', 'expected: "    1.00"', 'actual: "1"'],
      }),
    ]);
    expect(r.tasks).toEqual(['receipt']);
    expect(r.reasons[0]).toMatchObject({ rule: 'test-imports', why: 'the failing line in test/receipt.test.js calls receipt, imported from src/receipt.js' });
  });

  it('test-imports follows the imports, not file names: test/checkout.test.js that imports pricing is about pricing', () => {
    const checkout = task('checkout', ['src/checkout.js'], newFile('src/checkout.js', 'export function checkout() {}\n'));
    const pricing = task('pricing', ['src/pricing.js'], newFile('src/pricing.js', 'export function price(x) {\n  return x;\n}\n'));
    const tests = task('tests', ['test/**'], newFile('test/checkout.test.js', "import { price } from '../src/pricing.js';\n"));
    const b = block('mocha', '1) checkout prices an item', [at('test/checkout.test.js', 4, 'Context.<anonymous>')], {
      lines: ['AssertionError: expected 3 to equal 4'],
    });
    expect(routed([b], [checkout, pricing, tests]).tasks).toEqual(['pricing']);
    const prose = routeBlockers([{ message: 'test/checkout.test.js fails: expected 3 but got 4' }], [checkout, pricing, tests]);
    expect(prose.tasks).toEqual(['pricing']);
  });

  it('test-imports reads a test no task changed through the reader, and resolves a TypeScript `.js` import to its `.ts` file', () => {
    const pricing = task('pricing', ['src/pricing.ts'], newFile('src/pricing.ts', 'export const rate = 0.2;\n'));
    const other = task('other', ['src/other.ts']);
    const files: Record<string, string> = { 'test/pricing.test.ts': "import { rate } from '../src/pricing.js';\nconst helper = require('./helper');\n" };
    const r = routed([block('vitest', 'FAIL test/pricing.test.ts > rate', [at('test/pricing.test.ts', 1)])], [other, pricing], (p) => files[p]);
    expect(r.tasks).toEqual(['pricing']);
  });

  it('test-imports (pytest): `from pkg.mod import name`, narrowed to the import the failure names', () => {
    const cart = task('cart', ['shop/cart.py'], newFile('shop/cart.py', 'def total(items):\n    return sum(items)\n'));
    const tax = task('tax', ['shop/tax.py'], newFile('shop/tax.py', 'RATE = 0.2\n\ndef rate():\n    return RATE\n'));
    const tests = task(
      'tests',
      ['tests/**'],
      newFile('tests/test_cart.py', 'from shop.cart import total\nfrom shop.tax import rate\n\ndef test_total():\n    assert total([2, 3]) == 6\n'),
    );
    const b = block('pytest', 'tests/test_cart.py::test_total', [at('tests/test_cart.py', 5, undefined, 'tests/test_cart.py:5: AssertionError')], {
      lines: ['    def test_total():', '>       assert total([2, 3]) == 6', 'E       assert 5 == 6', 'tests/test_cart.py:5: AssertionError'],
    });
    const r = routed([b], [cart, tax, tests]);
    expect(r.tasks).toEqual(['cart']);
    expect(r.reasons[0]).toMatchObject({ rule: 'test-imports', evidence: 'tests/test_cart.py:5: AssertionError' });
  });

  it('cargo: a panic in src/ is a changed line; a failing integration test goes through its `use` lines', () => {
    const pricing = task('pricing', ['src/pricing.rs'], newFile('src/pricing.rs', 'pub fn tax(cents: u64) -> u64 {\n    cents / 5\n}\n'));
    const cli = task('cli', ['src/main.rs']);
    const tests = task(
      'tests',
      ['tests/**'],
      newFile('tests/pricing.rs', 'use shop::pricing::tax;\n\n#[test]\nfn taxes() {\n    assert_eq!(tax(100), 20);\n}\n'),
    );
    const panic = block('cargo', "thread 'taxes' panicked at src/pricing.rs:2:5", [
      at('src/pricing.rs', 2, undefined, "thread 'taxes' panicked at src/pricing.rs:2:5"),
    ]);
    expect(routed([panic], [cli, pricing, tests]).reasons[0]).toMatchObject({ task: 'pricing', rule: 'changed-line' });
    const assertion = block('cargo', 'taxes', [at('tests/pricing.rs', 5, undefined, "thread 'taxes' panicked at tests/pricing.rs:5:5")]);
    expect(routed([assertion], [cli, pricing, tests])).toMatchObject({ tasks: ['pricing'], reasons: [{ rule: 'test-imports' }] });
  });

  it('contract-change (tsc): the consumer where the error is, and the task whose diff changed the declaration', () => {
    const pricing = task(
      'pricing',
      ['src/pricing.ts'],
      hunk('src/pricing.ts', 1, [
        '-export function tax(amount: number): number {',
        '+export function taxFor(amount: number, rate: number): number {',
        '   return amount * 0.2;',
      ]),
    );
    const cli = task('cli', ['src/cli.ts'], hunk('src/cli.ts', 1, [" import { run } from './run.js';", "+import { tax } from './pricing.js';"]));
    const docs = task('docs', ['README.md']);
    const b = block(
      'tsc',
      "src/cli.ts(2,10): error TS2305: Module '\"./pricing.js\"' has no exported member 'tax'.",
      [at('src/cli.ts', 2, undefined, "src/cli.ts(2,10): error TS2305: Module '\"./pricing.js\"' has no exported member 'tax'.")],
      {
        symbols: ['tax'],
      },
    );
    const r = routed([b], [pricing, cli, docs]);
    expect(r.tasks).toEqual(['pricing', 'cli']);
    expect(r.reasons.find((x) => x.task === 'pricing')).toMatchObject({
      rule: 'contract-change',
      why: 'its diff removed the declaration of tax in src/pricing.ts',
    });
    expect(r.reasons.find((x) => x.task === 'cli')).toMatchObject({ rule: 'changed-line' });
  });

  it('contract-change: a member no task declared goes to the owner of the module the error names', () => {
    const pricing = task(
      'pricing',
      ['src/pricing.ts'],
      newFile('src/pricing.ts', 'export function tax(amount: number): number {\n  return amount * 0.2;\n}\n'),
    );
    const cli = task('cli', ['src/cli.ts'], newFile('src/cli.ts', "import { taxFor } from './pricing.js';\n"));
    const title = "src/cli.ts(1,10): error TS2305: Module '\"./pricing.js\"' has no exported member 'taxFor'.";
    const r = routed([block('tsc', title, [at('src/cli.ts', 1, undefined, title)], { symbols: ['taxFor'] })], [pricing, cli]);
    expect(r.tasks).toEqual(['pricing', 'cli']);
    expect(r.reasons.find((x) => x.task === 'pricing')).toMatchObject({
      rule: 'contract-change',
      why: 'owns src/pricing.ts, the module that was to export taxFor',
    });
  });

  it('contract-change: "X is not a function" names a member; the last part is the symbol', () => {
    const b = block('jest', 'TypeError: fmt.pad is not a function', [at('test/receipt.test.js', 6)], { symbols: ['fmt.pad'] });
    expect(routed([b]).tasks).toEqual(['format', 'receipt']);
  });

  it('eslint: the file header and line of the problem', () => {
    const b = block('eslint', "21:3  error  'width' is assigned a value but never used  no-unused-vars", [
      at('src/format.js', 21, undefined, "src/format.js 21:3 error 'width' is assigned a value but never used"),
    ]);
    expect(routed([b]).reasons).toEqual([
      {
        task: 'format',
        blocker: 0,
        rule: 'changed-line',
        why: 'its diff changed src/format.js:21',
        evidence: "src/format.js 21:3 error 'width' is assigned a value but never used",
      },
    ]);
  });

  it('named-file and named-symbol: a block that says the cause is elsewhere adds that owner; a reviewer who does is taken at their word', () => {
    const pricing = task('pricing', ['src/pricing.js'], newFile('src/pricing.js', 'export function tax(x) {\n  return x * 2;\n}\n'));
    const b = block('jest', 'Error: total is 12, expected 11', [at('src/receipt.js', 4, 'receipt')], {
      lines: ['Error: total is 12, expected 11 because the rate in src/pricing.js is applied twice'],
    });
    const r = routed([b], [formatTask, receiptTask, pricing]);
    expect(r.tasks).toEqual(['receipt', 'pricing']);
    expect(r.reasons[1]).toMatchObject({ rule: 'named-file', evidence: 'because the rate in src/pricing.js is applied twice' });
    const reviewer = routeBlockers(
      [{ message: 'src/receipt.js prints the wrong total; the root cause is `tax()` doubling it', source: 'correctness' }],
      [receiptTask, pricing],
    );
    expect(reviewer.tasks).toEqual(['pricing']);
    expect(reviewer.reasons[0]).toMatchObject({ task: 'pricing', rule: 'named-symbol' });
  });

  it('failure-symbol: with no location, a top-level symbol a task defines that the block names', () => {
    const b = block('generic', 'Error: pad() returned "1" for width 8', []);
    expect(routed([b])).toMatchObject({ tasks: ['format'], reasons: [{ rule: 'failure-symbol', why: 'defines pad, which the failure names' }] });
  });

  it('reads only the blocks: passing test titles, runner boilerplate and summaries in the output blame nobody', () => {
    const tail = 'ok 1 format pads numbers\nok 2 should be strictly equal\n# tests 208 total\nreceipt, format, pad all passed';
    const b = block('tap', 'not ok 3 receipt', [at('src/receipt.js', 4, 'receipt')]);
    const r = routeBlockers([checkBlocker(tail)], tasks, { failures: failures(b) });
    expect(r.tasks).toEqual(['receipt']);
  });

  it("changed-line: a line a task added outweighs a context line inside another task's hunk", () => {
    const format2 = task('format', ['src/format.js'], hunk('src/format.js', 2, [' export function format(n) {', '+  return n.toFixed(2);', ' }']));
    const frames = [at('./src/format.js', 4, 'format'), at('src/receipt.js', 4, 'receipt')];
    expect(routed([block('jest', 'TypeError: n.toFixed is not a function', frames)], [format2, receiptTask]).tasks).toEqual(['receipt']);
    expect(routed([block('jest', 'TypeError: n.toFixed is not a function', frames.slice(0, 1))], [format2, receiptTask]).reasons[0]).toMatchObject({
      task: 'format',
      rule: 'changed-line',
      why: 'its diff changed src/format.js:4 (format)',
    });
  });

  it('test-imports (go): a failing _test.go goes to the Go files of its package', () => {
    const tax = task('tax', ['pricing/tax.go'], newFile('pricing/tax.go', 'package pricing\n\nfunc Tax(c int) int {\n\treturn c / 5\n}\n'));
    const cart = task('cart', ['cart/cart.go'], newFile('cart/cart.go', 'package cart\n'));
    const tests = task('tests', ['pricing/tax_test.go'], newFile('pricing/tax_test.go', 'package pricing\n'));
    const b = block('go', '--- FAIL: TestTax (0.00s)', [at('pricing/tax_test.go', 9, undefined, '    tax_test.go:9: Tax(100) = 25, want 20')]);
    expect(routed([b], [cart, tax, tests])).toMatchObject({ tasks: ['tax'], reasons: [{ rule: 'test-imports' }] });
  });

  it('a check whose output had no failure block is read as prose', () => {
    const r = routeBlockers([checkBlocker('Killed: src/receipt.js never returns')], tasks, { failures: failures() });
    expect(r).toMatchObject({ tasks: ['receipt'], reasons: [{ rule: 'file-mention' }] });
  });

  it('blocks that trace to no task send every task back, saying so', () => {
    const r = routed([block('generic', 'Segmentation fault', [at('/usr/lib/libc.so', 1)])]);
    expect(r.tasks).toEqual(['format', 'receipt', 'tests']);
    expect(r.reasons[0]).toMatchObject({ rule: 'every-task', why: 'no blocker could be traced to a task: every task is repaired' });
  });
});

describe('repair routing from prose', () => {
  it('defined symbols are top-level definitions outside tests: locals and test functions blame nobody', () => {
    const cart = task(
      'cart',
      ['shop/cart.py'],
      newFile('shop/cart.py', 'def subtotal(cart):\n    abs = 0\n    for x in cart:\n        abs += x\n    return abs\n'),
    );
    const tests = task('tests', ['tests/**'], newFile('tests/test_receipt.py', 'def test_receipt_lines():\n    cart = [1]\n'));
    expect(routeBlockers([{ message: 'abs is shadowed and test_receipt_lines is flaky' }], [cart, tests]).reasons[0].rule).toBe('every-task');
    expect(routeBlockers([{ message: 'subtotal loses the last item' }], [cart, tests]).tasks).toEqual(['cart']);
  });

  it("blocker-file: a reviewer's test file is evidence toward the code it imports, not a win for the test's owner", () => {
    const parser = task('parser', ['src/parser.js']);
    const tests = task('tests', ['test/**'], newFile('test/parser.test.js', "const { parse } = require('../src/parser');\n"));
    const r = routeBlockers([{ message: 'the parser returns 2 for "1+1"', file: 'test/parser.test.js', source: 'correctness' }], [parser, tests]);
    expect(r).toMatchObject({ tasks: ['parser'], reasons: [{ rule: 'test-imports' }] });
    const lonely = task('tests', ['test/**'], newFile('test/parser.test.js', "const assert = require('node:assert');\n"));
    expect(routeBlockers([{ message: 'the parser returns 2', file: 'test/parser.test.js' }], [parser, lonely]).tasks).toEqual(['tests']);
    expect(
      routeBlockers([{ message: 'test/parser.test.js asserts the wrong value: it must expect 2', file: 'test/parser.test.js' }], [parser, tests]).tasks,
    ).toEqual(['tests']);
  });

  it('changed-line: a `file:line` mention in prose goes to the task whose diff changed that line', () => {
    const a = task('a', ['src/shared.js'], hunk('src/shared.js', 1, ['+export const A = 1;']));
    const b = task('b', ['src/b.js'], hunk('src/shared.js', 30, [' const x = 1;', '+export const B = total * 2;']));
    b.touched.push('src/shared.js');
    expect(routeBlockers([{ message: 'src/shared.js:31 returns the wrong total' }], [a, b]).reasons[0]).toMatchObject({ task: 'b', rule: 'changed-line' });
  });

  it('a check recorded without failure blocks is read as prose, as before', () => {
    const r = routeBlockers([checkBlocker('Error: src/receipt.js returns undefined')], tasks);
    expect(r).toMatchObject({ tasks: ['receipt'], reasons: [{ rule: 'file-mention', evidence: 'Error: src/receipt.js returns undefined' }] });
  });
});
