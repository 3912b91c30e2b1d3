import { describe, expect, it } from 'vitest';
import { compile } from '../../src/plan/compile.js';
import { renderMermaid, renderText } from '../../src/plan/graph.js';
import type { PipelineSource } from '../../src/plan/types.js';

const source = (stages: unknown[], concurrency?: number): PipelineSource => ({
  file: '/p/pipeline.yml',
  dir: '/p',
  name: 'p',
  templates: {},
  spec: { stages: stages as never, ...(concurrency ? { concurrency } : {}) },
});

describe('compile', () => {
  it('orders stages topologically and gives parallel stages one level', () => {
    const plan = compile(
      source([
        { id: 'report', uses: 'exec', needs: ['a', 'b'], with: { run: 'x' } },
        { id: 'a', uses: 'exec', needs: 'setup', with: { run: 'x' } },
        { id: 'setup', uses: 'exec', with: { run: 'x' } },
        { id: 'b', uses: 'exec', needs: ['setup'], when: 'inputs.go', with: { run: 'x' } },
      ]),
    );
    expect(plan.nodes.map((n) => [n.id, n.level])).toEqual([
      ['setup', 0],
      ['a', 1],
      ['b', 1],
      ['report', 2],
    ]);
    expect(plan.nodes[2].when?.source).toBe('inputs.go');
    expect(plan.concurrency).toBe(4);
  });

  it('compiles a loop group with its ceiling and condition', () => {
    const plan = compile(
      source(
        [
          { id: 'build', uses: 'exec', with: { run: 'x' } },
          {
            id: 'rounds',
            needs: ['build'],
            loop: { max: 'inputs.maxRounds', until: "stages.review.outputs.decision == 'approve'" },
            stages: [
              { id: 'review', uses: 'exec', with: { run: 'x' } },
              { id: 'fix', uses: 'exec', needs: 'review', with: { run: 'x' } },
            ],
          },
        ],
        2,
      ),
    );
    const loop = plan.nodes[1];
    expect(loop.type).toBe('loop');
    if (loop.type !== 'loop') return;
    expect(typeof loop.max === 'object' && loop.max.source).toBe('inputs.maxRounds');
    expect(loop.children.map((c) => [c.id, c.level])).toEqual([
      ['review', 0],
      ['fix', 1],
    ]);
    expect(plan.concurrency).toBe(2);
  });

  it('draws the graph as text and mermaid', () => {
    const plan = compile(
      source([
        { id: 'a', uses: 'exec', with: { run: 'x' } },
        { id: 'b', uses: 'exec', needs: 'a', when: 'inputs.go', with: { run: 'x' } },
        { id: 'l', needs: 'a', loop: { max: 2 }, stages: [{ id: 'c', uses: 'exec', with: { run: 'x' } }] },
      ]),
    );
    const text = renderText(plan);
    expect(text).toContain('p: 4 stages');
    expect(text).toMatch(/2 +b +exec +needs a +when inputs\.go/);
    expect(text).toMatch(/2\.1 +c +exec/);
    const mermaid = renderMermaid(plan);
    expect(mermaid.split('\n')[0]).toBe('flowchart TD');
    expect(mermaid).toContain('a --> b');
    expect(mermaid).toContain('subgraph l["l: loop ≤ 2"]');
  });
});
