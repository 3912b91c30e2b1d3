// @ts-check
/**
 * The JavaScript project most cases use: a shop with three or four tasks.
 *   pricing  owns src/pricing.js (+ test/pricing.test.js)   — a bulk discount
 *   format   owns src/format.js  (+ test/format.test.js)    — thousands separators
 *   receipt  owns src/receipt.js and test/receipt.test.js   — the item count line
 *   invoice  owns src/invoice.js and test/invoice.test.js   — (optional) an invoice total
 * Each task's change comes in a good version and one or more broken ones; the tests are rendered
 * for each runner (node:test, tape, mocha, vitest as ES modules; jest as CommonJS).
 */

const CART = "const cart = [{ name: 'tea', price: 500, qty: 2 }, { name: 'mug', price: 300, qty: 1 }];";

const PRICING_BASE = `export function lineTotal(item) {
  return item.price * item.qty;
}

export function total(items) {
  return items.reduce((sum, item) => sum + lineTotal(item), 0);
}
`;
const pricing = (bulk) => `export const BULK = ${bulk};

export function lineTotal(item) {
  const gross = item.price * item.qty;
  return item.qty >= BULK ? Math.round(gross * 0.9) : gross;
}

export function total(items) {
  return items.reduce((sum, item) => sum + lineTotal(item), 0);
}
`;

const FORMAT_BASE = `export function money(cents) {
  if (typeof cents !== 'number') throw new TypeError(\`money expects cents as a number, got \${typeof cents}\`);
  return \`$\${(cents / 100).toFixed(2)}\`;
}
`;
const FORMAT_GOOD = `export function money(cents) {
  if (typeof cents !== 'number') throw new TypeError(\`money expects cents as a number, got \${typeof cents}\`);
  const [whole, part] = (cents / 100).toFixed(2).split('.');
  return \`$\${whole.replace(/\\B(?=(\\d{3})+$)/g, ',')}.\${part}\`;
}
`;
const FORMAT_BAD = `export function money(cents) {
  if (typeof cents !== 'number') throw new TypeError(\`money expects cents as a number, got \${typeof cents}\`);
  return \`$\${Math.round(cents / 100).toLocaleString('en-US')}\`;
}
`;

const RECEIPT_BASE = `import { total } from './pricing.js';
import { money } from './format.js';

export function receipt(items) {
  const lines = items.map((i) => \`\${i.name} x\${i.qty}\`);
  return [...lines, \`Total: \${money(total(items))}\`].join('\\n');
}
`;
const receipt = (count, tax) => `import { total } from './pricing.js';
import { money } from './format.js';

export function itemCount(items) {
  return ${count === 'lines' ? 'items.length' : 'items.reduce((n, i) => n + i.qty, 0)'};
}

export function receipt(items) {
  const lines = items.map((i) => \`\${i.name} x\${i.qty}\`);
  lines.push(\`Items: \${itemCount(items)}\`);
${tax ? '  const tax = (total(items) * 0.08).toFixed(0);\n  lines.push(`Tax: ${money(tax)}`);\n' : ''}  return [...lines, \`Total: \${money(total(items))}\`].join('\\n');
}
`;

const INVOICE_BASE = `import { total } from './pricing.js';

export function invoice(customer, items) {
  return { customer, due: total(items) };
}
`;
const INVOICE_GOOD = `import { total } from './pricing.js';

export function invoice(customer, items, shipping = 0) {
  return { customer, due: total(items) + shipping };
}
`;

/** ES module source to CommonJS, for jest. */
export function toCjs(src) {
  const names = [...src.matchAll(/^export (?:function|const) (\w+)/gm)].map((m) => m[1]);
  const body = src
    .replace(/^import \{([^}]+)\} from '([^']+)';$/gm, "const {$1} = require('$2');")
    .replace(/^import (\w+) from '([^']+)';$/gm, "const $1 = require('$2');")
    .replace(/^export (function|const) /gm, '$1 ');
  return names.length ? `${body}\nmodule.exports = { ${names.join(', ')} };\n` : body;
}

/**
 * A test file for a runner. `imports`: [names, path]; `tests`: {name, actual, expected} (source
 * expressions), asserted with the runner's usual strict equality.
 */
export function testFile(runner, imports, tests, setup = CART, suite = 'shop') {
  const cjs = runner === 'jest';
  const head = {
    node: ["import test from 'node:test';", "import assert from 'node:assert/strict';"],
    mocha: ["import assert from 'node:assert/strict';"],
    tape: ["import test from 'tape';"],
    vitest: ["import { test, expect } from 'vitest';"],
    jest: [],
  }[runner];
  const imp = imports.map(([names, path]) => (cjs ? `const { ${names.join(', ')} } = require('${path}');` : `import { ${names.join(', ')} } from '${path}';`));
  const one = (t) => {
    const name = JSON.stringify(t.name);
    if (runner === 'node') return `test(${name}, () => {\n  assert.equal(${t.actual}, ${t.expected});\n});`;
    if (runner === 'mocha') return `  it(${name}, () => {\n    assert.equal(${t.actual}, ${t.expected});\n  });`;
    if (runner === 'tape') return `test(${name}, (t) => {\n  t.equal(${t.actual}, ${t.expected});\n  t.end();\n});`;
    return `test(${name}, () => {\n  expect(${t.actual}).toBe(${t.expected});\n});`;
  };
  const body = tests.map(one).join('\n\n');
  const wrapped = runner === 'mocha' ? `describe('${suite}', () => {\n${body}\n});` : body;
  return `${[[...head, ...imp].join('\n'), setup, wrapped].filter(Boolean).join('\n\n')}\n`;
}

const RECEIPT_TESTS = [
  { name: 'total of the cart', actual: 'total(cart)', expected: '1300' },
  { name: 'receipt ends with the total', actual: "receipt(cart).split('\\n').at(-1)", expected: "'Total: $13.00'" },
];
const COUNT_TEST = { name: 'receipt counts items', actual: 'itemCount(cart)', expected: '3' };

/** Passing tests named after pricing's and format's symbols (the noise around a failure). */
function pricingTests(n) {
  return Array.from({ length: n }, (_, i) => {
    const qty = i + 1;
    const want = qty >= 10 ? Math.round(100 * qty * 0.9) : 100 * qty;
    return { name: `lineTotal prices ${qty} at BULK rules`, actual: `lineTotal({ price: 100, qty: ${qty} })`, expected: String(want) };
  });
}
const FORMAT_TESTS = [
  { name: 'money groups thousands', actual: 'money(123456)', expected: "'$1,234.56'" },
  { name: 'money keeps small amounts', actual: 'money(5)', expected: "'$0.05'" },
];

/**
 * The shop for a runner. `bugs`: which task breaks how — pricing: 'bulk' (the discount from 2
 * items), format: 'round' (drops cents), receipt: 'count' (counts lines) or 'tax' (passes a string
 * to money). `pricingTests`: that many passing tests in test/pricing.test.js; `formatTests`: a
 * test file for format; `invoice`: the fourth task.
 */
/**
 * @param {string} runner
 * @param {{ bugs?: { pricing?: string, format?: string, receipt?: string }, pricingTests?: number, formatTests?: boolean, invoice?: boolean }} [opts]
 */
export function shop(runner, { bugs = {}, pricingTests: nPricing = 0, formatTests = false, invoice = false } = {}) {
  const esm = runner !== 'jest';
  const src = (s) => (esm ? s : toCjs(s));
  const pkg = JSON.stringify({ name: 'shop', private: true, ...(esm ? { type: 'module' } : {}) }, null, 2) + '\n';
  const receiptImports = (withCount) => [
    [['total'], '../src/pricing.js'],
    [withCount ? ['receipt', 'itemCount'] : ['receipt'], '../src/receipt.js'],
  ];
  /** @type {Record<string, string>} */
  const base = {
    'package.json': pkg,
    'src/pricing.js': src(PRICING_BASE),
    'src/format.js': src(FORMAT_BASE),
    'src/receipt.js': src(RECEIPT_BASE),
    'test/receipt.test.js': testFile(runner, receiptImports(false), RECEIPT_TESTS),
  };
  /** @type {Record<string, string>} */
  const pricingChange = { 'src/pricing.js': src(pricing(bugs.pricing === 'bulk' ? 2 : 10)) };
  if (nPricing) pricingChange['test/pricing.test.js'] = testFile(runner, [[['lineTotal'], '../src/pricing.js']], pricingTests(nPricing));
  /** @type {Record<string, string>} */
  const formatChange = { 'src/format.js': src(bugs.format === 'round' ? FORMAT_BAD : FORMAT_GOOD) };
  if (formatTests) formatChange['test/format.test.js'] = testFile(runner, [[['money'], '../src/format.js']], FORMAT_TESTS);
  /** @type {Record<string, string>} */
  const receiptChange = {
    'src/receipt.js': src(receipt(bugs.receipt === 'count' ? 'lines' : 'qty', bugs.receipt === 'tax')),
    'test/receipt.test.js': testFile(runner, receiptImports(true), [...RECEIPT_TESTS, COUNT_TEST]),
  };
  /** @type {{ id: string, files: string[], prompt: string, change: Record<string, string> }[]} */
  const tasks = [
    {
      id: 'pricing',
      files: ['src/pricing.js', 'test/pricing.test.js'],
      prompt: 'Add a bulk discount: lineTotal takes 10% off lines of BULK (10) or more items.',
      change: pricingChange,
    },
    {
      id: 'format',
      files: ['src/format.js', 'test/format.test.js'],
      prompt: 'money() should group thousands with commas (123456 cents is $1,234.56).',
      change: formatChange,
    },
    {
      id: 'receipt',
      files: ['src/receipt.js', 'test/receipt.test.js'],
      prompt: 'Show the item count (itemCount) on the receipt, above the total, and test it.',
      change: receiptChange,
    },
  ];
  if (invoice) {
    base['src/invoice.js'] = src(INVOICE_BASE);
    base['test/invoice.test.js'] = testFile(
      runner,
      [[['invoice'], '../src/invoice.js']],
      [{ name: 'invoice is due the total', actual: "invoice('ann', cart).due", expected: '1300' }],
    );
    const invTests = [
      { name: 'invoice is due the total', actual: "invoice('ann', cart).due", expected: '1300' },
      { name: 'invoice adds shipping', actual: "invoice('ann', cart, 250).due", expected: '1550' },
      { name: 'invoice names the customer', actual: "invoice('ann', cart).customer", expected: "'ann'" },
    ];
    tasks.push({
      id: 'invoice',
      files: ['src/invoice.js', 'test/invoice.test.js'],
      prompt: 'invoice() takes an optional shipping charge added to what is due.',
      change: { 'src/invoice.js': src(INVOICE_GOOD), 'test/invoice.test.js': testFile(runner, [[['invoice'], '../src/invoice.js']], invTests) },
    });
  }
  return { base, tasks };
}

/** The check command a user would configure for each runner. */
export const COMMANDS = {
  node: 'node --test',
  tape: 'npx tape "test/*.test.js"',
  mocha: 'npx mocha "test/*.test.js"',
  vitest: 'npx vitest run',
  jest: 'npx jest',
};
