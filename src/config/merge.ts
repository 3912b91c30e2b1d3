/**
 * Merge rules of `extends` (documented in docs/pipeline.md). Every merged object is registered in
 * Origins so that an error at a merged path points at the file and line that wrote the value.
 */
import { isObject, type Segment } from './path.js';
import type { Located, Origin, Origins } from './origins.js';

export interface MergeState {
  origins: Origins;
  /** Stages an extending file added with a new id (they need their own uses or loop). */
  appended: WeakSet<object>;
}

/** Parent keys, then child keys replacing them; the result is registered with origin `self`. */
function shallow(st: MergeState, p: Located, c: Located, self: Origin, merge?: (key: string, p: Located, c: Located) => Located | undefined): Located {
  const out: Record<string, unknown> = {};
  const keys = new Map<Segment, Origin>();
  const put = (key: string, l: Located): void => {
    out[key] = l.v;
    keys.set(key, l.o);
  };
  for (const key of Object.keys(p.v as object)) if (key !== 'extends') put(key, st.origins.at(p, key));
  for (const key of Object.keys(c.v as object)) {
    if (key === 'extends') continue;
    const cl = st.origins.at(c, key);
    const merged = Object.hasOwn(out, key) && merge ? merge(key, st.origins.at(p, key), cl) : undefined;
    put(key, merged ?? cl);
  }
  return { v: st.origins.register(out, self, keys), o: self };
}

function bothObjects(p: Located, c: Located): boolean {
  return isObject(p.v) && isObject(c.v);
}

/** Per entry (an input, a runtime profile): the child's fields override the parent's. */
function perEntry(st: MergeState, p: Located, c: Located): Located | undefined {
  if (!bothObjects(p, c)) return undefined;
  return shallow(st, p, c, c.o, (_key, pe, ce) => (bothObjects(pe, ce) ? shallow(st, pe, ce, pe.o) : undefined));
}

/** Merges the top-level mappings of a parent pipeline and the child that extends it. */
export function mergePipeline(st: MergeState, parent: Located, child: Located): Located {
  return shallow(st, parent, child, child.o, (key, p, c) => {
    if (key === 'inputs' || key === 'runtimes') return perEntry(st, p, c);
    if (key === 'workspace') return bothObjects(p, c) ? shallow(st, p, c, c.o) : undefined;
    if (key === 'stages') return mergeStages(st, p, c);
    return undefined;
  });
}

/** A copy of a single file's mapping without `extends`. */
export function withoutExtends(st: MergeState, root: Located): Located {
  return shallow(st, { v: {}, o: root.o }, root, root.o);
}

function stageId(v: unknown): string | undefined {
  return isObject(v) && typeof v.id === 'string' ? v.id : undefined;
}

/** Every stage of a stage tree by id (the first one wins), loop groups included. */
function indexStages(list: unknown, into = new Map<string, object>()): Map<string, object> {
  if (!Array.isArray(list)) return into;
  for (const s of list) {
    const id = stageId(s);
    if (id !== undefined && !into.has(id)) into.set(id, s as object);
    if (isObject(s)) indexStages(s.stages, into);
  }
  return into;
}

function mergeStage(st: MergeState, p: Located, c: Located): Located {
  return shallow(st, p, c, p.o, (key, pw, cw) => (key === 'with' && bothObjects(pw, cw) ? shallow(st, pw, cw, pw.o) : undefined));
}

function array(st: MergeState, items: Located[], self: Origin): Located {
  const keys = new Map<Segment, Origin>(items.map((l, i) => [i, l.o]));
  return {
    v: st.origins.register(
      items.map((l) => l.v),
      self,
      keys,
    ),
    o: self,
  };
}

/**
 * A child stage whose id matches a parent stage (at any depth) overrides it field by field; a
 * child stage with a new id is appended at the top level. A loop group is overridden before its
 * stages, so an override of a stage inside it also applies when the same child replaces the
 * group's `stages`.
 */
function mergeStages(st: MergeState, p: Located, c: Located): Located | undefined {
  if (!Array.isArray(p.v) || !Array.isArray(c.v)) return undefined;
  const index = indexStages(p.v);
  const overrides = new Map<string, Located[]>();
  const added: Located[] = [];
  c.v.forEach((stage, i) => {
    const l = st.origins.at(c, i);
    const id = stageId(stage);
    if (id !== undefined && index.has(id)) overrides.set(id, [...(overrides.get(id) ?? []), l]);
    else {
      if (isObject(stage)) st.appended.add(stage);
      added.push(l);
    }
  });
  const rebuild = (list: Located): Located => {
    let changed = false;
    const items = (list.v as unknown[]).map((stage, i) => {
      let cur = st.origins.at(list, i);
      const id = stageId(stage);
      for (const ov of (id === undefined ? undefined : overrides.get(id)) ?? []) cur = mergeStage(st, cur, ov);
      const v = cur.v;
      if (isObject(v) && Array.isArray(v.stages)) {
        const inner = rebuild(st.origins.at(cur, 'stages'));
        if (inner.v !== v.stages) cur = shallow(st, cur, { v: { stages: inner.v }, o: cur.o }, cur.o, () => inner);
      }
      if (cur.v !== stage) changed = true;
      return cur;
    });
    return changed ? array(st, items, list.o) : list;
  };
  const base = rebuild(p);
  if (added.length === 0) return base;
  const items = (base.v as unknown[]).map((_, i) => st.origins.at(base, i));
  return array(st, [...items, ...added], p.o);
}
