/** The candidate's lines as routing reads them: diff lines, the repository's copy shifted by hunks, the failing statement. */
import { describe, expect, it } from 'vitest';
import { bodyOf, candidateLine, candidateSource, failingLines, identifiersOf } from '../../src/stages/repair/source.js';
import { definedName } from '../../src/stages/repair/symbols.js';
import { hunk, task } from './fixtures.js';

const base = ['a', 'b', 'c', 'd', 'e', "test('x', () => {", '  expect(total(cart)).toBe(1);', '});', ''].join('\n');
// two lines added after line 2: base line 7 is new line 9
const t = task('t', ['test/x.test.js'], hunk('test/x.test.js', 2, [' b', '+b1', '+b2', ' c']));
const read = (p: string) => (p === 'test/x.test.js' ? base : undefined);

describe('candidate source', () => {
  it("reads a line from the diff, else from the repository's copy shifted by the hunks before it", () => {
    expect(candidateLine('test/x.test.js', 3, [t], read)).toBe('b1');
    expect(candidateLine('test/x.test.js', 9, [t], read)).toBe('  expect(total(cart)).toBe(1);');
    expect(candidateSource('test/x.test.js', [t], read)?.slice(0, 5)).toEqual(['a', 'b', 'b1', 'b2', 'c']);
  });

  it('the failing statement runs back to the start of its test; identifiers skip strings and comments', () => {
    const lines = failingLines('test/x.test.js', 9, [t], read);
    expect(lines).toEqual(["test('x', () => {", '  expect(total(cart)).toBe(1);']);
    expect([...identifiersOf(lines.join('\n'))]).toEqual(['test', 'expect', 'total', 'cart', 'toBe']);
    expect([...identifiersOf("f(`Total: ${money(total(x))}`); // receipt\nprint(f'{fmt(y)}')")]).toEqual(expect.arrayContaining(['money', 'total', 'fmt']));
    expect(identifiersOf('// receipt').has('receipt')).toBe(false);
  });

  it('bodyOf: a top-level definition up to the next line at the margin', () => {
    const src = ['function a() {', '  return b();', '}', '', 'function c() {', '  return 1;', '}'];
    expect(bodyOf(src, 'a', definedName)).toEqual(['function a() {', '  return b();', '}', '']);
  });
});
