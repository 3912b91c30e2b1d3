/** Which runtime profiles a plan's agent stages will call (pure). */
import type { PlanNode } from './types.js';

const DEFAULT_RUNTIME: Record<string, string> = { plan: 'planner', fanout: 'implementer', repair: 'implementer', review: 'reviewer' };

export function usedRuntimes(nodes: PlanNode[]): string[] {
  return nodes.flatMap((n): string[] => {
    if (n.type === 'loop') return usedRuntimes(n.children);
    const own = n.runtime ?? DEFAULT_RUNTIME[n.kind];
    if (!own) return [];
    const reviewers = n.kind === 'review' ? ((n.with.reviewers as { runtime?: string }[] | undefined) ?? []).map((r) => r.runtime ?? own) : [];
    return [...(reviewers.length ? reviewers : [own])];
  });
}
