/**
 * Reading another stage's outputs. Each kind declares the shape of its outputs in its own
 * `outputs.ts` (plan, fanout, review, repair, apply) with a typed reader built on this one;
 * consumers name the stage through their compiled edges (`ctx.stage.edges`), never a literal id.
 */
import type { StageContext } from './types.js';

type StagesView = Record<string, { status?: string; outputs?: Record<string, unknown> } | undefined>;

/** The outputs the stage `id` recorded in this run (undefined before it ran or when it was skipped). */
export function outputsOf<T>(ctx: Pick<StageContext, 'scope'>, id: string): Partial<T> | undefined {
  const entry = (ctx.scope.stages as StagesView | undefined)?.[id];
  if (!entry || entry.status === 'skipped') return undefined;
  return entry.outputs as Partial<T> | undefined;
}
