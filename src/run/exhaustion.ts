/**
 * A loop that runs out of rounds. The loop decides that its rounds are exhausted, never a stage:
 * a stage only says what its outcome means when no round follows (`StageResult.exhaustion`, the
 * review's `review_rounds_exhausted`); without one the loop fails as `loop_exhausted`.
 */
import { evaluate, references, truthy } from '../config/expression.js';
import type { RunError } from '../ports/events.js';
import type { PlanLoop, PlanStage } from '../plan/types.js';
import type { StageResult } from '../stages/types.js';
import type { Scope } from './scope.js';

export type Round = { round: number; max: number } | undefined;

/**
 * A stage's result as its loop rules it: a stage that gave an exhaustion cause fails with it
 * outside a loop (no round follows), and in its loop's last round when the loop's `until` reads it
 * and still does not hold with its outputs (or the loop has no `until`), unless the loop says
 * `onExhausted: succeed`.
 */
export function ruleOnExhaustion(scope: Scope, stage: PlanStage, loop: Round, group: PlanLoop | undefined, result: StageResult): StageResult {
  const cause = result.exhaustion;
  if (result.status !== 'succeeded' || !cause) return result;
  if (group) {
    if (!loop || loop.round < loop.max || group.onExhausted === 'succeed') return result;
    if (group.until) {
      if (!references(group.until.expr).stages.includes(stage.id)) return result;
      const stages = { ...scope.stages, [stage.id]: { status: result.status, outputs: result.outputs ?? {} } };
      if (truthy(evaluate(group.until.expr, { ...scope, stages, loop }))) return result;
    }
  }
  const line = `${cause.category}: ${cause.message}`;
  const history = result.history?.map((h, i, all) => (i === all.length - 1 ? { ...h, ok: false, error: line } : h));
  return { ...result, status: 'failed', error: cause, ...(history ? { history } : {}) };
}

/** The loop's own failure when its last round ends and `until` still does not hold. */
export function loopExhausted(node: PlanLoop, rounds: number, lastFailure: string | undefined): RunError {
  const tried = `${rounds} round${rounds === 1 ? '' : 's'}`;
  return {
    category: 'loop_exhausted',
    message: `loop ${node.id}: ${node.until?.source ?? 'its condition'} still false after ${tried} (its max)${lastFailure ? `; last failure: ${lastFailure}` : ''}`,
  };
}
