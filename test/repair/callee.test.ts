/** A compile error in an unchanged call of a function another task changed (hand-built blocks and diffs). */
import { describe, expect, it } from 'vitest';
import { routeBlockers } from '../../src/stages/repair/route.js';
import { callAt } from '../../src/stages/repair/contract.js';
import { at, block, checkBlocker, failures, hunk, task } from './fixtures.js';

const api = (prompt = 'Add inStock(id).') =>
  task(
    'api',
    ['src/api.ts'],
    hunk('src/api.ts', 1, ['-export function priceOf(id: string): number {', '+export function priceOf(id: string): Product {']),
    prompt,
  );
const cartLine = (call: string) => `  return -discount + lines.reduce((s, l) => s + ${call} * l.qty, 0);`;
const cart = (call: string) =>
  task('cart', ['src/cart.ts'], hunk('src/cart.ts', 9, ['-  return lines.reduce((s, l) => s + priceOf(l.id) * l.qty, 0);', `+${cartLine(call)}`]));
const tsc = (col: number) => {
  const title = `src/cart.ts(9,${col}): error TS2362: The left-hand side of an arithmetic operation must be of type 'number'.`;
  return block('tsc', title, [{ ...at('src/cart.ts', 9, undefined, title), column: col }]);
};
const route =
  (...tasks: ReturnType<typeof task>[]) =>
  (col: number) =>
    routeBlockers([checkBlocker()], tasks, { failures: failures(tsc(col)) });
const col = (line: string, what: string) => line.indexOf(what) + 1;

describe('contract-change: a declaration changed under an unchanged call', () => {
  it('goes to the task that changed the declaration, not the caller whose changed line keeps the same call', () => {
    const r = route(api(), cart('priceOf(l.id)'))(col(cartLine('priceOf(l.id)'), 'priceOf'));
    expect(r.tasks).toEqual(['api']);
    expect(r.reasons[0]).toMatchObject({
      rule: 'contract-change',
      why: 'its diff changed the declaration of priceOf in src/api.ts, called unchanged at src/cart.ts:9',
    });
  });

  it('the caller that changed the call itself is the one sent back', () => {
    const line = cartLine("priceOf(l.id, 'x')");
    expect(route(api(), cart("priceOf(l.id, 'x')"))(col(line, "'x'")).tasks).toEqual(['cart']);
  });

  it('a change the prompt asked for is the contract: the caller is sent back', () => {
    const r = route(api('priceOf returns a Product.'), cart('priceOf(l.id)'))(col(cartLine('priceOf(l.id)'), 'priceOf'));
    expect(r.tasks).toEqual(['cart']);
  });

  it('callAt: the call at the column, or the innermost call around it', () => {
    expect(callAt('x = total(items) + 1', 4)).toEqual({ name: 'total', text: 'total(items)' });
    expect(callAt("f(cartTotal(lines, '10%'))", 19)).toEqual({ name: 'cartTotal', text: "cartTotal(lines, '10%')" });
    expect(callAt('return 1300;', 7)).toBeUndefined();
  });
});
