/**
 * The routing benchmark's corpora (bench/routing/cases and the held-out bench/routing/holdout,
 * docs/repair.md) stay usable: enough cases, every runner and situation covered, labels that name
 * real tasks, and check output that shows the labelled text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Case {
  id: string;
  runner: string;
  covers: string[];
  base: Record<string, string>;
  tasks: { id: string; files: string[]; prompt: string; diff: string; touched: string[] }[];
  check: { command: string; cwd: string; exitCode: number; stdout: string; stderr: string } | null;
  reviewers: { message: string; file?: string; symbol?: string; source: string }[];
  expect: { tasks: string[]; text?: string; judgement: boolean; why: string };
}

const routing = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'routing');
const corpus = (set: string) =>
  readdirSync(join(routing, set))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: `${set}/${f}`, c: JSON.parse(readFileSync(join(routing, set, f), 'utf8')) as Case }));
const cases = corpus('cases');
const holdout = corpus('holdout');
const RUNNERS = ['node:test', 'tape', 'jest', 'vitest', 'mocha', 'pytest', 'cargo', 'go', 'tsc', 'eslint', 'reviewer'];

describe('routing benchmark corpus', () => {
  it('has at least 46 cases, each runner at least twice, and the situations it promises', () => {
    expect(cases.length).toBeGreaterThanOrEqual(46);
    const runners = cases.map(({ c }) => c.runner);
    for (const r of RUNNERS) {
      expect(runners.filter((x) => x === r).length, r).toBeGreaterThanOrEqual(2);
    }
    const covers = new Set(cases.flatMap(({ c }) => c.covers));
    for (const s of [
      'thrown-in-callee',
      'changed-contract',
      'test-imports-other-task',
      'passing-lines-name-other-tasks',
      'failure-early',
      'failure-late',
      'knock-on',
    ]) {
      expect(covers.has(s), s).toBe(true);
    }
    for (const s of ['explicit-file', 'symbol-only', 'prose-only', 'test-file-named', 'symptom-here-cause-there', 'two-reviewers', 'vague']) {
      expect(covers.has(s), s).toBe(true);
    }
  });

  it('has a held-out corpus of at least 20 cases, each runner at least twice, ids apart from the main corpus', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(20);
    for (const r of RUNNERS) expect(holdout.filter(({ c }) => c.runner === r).length, r).toBeGreaterThanOrEqual(2);
    const ids = new Set(cases.map(({ c }) => c.id));
    for (const { c } of holdout) expect(ids.has(c.id), c.id).toBe(false);
  });

  it.each([...cases, ...holdout])('$file: tasks with diffs, a label naming them, blockers to route', ({ file, c }) => {
    expect(file.split('/')[1]).toBe(`${c.id}.json`);
    expect(c.tasks.length).toBeGreaterThanOrEqual(2);
    expect(c.tasks.length).toBeLessThanOrEqual(4);
    for (const t of c.tasks) {
      expect(t.diff, t.id).toMatch(/^diff --git a\//);
      for (const p of t.touched) expect(t.files, `${t.id} touched ${p}`).toContain(p);
    }
    const ids = c.tasks.map((t) => t.id);
    expect(c.expect.tasks.length).toBeGreaterThan(0);
    for (const t of c.expect.tasks) expect(ids).toContain(t);
    expect(c.check !== null || c.reviewers.length > 0).toBe(true);
  });

  it.each([...cases, ...holdout].filter(({ c }) => c.check))('$file: the check failed and printed the labelled text', ({ c }) => {
    const check = c.check!;
    expect(check.exitCode).not.toBe(0);
    expect(c.expect.text).toBeTruthy();
    expect(`${check.stdout}\n${check.stderr}`.replaceAll(`${check.cwd}/`, '')).toContain(c.expect.text);
  });
});
