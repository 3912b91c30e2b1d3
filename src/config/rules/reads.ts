/**
 * What a stage's conditions and templates may read of other stages: `stages.<id>` has a value only
 * once that stage has run, so a read of a stage that is not upstream would depend on which of two
 * parallel stages happens to finish first. Readable: the stage itself, the stages upstream of it
 * (its needs, transitively, the stages inside needed loop groups, and for a stage inside a loop
 * group everything upstream of the group), the other stages of its own loop group (this round's,
 * or the previous round's), and for a loop group's `until`, its own stages.
 */
import { flattenStages } from '../../plan/edges.js';
import type { StageEntry } from './context.js';

export interface Readable {
  (entry: StageEntry, id: string, inUntil?: boolean): boolean;
  /** Why `entry` may not read `id`, and which need would make it readable. */
  problem(entry: StageEntry, id: string): { message: string; hint: string };
}

export function readable(spec: Record<string, unknown>, entries: StageEntry[]): Readable {
  const upstream = new Map<object, Set<string>>();
  flattenStages(spec.stages, upstream);
  const groupOf = new Map(entries.flatMap((e) => (e.id === undefined ? [] : [[e.id, e.groups] as const])));
  const can = (entry: StageEntry, id: string, inUntil = false): boolean => {
    if (id === entry.id || upstream.get(entry.stage)?.has(id)) return true;
    const groups = groupOf.get(id);
    if (groups === undefined) return true; // an unknown stage: reported as such
    const inner = entry.groups[entry.groups.length - 1];
    if (inner !== undefined && groups.includes(inner)) return true;
    return inUntil && entry.id !== undefined && groups.includes(entry.id);
  };
  const problem = (entry: StageEntry, id: string): { message: string; hint: string } => {
    // A stage outside a group needs the group; a stage inside one reads outside stages through the group's needs.
    const need = groupOf.get(id)?.find((g) => !entry.groups.includes(g)) ?? id;
    const group = entry.groups[entry.groups.length - 1];
    return {
      message: `reads stage "${id}", which is not upstream: it may not have run yet`,
      hint: group === undefined ? `add "${need}" to its needs` : `add "${need}" to the needs of its loop group "${group}"`,
    };
  };
  return Object.assign(can, { problem });
}
