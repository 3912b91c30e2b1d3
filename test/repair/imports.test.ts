/** The imports of a test file, resolved to candidate repository paths (no file-name stems). */
import { describe, expect, it } from 'vitest';
import { importsOf } from '../../src/stages/repair/imports.js';

const first = (path: string, text: string) => importsOf(path, text).map((i) => ({ path: i.paths[0], names: i.names }));

describe('importsOf', () => {
  it('JS/TS: import … from, bare import, require(), dynamic import(), export … from; packages are skipped', () => {
    const text = [
      "import { sum, pad as p } from '../src/math.js';",
      "import '../src/setup';",
      "const fmt = require('../lib/format');",
      "const later = await import('./helpers/data.mjs');",
      "export { x } from '../src/x';",
      "import test from 'node:test';",
      "import { expect } from 'vitest';",
    ].join('\n');
    expect(first('test/math.test.ts', text)).toEqual([
      { path: 'src/math.js', names: ['sum', 'pad', 'p'] },
      { path: 'src/setup', names: [] },
      { path: 'lib/format', names: ['fmt'] },
      { path: 'test/helpers/data.mjs', names: ['later'] },
      { path: 'src/x', names: ['x'] },
    ]);
    // `.js` in a TypeScript import also resolves to the `.ts` file
    expect(importsOf('test/a.test.ts', "import { a } from '../src/a.js';")[0].paths).toContain('src/a.ts');
  });

  it('Python: from pkg.mod import names (also in parentheses, and relative), import pkg.mod', () => {
    const text =
      'from shop.cart import total, subtotal as st\nfrom shop.tax import (\n    rate,\n    RATE,\n)\nfrom .helpers import make\nimport shop.money as money\n\ndef test_total():\n    pass\n';
    const found = importsOf('tests/test_cart.py', text);
    expect(found.map((i) => i.paths[0])).toEqual(['shop/cart.py', 'shop/tax.py', 'tests/helpers.py', 'shop/money.py']);
    expect(found.map((i) => i.names)).toEqual([['total', 'subtotal'], ['rate', 'RATE'], ['make'], ['money']]);
    expect(found[0].paths).toContain('src/shop/cart.py');
    expect(found[0].paths).toContain('shop/cart/total.py');
  });

  it('Rust: use crate::…, use <crate>::{…}, mod x;', () => {
    const text = 'use shop::{pricing::tax, cart::total};\nuse crate::money::Cents;\nuse std::fmt;\nmod common;\n';
    const found = importsOf('tests/pricing.rs', text);
    expect(found.map((i) => i.paths[0])).toEqual(['src/pricing/tax.rs', 'src/cart/total.rs', 'src/money/Cents.rs', 'tests/common.rs']);
    expect(found[0].paths).toContain('src/pricing.rs');
    expect(found.map((i) => i.names)).toEqual([['tax'], ['total'], ['Cents'], ['common']]);
  });

  it('paths outside the repository are dropped', () => {
    expect(importsOf('a.test.js', "import x from '../../etc/passwd';")[0].paths).toEqual([]);
  });
});
