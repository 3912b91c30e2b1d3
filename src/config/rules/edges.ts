/** Rules about data edges: every stage consumes the outputs of existing, upstream stages of the right kind. */
import { flattenStages, resolveEdges } from '../../plan/edges.js';
import type { Segment } from '../path.js';
import { allStages, type Rule } from './context.js';

export const edges: Rule = ({ spec, loc }) => {
  const where = new Map<object, Segment[]>(allStages(spec).map((e) => [e.stage, e.segments]));
  const { problems } = resolveEdges(flattenStages(spec.stages));
  return problems.flatMap((p) => {
    const at = where.get(p.node);
    if (!at) return [];
    const segments = p.key === undefined ? [...at, 'uses'] : [...at, 'with', p.key, ...(p.index === undefined ? [] : [p.index])];
    return [loc.error(segments, p.message, p.hint)];
  });
};
