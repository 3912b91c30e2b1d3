/** Compile: a validated pipeline becomes an execution plan. Pure — no processes, no files. */
import { parseExpression } from '../config/expression.js';
import type { Stage } from '../config/pipeline.generated.js';
import { flattenStages, resolveEdges, type StageEdges } from './edges.js';
import type { Condition, ExecutionPlan, PipelineSource, PlanNode } from './types.js';

const DEFAULT_CONCURRENCY = 4;

export function compile(source: PipelineSource): ExecutionPlan {
  const spec = source.spec;
  // A mis-wired edge is a validation error; here it is left out (its handler then fails saying so).
  const { edges } = resolveEdges(flattenStages(spec.stages ?? []));
  return {
    name: source.name,
    file: source.file,
    dir: source.dir,
    concurrency: spec.concurrency ?? DEFAULT_CONCURRENCY,
    nodes: compileGroup(spec.stages ?? [], edges),
    spec,
    templates: source.templates,
  };
}

type Edges = Map<string, StageEdges>;

function compileGroup(stages: Stage[], edges: Edges): PlanNode[] {
  const ids = new Set(stages.map((s) => s.id));
  const nodes = stages.map((s) => compileNode(s, ids, edges));
  return order(nodes);
}

function condition(source: string | undefined): Condition | undefined {
  return source === undefined ? undefined : { source, expr: parseExpression(source) };
}

function compileNode(stage: Stage, groupIds: Set<string>, edges: Edges): PlanNode {
  const rawNeeds = stage.needs === undefined ? [] : Array.isArray(stage.needs) ? stage.needs : [stage.needs];
  const base = {
    id: stage.id,
    name: stage.name ?? stage.id,
    needs: rawNeeds.filter((n) => groupIds.has(n)),
    when: condition(stage.when),
    level: 0,
  };
  if (stage.loop) {
    const max = stage.loop.max;
    return {
      ...base,
      type: 'loop',
      max: typeof max === 'number' ? max : condition(String(max))!,
      until: condition(stage.loop.until),
      onExhausted: stage.loop.onExhausted ?? 'fail',
      children: compileGroup(stage.stages ?? [], edges),
    };
  }
  return {
    ...base,
    type: 'stage',
    kind: stage.uses!,
    runtime: stage.runtime,
    with: (stage.with ?? {}) as Record<string, unknown>,
    edges: edges.get(stage.id) ?? {},
  };
}

/** Kahn's algorithm, stable in declaration order; assigns each node its parallel level. */
function order(nodes: PlanNode[]): PlanNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const done = new Set<string>();
  const result: PlanNode[] = [];
  while (result.length < nodes.length) {
    const ready = nodes.filter((n) => !done.has(n.id) && n.needs.every((d) => done.has(d)));
    if (ready.length === 0) {
      const stuck = nodes.filter((n) => !done.has(n.id)).map((n) => n.id);
      throw new Error(`dependency cycle among ${stuck.join(', ')} (the validator should have caught this)`);
    }
    for (const n of ready) {
      n.level = Math.max(0, ...n.needs.map((d) => byId.get(d)!.level + 1));
      done.add(n.id);
      result.push(n);
    }
  }
  return result;
}
