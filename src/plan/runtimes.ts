/** Which runtime profiles a plan's agent stages will call (pure). */
import { defaultRuntime, definitionOf } from '../stages/kinds.js';
import type { PlanNode } from './types.js';

export function usedRuntimes(nodes: PlanNode[]): string[] {
  return nodes.flatMap((n): string[] => {
    if (n.type === 'loop') return usedRuntimes(n.children);
    const own = n.runtime ?? defaultRuntime(n.kind);
    if (!own) return [];
    const listKey = definitionOf(n.kind)?.agentList;
    const agents = listKey === undefined ? [] : ((n.with[listKey] as { runtime?: string }[] | undefined) ?? []).map((r) => r.runtime ?? own);
    return agents.length ? agents : [own];
  });
}
