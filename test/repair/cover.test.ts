/** The failing statement's imports, knock-on failures and the fewest tasks that explain every block (hand-built blocks and diffs). */
import { describe, expect, it } from 'vitest';
import { routeBlockers } from '../../src/stages/repair/route.js';
import { coverBlocks } from '../../src/stages/repair/cover.js';
import type { Blame } from '../../src/stages/repair/blame.js';
import { at, block, checkBlocker, failures, hunk, task } from './fixtures.js';

// The repository before the tasks: pricing, format, and a receipt that uses both.
const base: Record<string, string> = {
  'src/pricing.js': 'export function total(items) {\n  return items.reduce((s, i) => s + i.price * i.qty, 0);\n}\n',
  'src/format.js': 'export function money(c) {\n  return `$${(c / 100).toFixed(2)}`;\n}\n',
  'src/receipt.js': [
    "import { total } from './pricing.js';",
    "import { money } from './format.js';",
    '',
    'export function count(items) {',
    '  return items.length;',
    '}',
    '',
    'export function receipt(items) {',
    '  return `Total: ${money(total(items))}`;',
    '}',
    '',
  ].join('\n'),
  'test/receipt.test.js': [
    "import { total } from '../src/pricing.js';",
    "import { receipt, count } from '../src/receipt.js';",
    '',
    "test('total of the cart', () => {",
    '  expect(total(cart)).toBe(1300);',
    '});',
    '',
    "test('receipt ends with the total', () => {",
    "  expect(receipt(cart)).toBe('Total: $13.00');",
    '});',
    '',
    "test('receipt counts items', () => {",
    '  expect(count(cart)).toBe(3);',
    '});',
    '',
  ].join('\n'),
};
const readFile = (p: string) => base[p];
const pricing = task('pricing', ['src/pricing.js'], hunk('src/pricing.js', 2, ['-  return items.reduce((s, i) => s + i.price * i.qty, 0);', '+  return 0;']));
const format = task('format', ['src/format.js'], hunk('src/format.js', 2, ['-  return `$${(c / 100).toFixed(2)}`;', '+  return `$${c}`;']));
const receipt = task(
  'receipt',
  ['src/receipt.js', 'test/receipt.test.js'],
  hunk('src/receipt.js', 5, ['-  return items.length;', '+  return items.length + 1;']),
);
const tasks = [pricing, format, receipt];
const routed = (...blocks: ReturnType<typeof block>[]) => routeBlockers([checkBlocker()], tasks, { failures: failures(...blocks), readFile });
const testAt = (line: number) => at('test/receipt.test.js', line, 'Object.toBe');

describe('the failing statement and knock-on failures', () => {
  it('test-imports narrows to the import the failing line calls (total), though the test title names receipt', () => {
    const r = routed(block('jest', 'receipt: total of the cart', [testAt(5)]));
    expect(r.tasks).toEqual(['pricing']);
    expect(r.reasons[0]).toMatchObject({ rule: 'test-imports', why: 'the failing line in test/receipt.test.js calls total, imported from src/pricing.js' });
  });

  it('knock-on: a block on receipt(), whose receipt() calls total from pricing, adds no task when pricing explains another block', () => {
    const r = routed(block('jest', 'total of the cart', [testAt(5)]), block('jest', 'receipt ends with the total', [testAt(9)]));
    expect(r.tasks).toEqual(['pricing']);
  });

  it('knock-on follows the called function only: count() uses no import, so its failure keeps receipt', () => {
    const r = routed(block('jest', 'total of the cart', [testAt(5)]), block('jest', 'receipt counts items', [testAt(13)]));
    expect(r.tasks).toEqual(['pricing', 'receipt']);
  });

  it('a single block prefers its own blame to a knock-on: receipt(), not the modules it imports', () => {
    const r = routed(block('jest', 'receipt ends with the total', [testAt(9)]));
    expect(r.tasks).toEqual(['receipt']);
    expect(r.reasons[0]).toMatchObject({ task: 'receipt', rule: 'test-imports' });
  });

  it('called-import: a frame in source on a line no task changed goes to the changed module whose import that line calls', () => {
    const src = 'src/receipt.js';
    const b = block('cargo', 'receipt::tests::total', [at(src, 9, undefined, `panicked at ${src}:9:5`)]);
    // money and total are both called there; only pricing changed its module
    const unchanged = task('format', ['src/format.js']);
    const r = routeBlockers([checkBlocker()], [pricing, unchanged, receipt], { failures: failures(b), readFile });
    expect(r.tasks).toEqual(['pricing']);
    expect(r.reasons[0]).toMatchObject({ rule: 'called-import', why: 'the failing line in src/receipt.js calls total, imported from src/pricing.js' });
    // both changed: both are suspects
    expect(routed(b).tasks).toEqual(['pricing', 'format']);
  });

  it('contract-change: the consumer that did not change the failing line is not blamed with the task that changed the declaration', () => {
    const api = task('api', ['src/api.ts'], hunk('src/api.ts', 1, ['-export function priceOf(id: string) {', '+export function costOf(id: string) {']));
    const cart = task('cart', ['src/cart.ts'], hunk('src/cart.ts', 5, [' const x = 1;', '+export const y = 2;']));
    const title = "error TS2305: Module '\"./api.js\"' has no exported member 'priceOf'.";
    const r = routeBlockers([checkBlocker()], [api, cart], {
      failures: failures(block('tsc', title, [at('src/cart.ts', 1, undefined, title)], { symbols: ['priceOf'] })),
    });
    expect(r.tasks).toEqual(['api']);
  });
});

describe('coverBlocks', () => {
  const b = (task: string, rule: Blame['rule'] = 'test-imports'): Blame => ({ task, rule, evidence: '', why: '' });
  it('needs every task a block blames; a knock-on may stand in for them', () => {
    expect(coverBlocks([{ blames: [b('a'), b('b')], via: [] }]).map((x) => x.task)).toEqual(['a', 'b']);
    expect(
      coverBlocks([
        { blames: [b('a')], via: [] },
        { blames: [b('b')], via: [b('a', 'knock-on')] },
      ]).map((x) => x.task),
    ).toEqual(['a']);
  });

  it('keeps every smallest set that explains as many blocks by their own blames', () => {
    const blocks = [
      { blames: [b('a')], via: [b('c', 'knock-on')] },
      { blames: [b('b')], via: [b('c', 'knock-on')] },
      { blames: [b('c')], via: [] },
    ];
    // {c} explains all three, one by its own blame; no other single task does
    expect(coverBlocks(blocks).map((x) => x.task)).toEqual(['c']);
    const tie = [
      { blames: [b('a')], via: [b('b', 'knock-on')] },
      { blames: [b('b')], via: [b('a', 'knock-on')] },
    ];
    expect(coverBlocks(tie).map((x) => x.task)).toEqual(['a', 'b']);
  });
});
