// @ts-check
/**
 * Held-out cases with reviewer blockers only, on the text library (holdout-textkit.mjs) with its
 * good changes: a symptom file with the cause in prose, a symptom symbol with the cause named by
 * function, a cause two modules down described without a file, a test file, prose only, two
 * reviewers, a vague blocker.
 */
import { textkit } from './holdout-textkit.mjs';

const ALL = ['chars', 'slug', 'truncate', 'toc'];

function rev(id, reviewers, expect, covers) {
  const { base, tasks } = textkit('node');
  const withSource = reviewers.map((r) => ({ source: 'reviewer', ...r }));
  return { id, runner: 'reviewer', base, tasks, check: null, reviewers: withSource, expect, covers };
}

export function reviewerHoldout() {
  return [
    rev(
      'hold-rev-symptom-file',
      [
        {
          message:
            "toc() gives the heading 'Œuvre' the id 'uvre'. toc.js only passes the heading on; the letter is lost in fold() in src/chars.js, which maps œ but not Œ.",
          file: 'src/toc.js',
        },
      ],
      { tasks: ['chars'], why: "the file field names the symptom (toc's); the prose names the cause, chars's src/chars.js" },
      ['symptom-here-cause-there', 'explicit-file'],
    ),
    rev(
      'hold-rev-symptom-symbol',
      [
        {
          message:
            "Labels in the table of contents can end in a space before the ellipsis ('Intro to the …'). toc is fine; truncate should trim trailing spaces before adding the ellipsis.",
          symbol: 'toc',
        },
      ],
      { tasks: ['truncate'], why: "the symbol is toc's, but the message says toc is fine and truncate is the cause" },
      ['symptom-here-cause-there', 'symbol-only'],
    ),
    rev(
      'hold-rev-two-down-prose',
      [
        {
          message:
            "Table-of-contents ids for Danish headings ('Ærø') come out wrong. The cause is two modules down, in the accent folding that slugify relies on.",
        },
      ],
      { tasks: ['chars'], why: 'no file: the cause is the folding (chars), beneath slug and toc, which the message names as symptoms' },
      ['symptom-here-cause-there', 'prose-only'],
    ),
    rev(
      'hold-rev-test-file',
      [{ message: 'The maximum-length tests never cover a first word longer than the maximum with a dash after it', file: 'test/slug.test.js' }],
      { tasks: ['slug'], why: 'the test file itself is the problem, and slug owns it' },
      ['test-file-named'],
    ),
    rev(
      'hold-rev-prose-only',
      [{ message: 'A slug cut to its maximum length should never end in half a word; cut at the last dash before the limit even for one-word slugs.' }],
      {
        tasks: ['slug'],
        why: "no file or symbol: only slug's prompt is about cutting slugs to a maximum length (truncate's prompt is about cutting text too)",
      },
      ['prose-only'],
    ),
    rev(
      'hold-rev-two-reviewers',
      [
        { message: 'truncate counts UTF-16 code units, so an emoji at the limit is cut in half', file: 'src/truncate.js', source: 'correctness' },
        { message: 'fold should leave letters of other scripts alone; it must not touch CJK text', symbol: 'fold', source: 'i18n' },
      ],
      { tasks: ['truncate', 'chars'], why: "one reviewer names truncate's file, the other chars's fold" },
      ['two-reviewers', 'explicit-file', 'symbol-only'],
    ),
    rev(
      'hold-rev-vague',
      [{ message: 'This needs another pass before it ships.' }],
      { tasks: ALL, judgement: true, why: 'no file, symbol or topic: every task (or none) is defensible' },
      ['vague'],
    ),
    rev(
      'hold-rev-feature-wish',
      [{ message: 'Ids in the table of contents change when a heading is reworded; links to them break.' }],
      { tasks: ['toc'], judgement: true, why: "about toc's ids, but a wish beyond any task's prompt: toc, slug or no one" },
      ['prose-only'],
    ),
  ];
}
