/**
 * Regression cases G8–G13 and G17 of the seed (see the seed's behaviour notes, section G), as odw
 * behaves: repair targeting, byte-exact patches and round numbering, through real runs of the
 * shipped pipeline with scripted agents.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callNames, runFlagship, steps, type FlagshipRun } from '../helpers/flagship.js';
import { expectFailure, expectUntouched, history } from './expect.js';
import { ALPHA, BETA, DOCS, always, approve, conflict, demoFiles, goodThree, reject, routing, task, threePlan } from './scenarios.js';

const repairOf = (r: FlagshipRun) => history(r).find((h) => h.step === 'repair')!;

describe.concurrent('seed regression cases: repair targeting and patches', () => {
  it('G8: "`node test.mjs` exits with code 1 … src/annotations.js does not infer …" → only the owner of annotations.js is repaired', async () => {
    const files = { 'src/annotations.js': '// annotations\n', 'test.mjs': '// tests\n', 'README.md': '# notes\n' };
    const tasks = [task('annotations', ['src/annotations.js']), task('tests', ['test.mjs']), task('docs', ['README.md'])];
    const wrong = 'export function annotate(text) {\n  return { text };\n}\n';
    const right = "export function annotate(text) {\n  return { text, kind: text.startsWith('NOTE') ? 'note' : 'plain' };\n}\n";
    // on failure the test prints the absolute path of the code under test, as a stack trace would
    const test =
      "import { annotate } from './src/annotations.js';\nconst where = new URL('./src/annotations.js', import.meta.url).pathname;\nif (annotate('NOTE: x').kind !== 'note') { console.error(`${where}: kind is ${annotate('NOTE: x').kind} for NOTE lines`); process.exit(1); }\n";
    const blocker =
      "`node test.mjs` exits with code 1: AssertionError: expected kind 'note' but got undefined. src/annotations.js does not infer the kind from the NOTE prefix.";
    const scenario = routing(
      { annotations: { 'src/annotations.js': wrong }, tests: { 'test.mjs': test }, docs: { 'README.md': '# notes\n\nannotate() tags NOTE lines.\n' } },
      { annotations: { 'src/annotations.js': right } },
      blocker,
    );
    const r = await runFlagship({ files, tasks, scenario, inputs: { check: 'node test.mjs' } });
    expect(r.code).toBe(0);
    // the check failed in the review workspace; its output reads as repository paths
    const review1 = history(r).find((h) => h.step === 'review' && h.round === 1)!;
    expect(review1.blockers[0]).toEqual({
      message: 'check `node test.mjs` exited with code 1:\nsrc/annotations.js: kind is undefined for NOTE lines',
      source: 'check',
    });
    expect(repairOf(r)).toMatchObject({ tasks: ['annotations'], kept: ['tests', 'docs'] });
    expect(callNames(r, 'repair')).toEqual(['repair:annotations@2']);
    expect(await r.repo.read('src/annotations.js')).toBe(right);
    expect(await r.repo.read('test.mjs')).toBe(test);
  });

  it('G9: a patch ending in a single-space context line, combined with a new-file patch → approved and applied byte-exact', async () => {
    const notes = 'title\nalpha\nbeta\n\ngamma\n';
    const edited = 'TITLE\nalpha\nbeta\n\ngamma\n';
    const created = 'export const fresh = true;\n';
    const tasks = [task('edit', ['notes.txt']), task('create', ['src/new.js'])];
    const r = await runFlagship({
      files: { 'notes.txt': notes },
      tasks,
      scenario: {
        implement: { edit: { '*': { write: { 'notes.txt': edited } } }, create: { '*': { write: { 'src/new.js': created } } } },
        review: always(approve),
      },
    });
    expect(r.code).toBe(0);
    const patches = join(r.repo.dir, '.odw/runs', r.record.id, 'patches');
    // the first patch ends in the blank line of the file as context: a line holding one space
    expect(readFileSync(join(patches, 'edit.r1.patch'), 'utf8').endsWith('\n beta\n \n')).toBe(true);
    expect(readFileSync(join(patches, 'candidate.r1.patch'), 'utf8')).toContain('\n \ndiff --git a/src/new.js b/src/new.js\n');
    expect(await r.repo.readBytes('notes.txt')).toEqual(Buffer.from(edited));
    expect(await r.repo.readBytes('src/new.js')).toEqual(Buffer.from(created));
    expect(history(r).find((h) => h.step === 'apply')).toMatchObject({ ok: true, files: ['notes.txt', 'src/new.js'] });
  });

  it('G10: conflicting patches → reject before any reviewer: reviews=[], blocker "patch_conflict: …", gate preflight, tree untouched', async () => {
    const r = await runFlagship({ files: demoFiles, ...conflict, inputs: { maxRounds: '1' } });
    const last = expectFailure(r, 'review_rounds_exhausted', 'review');
    expect(last).toMatchObject({ decision: 'reject', gate: 'preflight', reviewers: [] });
    expect(last.blockers).toEqual([expect.objectContaining({ message: expect.stringMatching(/^patch_conflict: /), file: 'src/a.js', source: 'gate' })]);
    expect(r.record.stages['review@r1'].outputs).toMatchObject({ reviews: [], preflight: { category: 'patch_conflict', tasks: ['alpha', 'beta'] } });
    expect(callNames(r, 'review')).toEqual([]);
    await expectUntouched(r);
  });

  it('G11: "index.js shows the symptom, but createDecisionDigest omits …" → the core (defines it) and the integration task are repaired', async () => {
    const files = { 'src/digest.js': '// digest\n', 'index.js': '// entry\n', 'README.md': '# digest\n' };
    const tasks = [task('core', ['src/digest.js']), task('integration', ['index.js']), task('docs', ['README.md'])];
    const first = {
      core: { 'src/digest.js': 'export function createDecisionDigest(decisions) {\n  return decisions.map((d) => ({ id: d.id }));\n}\n' },
      integration: {
        'index.js': "import { createDecisionDigest } from './src/digest.js';\nconsole.log(createDecisionDigest([{ id: 1, decision: 'ship' }]));\n",
      },
      docs: { 'README.md': '# digest\n\nPrints a digest of decisions.\n' },
    };
    const fixed = {
      core: { 'src/digest.js': 'export function createDecisionDigest(decisions) {\n  return decisions.map((d) => ({ id: d.id, decision: d.decision }));\n}\n' },
    };
    const r = await runFlagship({
      files,
      tasks,
      scenario: routing(first, fixed, 'index.js shows the symptom, but createDecisionDigest omits the decision field of each entry'),
    });
    expect(r.code).toBe(0);
    expect(repairOf(r)).toMatchObject({ tasks: ['core', 'integration'], kept: ['docs'] });
    expect(callNames(r, 'repair').sort()).toEqual(['repair:core@2', 'repair:integration@2']);
    expect(await r.repo.read('src/digest.js')).toBe(fixed.core['src/digest.js']);
  });

  it('G12: a blocker naming src/markdown.js (cause) and src/progress.js, API names in the prompts → only markdown repaired, 3 tasks kept', async () => {
    const files = { 'src/markdown.js': '//\n', 'src/progress.js': '//\n', 'src/cli.js': '//\n', 'README.md': '# md\n' };
    const tasks = [
      task('markdown', ['src/markdown.js'], 'Export renderMarkdown(text) from src/markdown.js.'),
      task('progress', ['src/progress.js'], 'In src/progress.js export renderProgress(items), built on renderMarkdown(text) from src/markdown.js.'),
      task('cli', ['src/cli.js'], 'In src/cli.js call renderProgress(items) and print the result.'),
      task('docs', ['README.md'], 'Document renderProgress(items) in README.md.'),
    ];
    const first = {
      markdown: { 'src/markdown.js': "export function renderMarkdown(text) {\n  return text.replace(/^#+ /gm, '');\n}\n" },
      progress: {
        'src/progress.js':
          "import { renderMarkdown } from './markdown.js';\nexport function renderProgress(items) {\n  return items.map(renderMarkdown).join('\\n');\n}\n",
      },
      cli: { 'src/cli.js': "import { renderProgress } from './progress.js';\nconsole.log(renderProgress(['# a']));\n" },
      docs: { 'README.md': '# md\n\nrenderProgress(items) prints progress.\n' },
    };
    const fixed = { markdown: { 'src/markdown.js': 'export function renderMarkdown(text) {\n  return text;\n}\n' } };
    const r = await runFlagship({
      files,
      tasks,
      scenario: routing(first, fixed, 'src/markdown.js drops the heading level of nested lists, so src/progress.js prints them flat'),
    });
    expect(r.code).toBe(0);
    expect(repairOf(r)).toMatchObject({ tasks: ['markdown'], kept: ['progress', 'cli', 'docs'] });
    expect(callNames(r, 'repair')).toEqual(['repair:markdown@2']);
    for (const id of ['progress', 'cli'] as const) for (const [path, text] of Object.entries(first[id])) expect(await r.repo.read(path)).toBe(text);
  });

  it('G13: a docs-only blocker → only docs repaired; the other tasks’ first-round patches land', async () => {
    const wrongDocs = '# demo\n\n`alpha()` returns 2.\n';
    const first = { alpha: { 'src/a.js': ALPHA }, beta: { 'src/b.js': BETA }, docs: { 'README.md': wrongDocs } };
    const r = await runFlagship({
      files: demoFiles,
      tasks: threePlan.tasks,
      scenario: routing(first, { docs: { 'README.md': DOCS } }, { message: 'README.md documents alpha() as returning 2, but it returns 1', file: 'README.md' }),
    });
    expect(r.code).toBe(0);
    expect(repairOf(r)).toMatchObject({ tasks: ['docs'], kept: ['alpha', 'beta'] });
    expect(callNames(r, 'fanout', 'repair').sort()).toEqual(['fanout:alpha@1', 'fanout:beta@1', 'fanout:docs@1', 'repair:docs@2']);
    expect([await r.repo.read('src/a.js'), await r.repo.read('src/b.js'), await r.repo.read('README.md')]).toEqual([ALPHA, BETA, DOCS]);
  });

  it('G17: rounds are numbered 1..maxRounds everywhere (history, events, agents, prompts): reject ×2, approve in round 3/3; maxRounds outside 1–100 is a usage error', async () => {
    const scenario = {
      implement: goodThree,
      review: {
        correctness: { '1': reject('src/a.js must return 1', { file: 'src/a.js' }), '2': reject('src/b.js must return 2', { file: 'src/b.js' }), '*': approve },
        'owner-risk': { '*': approve },
      },
    };
    const r = await runFlagship({ files: demoFiles, tasks: threePlan.tasks, scenario, inputs: { maxRounds: '3' } });
    expect(r.code).toBe(0);
    expect(steps(r.record)).toEqual([
      'plan',
      'implement r1',
      'review r1 reject',
      'repair r1 tasks=alpha kept=beta,docs',
      'review r2 reject',
      'repair r2 tasks=beta kept=alpha,docs',
      'review r3 approve',
      'apply',
      'verify',
    ]);
    expect(r.events.filter((e) => e.type === 'loop_round').map((e) => `${e.round}/${e.max}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(callNames(r, 'repair')).toEqual(['repair:alpha@2', 'repair:beta@3']);
    expect(callNames(r, 'review').filter((c) => c.startsWith('review:correctness'))).toEqual([
      'review:correctness@1',
      'review:correctness@2',
      'review:correctness@3',
    ]);
    expect(r.record.headline).toBe('approved in round 3, 3 files applied');
    const reviewPrompts = (r.record.calls as { id: string; meta: { reviewer?: string; round?: number } }[]).filter((c) => c.meta.reviewer === 'correctness');
    for (const c of reviewPrompts)
      expect(readFileSync(join(r.repo.dir, '.odw/runs', r.record.id, 'calls', c.id, 'prompt.md'), 'utf8')).toContain(
        `reviewer of a combined change, round ${c.meta.round}.`,
      );
    // the ceiling is a whole number from 1 to 100; another value is a usage error (exit 2) before any agent runs
    for (const maxRounds of ['0', '101']) {
      const bad = await runFlagship({ files: demoFiles, tasks: threePlan.tasks, scenario, inputs: { maxRounds } });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe(
        `odw: loop rounds: max inputs.maxRounds is ${maxRounds}; it must be a whole number from 1 to 100\n  hint: pass a value from 1 to 100, e.g. --input maxRounds=3\n`,
      );
      expect(bad.calls).toEqual([]);
      expect(bad.record).toEqual({});
    }
  });
});
