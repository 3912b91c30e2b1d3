/** The stage graph picture of the report, laid out from compiled plans. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/config/load.js';
import { compile } from '../../src/plan/compile.js';
import { drawGraph, graphOf, type Box } from '../../src/report/graph.js';
import { ROOT } from '../helpers/cli.js';

async function picture(ref: string) {
  const loaded = await loadPipeline(ref, { cwd: ROOT });
  if (!loaded.ok) throw new Error(`${ref} does not load`);
  const plan = compile(loaded.pipeline);
  return { plan, picture: drawGraph(graphOf(plan), (n) => ({ status: n.id === 'lint' ? 'failed' : 'succeeded', detail: n.kind })) };
}

const inside = (a: Box, f: Box) => a.x >= f.x && a.y >= f.y && a.x + a.w <= f.x + f.w && a.y + a.h <= f.y + f.h;
const apart = (a: Box, b: Box) => a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

describe('the stage graph picture', () => {
  it('puts stages that run in parallel in one column, left to right by their needs, loops around their members', async () => {
    const { plan, picture: p } = await picture(join(ROOT, 'examples/hello/pipeline.yml'));
    const at = new Map([...p.boxes, ...p.frames].map((b) => [b.id, b]));
    const level = (id: string) => plan.nodes.find((n) => n.id === id)?.level;
    for (const n of plan.nodes) for (const need of n.needs) expect(at.get(need)!.x + at.get(need)!.w, `${need} → ${n.id}`).toBeLessThan(at.get(n.id)!.x);
    const sameLevel = plan.nodes.filter((n) => n.level === level('lint')).map((n) => at.get(n.id)!);
    expect(sameLevel.length).toBeGreaterThan(1);
    expect(new Set(sameLevel.map((b) => b.x + b.w / 2)).size).toBe(1);
    const all = [...p.boxes, ...p.frames];
    for (const [i, a] of all.entries())
      for (const b of all.slice(i + 1)) if (!inside(a, b) && !inside(b, a)) expect(apart(a, b), `${a.id} and ${b.id} overlap`).toBe(true);
    for (const loop of plan.nodes.filter((n) => n.type === 'loop')) {
      const frame = p.frames.find((f) => f.id === loop.id)!;
      for (const member of loop.type === 'loop' ? loop.children : []) expect(inside(at.get(member.id)!, frame)).toBe(true);
    }
    expect(p.edges).toHaveLength(
      plan.nodes.reduce((n, node) => n + node.needs.length + (node.type === 'loop' ? node.children.reduce((m, c) => m + c.needs.length, 0) : 0), 0),
    );
    expect(p.boxes.find((b) => b.id === 'lint')!.status).toBe('failed');
    expect(Math.max(...all.map((b) => b.x + b.w))).toBeLessThanOrEqual(p.width);
  });

  it('draws the shipped pipeline: plan, implement, the review/repair loop, apply, verify', async () => {
    const { picture: p } = await picture('parallel-review-apply');
    expect(p.boxes.map((b) => b.label)).toEqual(['plan', 'implement', 'review', 'repair ◇', 'apply', 'verify']);
    expect(p.frames.map((f) => f.until)).toEqual(["until stages.review.outputs.decision != 'reject'"]);
  });
});
