/**
 * A stage's list of agents (a review's `reviewers`: the definition's `agentList`) says who is
 * called: not an empty list (which would silently mean the default single agent), and one id per
 * agent (the id names its call, its answer and its blockers).
 */
import type { ConfigError } from '../errors.js';
import { formatPath, isObject, type Segment } from '../path.js';
import { definitionOf } from '../../stages/kinds.js';
import { allStages, type Rule } from './context.js';

export const agentLists: Rule = ({ spec, loc }) => {
  const errors: ConfigError[] = [];
  for (const { stage, segments } of allStages(spec)) {
    const key = definitionOf(typeof stage.uses === 'string' ? stage.uses : undefined)?.agentList;
    const list = key !== undefined && isObject(stage.with) ? stage.with[key] : undefined;
    if (!Array.isArray(list)) continue;
    const at = [...segments, 'with', key!];
    const who = key!.replace(/s$/, '');
    if (list.length === 0) {
      errors.push(loc.error(at, 'must not be empty', `leave "${key!}" out for one ${who} on the stage's runtime`));
      continue;
    }
    const first = new Map<string, Segment[]>();
    list.forEach((agent, i) => {
      if (!isObject(agent) || typeof agent.id !== 'string') return;
      const seen = first.get(agent.id);
      if (seen) errors.push(loc.error([...at, i, 'id'], `duplicate ${who} id "${agent.id}"`, `first used at ${formatPath(seen)}`));
      else first.set(agent.id, [...at, i]);
    });
  }
  return errors;
};
