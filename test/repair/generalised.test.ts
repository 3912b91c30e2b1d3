/** Routing rules that follow a failure past where it surfaces: removed names, asked-for throws, pass-through frames, callees' callees. */
import { describe, expect, it } from 'vitest';
import { routeBlockers } from '../../src/stages/repair/route.js';
import { at, block, checkBlocker, failures, hunk, task } from './fixtures.js';

const routed = (blocks: ReturnType<typeof block>[], ts: ReturnType<typeof task>[], readFile?: (p: string) => string | undefined) =>
  routeBlockers([checkBlocker()], ts, { failures: failures(...blocks), ...(readFile ? { readFile } : {}) });

const slug = task(
  'slug',
  ['src/slug.js'],
  hunk('src/slug.js', 1, ['-function slugify(text) {', '+function toSlug(text) {', '   return text.toLowerCase();', ' }']),
);
const trunc = task(
  'truncate',
  ['src/truncate.js'],
  hunk('src/truncate.js', 1, ['-function truncate(text, max) {', '+function truncate(text, max, tail = "…") {', '   return text.slice(0, max);', ' }']),
);
const toc = task(
  'toc',
  ['src/toc.js'],
  hunk('src/toc.js', 5, [
    '-  return hs.map((h) => ({ id: slugify(h) }));',
    '+  const id = slugify(h);',
    '+  return hs.map((h) => ({ id, label: truncate(h, 24) }));',
  ]),
);

describe('contract-change: a name missing where it is used', () => {
  it('a removed (renamed) declaration is the cause, not the consumer that rewrote a line but kept the use', () => {
    const b = block('jest', 'TypeError: slugify is not a function', [at('src/toc.js', 5, 'slugify'), at('test/toc.test.js', 3)], { symbols: ['slugify'] });
    const r = routed([b], [slug, trunc, toc]);
    expect(r.tasks).toEqual(['slug']);
    expect(r.reasons[0]).toMatchObject({ rule: 'contract-change', why: 'its diff removed the declaration of slugify in src/slug.js' });
  });

  it('a name not in scope (no-undef) whose declaration still exists is the using file’s missing import', () => {
    const b = block(
      'eslint',
      "6:24  error  'truncate' is not defined  no-undef",
      [at('src/toc.js', 6, undefined, "src/toc.js 6:24 error 'truncate' is not defined")],
      {
        symbols: ['truncate'],
      },
    );
    const r = routed([b], [slug, trunc, toc]);
    expect(r.tasks).toEqual(['toc']);
    expect(r.reasons[0]).toMatchObject({ rule: 'changed-line' });
  });
});
