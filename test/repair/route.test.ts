import { describe, expect, it } from 'vitest';
import { routeBlockers } from '../../src/stages/repair/route.js';
import { newFile, task } from './fixtures.js';
import type { TaskCandidate } from '../../src/tasks/types.js';

const route = (messages: (string | { message: string; file?: string })[], tasks: TaskCandidate[]) =>
  routeBlockers(
    messages.map((m) => (typeof m === 'string' ? { message: m } : m)),
    tasks,
  ).tasks;

describe('repair routing (seed-behaviour G8, G11, G12, G13 and more)', () => {
  it('G8: a failing test command points at the file said to be wrong, not at the test', () => {
    const tasks = [task('annotations', ['src/annotations.js']), task('tests', ['test.mjs']), task('docs', ['README.md'])];
    expect(
      route(['`node test.mjs` exits with code 1 (AssertionError at test.mjs:14): src/annotations.js does not infer the level from the heading'], tasks),
    ).toEqual(['annotations']);
  });

  it('G11: a symptom in one file and a cause in a symbol defined by another task repairs both', () => {
    const core = task('core', ['src/digest.js'], '+export function createDecisionDigest(items) {\n+  return items.filter(Boolean);\n+}\n');
    const integration = task('integration', ['index.js'], '+import { createDecisionDigest } from "./src/digest.js";\n');
    const docs = task('docs', ['docs/usage.md']);
    expect(route(['index.js shows the symptom, but createDecisionDigest omits decisions without a title'], [core, integration, docs]).sort()).toEqual([
      'core',
      'integration',
    ]);
  });

  it('G12: two files named, one as the cause: only its owner is repaired, API names in prompts do not widen it', () => {
    const tasks = [
      task('markdown', ['src/markdown.js'], '', 'Write renderMarkdown() in src/markdown.js.'),
      task('progress', ['src/progress.js'], '', 'Write renderProgress() in src/progress.js, calling renderMarkdown().'),
      task('cli', ['src/cli.js']),
      task('docs', ['README.md']),
    ];
    expect(route(['src/markdown.js drops the heading level, so src/progress.js prints flat output through renderMarkdown()'], tasks)).toEqual(['markdown']);
  });

  it('G13: a docs-only blocker repairs only the docs task', () => {
    const tasks = [task('core', ['src/core.js']), task('cli', ['src/cli.js']), task('docs', ['docs/usage.md', 'README.md'])];
    expect(route(['docs/usage.md does not document the new --verbose flag'], tasks)).toEqual(['docs']);
  });

  it('a failed check is routed by its output, not by the test its command runs', () => {
    const tasks = [task('annotations', ['src/annotations.js']), task('tests', ['test.mjs'])];
    const check = (tail: string) => ({ message: `check \`node test.mjs\` exited with code 1:\n${tail}`, source: 'check' });
    const reviewer = { message: 'src/annotations.js does not infer the kind', source: 'correctness' };
    expect(routeBlockers([check(''), reviewer], tasks).tasks).toEqual(['annotations']);
    expect(routeBlockers([check('Error: src/annotations.js returns undefined for NOTE lines')], tasks).tasks).toEqual(['annotations']);
  });

  it('a reviewer that could not answer blames no task; other blockers still route', () => {
    const tasks = [task('a', ['a.js']), task('b', ['b.js'])];
    const failed = { message: 'reviewer_failed: reviewer correctness: node exited with code 1: rate limited', source: 'correctness' };
    expect(routeBlockers([failed], tasks)).toEqual({ tasks: [], reasons: [] });
    expect(routeBlockers([failed, { message: 'b.js returns null' }], tasks)).toMatchObject({ tasks: ['b'], reasons: [{ task: 'b', blocker: 1 }] });
  });

  it('an explicit blocker file goes straight to its owner', () => {
    const tasks = [task('a', ['src/a/**']), task('b', ['src/b.js'])];
    expect(route([{ message: 'the parser is wrong', file: 'src/a/parse.js' }], tasks)).toEqual(['a']);
  });

  it('a failing test with no other clue is weighed toward the code under test (the code it imports)', () => {
    const tests = task('tests', ['test/parser.test.js'], newFile('test/parser.test.js', "import { parse } from '../src/parser.js';\n"));
    const tasks = [task('parser', ['src/parser.js']), tests];
    expect(route(['test/parser.test.js fails at line 12: expected 3 but got 2'], tasks)).toEqual(['parser']);
  });

  it('symbols named only in prompts are a fallback when no file is named', () => {
    const tasks = [task('fmt', ['src/fmt.js'], '', 'Add formatRow() to src/fmt.js.'), task('cli', ['src/cli.js'])];
    expect(route(['formatRow( ) pads with tabs instead of spaces'], tasks)).toEqual(['fmt']);
  });

  it('a blocker that names nothing sends every task back, with the reason recorded', () => {
    const tasks = [task('a', ['a.js']), task('b', ['b.js'])];
    const r = routeBlockers([{ message: 'the feature is incomplete' }], tasks);
    expect(r.tasks).toEqual(['a', 'b']);
    expect(r.reasons[0].why).toMatch(/every task is repaired/);
  });

  it('records which blocker sent which task back', () => {
    const tasks = [task('a', ['a.js']), task('b', ['b.js']), task('c', ['c.js'])];
    const r = routeBlockers([{ message: 'a.js returns null' }, { message: 'c.js must export run' }], tasks);
    expect(r.tasks).toEqual(['a', 'c']);
    expect(r.reasons.map((x) => [x.task, x.blocker])).toEqual([
      ['a', 0],
      ['c', 1],
    ]);
  });
});
