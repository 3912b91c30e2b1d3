import type { Expr } from '../config/expression.js';
import type { OdwPipeline, Stage } from '../config/pipeline.generated.js';
import type { StageEdges } from './edges.js';

export type StageKind = NonNullable<Stage['uses']>;

/** What compile needs from a loaded pipeline (src/config/load.ts's ResolvedPipeline fits). */
export interface PipelineSource {
  file: string;
  dir: string;
  name: string;
  spec: OdwPipeline;
  templates: Record<string, string>;
}

export interface Condition {
  source: string;
  expr: Expr;
}

interface NodeBase {
  id: string;
  name: string;
  /** Ids of nodes in the same group (top level or one loop) that must finish first. */
  needs: string[];
  when?: Condition;
  /** Parallel level within its group, from 0: nodes of one level may run at once. */
  level: number;
}

export interface PlanStage extends NodeBase {
  type: 'stage';
  kind: StageKind;
  runtime?: string;
  with: Record<string, unknown>;
  /** The stages whose outputs this one reads (src/plan/edges.ts), resolved once at compile. */
  edges: StageEdges;
}

export interface PlanLoop extends NodeBase {
  type: 'loop';
  max: number | Condition;
  until?: Condition;
  /** When the last round ends and `until` still does not hold (default `fail`). */
  onExhausted: 'fail' | 'succeed';
  children: PlanNode[];
}

export type PlanNode = PlanStage | PlanLoop;

/** The compiled pipeline: pure data, built without touching processes, git or the clock. */
export interface ExecutionPlan {
  name: string;
  file: string;
  dir: string;
  concurrency: number;
  /** Top-level nodes in a topological order (declaration order among equals). */
  nodes: PlanNode[];
  spec: OdwPipeline;
  templates: Record<string, string>;
}
