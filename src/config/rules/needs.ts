/** Rules about `needs`: known stages, no self need, no need across a loop boundary, no cycles. */
import type { ConfigError } from '../errors.js';
import type { Segment } from '../path.js';
import { didYouMean } from '../suggest.js';
import { allStages, needsOf, type Rule, type StageEntry } from './context.js';

interface Edge {
  from: StageEntry;
  to: string;
  segments: Segment[];
}

/** Checks every need and returns the errors plus the edges that are valid (for cycle detection). */
function checkNeeds(stages: StageEntry[], error: (s: Segment[], m: string, h?: string) => ConfigError): { errors: ConfigError[]; edges: Edge[] } {
  const byId = new Map<string, StageEntry>();
  for (const s of stages) if (s.id !== undefined && !byId.has(s.id)) byId.set(s.id, s);
  const errors: ConfigError[] = [];
  const edges: Edge[] = [];
  for (const from of stages) {
    for (const { id, segments } of needsOf(from)) {
      const to = byId.get(id);
      if (id === from.id) errors.push(error(segments, `stage "${id}" needs itself`));
      else if (!to) errors.push(error(segments, `unknown stage "${id}"`, didYouMean(id, byId.keys())));
      else if (to.groups.join('/') === from.groups.join('/')) edges.push({ from, to: id, segments });
      else errors.push(acrossLoop(from, to, id, segments, error));
    }
  }
  return { errors, edges };
}

function acrossLoop(
  from: StageEntry,
  to: StageEntry,
  id: string,
  segments: Segment[],
  error: (s: Segment[], m: string, h?: string) => ConfigError,
): ConfigError {
  if (from.groups.includes(id)) {
    return error(
      segments,
      `stage "${String(from.id)}" is inside loop group "${id}", so it cannot need it`,
      "remove it: the group's stages run once the group has started",
    );
  }
  const depth = from.groups.length;
  const inside = to.groups.length > depth && to.groups.slice(0, depth).join('/') === from.groups.join('/');
  if (inside) {
    const group = to.groups[depth];
    if (group === from.id) return error(segments, `loop group "${group}" cannot need its own stage "${id}"`);
    return error(segments, `stage "${id}" is inside loop group "${group}"`, `need the group instead: "${group}"`);
  }
  const group = from.groups[from.groups.length - 1];
  if (!group) return error(segments, `stage "${id}" is inside loop group "${to.groups[0]}"`, `need the group instead: "${to.groups[0]}"`);
  return error(
    segments,
    `stage "${id}" is outside loop group "${group}"`,
    `a stage in a loop group may need only stages of the same group; put "${id}" in the needs of "${group}"`,
  );
}

export const needs: Rule = ({ spec, loc }) => checkNeeds(allStages(spec), (s, m, h) => loc.error(s, m, h)).errors;

export const cycles: Rule = ({ spec, loc }) => {
  const stages = allStages(spec);
  const { edges } = checkNeeds(stages, (s, m) => ({ file: '', line: 0, col: 0, path: '', message: m }));
  const order = new Map(stages.map((s, i) => [s.id, i]));
  const out = new Map<string, Edge[]>();
  for (const e of edges) if (e.from.id !== undefined) out.set(e.from.id, [...(out.get(e.from.id) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: Edge[] = [];
  const reported = new Set<string>();
  const errors: ConfigError[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    for (const e of out.get(id) ?? []) {
      if (state.get(e.to) === 'open') {
        const start = stack.findIndex((s) => s.from.id === e.to);
        const cycle = [...stack.slice(start === -1 ? stack.length : start), e];
        const key = cycle
          .map((c) => c.from.id)
          .sort()
          .join(' ');
        if (reported.has(key)) continue;
        reported.add(key);
        const first = cycle.reduce((a, b) => ((order.get(b.from.id) ?? 0) < (order.get(a.from.id) ?? 0) ? b : a));
        const rotated = [...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first))];
        const names = [...rotated.map((c) => c.from.id), first.from.id];
        errors.push(loc.error(first.segments, `dependency cycle: ${names.join(' → ')}`));
      } else if (!state.has(e.to)) {
        stack.push(e);
        visit(e.to);
        stack.pop();
      }
    }
    state.set(id, 'done');
  };
  for (const s of stages) if (s.id !== undefined && !state.has(s.id)) visit(s.id);
  return errors;
};
