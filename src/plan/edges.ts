/**
 * Data edges: which stages' outputs a stage consumes. Named in a stage's `with` (`plan`, `seedFrom`,
 * `from`, `review`) or, when left out, the unique upstream stage of the right kind. Pure: the
 * validator reports the problems (src/config/rules/edges.ts), compile puts the edges on the plan.
 * Which edges each kind has is in its definition (src/stages/<kind>/definition.ts).
 */
import type { EdgeKey, EdgeSpec } from '../stages/definition.js';
import { edgeSpecs } from '../stages/kinds.js';

/** The resolved edges of one stage: ids of the stages whose outputs it reads. */
export interface StageEdges {
  /** fanout: the plan whose tasks it implements. */
  plan?: string;
  /** fanout: fanouts and repairs whose patches each workspace starts from. */
  seedFrom?: string[];
  /** review: fanouts and repairs whose candidate sets, combined, are judged. */
  from?: string[];
  /** review: the repairs of this review; the newest of their candidate sets replaces `from` in later rounds. */
  repairs?: string[];
  /** repair: the review it repairs (one); apply: the reviews whose approved candidates are applied, combined. */
  review?: string[];
}

/** A stage as the resolver sees it, with everything it (transitively) needs. */
export interface EdgeStage {
  id: string;
  kind?: string;
  with: Record<string, unknown>;
  /** Ids of every stage this one needs, transitively, including the stages inside needed loop groups. */
  upstream: Set<string>;
  /** The stage object it came from (to locate problems). */
  node: object;
}

export interface EdgeProblem {
  node: object;
  /** `with.<key>` (and its index) when the key was written; the stage's `uses` otherwise. */
  key?: EdgeKey;
  index?: number;
  message: string;
  hint?: string;
}

interface TreeNode {
  id?: unknown;
  uses?: unknown;
  needs?: unknown;
  with?: unknown;
  stages?: unknown;
}

const isNode = (v: unknown): v is TreeNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const needList = (n: TreeNode): string[] =>
  typeof n.needs === 'string' ? [n.needs] : Array.isArray(n.needs) ? n.needs.filter((x) => typeof x === 'string') : [];

/**
 * Every stage of the tree with its upstream set (unknown needs and cycles are ignored: other rules
 * report them). `groups`, when given, receives the upstream set of every node, loop groups included.
 */
export function flattenStages(stages: unknown, groups?: Map<object, Set<string>>): EdgeStage[] {
  const out: EdgeStage[] = [];
  const walk = (list: unknown, outer: Set<string>): void => {
    if (!Array.isArray(list)) return;
    const group = list.filter(isNode).filter((n) => typeof n.id === 'string');
    const byId = new Map(group.map((n) => [n.id as string, n]));
    const inside = (n: TreeNode): string[] =>
      Array.isArray(n.stages) ? n.stages.filter(isNode).flatMap((c) => (typeof c.id === 'string' ? [c.id, ...inside(c)] : inside(c))) : [];
    const memo = new Map<string, Set<string>>();
    const upstreamOf = (id: string, seen: Set<string>): Set<string> => {
      const known = memo.get(id);
      if (known) return known;
      const result = new Set(outer);
      if (!seen.has(id)) {
        seen.add(id);
        for (const need of needList(byId.get(id)!)) {
          const dep = byId.get(need);
          if (!dep) continue;
          result.add(need);
          for (const x of inside(dep)) result.add(x);
          for (const x of upstreamOf(need, seen)) result.add(x);
        }
        seen.delete(id);
      }
      memo.set(id, result);
      return result;
    };
    for (const n of group) {
      const id = n.id as string;
      const upstream = upstreamOf(id, new Set());
      groups?.set(n, upstream);
      if (typeof n.uses === 'string') out.push({ id, kind: n.uses, with: isNode(n.with) ? (n.with as Record<string, unknown>) : {}, upstream, node: n });
      walk(n.stages, upstream);
    }
  };
  walk(stages, new Set());
  return out;
}

/** Resolves every stage's edges; a problem leaves that edge out. */
export function resolveEdges(stages: EdgeStage[]): { edges: Map<string, StageEdges>; problems: EdgeProblem[] } {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const edges = new Map<string, StageEdges>();
  const problems: EdgeProblem[] = [];
  for (const s of stages) {
    const e: StageEdges = {};
    for (const spec of edgeSpecs(s.kind)) {
      const ids = resolveOne(s, spec, byId, problems);
      if (!ids) continue;
      if (spec.key === 'plan') e.plan = ids[0];
      else e[spec.key] = ids;
    }
    edges.set(s.id, e);
  }
  for (const s of stages) {
    for (const spec of edgeSpecs(s.kind)) {
      if (!spec.backlink) continue;
      const named = edges.get(s.id)?.[spec.key];
      for (const target of typeof named === 'string' ? [named] : (named ?? [])) {
        const e = edges.get(target);
        if (e) e[spec.backlink] = [...(e[spec.backlink] ?? []), s.id];
      }
    }
  }
  for (const s of stages) if (edgeSpecs(s.kind).some((spec) => spec.key === 'from')) problems.push(...unseeded(s, edges));
  return { edges, problems };
}

/** A seeded fanout's patches hold only its own changes: a review of it must take its seeds too, listed before it. */
function unseeded(review: EdgeStage, edges: Map<string, StageEdges>): EdgeProblem[] {
  const from = edges.get(review.id)?.from ?? [];
  return from.flatMap((id, i) =>
    (edges.get(id)?.seedFrom ?? [])
      .filter((seed) => !from.slice(0, i).includes(seed))
      .map((seed) => ({
        node: review.node,
        key: 'from' as const,
        ...(Array.isArray(review.with.from) ? { index: i } : {}),
        message: `review "${review.id}" reviews "${id}", whose workspaces start from the patches of "${seed}", without "${seed}" before it: its changes would be dropped`,
        hint: `list both, "${seed}" first: from: [${[...new Set([...from.slice(0, i), seed, ...from.slice(i)])].join(', ')}]`,
      })),
  );
}

function resolveOne(s: EdgeStage, spec: EdgeSpec, byId: Map<string, EdgeStage>, problems: EdgeProblem[]): string[] | undefined {
  const raw = s.with[spec.key];
  const what = `${s.kind} "${s.id}" ${spec.verb}`;
  if (raw === undefined) {
    const found = [...s.upstream].filter((id) => spec.kinds.includes(byId.get(id)?.kind ?? ''));
    if (found.length === 1) return found;
    // A review of an existing change (`base` or `worktree`) needs no stage to make its candidate.
    const own = spec.key === 'from' && (s.with.base !== undefined || s.with.worktree !== undefined);
    if (!spec.required || own) return [];
    const kinds = spec.kinds.join(' or ');
    if (!found.length) {
      problems.push({
        node: s.node,
        message: `${what}, but no ${kinds} stage is upstream`,
        hint: `add one to its needs or to its loop group's needs, or name it with with.${spec.key}`,
      });
    } else {
      problems.push({
        node: s.node,
        message: `${what}, and several are upstream (${found.join(', ')})`,
        hint: `name ${spec.many ? 'them' : 'one'} with with.${spec.key}`,
      });
    }
    return undefined;
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const ok: string[] = [];
  list.forEach((id, i) => {
    const index = Array.isArray(raw) ? i : undefined;
    if (typeof id !== 'string') return;
    const problem = (message: string, hint?: string) => problems.push({ node: s.node, key: spec.key, index, message, ...(hint ? { hint } : {}) });
    const target = byId.get(id);
    if (!target) return problem(`unknown stage "${id}"`, suggest(id, byId, spec.kinds));
    if (!spec.kinds.includes(target.kind ?? ''))
      return problem(`${what}, but "${id}" is ${/^[aeiou]/.test(target.kind ?? '') ? 'an' : 'a'} ${target.kind} stage`, suggest(id, byId, spec.kinds));
    if (!s.upstream.has(id))
      return problem(`stage "${id}" is not upstream of "${s.id}"`, `add "${id}" (or the loop group around it) to the needs of "${s.id}" or of its loop group`);
    ok.push(id);
  });
  if (!spec.many && Array.isArray(raw)) problems.push({ node: s.node, key: spec.key, message: `with.${spec.key} names one stage, not a list` });
  return ok.length === list.length ? ok : undefined;
}

function suggest(id: string, byId: Map<string, EdgeStage>, kinds: readonly string[]): string | undefined {
  const fitting = [...byId.values()].filter((s) => kinds.includes(s.kind ?? '')).map((s) => s.id);
  return fitting.length ? `${kinds.join(' or ')} stages: ${fitting.join(', ')}` : undefined;
}
