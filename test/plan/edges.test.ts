import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compile } from '../../src/plan/compile.js';
import { flattenStages, resolveEdges } from '../../src/plan/edges.js';
import { renderMermaid, renderText } from '../../src/plan/graph.js';
import type { PlanNode, PlanStage } from '../../src/plan/types.js';
import { ROOT } from '../helpers/cli.js';

const resolve = (stages: unknown[]) => resolveEdges(flattenStages(stages));
const stagesOf = (nodes: PlanNode[]): PlanStage[] => nodes.flatMap((n) => (n.type === 'loop' ? stagesOf(n.children) : [n]));

describe('data edges', () => {
  it('the shipped pipeline names none, and every consumer gets the one upstream stage of its kind', () => {
    const spec = parse(readFileSync(join(ROOT, 'pipelines/parallel-review-apply.yml'), 'utf8'));
    const plan = compile({ file: 'p.yml', dir: ROOT, name: 'p', templates: {}, spec });
    const edges = Object.fromEntries(stagesOf(plan.nodes).map((s) => [s.id, s.edges]));
    expect(edges).toEqual({
      plan: {},
      implement: { plan: 'plan', seedFrom: [] },
      review: { from: ['implement'], repairs: ['repair'] },
      repair: { review: ['review'] },
      apply: { review: ['review'] },
      verify: {},
    });
  });

  it('named edges: a seeded fanout, a review of two fanouts, an apply of two reviews', () => {
    const { edges, problems } = resolve([
      { id: 'p1', uses: 'plan' },
      { id: 'p2', uses: 'plan' },
      { id: 'tests', uses: 'fanout', needs: 'p1' },
      { id: 'impl', uses: 'fanout', needs: ['p2', 'tests'], with: { plan: 'p2', seedFrom: 'tests' } },
      { id: 'r1', uses: 'review', needs: 'impl', with: { from: ['tests', 'impl'] } },
      { id: 'r2', uses: 'review', needs: 'tests', with: { from: 'tests' } },
      { id: 'apply', uses: 'apply', needs: ['r1', 'r2'], with: { review: ['r1', 'r2'] } },
    ]);
    expect(problems).toEqual([]);
    expect(edges.get('impl')).toEqual({ plan: 'p2', seedFrom: ['tests'] });
    expect(edges.get('r1')).toEqual({ from: ['tests', 'impl'] });
    expect(edges.get('apply')).toEqual({ review: ['r1', 'r2'] });
  });

  it('a stage inside a loop group sees what the group needs; a stage after the group sees inside it', () => {
    const { edges, problems } = resolve([
      { id: 'plan', uses: 'plan' },
      { id: 'impl', uses: 'fanout', needs: 'plan' },
      { id: 'rounds', needs: 'impl', loop: { max: 2 }, stages: [{ id: 'check', uses: 'review' }] },
      { id: 'apply', uses: 'apply', needs: 'rounds' },
    ]);
    expect(problems).toEqual([]);
    expect(edges.get('check')).toEqual({ from: ['impl'] });
    expect(edges.get('apply')).toEqual({ review: ['check'] });
  });

  it('reports each mis-wiring once, on the edge that is wrong', () => {
    const { problems } = resolve([
      { id: 'plan', uses: 'plan' },
      { id: 'impl', uses: 'fanout', needs: 'plan' },
      { id: 'lonely', uses: 'review' },
      { id: 'late', uses: 'review', needs: 'impl', with: { from: 'apply' } },
      { id: 'apply', uses: 'apply', needs: 'late', with: { review: 'impl' } },
      { id: 'two', uses: 'repair', needs: ['late', 'lonely'] },
    ]);
    expect(problems.map((p) => [p.key ?? 'uses', p.message])).toEqual([
      ['uses', 'review "lonely" reviews the patches of fanout or repair stages, but no fanout or repair stage is upstream'],
      ['from', 'review "late" reviews the patches of fanout or repair stages, but "apply" is an apply stage'],
      ['review', 'apply "apply" applies what review stages approved, but "impl" is a fanout stage'],
      ['uses', 'repair "two" repairs what a review stage rejected, and several are upstream (late, lonely)'],
    ]);
  });
});

describe('data edges of a review of an existing change', () => {
  it('a review with its own base or worktree needs no fanout upstream', () => {
    const { edges, problems } = resolve([
      { id: 'review', uses: 'review', with: { base: 'main' } },
      { id: 'apply', uses: 'apply', needs: 'review' },
    ]);
    expect(problems).toEqual([]);
    expect(edges.get('review')).toEqual({ from: [] });
  });
});

describe('odw graph draws data edges', () => {
  it('text lists what each stage reads; mermaid draws the reads that needs does not, dotted', () => {
    const plan = compile({
      file: 'p.yml',
      dir: ROOT,
      name: 'p',
      templates: {},
      spec: {
        stages: [
          { id: 'plan', uses: 'plan' },
          { id: 'impl', uses: 'fanout', needs: 'plan' },
          { id: 'rounds', needs: 'impl', loop: { max: 2 }, stages: [{ id: 'review', uses: 'review' }] },
          { id: 'apply', uses: 'apply', needs: 'rounds' },
        ],
      } as never,
    });
    expect(renderText(plan)).toMatch(/apply +apply +needs rounds +reads review/);
    const mermaid = renderMermaid(plan).split('\n');
    expect(mermaid.filter((l) => l.includes('-.->')).map((l) => l.trim())).toEqual(['impl -.-> review', 'review -.-> apply']);
  });
});

describe('a review of a seeded fanout', () => {
  it('must take the seeds too, listed before it: otherwise their changes would be dropped', () => {
    const stages = (from: unknown) => [
      { id: 'p1', uses: 'plan' },
      { id: 'p2', uses: 'plan' },
      { id: 'tests', uses: 'fanout', needs: 'p1' },
      { id: 'impl', uses: 'fanout', needs: ['p2', 'tests'], with: { plan: 'p2', seedFrom: ['tests'] } },
      { id: 'review', uses: 'review', needs: 'impl', with: { from } },
    ];
    expect(resolve(stages(['tests', 'impl'])).problems).toEqual([]);
    const missing = resolve(stages('impl')).problems;
    expect(missing.map((p) => [p.key, p.index, p.message, p.hint])).toEqual([
      [
        'from',
        undefined,
        'review "review" reviews "impl", whose workspaces start from the patches of "tests", without "tests" before it: its changes would be dropped',
        'list both, "tests" first: from: [tests, impl]',
      ],
    ]);
    expect(resolve(stages(['impl', 'tests'])).problems.map((p) => p.index)).toEqual([0]);
  });
});
