// @ts-check
/** Cases for pytest, cargo, go, tsc and eslint. */
import { goShop, pyShop, rustShop } from './projects-native.mjs';
import { shop } from './shop-js.mjs';

const native = (id, runner, project, expect, extra = {}) => ({ id, runner, ...project, expect, ...extra });

const API_BASE = `export interface Product {
  id: string;
  cents: number;
}

const PRODUCTS: Product[] = [
  { id: 'tea', cents: 500 },
  { id: 'mug', cents: 300 },
];

export function priceOf(id: string): number {
  const p = PRODUCTS.find((x) => x.id === id);
  if (!p) throw new Error(\`unknown product \${id}\`);
  return p.cents;
}
`;
const CART_BASE = `import { priceOf } from './api.js';

export interface Line {
  id: string;
  qty: number;
}

export function cartTotal(lines: Line[]): number {
  return lines.reduce((sum, l) => sum + priceOf(l.id) * l.qty, 0);
}
`;
const VIEW_BASE = `import { cartTotal, type Line } from './cart.js';

export function summary(lines: Line[]): string {
  return \`\${lines.length} lines, \${cartTotal(lines)} cents\`;
}
`;
const CART_DISCOUNT = CART_BASE.replace('(lines: Line[]): number {\n  return', '(lines: Line[], discount = 0): number {\n  return -discount +');

/** A TypeScript project: api (src/api.ts), cart (src/cart.ts), view (src/view.ts); the check is tsc. */
/** @param {{ api: string, cart?: string, view?: string, prompts?: { api?: string, cart?: string, view?: string } }} p */
function tsProject({ api, cart = CART_DISCOUNT, view, prompts = {} }) {
  return {
    base: {
      'package.json': '{ "name": "store", "private": true, "type": "module" }\n',
      'tsconfig.json':
        JSON.stringify(
          { compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['src'] },
          null,
          2,
        ) + '\n',
      'src/api.ts': API_BASE,
      'src/cart.ts': CART_BASE,
      'src/view.ts': VIEW_BASE,
    },
    tasks: [
      {
        id: 'api',
        files: ['src/api.ts'],
        prompt: prompts.api ?? 'Add a stock level to each product and an inStock(id) function.',
        change: { 'src/api.ts': api },
      },
      { id: 'cart', files: ['src/cart.ts'], prompt: prompts.cart ?? 'cartTotal takes an optional discount in cents.', change: { 'src/cart.ts': cart } },
      {
        id: 'view',
        files: ['src/view.ts'],
        prompt: prompts.view ?? 'summary() shows the total in dollars.',
        change: { 'src/view.ts': view ?? VIEW_BASE.replace('${cartTotal(lines)} cents', '$${(cartTotal(lines) / 100).toFixed(2)}') },
      },
    ],
    check: { command: 'npx tsc -p .', node: true },
  };
}
const API_STOCK = API_BASE.replace('  cents: number;\n}', '  cents: number;\n  stock: number;\n}')
  .replace("{ id: 'tea', cents: 500 }", "{ id: 'tea', cents: 500, stock: 3 }")
  .replace("{ id: 'mug', cents: 300 }", "{ id: 'mug', cents: 300, stock: 0 }")
  .concat('\nexport function inStock(id: string): boolean {\n  return (PRODUCTS.find((x) => x.id === id)?.stock ?? 0) > 0;\n}\n');

/** The JavaScript shop checked by eslint; `edit` rewrites a task's change. */
function lintProject(edit) {
  const { base, tasks } = shop('node');
  base['eslint.config.js'] = "import js from '@eslint/js';\n\nexport default [js.configs.recommended];\n";
  for (const t of tasks) t.change = { ...t.change, ...(edit[t.id] ? edit[t.id](t.change) : {}) };
  return { base, tasks, check: { command: 'npx eslint src', node: true } };
}

export function otherCases() {
  return [
    native(
      'pytest-callee-bug',
      'pytest',
      pyShop({ bugs: { pricing: 'bulk' } }),
      { tasks: ['pricing'], text: 'assert 1200 == 1300', why: "receipt's test of total() fails; total is pricing's (bulk discount from 2)" },
      { covers: ['test-imports-other-task'] },
    ),
    native('pytest-own-bug', 'pytest', pyShop({ bugs: { receipt: 'count' } }), {
      tasks: ['receipt'],
      text: 'assert 2 == 3',
      why: "receipt's item_count counts lines",
    }),
    native(
      'pytest-caller-throws',
      'pytest',
      pyShop({ bugs: { receipt: 'tax' } }),
      { tasks: ['receipt'], text: 'money expects cents as an int, got str', why: 'money() in fmt.py raises, receipt passes it a str' },
      { covers: ['thrown-in-callee'] },
    ),
    native(
      'cargo-callee-bug',
      'cargo',
      rustShop({ bugs: { pricing: 'bulk' } }),
      { tasks: ['pricing'], text: 'left: 1200', why: "the test in receipt's src/receipt.rs fails on pricing's total()" },
      { covers: ['test-imports-other-task'] },
    ),
    native('cargo-own-bug', 'cargo', rustShop({ bugs: { receipt: 'count' } }), {
      tasks: ['receipt'],
      text: 'left: 2',
      why: "receipt's item_count counts lines",
    }),
    native(
      'cargo-contract',
      'cargo',
      rustShop({ bugs: { pricing: 'result' } }),
      { tasks: ['pricing'], text: 'mismatched types', why: 'pricing changed total() to return a Result, unasked; the errors show in src/receipt.rs' },
      { covers: ['changed-contract'] },
    ),
    native(
      'go-callee-bug',
      'go',
      goShop({ bugs: { pricing: 'bulk' } }),
      { tasks: ['pricing'], text: 'Total(cart) = 1200, want 1300', why: "receipt's test of Total fails; Total is pricing's" },
      { covers: ['test-imports-other-task'] },
    ),
    native('go-own-bug', 'go', goShop({ bugs: { receipt: 'count' } }), {
      tasks: ['receipt'],
      text: 'ItemCount(cart) = 2, want 3',
      why: "receipt's ItemCount counts lines",
    }),
    native(
      'go-contract',
      'go',
      goShop({ bugs: { pricing: 'multi' } }),
      { tasks: ['pricing'], text: 'single-value context', why: 'pricing made Total return (int, error), unasked; receipt.go no longer compiles' },
      { covers: ['changed-contract'] },
    ),
    native(
      'tsc-contract',
      'tsc',
      tsProject({ api: API_STOCK.replace('): number {', '): Product {').replace('return p.cents;', 'return p;') }),
      {
        tasks: ['api'],
        text: 'The left-hand side of an arithmetic operation must be',
        why: "api changed priceOf to return a Product, which its prompt did not ask for; the error is in cart's src/cart.ts",
      },
      { covers: ['changed-contract'] },
    ),
    native(
      'tsc-contract-asked',
      'tsc',
      tsProject({
        api: API_BASE.replace('): number {', '): number | undefined {').replace(
          '  if (!p) throw new Error(`unknown product ${id}`);\n  return p.cents;',
          '  return p?.cents;',
        ),
        prompts: {
          api: 'priceOf returns undefined for an unknown id instead of throwing.',
          cart: 'cartTotal takes an optional discount in cents, and skips lines whose price is unknown (priceOf may return undefined).',
        },
      }),
      {
        tasks: ['cart'],
        text: "is possibly 'undefined'",
        judgement: true,
        why: 'api did what it was asked; cart was asked to handle undefined and did not (one could also send api back)',
      },
      { covers: ['changed-contract'] },
    ),
    native(
      'tsc-renamed-export',
      'tsc',
      tsProject({ api: API_STOCK.replace('export function priceOf', 'export function getPrice') }),
      {
        tasks: ['api'],
        text: "has no exported member 'priceOf'",
        why: "api renamed priceOf, unasked; cart's import breaks",
      },
      { covers: ['changed-contract'] },
    ),
    native('tsc-consumer-bug', 'tsc', tsProject({ api: API_STOCK, view: VIEW_BASE.replace('${cartTotal(lines)} cents', "${cartTotal(lines, '10%')} cents") }), {
      tasks: ['view'],
      text: "Argument of type 'string' is not assignable to parameter of type 'number'",
      why: "view passes a string discount to cart's cartTotal; cart's contract is what its prompt asked",
    }),
    native('eslint-one-file', 'eslint', lintProject({ format: (c) => ({ 'src/format.js': `const SEP = ',';\n${c['src/format.js']}` }) }), {
      tasks: ['format'],
      text: "'SEP' is assigned a value but never used",
      why: 'an unused constant in src/format.js',
    }),
    native(
      'eslint-two-tasks',
      'eslint',
      lintProject({
        pricing: (c) => ({ 'src/pricing.js': c['src/pricing.js'].replace('item.qty >= BULK', 'item.qty >= Bulk') }),
        receipt: (c) => ({ 'src/receipt.js': c['src/receipt.js'].replace('  return [...lines', '  const unused = 1;\n  return [...lines') }),
      }),
      { tasks: ['pricing', 'receipt'], text: "'Bulk' is not defined", why: 'one error in pricing, one in receipt' },
      { covers: ['two-causes'] },
    ),
    native(
      'eslint-symbol-noise',
      'eslint',
      lintProject({
        receipt: (c) => ({ 'src/receipt.js': c['src/receipt.js'].replace('money(total(items))', 'money(items.reduce((s, i) => s + i.price * i.qty, 0))') }),
      }),
      {
        tasks: ['receipt'],
        text: "'total' is defined but never used",
        why: "receipt imports total and no longer uses it; total is a symbol of pricing's diff",
      },
      { covers: ['passing-lines-name-other-tasks'] },
    ),
  ];
}
