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

describe('frames on the failing path', () => {
  const validate = task(
    'validate',
    ['validate.py'],
    hunk('validate.py', 1, [
      ' def validate(cfg):',
      '-    return cfg',
      '+    port = int(cfg["port"])',
      '+    if not 1 <= port < 65535:',
      '+        raise ValueError(f"port {port} out of range")',
      '+    return cfg',
    ]),
    'validate() rejects ports outside 1-65535 with a ValueError.',
  );
  const load = task(
    'load',
    ['load.py'],
    hunk('load.py', 4, [
      '-def load(text):',
      '-    return validate(parse(DEFAULTS, text))',
      '+def load(text, defaults=DEFAULTS):',
      '+    return validate(parse(defaults, text))',
    ]),
  );
  const parse = task('parse', ['parse.py'], hunk('parse.py', 1, ['-def parse(d, text):', '+def parse(d, text, strict=False):', '     return dict(d)']));
  const base = (p: string) =>
    ({ 'load.py': 'from parse import parse\nfrom validate import validate\n\ndef load(text):\n    return validate(parse(DEFAULTS, text))\n' })[p];

  it('a frame whose task only renamed an argument it introduced passes the value through: the raising callee alone', () => {
    const b = block('pytest', 'test_top_port', [at('tests/test_load.py', 3), at('load.py', 5), at('validate.py', 4)], {
      lines: ['E   ValueError: port 65535 out of range'],
    });
    const r = routed([b], [validate, load, parse], base);
    expect(r.tasks).toEqual(['validate']);
    expect(r.reasons[0]).toMatchObject({ rule: 'changed-line', why: 'its diff changed validate.py:4' });
  });

  it('a type guard its task was asked for blames the caller that passed the value, not the guard', () => {
    const trunc = task(
      'truncate',
      ['src/truncate.js'],
      hunk('src/truncate.js', 1, [
        ' function truncate(text, max) {',
        "+  if (typeof text !== 'string') throw new TypeError('truncate expects text as a string');",
        '   return text.slice(0, max);',
      ]),
      'truncate() throws a TypeError for text that is not a string.',
    );
    const toc = task('toc', ['src/toc.js'], hunk('src/toc.js', 3, ['-  return hs;', '+  return hs.map((h) => truncate(24, h));']));
    const b = block('mocha', 'TypeError: truncate expects text as a string', [at('src/truncate.js', 2, 'truncate'), at('src/toc.js', 3, 'toc')]);
    const r = routed([b], [trunc, toc]);
    expect(r.tasks).toEqual(['toc']);
    expect(r.reasons[0]).toMatchObject({ rule: 'asked-guard' });
  });
});

describe('a cause named in prose', () => {
  const chars = task('chars', ['src/chars.js'], hunk('src/chars.js', 1, ['-function fold(t) {', '+function fold(t, keep = false) {', '   return t;', ' }']));
  const slugT = task(
    'slug',
    ['src/slug.js'],
    hunk('src/slug.js', 1, [
      " const { fold } = require('./chars.js');",
      '',
      '-function slugify(t) {',
      '+function slugify(t, max) {',
      '   return fold(t);',
      ' }',
    ]),
  );
  const tocT = task('toc', ['src/toc.js'], hunk('src/toc.js', 1, ['-function toc(h) {', '+function toc(h, n) {', '   return h;', ' }']));
  const review = (message: string, file?: string) => routeBlockers([{ message, source: 'reviewer', ...(file ? { file } : {}) }], [chars, slugT, tocT]);

  it('"is lost in <file>" names the cause, over the blocker’s file (the symptom)', () => {
    const r = review("toc() gives 'Œuvre' the id 'uvre'. toc.js only passes it on; the letter is lost in fold() in src/chars.js.", 'src/toc.js');
    expect(r.tasks).toEqual(['chars']);
  });

  it('a function named as what relies on the cause points at the changes its definition uses', () => {
    const base = (p: string) => ({ 'src/slug.js': "const { fold } = require('./chars.js');\n\nfunction slugify(t) {\n  return fold(t);\n}\n" })[p];
    const r = routeBlockers(
      [{ message: 'Ids come out wrong. The cause is two modules down, in the accent folding that slugify relies on.', source: 'reviewer' }],
      [chars, slugT, tocT],
      { readFile: base },
    );
    expect(r.tasks).toEqual(['chars']);
    expect(r.reasons[0]).toMatchObject({ rule: 'named-symbol', why: 'changed src/chars.js, which slugify relies on, named as the cause' });
  });
});
