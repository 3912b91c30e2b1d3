/**
 * The fewest tasks that explain every failure block of a check. A block is explained by a set of
 * tasks that holds every task it blames, or one task whose change the blamed code imports on the
 * failing path (`via`: a knock-on). Among the smallest sets, the one that explains the most blocks
 * by their own blames wins; sets still equal are all kept (their union).
 */
import { uniqueTasks, type Blame } from './blame.js';
import type { BlockBlame } from './blocks.js';

/** Beyond this many candidate tasks, every blamed task is kept (no search). */
const MAX_CANDIDATES = 12;

export function coverBlocks(blocks: BlockBlame[]): Blame[] {
  const used = blocks.filter((b) => b.blames.length);
  const direct = uniqueTasks(used.flatMap((b) => b.blames));
  const ids = [...new Set(used.flatMap((b) => [...b.blames, ...b.via].map((x) => x.task)))];
  if (!used.some((b) => b.via.length) || ids.length > MAX_CANDIDATES) return direct;
  const own = (b: BlockBlame, set: Set<string>) => b.blames.every((x) => set.has(x.task));
  const explains = (b: BlockBlame, set: Set<string>) => own(b, set) || b.via.some((x) => set.has(x.task));
  let best: Set<string>[] = [];
  let bestOwn = -1;
  for (let size = 1; size <= ids.length && !best.length; size++)
    for (const set of subsets(ids, size)) {
      if (!used.every((b) => explains(b, set))) continue;
      const n = used.filter((b) => own(b, set)).length;
      if (n > bestOwn) [best, bestOwn] = [[set], n];
      else if (n === bestOwn) best.push(set);
    }
  const chosen = new Set(best.flatMap((s) => [...s]));
  // Each chosen task's reason: a block that blames it, else a block it explains as a knock-on.
  const reasons = uniqueTasks([...used.flatMap((b) => b.blames), ...used.flatMap((b) => b.via)]).filter((x) => chosen.has(x.task));
  const order = [...new Set(used.flatMap((b) => [...b.blames, ...b.via].map((x) => x.task)))];
  return reasons.sort((a, b) => order.indexOf(a.task) - order.indexOf(b.task));
}

function* subsets(ids: string[], size: number, from = 0, acc: string[] = []): Generator<Set<string>> {
  if (acc.length === size) {
    yield new Set(acc);
    return;
  }
  for (let i = from; i < ids.length; i++) yield* subsets(ids, size, i + 1, [...acc, ids[i]]);
}
