// @ts-check
/**
 * The held-out JavaScript project: a text-utilities library, four tasks whose modules import each
 * other in a chain (toc -> slug -> chars, toc -> truncate).
 *   chars     owns src/chars.js    (+ test/chars.test.js)    — fold() spells out ß, æ, ø, œ
 *   slug      owns src/slug.js     (+ test/slug.test.js)     — slugify() takes a maximum length
 *   truncate  owns src/truncate.js (+ test/truncate.test.js) — an ellipsis within the maximum
 *   toc       owns src/toc.js and test/toc.test.js           — shortened labels, numbered repeats
 * test/toc.test.js imports from toc, slug and truncate. Each change has a good version and broken
 * ones; tests are rendered for node:test, tape, mocha, vitest (ES modules) and jest (CommonJS).
 */
import { testFile as shopTestFile, toCjs } from './shop-js.mjs';

const CHARS_BASE = `export function fold(text) {
  return text.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '');
}
`;
const chars = (bug) => `const SPELLED = { ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe' };

export function fold(text) {
  const marks = text.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '');
  return ${bug === 'drop' ? "marks.replace(/[^\\x00-\\x7f]/g, '')" : 'marks.replace(/[ßæÆøØœ]/g, (c) => SPELLED[c])'};
}
`;

const SLUG_BASE = `import { fold } from './chars.js';

export function slugify(text) {
  return fold(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
`;
const slug = (bug) => `import { fold } from './chars.js';

export function ${bug === 'rename' ? 'toSlug' : 'slugify'}(text, max = Infinity) {
  const slug = fold(text).toLowerCase().replace(/[^a-z0-9]${bug === 'dashes' ? '' : '+'}/g, '-').replace(/^-|-$/g, '');
${bug === 'null' ? '  if (!slug) return null;\n' : ''}  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const dash = cut.lastIndexOf('-');
  return dash > 0 ? cut.slice(0, dash) : slug.slice(0, max);
}
`;

const TRUNCATE_BASE = `export function truncate(text, max) {
  return text.length <= max ? text : text.slice(0, max);
}
`;
const truncate = (bug) => `export function truncate(text, max, tail = '…') {
  if (typeof text !== 'string') throw new TypeError(\`truncate expects text as a string, got \${typeof text}\`);
  if (text.length <= max) return text;
  return text.slice(0, ${bug === 'long' ? 'max' : 'max - tail.length'}) + tail;
}
`;

const TOC_BASE = `import { slugify } from './slug.js';

export function toc(headings) {
  return headings.map((h) => ({ id: slugify(h), label: h }));
}
`;
const toc = (bug) => `import { slugify } from './slug.js';
import { truncate } from './truncate.js';

export function toc(headings) {
  const seen = new Map();
  return headings.map((h) => {
    const id = slugify(h);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return { id: n === 1 ? id : \`\${id}-\${${bug === 'dup' ? 'n - 1' : 'n'}}\`, label: ${bug === 'order' ? 'truncate(24, h)' : 'truncate(h, 24)'} };
  });
}
`;

/** A test file for a runner (shop-js.mjs's), with no shared setup. */
const testFile = (runner, imports, tests) => shopTestFile(runner, imports, tests, '', 'textkit');

const LONG = "'A very long heading that goes on'";
const TOC_BASE_TESTS = [
  { name: 'toc ids are slugs', actual: "toc(['Hello, World'])[0].id", expected: "'hello-world'" },
  { name: 'a heading of symbols gets an empty id', actual: "toc(['***'])[0].id", expected: "''" },
];
const TOC_TESTS = [
  ...TOC_BASE_TESTS,
  { name: 'toc id matches slugify', actual: "toc(['Crème Brûlée'])[0].id", expected: "slugify('Crème Brûlée')" },
  { name: 'toc folds letters', actual: "toc(['Straße und Öl'])[0].id", expected: "'strasse-und-ol'" },
  { name: 'toc numbers repeated ids', actual: "toc(['Intro', 'Intro'])[1].id", expected: "'intro-2'" },
  { name: 'toc label is shortened', actual: `toc([${LONG}])[0].label`, expected: "'A very long heading tha…'" },
  { name: 'toc label as truncate gives it', actual: `toc([${LONG}])[0].label.length`, expected: `truncate(${LONG}, 24).length` },
];
const CHARS_TESTS = [
  { name: 'fold drops accents', actual: "fold('Crème')", expected: "'Creme'" },
  { name: 'fold keeps plain letters', actual: "fold('Angstrom')", expected: "'Angstrom'" },
];
/** Passing tests named after fold (chars's symbol): the noise around a failure. */
const charsNoise = (n) =>
  Array.from({ length: n }, (_, i) => ({ name: `fold leaves word ${i + 1} as it is`, actual: `fold('word${i + 1}')`, expected: `'word${i + 1}'` }));
const SLUG_TESTS = [
  { name: 'slugify folds accents', actual: "slugify('Crème Brûlée')", expected: "'creme-brulee'" },
  { name: 'slugify cuts at a dash', actual: "slugify('Hello World Again', 11)", expected: "'hello-world'" },
  { name: 'slugify cuts a long word', actual: "slugify('Hello World', 3)", expected: "'hel'" },
];
const TRUNCATE_TESTS = [
  { name: 'truncate keeps short text', actual: "truncate('abc', 5)", expected: "'abc'" },
  { name: 'truncate ends with an ellipsis', actual: "truncate('abcdefghij', 5)", expected: "'abcd…'" },
];

/**
 * The library for a runner. `bugs`: chars 'drop' (drops ß and æ instead of spelling them out);
 * slug 'dashes' (one dash per separator character), 'rename' (exports toSlug, unasked), 'null'
 * (returns null for text without letters, as its prompt asks); truncate 'long' (one character over
 * the maximum); toc 'dup' (numbers the first repeat 1), 'order' (calls truncate(24, h)). `charsNoise`: that many more passing tests of fold.
 */
/** @param {string} runner @param {{ bugs?: { chars?: string, slug?: string, truncate?: string, toc?: string }, charsNoise?: number }} [opts] */
export function textkit(runner, { bugs = {}, charsNoise: noise = 0 } = {}) {
  const esm = runner !== 'jest';
  const src = (s) => (esm ? s : toCjs(s));
  const pkg = JSON.stringify({ name: 'textkit', private: true, ...(esm ? { type: 'module' } : {}) }, null, 2) + '\n';
  const tocImports = [
    [['toc'], '../src/toc.js'],
    [['slugify'], '../src/slug.js'],
    [['truncate'], '../src/truncate.js'],
  ];
  const base = {
    'package.json': pkg,
    'src/chars.js': src(CHARS_BASE),
    'src/slug.js': src(SLUG_BASE),
    'src/truncate.js': src(TRUNCATE_BASE),
    'src/toc.js': src(TOC_BASE),
    'test/toc.test.js': testFile(runner, [[['toc'], '../src/toc.js']], TOC_BASE_TESTS),
  };
  const slugPrompt =
    bugs.slug === 'null'
      ? 'slugify takes an optional maximum length, cut at a dash, and returns null for text without letters or digits (not an empty string).'
      : 'slugify takes an optional maximum length (second argument); a long slug is cut at a dash.';
  const tasks = [
    {
      id: 'chars',
      files: ['src/chars.js', 'test/chars.test.js'],
      prompt: 'fold() also spells out letters that have no decomposition: ß as ss, æ as ae, ø as o, œ as oe.',
      change: {
        'src/chars.js': src(chars(bugs.chars)),
        'test/chars.test.js': testFile(runner, [[['fold'], '../src/chars.js']], [...CHARS_TESTS, ...charsNoise(noise)]),
      },
    },
    {
      id: 'slug',
      files: ['src/slug.js', 'test/slug.test.js'],
      prompt: slugPrompt,
      change: {
        'src/slug.js': src(slug(bugs.slug)),
        'test/slug.test.js': testFile(
          runner,
          [[[bugs.slug === 'rename' ? 'toSlug' : 'slugify'], '../src/slug.js']],
          bugs.slug === 'rename' ? SLUG_TESTS.map((t) => ({ ...t, actual: t.actual.replace('slugify', 'toSlug') })) : SLUG_TESTS,
        ),
      },
    },
    {
      id: 'truncate',
      files: ['src/truncate.js', 'test/truncate.test.js'],
      prompt:
        'truncate() ends a cut text with an ellipsis (…) and never returns more than max characters, the ellipsis included; it throws a TypeError for text that is not a string.',
      change: {
        'src/truncate.js': src(truncate(bugs.truncate)),
        'test/truncate.test.js': testFile(runner, [[['truncate'], '../src/truncate.js']], TRUNCATE_TESTS),
      },
    },
    {
      id: 'toc',
      files: ['src/toc.js', 'test/toc.test.js'],
      prompt: 'toc() shortens each label to 24 characters with truncate() and numbers repeated ids (intro, intro-2); test it.',
      change: { 'src/toc.js': src(toc(bugs.toc)), 'test/toc.test.js': testFile(runner, tocImports, TOC_TESTS) },
    },
  ];
  return { base, tasks };
}
