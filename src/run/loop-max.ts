/**
 * Loop ceilings: a whole number of rounds from 1 to 100, written in the pipeline or computed from
 * inputs (`max: inputs.maxRounds`). Checked before a run starts, so a bad input value is a usage
 * error, not a failure after the agents have worked.
 */
import { UserError } from '../util/errors.js';
import { evaluate } from '../config/expression.js';
import type { PlanLoop, PlanNode } from '../plan/types.js';

const MAX_ROUNDS = 100;

/** The ceiling, or why it is not one. */
export function loopCeiling(node: PlanLoop, inputs: Record<string, unknown>): { max: number } | { problem: string } {
  if (typeof node.max === 'number') return { max: node.max };
  const value = evaluate(node.max.expr, { inputs });
  const max = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= MAX_ROUNDS) return { max };
  return { problem: `loop ${node.id}: max ${node.max.source} is ${JSON.stringify(value)}; it must be a whole number from 1 to ${MAX_ROUNDS}` };
}

/** Throws a usage error for the first loop (at any depth) whose ceiling the inputs make invalid. */
export function checkLoopCeilings(nodes: PlanNode[], inputs: Record<string, unknown>): void {
  for (const node of nodes) {
    if (node.type !== 'loop') continue;
    const c = loopCeiling(node, inputs);
    if ('problem' in c) {
      const name = inputNamed(node);
      throw new UserError(
        c.problem,
        name ? `pass a value from 1 to ${MAX_ROUNDS}, e.g. --input ${name}=3` : `check the inputs that ${(node.max as { source: string }).source} reads`,
      );
    }
    checkLoopCeilings(node.children, inputs);
  }
}

function inputNamed(node: PlanLoop): string | undefined {
  return typeof node.max === 'number' ? undefined : /^\s*inputs\.([A-Za-z_][\w-]*)\s*$/.exec(node.max.source)?.[1];
}
