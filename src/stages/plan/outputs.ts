/** What a `plan` stage gives the stages after it (a fanout reads it through its `plan` edge). */
import type { Task } from '../../tasks/types.js';
import { outputsOf } from '../outputs.js';
import type { StageContext } from '../types.js';

export type PlanOutputs = {
  /** The commit every workspace starts from (HEAD when the plan ran). */
  base: string;
  tasks: Task[];
  summary: string;
  risks: string[];
  source: 'file' | 'planner';
  notes: string[];
};

export const planOutputs = (ctx: Pick<StageContext, 'scope'>, id: string) => outputsOf<PlanOutputs>(ctx, id);
